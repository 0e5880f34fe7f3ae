"""MaxPooling1D/2D/3D: contract, values against NumPy and Keras, config, aliases, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.pooling import max_pooling
from keras_lite.layers.pooling.max_pooling import MaxPooling1D, MaxPooling2D, MaxPooling3D
from keras_lite.testing.layer_contract import run_layer_test

# (class, kwargs, channels_last input shape)
CASES = [
    (MaxPooling1D, {}, (2, 7, 3)),
    (MaxPooling1D, {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 8, 3)),
    (MaxPooling2D, {"pool_size": 3}, (2, 7, 8, 2)),
    (MaxPooling2D, {"pool_size": (2, 3), "strides": (1, 2), "padding": "same"}, (2, 5, 6, 2)),
    (MaxPooling3D, {}, (1, 4, 5, 6, 2)),
    (MaxPooling3D, {"pool_size": (2, 1, 3), "strides": 2, "padding": "same"}, (1, 3, 4, 5, 2)),
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


def reference_pool(x, pool_size, strides, padding, reduce):
    """Channels-last N-d pooling in NumPy; 'same' windows leave the padded positions out."""
    spatial = x.shape[1:-1]
    if padding == "same":
        out = [-(-n // s) for n, s in zip(spatial, strides)]
        before = [max((o - 1) * s + k - n, 0) // 2 for o, s, k, n in zip(out, strides, pool_size, spatial)]
    else:
        out = [(n - k) // s + 1 for n, k, s in zip(spatial, pool_size, strides)]
        before = [0] * len(spatial)
    result = np.empty((x.shape[0], *out, x.shape[-1]), x.dtype)
    for idx in np.ndindex(*out):
        window = tuple(slice(max(i * s - b, 0), min(i * s - b + k, n))
                       for i, s, b, k, n in zip(idx, strides, before, pool_size, spatial))
        result[(slice(None), *idx)] = reduce(x[(slice(None), *window)], axis=tuple(range(1, len(spatial) + 1)))
    return result


def half_pool_ok(rank, average=False):
    """No float16 3-D pooling kernels on CPU: TensorFlow (max and average), torch (average); Keras fails too."""
    return not (rank == 3 and (BACKEND == "tensorflow" or (BACKEND == "torch" and average)))


def pool_args(cls, kwargs):
    rank = cls.rank
    defaults = {1: 2, 2: (2, 2), 3: (2, 2, 2)}
    pool = kwargs.get("pool_size", defaults[rank])
    pool = (pool,) * rank if isinstance(pool, int) else pool
    strides = kwargs.get("strides") or pool
    strides = (strides,) * rank if isinstance(strides, int) else strides
    return pool, strides, kwargs.get("padding", "valid")


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("cls,kwargs,shape", CASES, ids=IDS)
def test_contract_and_values(cls, kwargs, shape, data_format):
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    want = reference_pool(x, *pool_args(cls, kwargs), np.max)
    if data_format == "channels_first":
        x, want = _to_first(x), _to_first(want)
    layer = run_layer_test(cls, {**kwargs, "data_format": data_format}, x.shape, input_data=x,
                           expected_output_shape=want.shape, run_mixed_precision_check=half_pool_ok(cls.rank))
    np.testing.assert_allclose(_np(layer(x)), want, rtol=1e-6)


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("cls,kwargs,shape", CASES, ids=IDS)
def test_values_match_keras(cls, kwargs, shape, data_format):
    keras = _keras()
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    if data_format == "channels_first":
        x = _to_first(x)
    kwargs = {**kwargs, "data_format": data_format}
    want = keras.ops.convert_to_numpy(getattr(keras.layers, cls.__name__)(**kwargs)(x))
    np.testing.assert_allclose(_np(cls(**kwargs)(x)), want, rtol=1e-5)


@pytest.mark.parametrize("cls,kwargs,shape", CASES, ids=IDS)
def test_config_matches_keras(cls, kwargs, shape):
    keras = _keras()
    kwargs = {**kwargs, "name": "pool", "data_format": "channels_first"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs).get_config()
    assert cls(**kwargs).get_config() == theirs
    assert cls.from_config(theirs).get_config() == theirs
    assert cls(name="p").get_config() == getattr(keras.layers, cls.__name__)(name="p").get_config()


def test_aliases_and_defaults():
    assert (max_pooling.MaxPool1D, max_pooling.MaxPool2D, max_pooling.MaxPool3D) == (
        MaxPooling1D, MaxPooling2D, MaxPooling3D)
    assert MaxPooling2D().pool_size == (2, 2) and MaxPooling2D().strides == (2, 2)
    assert MaxPooling2D(3, strides=1, padding="SAME").padding == "same"


def test_guide_shapes():
    """The functional-API guide's MaxPooling2D(3) after its convolutions."""
    assert MaxPooling2D(3)(Input((24, 24, 32))).shape == (None, 8, 8, 32)
    assert MaxPooling2D(3)(Input((28, 28, 64))).shape == (None, 9, 9, 64)
    assert MaxPooling2D(3)(Input((None, None, 64))).shape == (None, None, None, 64)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"MaxPooling2D 'mp'.*pool_size \(3, 3\).*\(None, 2, 8, 4\)"):
        MaxPooling2D(3, name="mp")(Input((2, 8, 4)))
    MaxPooling2D(3, padding="same")(Input((2, 8, 4)))
    with pytest.raises(ValueError, match=r"'mp1'.*expected ndim=3, found ndim=4"):
        MaxPooling1D(name="mp1")(Input((4, 4, 4)))
    with pytest.raises(ValueError, match="MaxPooling2D: `pool_size`"):
        MaxPooling2D((2, 2, 2))
    with pytest.raises(ValueError, match="MaxPooling1D: `strides`"):
        MaxPooling1D(2, strides=0)
    with pytest.raises(ValueError, match="MaxPooling3D: `padding`"):
        MaxPooling3D(padding="causal")
