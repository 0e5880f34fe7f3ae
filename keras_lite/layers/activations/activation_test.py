"""Activation: contract, values against NumPy, config against Keras, masks pass through."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.activations.activation import Activation
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("activation", ["relu", "softmax", "tanh", None])
def test_contract(activation):
    run_layer_test(Activation, {"activation": activation}, (2, 3, 4), expected_output_shape=(2, 3, 4))


def test_values():
    x = np.linspace(-2, 2, 12, dtype="float32").reshape(3, 4)
    np.testing.assert_allclose(_np(Activation("tanh")(x)), np.tanh(x), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(_np(Activation("relu")(x)), np.maximum(x, 0))
    np.testing.assert_allclose(_np(Activation(None)(x)), x)
    np.testing.assert_allclose(_np(Activation(lambda t: t * 2)(x)), 2 * x)
    e = np.exp(x - x.max(-1, keepdims=True))
    np.testing.assert_allclose(_np(Activation("softmax")(x)), e / e.sum(-1, keepdims=True), rtol=1e-6)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for activation in ["relu", "gelu", None]:
        ours = Activation(activation, name="a").get_config()
        theirs = keras.layers.Activation(activation, name="a").get_config()
        assert ours == theirs
        assert Activation.from_config(theirs).get_config() == ours


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match="no_such_fn"):
        Activation("no_such_fn")


def test_masks_pass_through():
    layer = Activation("relu")
    assert layer.supports_masking
    mask = np.array([True, False])
    assert layer.compute_mask(np.ones((2, 3), "float32"), mask) is mask
    x = Input((3,))
    x._keras_mask = Input((), dtype="bool")
    assert layer(x)._keras_mask is x._keras_mask
