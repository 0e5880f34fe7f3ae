"""UpSampling1D/2D/3D: contract, values against NumPy and Keras (nearest; bilinear for 2D), config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.up_sampling import UpSampling1D, UpSampling2D, UpSampling3D
from keras_lite.testing.layer_contract import run_layer_test

FORMATS = ["channels_last", "channels_first"]
# (class, kwargs, channels_last input shape, per-spatial-dim factors)
CASES = [
    (UpSampling1D, {}, (2, 3, 4), (2,)),
    (UpSampling1D, {"size": 3}, (2, 3, 4), (3,)),
    (UpSampling2D, {}, (2, 3, 4, 2), (2, 2)),
    (UpSampling2D, {"size": (3, 1)}, (2, 3, 4, 2), (3, 1)),
    (UpSampling3D, {}, (1, 2, 3, 2, 2), (2, 2, 2)),
    (UpSampling3D, {"size": (1, 2, 3)}, (1, 2, 3, 2, 2), (1, 2, 3)),
]
IDS = [f"{c.__name__}-{i}" for i, (c, _, _, _) in enumerate(CASES)]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


def _to_first(x):
    return np.moveaxis(x, -1, 1)


def _bilinear(x, factors):
    """Channels-last half-pixel bilinear upsampling by integer factors, edges clamped."""
    for axis, f in zip((1, 2), factors):
        n = x.shape[axis]
        src = np.clip((np.arange(n * f) + 0.5) / f - 0.5, 0, n - 1)
        lo = np.floor(src).astype(int)
        hi = np.minimum(lo + 1, n - 1)
        w = (src - lo).reshape([-1 if a == axis else 1 for a in range(x.ndim)])
        x = np.take(x, lo, axis=axis) * (1 - w) + np.take(x, hi, axis=axis) * w
    return x.astype("float32")


def _kwargs(cls, kwargs, data_format):
    return kwargs if cls is UpSampling1D else {**kwargs, "data_format": data_format}


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,kwargs,shape,factors", CASES, ids=IDS)
def test_contract_and_values(cls, kwargs, shape, factors, data_format):
    if cls is UpSampling1D and data_format == "channels_first":
        pytest.skip("UpSampling1D has no data_format")
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    want = x
    for axis, f in enumerate(factors, start=1):
        want = np.repeat(want, f, axis=axis)
    if data_format == "channels_first" and cls is not UpSampling1D:
        x, want = _to_first(x), _to_first(want)
    layer = run_layer_test(cls, _kwargs(cls, kwargs, data_format), x.shape, input_data=x,
                           expected_output_shape=want.shape)
    np.testing.assert_array_equal(_np(layer(x)), want)


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("size", [(2, 2), (3, 2)])
def test_bilinear_values(size, data_format):
    x = np.random.default_rng(1).normal(size=(2, 3, 4, 2)).astype("float32")
    want = _bilinear(x, size)
    if data_format == "channels_first":
        x, want = _to_first(x), _to_first(want)
    layer = run_layer_test(UpSampling2D, {"size": size, "interpolation": "bilinear", "data_format": data_format},
                           x.shape, input_data=x, expected_output_shape=want.shape)
    np.testing.assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,kwargs,shape,factors", CASES, ids=IDS)
def test_values_and_config_match_keras(cls, kwargs, shape, factors, data_format):
    keras = _keras()
    x = np.random.default_rng(2).normal(size=shape).astype("float32")
    if data_format == "channels_first":
        x = _to_first(x)
    kwargs = {**_kwargs(cls, kwargs, data_format), "name": "up"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs)
    ours = cls(**kwargs)
    np.testing.assert_array_equal(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)))
    assert ours.get_config() == theirs.get_config()
    assert cls.from_config(theirs.get_config()).get_config() == theirs.get_config()


@pytest.mark.parametrize("data_format", FORMATS)
def test_bilinear_matches_keras(data_format):
    keras = _keras()
    x = np.random.default_rng(3).normal(size=(2, 2, 3, 4)).astype("float32")
    kwargs = {"size": (2, 3), "interpolation": "bilinear", "data_format": data_format}
    want = keras.ops.convert_to_numpy(keras.layers.UpSampling2D(**kwargs)(x))
    np.testing.assert_allclose(_np(UpSampling2D(**kwargs)(x)), want, rtol=1e-5, atol=1e-6)
    assert UpSampling2D(**kwargs).get_config()["interpolation"] == "bilinear"


def test_guide_and_unknown_dims():
    # The guide's decoder: UpSampling2D(3) on (None, 8, 8, 32).
    assert UpSampling2D(3)(Input((8, 8, 32))).shape == (None, 24, 24, 32)
    assert UpSampling2D(3).size == (3, 3)
    assert UpSampling2D((2, 3))(Input((None, 4, 5))).shape == (None, None, 12, 5)
    assert UpSampling2D(2, interpolation="bilinear")(Input((None, 4, 5))).shape == (None, None, 8, 5)
    assert UpSampling1D(4)(Input((None, 3))).shape == (None, None, 3)
    assert UpSampling3D(2, data_format="channels_first")(Input((3, 1, 2, None))).shape == (None, 3, 2, 4, None)


def test_bad_arguments_and_input_are_named():
    with pytest.raises(ValueError, match="UpSampling2D: `size`"):
        UpSampling2D((2, 2, 2))
    with pytest.raises(ValueError, match="UpSampling1D: `size`"):
        UpSampling1D(0)
    with pytest.raises(ValueError, match="UpSampling2D: `interpolation`"):
        UpSampling2D(interpolation="cubic")
    with pytest.raises(ValueError, match=r"'up'.*expected ndim=5, found ndim=4"):
        UpSampling3D(name="up")(Input((2, 2, 2)))
