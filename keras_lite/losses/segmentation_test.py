"""Dice and Tversky losses against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import losses
from keras_lite.losses.loss_test import EPS, check_loss, np_value

rng = np.random.default_rng(3)
Y_TRUE = (rng.random((4, 3, 3, 1)) > 0.5).astype("float32")
Y_PRED = rng.random((4, 3, 3, 1)).astype("float32")


def np_dice(t, p, axis=None):
    return 1 - 2 * (t * p).sum(axis) / (t.sum(axis) + p.sum(axis) + EPS)


def np_tversky(t, p, alpha=0.5, beta=0.5, axis=None):
    tp = (t * p).sum(axis)
    # weights on the same terms as Keras 3: alpha on missed positives, beta on false alarms
    return 1 - tp / (tp + alpha * (t * (1 - p)).sum(axis) + beta * ((1 - t) * p).sum(axis) + EPS)


CASES = [
    ("Dice", {"axis": (1, 2, 3)}, losses.dice, lambda t, p: np_dice(t, p, (1, 2, 3))),
    ("Tversky", {"axis": (1, 2, 3)}, losses.tversky, lambda t, p: np_tversky(t, p, axis=(1, 2, 3))),
    ("Tversky", {"alpha": 0.3, "beta": 0.7, "axis": (1, 2, 3)}, losses.tversky,
     lambda t, p: np_tversky(t, p, 0.3, 0.7, (1, 2, 3))),
]


@pytest.mark.parametrize("name,kwargs,fn,reference", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_per_sample_against_numpy_and_keras(name, kwargs, fn, reference):
    check_loss(name, kwargs, Y_TRUE, Y_PRED, reference, fn=fn)


@pytest.mark.parametrize("name,fn,reference", [("Dice", losses.dice, np_dice), ("Tversky", losses.tversky, np_tversky)])
def test_whole_batch_overlap(name, fn, reference):
    import keras

    expected = reference(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(np_value(fn(Y_TRUE, Y_PRED)), expected, rtol=2e-5)
    for reduction in ("sum_over_batch_size", "sum", "none"):
        ours = getattr(losses, name)(reduction=reduction)(Y_TRUE, Y_PRED)
        np.testing.assert_allclose(np_value(ours), expected, rtol=2e-5)
        theirs = getattr(keras.losses, name)(reduction=reduction)(Y_TRUE, Y_PRED)
        np.testing.assert_allclose(np_value(ours), keras.ops.convert_to_numpy(theirs), rtol=1e-5)
    assert getattr(losses, name)().get_config() == getattr(keras.losses, name)().get_config()


def test_tversky_with_equal_weights_is_dice():
    np.testing.assert_allclose(np_value(losses.tversky(Y_TRUE, Y_PRED, axis=(1, 2, 3))),
                               np_value(losses.dice(Y_TRUE, Y_PRED, axis=(1, 2, 3))), rtol=1e-5)
