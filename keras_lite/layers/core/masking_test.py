"""Masking: contract, the mask and zeroed timesteps against NumPy, masks reaching later layers, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.core.masking import Masking
from keras_lite.layers.input_layer import Input
from keras_lite.layers.layer import Layer
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _data(mask_value=0.0):
    x = np.random.default_rng(0).normal(size=(2, 4, 3)).astype("float32")
    x[0, 1] = mask_value
    x[1, 3] = mask_value
    x[1, 0, 0] = mask_value  # only one feature equal: not masked
    return x


class MaskedSum(Layer):
    """Sums the unmasked timesteps: shows which mask reaches it."""

    def call(self, inputs, mask=None):
        if mask is None:
            return ops.sum(inputs, axis=1)
        return ops.sum(ops.where(ops.expand_dims(mask, -1), inputs, 100.0), axis=1)


@pytest.mark.parametrize("mask_value", [0.0, -1.0])
def test_contract_and_values(mask_value):
    run_layer_test(Masking, {"mask_value": mask_value}, (2, 4, 3), expected_output_shape=(2, 4, 3))
    x = _data(mask_value)
    keep = (x != mask_value).any(-1)
    layer = Masking(mask_value)
    np.testing.assert_array_equal(_np(layer(x)), np.where(keep[..., None], x, 0.0))
    np.testing.assert_array_equal(_np(layer.compute_mask(x)), keep)
    np.testing.assert_array_equal(keep, [[True, False, True, True], [True, True, True, False]])


def test_values_match_keras():
    keras = pytest.importorskip("keras")
    x = _data(-1.0)
    theirs = keras.layers.Masking(-1.0)
    np.testing.assert_array_equal(_np(Masking(-1.0)(x)), np.asarray(keras.ops.convert_to_numpy(theirs(x))))
    np.testing.assert_array_equal(_np(Masking(-1.0).compute_mask(x)),
                                  np.asarray(keras.ops.convert_to_numpy(theirs.compute_mask(x))))


def test_symbolic_mask():
    inp = Input((None, 3))
    out = Masking()(inp)
    assert out.shape == (None, None, 3) and out._keras_mask.shape == (None, None)
    assert out._keras_mask.dtype == "bool"


def test_mask_reaches_later_layers_in_a_model():
    inp = Input((4, 3))
    model = Model(inp, MaskedSum()(Masking()(inp)))
    x = _data()
    keep = (x != 0).any(-1)
    np.testing.assert_allclose(_np(model(x)), np.where(keep[..., None], x, 100.0).sum(1), rtol=1e-6)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Masking(mask_value=-1.0, name="m").get_config()
    assert Masking(mask_value=-1.0, name="m").get_config() == theirs
    assert Masking.from_config(theirs).get_config() == theirs
    assert Masking().supports_masking
