"""Resizing: contract, values against NumPy and Keras (interpolations, aspect-ratio crop and pad), config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.preprocessing.resizing import Resizing
from keras_lite.testing.layer_contract import run_layer_test

FORMATS = ["channels_last", "channels_first"]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


def _bilinear_up(x, out_h, out_w):
    """Channels-last half-pixel bilinear resampling to a larger size, edges clamped."""
    for axis, size in ((1, out_h), (2, out_w)):
        n = x.shape[axis]
        src = np.clip((np.arange(size) + 0.5) * n / size - 0.5, 0, n - 1)
        lo = np.floor(src).astype(int)
        hi = np.minimum(lo + 1, n - 1)
        w = (src - lo).reshape([-1 if a == axis else 1 for a in range(x.ndim)])
        x = np.take(x, lo, axis=axis) * (1 - w) + np.take(x, hi, axis=axis) * w
    return x.astype("float32")


@pytest.mark.parametrize("data_format", FORMATS)
def test_contract_and_values(data_format):
    x = np.random.default_rng(0).normal(size=(2, 3, 4, 2)).astype("float32")
    want = _bilinear_up(x, 6, 7)
    if data_format == "channels_first":
        x, want = np.moveaxis(x, -1, 1), np.moveaxis(want, -1, 1)
    layer = run_layer_test(Resizing, {"height": 6, "width": 7, "data_format": data_format}, x.shape, input_data=x,
                           expected_output_shape=want.shape)
    np.testing.assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-6)


def test_nearest_and_integer_images():
    x = np.arange(16, dtype="uint8").reshape(1, 4, 4, 1)
    out = Resizing(2, 2, interpolation="nearest")(x)
    assert ops.dtype(out) == "uint8"
    np.testing.assert_array_equal(_np(out)[0, :, :, 0], x[0, 1::2, 1::2, 0])
    out = Resizing(2, 2)(x)  # bilinear 2x downsampling averages 2x2 blocks, then rounds
    assert ops.dtype(out) == "uint8"
    np.testing.assert_array_equal(_np(out).ravel(), [2, 4, 10, 12])


CASES = [
    {"height": 5, "width": 6},
    {"height": 2, "width": 3, "interpolation": "nearest"},
    {"height": 3, "width": 3, "crop_to_aspect_ratio": True},
    {"height": 4, "width": 8, "pad_to_aspect_ratio": True, "fill_value": 1.0},
    {"height": 7, "width": 9, "interpolation": "bicubic"},
]


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("kwargs", CASES, ids=[str(i) for i in range(len(CASES))])
def test_values_and_config_match_keras(kwargs, data_format):
    keras = _keras()
    if kwargs.get("interpolation") == "bicubic" and BACKEND in ("torch", "tensorflow"):
        pytest.skip("Keras's bicubic follows each engine (torch: a=-0.75; tensorflow: other edge handling); "
                    "keras_lite's ops.image.resize gives jax's numbers on every backend")
    x = np.random.default_rng(1).normal(size=(2, 4, 6, 3)).astype("float32")
    if data_format == "channels_first":
        x = np.moveaxis(x, -1, 1)
    kwargs = {**kwargs, "data_format": data_format, "name": "rs"}
    ours, theirs = Resizing(**kwargs), keras.layers.Resizing(**kwargs)
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(ours(x[0])), keras.ops.convert_to_numpy(theirs(x[0])), rtol=1e-5, atol=1e-5)
    assert ours.get_config() == theirs.get_config()
    assert Resizing.from_config(theirs.get_config()).get_config() == theirs.get_config()


def test_shapes_and_bad_input():
    assert Resizing(5, 6)(Input((None, None, 3))).shape == (None, 5, 6, 3)
    assert Resizing(5, 6, data_format="channels_first")(Input((3, None, 8))).shape == (None, 3, 5, 6)
    with pytest.raises(ValueError, match=r"Resizing 'rz'.*rank 4.*\(None, 3\)"):
        Resizing(2, 2, name="rz")(Input((3,)))
    with pytest.raises(ValueError, match="Resizing: `height`"):
        Resizing(0, 2)
    with pytest.raises(ValueError, match="Resizing: `interpolation`"):
        Resizing(2, 2, interpolation="cubic")
    with pytest.raises(ValueError, match="cannot both be True"):
        Resizing(2, 2, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)
