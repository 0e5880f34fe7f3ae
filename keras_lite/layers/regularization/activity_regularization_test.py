"""ActivityRegularization: contract, identity output, the loss against NumPy and Keras, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.regularization.activity_regularization import ActivityRegularization
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test

X = np.random.default_rng(0).normal(size=(3, 4)).astype("float32")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(ActivityRegularization, {"l1": 0.1, "l2": 0.2}, (2, 3, 4), expected_output_shape=(2, 3, 4))


def _penalty(x, l1, l2):
    return l1 * np.abs(x).sum() + l2 * np.square(x).sum()


def test_output_is_the_input_and_the_loss_is_l1_l2():
    layer = ActivityRegularization(l1=0.1, l2=0.2)
    one = X[:1]  # a batch of one: Keras's division by the batch size changes nothing
    np.testing.assert_array_equal(_np(layer(one)), one)
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(_np(layer.losses[0])), _penalty(one, 0.1, 0.2), rtol=1e-5)
    layer(one)
    assert len(layer.losses) == 1  # losses are those of the last call


def test_loss_is_averaged_over_the_batch_like_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.ActivityRegularization(l1=0.1, l2=0.2)
    theirs(X)
    ours = ActivityRegularization(l1=0.1, l2=0.2)
    ours(X)
    expected = _penalty(X, 0.1, 0.2) / len(X)
    np.testing.assert_allclose(float(keras.ops.convert_to_numpy(theirs.losses[0])), expected, rtol=1e-5)
    np.testing.assert_allclose(float(_np(ours.losses[0])), expected, rtol=1e-5)


def test_loss_in_a_model():
    inp = Input((4,))
    model = Model(inp, ActivityRegularization(l2=0.5)(inp))
    model(X)
    np.testing.assert_allclose(float(_np(model.losses[0])), _penalty(X, 0.0, 0.5) / len(X), rtol=1e-5)


def test_symbolic_output_is_a_new_tensor():
    inp = Input((4,))
    out = ActivityRegularization(l1=0.1)(inp)
    assert out is not inp and out.shape == (None, 4) and inp._keras_history[1:] == (0, 0)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.ActivityRegularization(l1=0.1, l2=0.3, name="r").get_config()
    assert ActivityRegularization(l1=0.1, l2=0.3, name="r").get_config() == theirs
    clone = ActivityRegularization.from_config(theirs)
    assert clone.get_config() == theirs and clone.supports_masking
    with pytest.raises(ValueError, match="l1"):
        ActivityRegularization(l1=-1.0)
