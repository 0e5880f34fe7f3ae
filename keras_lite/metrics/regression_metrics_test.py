"""Regression metrics (and R2Score) against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import metrics
from keras_lite.metrics.reduction_metrics_test import check_mean_metric, check_metric, np_value

EPS = 1e-7
rng = np.random.default_rng(11)
Y_TRUE = rng.normal(size=(8, 3)).astype("float32")
Y_PRED = (Y_TRUE + rng.normal(scale=0.5, size=(8, 3))).astype("float32")
POSITIVE_TRUE, POSITIVE_PRED = np.abs(Y_TRUE) + 0.1, np.abs(Y_PRED)


def np_normalize(x):
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), EPS)


CASES = [
    ("MeanSquaredError", metrics.mean_squared_error, lambda t, p: ((t - p) ** 2).mean(-1), Y_TRUE, Y_PRED),
    ("MeanAbsoluteError", metrics.mean_absolute_error, lambda t, p: np.abs(t - p).mean(-1), Y_TRUE, Y_PRED),
    ("MeanAbsolutePercentageError", metrics.mean_absolute_percentage_error,
     lambda t, p: 100 * (np.abs(t - p) / np.maximum(np.abs(t), EPS)).mean(-1), POSITIVE_TRUE, Y_PRED),
    ("MeanSquaredLogarithmicError", metrics.mean_squared_logarithmic_error,
     lambda t, p: ((np.log1p(np.maximum(p, EPS)) - np.log1p(np.maximum(t, EPS))) ** 2).mean(-1),
     POSITIVE_TRUE, POSITIVE_PRED),
    ("CosineSimilarity", None, lambda t, p: (np_normalize(t) * np_normalize(p)).sum(-1), Y_TRUE, Y_PRED),
    ("LogCoshError", metrics.log_cosh, lambda t, p: np.log(np.cosh(p - t)).mean(-1), Y_TRUE, Y_PRED),
]


@pytest.mark.parametrize("name,fn,reference,y_true,y_pred", CASES, ids=[c[0] for c in CASES])
def test_against_numpy_and_keras(name, fn, reference, y_true, y_pred):
    check_mean_metric(name, {}, y_true, y_pred, reference, fn=fn)


def test_huber_function():
    e = np.abs(Y_PRED - Y_TRUE)
    expected = np.where(e <= 0.5, 0.5 * e ** 2, 0.5 * e - 0.125).mean(-1)
    np.testing.assert_allclose(np_value(metrics.huber(Y_TRUE, Y_PRED, delta=0.5)), expected, rtol=2e-5)


def test_root_mean_squared_error():
    weights = np.linspace(0.5, 2.0, 4).astype("float32")
    batches = [(Y_TRUE[:4], Y_PRED[:4], None), (Y_TRUE[4:], Y_PRED[4:], weights)]
    w = np.concatenate([np.ones(4), weights])
    expected = np.sqrt((((Y_TRUE - Y_PRED) ** 2).mean(-1) * w).sum() / w.sum())
    check_metric("RootMeanSquaredError", {}, batches, expected=expected)


def np_r2(batches, class_aggregation="uniform_average", num_regressors=0):
    y_true = np.concatenate([b[0] for b in batches]).astype("float64")
    y_pred = np.concatenate([b[1] for b in batches]).astype("float64")
    w = np.concatenate([np.ones(len(b[0])) if b[2] is None else b[2] for b in batches])[:, None]
    mean = (w * y_true).sum(0) / w.sum(0)
    total = (w * (y_true - mean) ** 2).sum(0)
    scores = 1 - (w * (y_true - y_pred) ** 2).sum(0) / total
    if class_aggregation == "uniform_average":
        score = scores.mean()
    elif class_aggregation == "variance_weighted_average":
        score = (scores * total).sum() / total.sum()
    else:
        score = scores
    n = y_true.size  # Keras counts entries, not rows, as the sample size of the adjustment
    if num_regressors and n - num_regressors - 1 > 0:
        score = 1 - (1 - score) * (n - 1) / (n - num_regressors - 1)
    return score


@pytest.mark.parametrize("kwargs", [{}, {"class_aggregation": "variance_weighted_average"},
                                    {"class_aggregation": None}, {"num_regressors": 2}],
                         ids=["uniform", "variance-weighted", "raw", "adjusted"])
def test_r2_score(kwargs):
    weights = np.linspace(0.5, 2.0, 4).astype("float32")
    batches = [(Y_TRUE[:4], Y_PRED[:4], None), (Y_TRUE[4:], Y_PRED[4:], weights)]
    check_metric("R2Score", kwargs, batches, expected=np_r2(batches, **kwargs))


def test_r2_score_falls_back_when_there_are_too_few_samples():
    metric = metrics.R2Score(num_regressors=5)
    metric.update_state(Y_TRUE[:2, :1], Y_PRED[:2, :1])
    np.testing.assert_allclose(np_value(metric.result()), np_r2([(Y_TRUE[:2, :1], Y_PRED[:2, :1], None)]),
                               rtol=1e-5)


def test_r2_score_checks_arguments_and_shapes():
    with pytest.raises(ValueError, match="class_aggregation"):
        metrics.R2Score(class_aggregation="median")
    with pytest.raises(ValueError, match="num_regressors"):
        metrics.R2Score(num_regressors=-1)
    with pytest.raises(ValueError, match="output_dim"):
        metrics.R2Score().update_state(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))


def test_aliases_give_instances():
    assert type(metrics.get("mse")) is metrics.MeanSquaredError
    assert type(metrics.get("MAPE")) is metrics.MeanAbsolutePercentageError
    assert type(metrics.get("msle")) is metrics.MeanSquaredLogarithmicError
    assert type(metrics.get("r2_score")) is metrics.R2Score
    assert type(metrics.get("log_cosh_error")) is metrics.LogCoshError
