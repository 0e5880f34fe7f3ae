"""Cropping1D/2D/3D: contract, values against NumPy slicing and Keras, the cropping forms, config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.cropping import Cropping1D, Cropping2D, Cropping3D
from keras_lite.testing.layer_contract import run_layer_test

FORMATS = ["channels_last", "channels_first"]
# (class, cropping or None for the default, channels_last input shape, normalized pairs)
CASES = [
    (Cropping1D, None, (2, 5, 3), ((1, 1),)),
    (Cropping1D, (0, 2), (2, 5, 3), ((0, 2),)),
    (Cropping2D, None, (2, 4, 5, 2), ((0, 0), (0, 0))),
    (Cropping2D, (1, 2), (2, 4, 5, 2), ((1, 1), (2, 2))),
    (Cropping2D, ((1, 0), (3, 1)), (2, 4, 5, 2), ((1, 0), (3, 1))),
    (Cropping3D, None, (1, 3, 4, 5, 2), ((1, 1), (1, 1), (1, 1))),
    (Cropping3D, ((0, 1), 1, (2, 0)), (1, 3, 4, 5, 2), ((0, 1), (1, 1), (2, 0))),
]
IDS = [f"{c.__name__}-{i}" for i, (c, _, _, _) in enumerate(CASES)]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


def _kwargs(cls, cropping, data_format):
    kwargs = {} if cropping is None else {"cropping": cropping}
    return kwargs if cls is Cropping1D else {**kwargs, "data_format": data_format}


def _crop(x, pairs):
    return x[(slice(None), *(slice(a, x.shape[i + 1] - b) for i, (a, b) in enumerate(pairs)))]


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,cropping,shape,pairs", CASES, ids=IDS)
def test_contract_and_values(cls, cropping, shape, pairs, data_format):
    if cls is Cropping1D and data_format == "channels_first":
        pytest.skip("Cropping1D has no data_format")
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    want = _crop(x, pairs)
    if data_format == "channels_first":
        x, want = np.moveaxis(x, -1, 1), np.moveaxis(want, -1, 1)
    layer = run_layer_test(cls, _kwargs(cls, cropping, data_format), x.shape, input_data=x,
                           expected_output_shape=want.shape)
    np.testing.assert_array_equal(_np(layer(x)), want)
    assert layer.cropping == (pairs[0] if cls is Cropping1D else pairs)


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,cropping,shape,pairs", CASES, ids=IDS)
def test_values_and_config_match_keras(cls, cropping, shape, pairs, data_format):
    if cls is Cropping1D and data_format == "channels_first":
        pytest.skip("Cropping1D has no data_format")
    keras = _keras()
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    if data_format == "channels_first":
        x = np.moveaxis(x, -1, 1)
    kwargs = {**_kwargs(cls, cropping, data_format), "name": "crop"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs)
    ours = cls(**kwargs)
    np.testing.assert_array_equal(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)))
    assert ours.get_config() == theirs.get_config()
    assert cls.from_config(theirs.get_config()).get_config() == theirs.get_config()


def test_unknown_dims():
    assert Cropping2D(((1, 2), (0, 3)))(Input((None, 8, 5))).shape == (None, None, 5, 5)
    assert Cropping1D((2, 0))(Input((None, 3))).shape == (None, None, 3)
    assert Cropping3D(1, data_format="channels_first")(Input((2, None, 4, 3))).shape == (None, 2, None, 2, 1)


def test_bad_arguments_and_input_are_named():
    with pytest.raises(ValueError, match=r"Cropping2D 'c2'.*\(None, 3, 8, 5\)"):
        Cropping2D(((1, 2), (0, 0)), name="c2")(Input((3, 8, 5)))
    with pytest.raises(ValueError, match=r"Cropping1D 'c1'.*\(None, 2, 3\)"):
        Cropping1D(name="c1")(Input((2, 3)))
    with pytest.raises(ValueError, match=r"Cropping3D 'c3'.*\(None, 4, 3, 3, 2\)"):
        Cropping3D(((0, 0), (0, 0), (1, 1)), data_format="channels_first", name="c3")(Input((4, 3, 3, 2)))
    with pytest.raises(ValueError, match="Cropping2D: `cropping`"):
        Cropping2D((1, 2, 3))
    with pytest.raises(ValueError, match="Cropping1D: `cropping`"):
        Cropping1D(-1)
    with pytest.raises(ValueError, match=r"'c4'.*expected ndim=4, found ndim=3"):
        Cropping2D(name="c4")(Input((2, 2)))
