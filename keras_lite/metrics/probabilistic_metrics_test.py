"""Probabilistic metrics against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import metrics
from keras_lite.metrics.reduction_metrics_test import check_mean_metric, np_value

EPS = 1e-7
rng = np.random.default_rng(12)
LOGITS = rng.normal(size=(8, 4)).astype("float32")
PROBS = (np.exp(LOGITS) / np.exp(LOGITS).sum(-1, keepdims=True)).astype("float32")
SIGMOID = (1 / (1 + np.exp(-LOGITS))).astype("float32")
LABELS = rng.integers(0, 4, size=(8,))
ONE_HOT = np.eye(4, dtype="float32")[LABELS]
BINARY = rng.integers(0, 2, size=(8, 4)).astype("float32")


def np_bce(t, p, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    p = np.clip(1 / (1 + np.exp(-p)) if from_logits else p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p)).mean(-1)


def np_cce(t, p, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[-1]
    p = np.exp(p) / np.exp(p).sum(-1, keepdims=True) if from_logits else p / p.sum(-1, keepdims=True)
    return -(t * np.log(np.clip(p, EPS, 1 - EPS))).sum(-1)


def np_scce(t, p, from_logits=False, ignore_class=None):
    t = t.reshape(-1).astype(int)
    keep = t != ignore_class
    probs = np.exp(p) / np.exp(p).sum(-1, keepdims=True) if from_logits else p / p.sum(-1, keepdims=True)
    picked = np.take_along_axis(probs, np.where(keep, t, 0)[:, None], -1)[:, 0]
    return np.where(keep, -np.log(np.clip(picked, EPS, 1 - EPS)), 0.0)


IGNORED = np.where(np.arange(8) % 4 == 0, -1, LABELS)
CASES = [
    ("BinaryCrossentropy", {}, metrics.binary_crossentropy, np_bce, BINARY, SIGMOID),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, metrics.binary_crossentropy,
     lambda t, p: np_bce(t, p, True, 0.2), BINARY, LOGITS),
    ("CategoricalCrossentropy", {}, metrics.categorical_crossentropy, np_cce, ONE_HOT, PROBS),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, metrics.categorical_crossentropy,
     lambda t, p: np_cce(t, p, True, 0.1), ONE_HOT, LOGITS),
    ("SparseCategoricalCrossentropy", {}, metrics.sparse_categorical_crossentropy, np_scce, LABELS, PROBS),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, metrics.sparse_categorical_crossentropy,
     lambda t, p: np_scce(t, p, True), LABELS[:, None], LOGITS),
    ("KLDivergence", {}, metrics.kl_divergence,
     lambda t, p: (np.clip(t, EPS, 1) * np.log(np.clip(t, EPS, 1) / np.clip(p, EPS, 1))).sum(-1), PROBS[::-1].copy(),
     PROBS),
    ("Poisson", {}, metrics.poisson, lambda t, p: (p - t * np.log(p + EPS)).mean(-1), BINARY * 2, PROBS * 3),
]


@pytest.mark.parametrize("name,kwargs,fn,reference,y_true,y_pred", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1])}" for c in CASES])
def test_against_numpy_and_keras(name, kwargs, fn, reference, y_true, y_pred):
    check_mean_metric(name, kwargs, y_true, y_pred, reference, fn=fn)


def test_focal_functions_are_exported():
    from keras_lite import losses

    assert metrics.binary_focal_crossentropy is losses.binary_focal_crossentropy
    assert metrics.categorical_focal_crossentropy is losses.categorical_focal_crossentropy


def test_sparse_ignore_class_leaves_entries_out():
    import keras

    keep = IGNORED != -1
    values = np_scce(IGNORED, LOGITS, True, -1)
    weights = np.linspace(0.5, 2.0, 8)
    metric = metrics.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    metric.update_state(IGNORED[:4], LOGITS[:4])
    metric.update_state(IGNORED[4:], LOGITS[4:], sample_weight=weights[4:])
    w = np.concatenate([np.ones(4), weights[4:]]) * keep
    np.testing.assert_allclose(np_value(metric.result()), (values * w).sum() / w.sum(), rtol=2e-5)
    assert metric.get_config()["ignore_class"] == -1
    # Keras 3.15 leaves ignored entries out only of weighted batches (unweighted ones count them as 0)
    ours = metrics.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    theirs = keras.metrics.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    for m in (ours, theirs):
        m.update_state(IGNORED, LOGITS, sample_weight=weights)
    np.testing.assert_allclose(np_value(ours.result()), keras.ops.convert_to_numpy(theirs.result()), rtol=1e-5)
