"""ZeroPadding1D/2D/3D: contract, values against NumPy and Keras, the padding forms, config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.zero_padding import ZeroPadding1D, ZeroPadding2D, ZeroPadding3D
from keras_lite.testing.layer_contract import run_layer_test

FORMATS = ["channels_last", "channels_first"]
# (class, padding or None for the default, channels_last input shape, normalized pairs)
CASES = [
    (ZeroPadding1D, None, (2, 3, 4), ((1, 1),)),
    (ZeroPadding1D, (0, 2), (2, 3, 4), ((0, 2),)),
    (ZeroPadding2D, None, (2, 3, 4, 2), ((1, 1), (1, 1))),
    (ZeroPadding2D, (2, 0), (2, 3, 4, 2), ((2, 2), (0, 0))),
    (ZeroPadding2D, ((1, 2), (3, 0)), (2, 3, 4, 2), ((1, 2), (3, 0))),
    (ZeroPadding3D, 1, (1, 2, 3, 2, 2), ((1, 1), (1, 1), (1, 1))),
    (ZeroPadding3D, ((0, 1), 2, (3, 0)), (1, 2, 3, 2, 2), ((0, 1), (2, 2), (3, 0))),
]
IDS = [f"{c.__name__}-{i}" for i, (c, _, _, _) in enumerate(CASES)]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


def _kwargs(padding, data_format):
    return {"data_format": data_format} if padding is None else {"padding": padding, "data_format": data_format}


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,padding,shape,pairs", CASES, ids=IDS)
def test_contract_and_values(cls, padding, shape, pairs, data_format):
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    want = np.pad(x, ((0, 0), *pairs, (0, 0)))
    if data_format == "channels_first":
        x, want = np.moveaxis(x, -1, 1), np.moveaxis(want, -1, 1)
    layer = run_layer_test(cls, _kwargs(padding, data_format), x.shape, input_data=x,
                           expected_output_shape=want.shape)
    np.testing.assert_array_equal(_np(layer(x)), want)
    assert layer.padding == (pairs[0] if cls is ZeroPadding1D else pairs)


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,padding,shape,pairs", CASES, ids=IDS)
def test_values_and_config_match_keras(cls, padding, shape, pairs, data_format):
    keras = _keras()
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    kwargs = {**_kwargs(padding, data_format), "name": "zp"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs)
    ours = cls(**kwargs)
    np.testing.assert_array_equal(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)))
    assert ours.get_config() == theirs.get_config()
    assert cls.from_config(theirs.get_config()).get_config() == theirs.get_config()


def test_unknown_dims_and_dtype():
    assert ZeroPadding2D(((1, 2), (0, 3)))(Input((None, 4, 5))).shape == (None, None, 7, 5)
    assert ZeroPadding1D(2, data_format="channels_first")(Input((3, None))).shape == (None, 3, None)
    out = ZeroPadding1D()(np.ones((1, 2, 1), "int32"))
    assert ops.dtype(out) == "int32"
    np.testing.assert_array_equal(_np(out)[0, :, 0], [0, 1, 1, 0])


def test_bad_arguments_and_input_are_named():
    with pytest.raises(ValueError, match="ZeroPadding2D: `padding`"):
        ZeroPadding2D((1, 2, 3))
    with pytest.raises(ValueError, match="ZeroPadding3D: `padding`"):
        ZeroPadding3D(-1)
    with pytest.raises(ValueError, match="ZeroPadding1D: `padding`"):
        ZeroPadding1D((1, 2, 3))
    with pytest.raises(ValueError, match=r"'zp'.*expected ndim=4, found ndim=3"):
        ZeroPadding2D(name="zp")(Input((2, 2)))
