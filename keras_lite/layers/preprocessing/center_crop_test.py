"""CenterCrop: contract, values against NumPy slicing and Keras (crop, and resize when too small), config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.preprocessing.center_crop import CenterCrop
from keras_lite.testing.layer_contract import run_layer_test

FORMATS = ["channels_last", "channels_first"]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


@pytest.mark.parametrize("data_format", FORMATS)
def test_contract_and_values(data_format):
    x = np.random.default_rng(0).normal(size=(2, 7, 6, 2)).astype("float32")
    want = x[:, 2:5, 1:5]
    if data_format == "channels_first":
        x, want = np.moveaxis(x, -1, 1), np.moveaxis(want, -1, 1)
    layer = run_layer_test(CenterCrop, {"height": 3, "width": 4, "data_format": data_format}, x.shape,
                           input_data=x, expected_output_shape=want.shape)
    np.testing.assert_array_equal(_np(layer(x)), want)
    np.testing.assert_array_equal(_np(layer(x[0])), want[0])


CASES = [(3, 4, (2, 7, 6, 2)), (4, 4, (2, 4, 4, 1)), (6, 4, (2, 4, 5, 3)), (5, 10, (1, 6, 6, 2))]


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("height,width,shape", CASES, ids=[str(i) for i in range(len(CASES))])
def test_values_and_config_match_keras(height, width, shape, data_format):
    keras = _keras()
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    if data_format == "channels_first":
        x = np.moveaxis(x, -1, 1)
    kwargs = {"height": height, "width": width, "data_format": data_format, "name": "cc"}
    ours, theirs = CenterCrop(**kwargs), keras.layers.CenterCrop(**kwargs)
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-6)
    assert ours.get_config() == theirs.get_config()
    assert CenterCrop.from_config(theirs.get_config()).get_config() == theirs.get_config()


def test_dtype_and_shapes():
    out = CenterCrop(2, 2)(np.arange(16, dtype="uint8").reshape(1, 4, 4, 1))
    assert ops.dtype(out) == "float32"
    np.testing.assert_array_equal(_np(out)[0, :, :, 0], [[5, 6], [9, 10]])
    assert CenterCrop(3, 4)(Input((None, None, 3))).shape == (None, 3, 4, 3)
    assert CenterCrop(3, 4, data_format="channels_first")(Input((3, 8, 8))).shape == (None, 3, 3, 4)


@pytest.mark.skipif(BACKEND != "tensorflow", reason="unknown spatial dims on data only arise in tf.function")
def test_unknown_dims_in_a_traced_function():
    import tensorflow as tf

    layer = CenterCrop(2, 3)
    fn = tf.function(layer, input_signature=[tf.TensorSpec((None, None, None, 1), tf.float32)])
    x = np.arange(30, dtype="float32").reshape(1, 5, 6, 1)
    np.testing.assert_array_equal(fn(x).numpy(), x[:, 1:3, 1:4])


def test_bad_input():
    with pytest.raises(ValueError, match=r"CenterCrop 'cc'.*rank 4.*\(None, 3, 3, 3, 1\)"):
        CenterCrop(2, 2, name="cc")(Input((3, 3, 3, 1)))
    with pytest.raises(ValueError, match="CenterCrop: `width`"):
        CenterCrop(2, -1)
