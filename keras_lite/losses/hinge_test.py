"""Hinge losses against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import losses
from keras_lite.losses.loss_test import check_loss, np_value

rng = np.random.default_rng(1)
Y_PRED = rng.normal(size=(5, 4)).astype("float32")
BINARY = rng.integers(0, 2, size=(5, 4)).astype("float32")
SIGNED = 2 * BINARY - 1
ONE_HOT = np.eye(4, dtype="float32")[[0, 3, 1, 2, 2]]


def np_signed(t):
    return 2 * t - 1 if np.isin(t, (0, 1)).all() else t


CASES = [
    ("Hinge", losses.hinge, lambda t, p: np.maximum(1 - np_signed(t) * p, 0).mean(-1), BINARY),
    ("Hinge", losses.hinge, lambda t, p: np.maximum(1 - t * p, 0).mean(-1), SIGNED),
    ("SquaredHinge", losses.squared_hinge, lambda t, p: (np.maximum(1 - np_signed(t) * p, 0) ** 2).mean(-1), BINARY),
    ("SquaredHinge", losses.squared_hinge, lambda t, p: (np.maximum(1 - t * p, 0) ** 2).mean(-1), SIGNED),
    ("CategoricalHinge", losses.categorical_hinge,
     lambda t, p: np.maximum(((1 - t) * p).max(-1) - (t * p).sum(-1) + 1, 0), ONE_HOT),
]


@pytest.mark.parametrize("name,fn,reference,y_true", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_against_numpy_and_keras(name, fn, reference, y_true):
    check_loss(name, {}, y_true, Y_PRED, reference, fn=fn)


def test_binary_labels_become_signed():
    np.testing.assert_allclose(np_value(losses.hinge([[0.0, 1.0]], [[0.5, 0.5]])), [(1.5 + 0.5) / 2])
    # labels that are not all 0/1 are used as they are
    np.testing.assert_allclose(np_value(losses.hinge([[-1.0, 1.0]], [[0.5, 0.5]])), [(1.5 + 0.5) / 2])
