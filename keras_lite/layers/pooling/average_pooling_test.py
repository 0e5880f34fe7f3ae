"""AveragePooling1D/2D/3D: contract, values against NumPy and Keras, config, aliases, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.pooling import average_pooling
from keras_lite.layers.pooling.average_pooling import AveragePooling1D, AveragePooling2D, AveragePooling3D
from keras_lite.layers.pooling.max_pooling_test import half_pool_ok, pool_args, reference_pool
from keras_lite.testing.layer_contract import run_layer_test

CASES = [
    (AveragePooling1D, {"pool_size": 2}, (2, 7, 3)),
    (AveragePooling1D, {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 8, 3)),
    (AveragePooling2D, {"pool_size": 3}, (2, 7, 8, 2)),
    (AveragePooling2D, {"pool_size": (2, 3), "strides": (1, 2), "padding": "same"}, (2, 5, 6, 2)),
    (AveragePooling3D, {"pool_size": 2}, (1, 4, 5, 6, 2)),
    (AveragePooling3D, {"pool_size": (2, 1, 3), "strides": 2, "padding": "same"}, (1, 3, 4, 5, 2)),
]
IDS = [f"{c.__name__}-{i}" for i, (c, _, _) in enumerate(CASES)]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


def _to_first(x):
    return np.moveaxis(x, -1, 1)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("cls,kwargs,shape", CASES, ids=IDS)
def test_contract_and_values(cls, kwargs, shape, data_format):
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    want = reference_pool(x, *pool_args(cls, kwargs), np.mean)
    if data_format == "channels_first":
        x, want = _to_first(x), _to_first(want)
    layer = run_layer_test(cls, {**kwargs, "data_format": data_format}, x.shape, input_data=x,
                           expected_output_shape=want.shape,
                           run_mixed_precision_check=half_pool_ok(cls.rank, average=True))
    np.testing.assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("cls,kwargs,shape", CASES, ids=IDS)
def test_values_match_keras(cls, kwargs, shape, data_format):
    keras = _keras()
    if BACKEND == "torch" and kwargs.get("padding") == "same":
        pytest.skip("Keras's torch backend counts its own zero padding in 'same' averages (its jax and "
                    "tensorflow backends do not); the NumPy reference covers these cases")
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    if data_format == "channels_first":
        x = _to_first(x)
    kwargs = {**kwargs, "data_format": data_format}
    want = keras.ops.convert_to_numpy(getattr(keras.layers, cls.__name__)(**kwargs)(x))
    np.testing.assert_allclose(_np(cls(**kwargs)(x)), want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("cls,kwargs,shape", CASES, ids=IDS)
def test_config_matches_keras(cls, kwargs, shape):
    keras = _keras()
    kwargs = {**kwargs, "name": "pool", "data_format": "channels_first"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs).get_config()
    assert cls(**kwargs).get_config() == theirs
    assert cls.from_config(theirs).get_config() == theirs


def test_aliases_and_required_pool_size():
    assert (average_pooling.AvgPool1D, average_pooling.AvgPool2D, average_pooling.AvgPool3D) == (
        AveragePooling1D, AveragePooling2D, AveragePooling3D)
    with pytest.raises(TypeError):
        AveragePooling2D()
    assert AveragePooling2D(3).strides == (3, 3)


def test_integer_inputs_average_in_floats():
    x = np.arange(8, dtype="int32").reshape(1, 4, 2)
    out = AveragePooling1D(2)(x)
    assert ops.dtype(out).startswith("float")
    np.testing.assert_allclose(_np(out), [[[1, 2], [5, 6]]])


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"AveragePooling3D 'ap'.*pool_size \(2, 2, 2\).*\(None, 4, 1, 4, 2\)"):
        AveragePooling3D(2, name="ap")(Input((4, 1, 4, 2)))
    with pytest.raises(ValueError, match=r"AveragePooling1D 'ap1'.*\(None, 5, 3\)"):
        AveragePooling1D(4, data_format="channels_first", name="ap1")(Input((5, 3)))
    with pytest.raises(ValueError, match=r"'ap2'.*expected ndim=4, found ndim=3"):
        AveragePooling2D(2, name="ap2")(Input((4, 4)))
