"""Hinge metrics against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import metrics
from keras_lite.metrics.reduction_metrics_test import check_mean_metric

rng = np.random.default_rng(13)
Y_PRED = rng.normal(size=(8, 3)).astype("float32")
BINARY = rng.integers(0, 2, size=(8, 3)).astype("float32")
ONE_HOT = np.eye(3, dtype="float32")[rng.integers(0, 3, size=(8,))]

CASES = [
    ("Hinge", metrics.hinge, lambda t, p: np.maximum(1 - (2 * t - 1) * p, 0).mean(-1), BINARY),
    ("SquaredHinge", metrics.squared_hinge, lambda t, p: (np.maximum(1 - (2 * t - 1) * p, 0) ** 2).mean(-1), BINARY),
    ("CategoricalHinge", metrics.categorical_hinge,
     lambda t, p: np.maximum(((1 - t) * p).max(-1) - (t * p).sum(-1) + 1, 0), ONE_HOT),
]


@pytest.mark.parametrize("name,fn,reference,y_true", CASES, ids=[c[0] for c in CASES])
def test_against_numpy_and_keras(name, fn, reference, y_true):
    check_mean_metric(name, {}, y_true, Y_PRED, reference, fn=fn)
