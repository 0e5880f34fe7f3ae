"""Flatten: contract, values against NumPy (both data formats), unknown dims, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.flatten import Flatten
from keras_lite.testing.layer_contract import run_layer_test

X = np.arange(24, dtype="float32").reshape(2, 3, 4)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("shape,flat", [((2, 3, 4), 12), ((2, 3, 4, 5), 60), ((2, 3), 3), ((2,), 1)])
def test_contract(data_format, shape, flat):
    run_layer_test(Flatten, {"data_format": data_format}, shape, expected_output_shape=(2, flat))


def test_values():
    np.testing.assert_array_equal(_np(Flatten()(X)), X.reshape(2, -1))
    # channels_first: the channels axis moves last first, so the order matches channels_last data.
    np.testing.assert_array_equal(_np(Flatten("channels_first")(X)), np.moveaxis(X, 1, -1).reshape(2, -1))
    np.testing.assert_array_equal(_np(Flatten()(np.arange(3.0))), [[0.0], [1.0], [2.0]])
    assert _np(Flatten()(np.zeros((0, 2, 3), "float32"))).shape == (0, 6)


def test_values_match_keras():
    keras = pytest.importorskip("keras")
    x = np.random.default_rng(0).normal(size=(2, 3, 4, 5)).astype("float32")
    for data_format in ("channels_last", "channels_first"):
        theirs = np.asarray(keras.ops.convert_to_numpy(keras.layers.Flatten(data_format)(x)))
        np.testing.assert_array_equal(_np(Flatten(data_format)(x)), theirs)


@pytest.mark.parametrize("shape,expected", [((None, 3), (None, 3)), ((None, None, 3), (None, None)),
                                            ((2, None, 3), (2, None)), ((None, 2, 3, 4), (None, 24)),
                                            ((None,), (None, 1))])
def test_symbolic_shapes(shape, expected):
    x = Input(batch_shape=shape)
    assert Flatten()(x).shape == expected
    assert Flatten("channels_first")(x).shape == expected


def test_unknown_dims_eagerly():
    """The same layer, built on (None, None, 3), flattens any length."""
    layer = Flatten()
    layer(Input((None, 3)))
    for steps in (1, 4):
        assert tuple(_np(layer(np.ones((2, steps, 3), "float32"))).shape) == (2, 3 * steps)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for data_format in (None, "channels_first"):
        theirs = keras.layers.Flatten(data_format, name="f").get_config()
        assert Flatten(data_format, name="f").get_config() == theirs
        assert Flatten.from_config(theirs).get_config() == theirs
    assert not Flatten().supports_masking
    with pytest.raises(ValueError, match="data_format"):
        Flatten("channels_middle")
