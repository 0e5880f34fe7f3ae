"""F-beta and F1 scores against a NumPy reference and Keras 3."""
import json

import numpy as np
import pytest

from keras_lite.metrics import f_score_metrics as fm
from keras_lite.metrics.confusion_metrics_test import (check_against_keras, check_config, check_jit, check_reset,
                                                       run)

EPS = 1e-7
rng = np.random.default_rng(3)
Y_TRUE = rng.integers(0, 2, size=(10, 3)).astype("float32")
Y_PRED = rng.uniform(size=(10, 3)).astype("float32")
Y_PRED[4] = 0.0  # an all-zero row predicts nothing
WEIGHTS = rng.uniform(0.2, 2.0, size=(10,)).astype("float32")
Y_TRUE_2 = np.eye(3, dtype="float32")[[0, 2, 2, 1]]
Y_PRED_2 = rng.uniform(size=(4, 3)).astype("float32")


def batches(weights=None):
    return [(Y_TRUE, Y_PRED, weights), (Y_TRUE_2, Y_PRED_2, None)]


def np_fbeta(batch_list, average=None, beta=1.0, threshold=None):
    sums = {k: 0.0 for k in ("tp", "fp", "fn", "support")}
    axis = None if average == "micro" else 0
    for y_true, y_pred, weights in batch_list:
        if threshold is None:
            predicted = (y_pred >= y_pred.max(axis=-1, keepdims=True)) & (np.abs(y_pred) > 1e-9)
        else:
            predicted = y_pred > threshold
        predicted = predicted.astype("float64")
        w = np.ones((len(y_true), 1)) if weights is None else np.asarray(weights, "float64")[:, None]
        for key, values in (("tp", predicted * y_true), ("fp", predicted * (1 - y_true)),
                            ("fn", (1 - predicted) * y_true), ("support", y_true)):
            sums[key] = sums[key] + (values * w).sum(axis=axis)
    precision = sums["tp"] / (sums["tp"] + sums["fp"] + EPS)
    recall = sums["tp"] / (sums["tp"] + sums["fn"] + EPS)
    score = (1 + beta ** 2) * precision * recall / (beta ** 2 * precision + recall + EPS)
    if average == "weighted":
        return (score * sums["support"] / (sums["support"].sum() + EPS)).sum()
    return score if average is None else np.mean(score)


CASES = [{}, {"average": "micro"}, {"average": "macro", "threshold": 0.4}, {"average": "weighted"},
         {"threshold": 0.7}]


@pytest.mark.parametrize("kwargs", CASES, ids=[json.dumps(k) for k in CASES])
@pytest.mark.parametrize("beta", [None, 0.5, 2.0])
def test_against_numpy(kwargs, beta):
    for weights in (None, WEIGHTS):
        metric = fm.F1Score(**kwargs) if beta is None else fm.FBetaScore(beta=beta, **kwargs)
        expected = np_fbeta(batches(weights), beta=1.0 if beta is None else beta, **kwargs)
        np.testing.assert_allclose(run(metric, batches(weights)), expected, rtol=1e-5, atol=1e-6)
        shape = () if kwargs.get("average") == "micro" else (3,)
        assert [(v.name, v.shape) for v in metric.variables] == [(n, shape) for n in (
            "true_positives", "false_positives", "false_negatives", "intermediate_weights")]


@pytest.mark.parametrize("kwargs", CASES, ids=[json.dumps(k) for k in CASES])
def test_against_keras(kwargs):
    check_against_keras(fm, "F1Score", kwargs, batches(WEIGHTS))
    check_against_keras(fm, "FBetaScore", {"beta": 1.5, **kwargs}, batches(WEIGHTS))
    check_config(fm.FBetaScore(beta=0.5, **kwargs), batches())
    check_reset(fm.F1Score(**kwargs), batches(WEIGHTS))


def test_config_keys_and_defaults():
    assert fm.F1Score().get_config() == {"name": "f1_score", "dtype": "float32", "average": None, "threshold": None}
    assert fm.FBetaScore().get_config() == {"name": "fbeta_score", "dtype": "float32", "average": None, "beta": 1.0,
                                            "threshold": None}
    assert fm.F1Score()._direction == "up"


def test_perfect_and_empty():
    y = np.eye(3, dtype="float32")
    np.testing.assert_allclose(run(fm.F1Score(), [(y, y, None)]), [1.0, 1.0, 1.0], atol=1e-6)
    np.testing.assert_allclose(run(fm.F1Score(average="macro"), [(y, np.zeros_like(y), None)]), 0.0)
    assert float(run(fm.F1Score(), [])) == 0.0  # nothing seen yet


def test_jit():
    check_jit(lambda: fm.F1Score(average="weighted"), batches(WEIGHTS))
    check_jit(lambda: fm.FBetaScore(beta=2.0, threshold=0.3), batches(WEIGHTS))


def test_bad_arguments_name_the_culprit():
    with pytest.raises(ValueError, match="average"):
        fm.F1Score(average="samples")
    with pytest.raises(ValueError, match="beta"):
        fm.FBetaScore(beta=2)
    with pytest.raises(ValueError, match="beta"):
        fm.FBetaScore(beta=-1.0)
    with pytest.raises(ValueError, match="threshold"):
        fm.F1Score(threshold=1)
    with pytest.raises(ValueError, match="threshold"):
        fm.F1Score(threshold=1.5)
    with pytest.raises(ValueError, match="y_pred.shape"):
        fm.F1Score().update_state(np.ones((2, 3, 4)), np.ones((2, 3, 4)))
