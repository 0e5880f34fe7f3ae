"""GlobalMaxPooling1D/2D/3D: contract, values against NumPy and Keras, keepdims, config, aliases."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.pooling import global_max_pooling
from keras_lite.layers.pooling.global_max_pooling import GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D
from keras_lite.testing.layer_contract import run_layer_test

CASES = [(GlobalMaxPooling1D, (2, 5, 3)), (GlobalMaxPooling2D, (2, 4, 5, 3)), (GlobalMaxPooling3D, (2, 3, 4, 2, 3))]
IDS = [c.__name__ for c, _ in CASES]
FORMATS = ["channels_last", "channels_first"]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,shape", CASES, ids=IDS)
def test_contract_and_values(cls, shape, data_format, keepdims):
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    axes = tuple(range(1, len(shape) - 1)) if data_format == "channels_last" else tuple(range(2, len(shape)))
    want = np.max(x, axis=axes, keepdims=keepdims)
    layer = run_layer_test(cls, {"data_format": data_format, "keepdims": keepdims}, shape, input_data=x,
                           expected_output_shape=want.shape)
    np.testing.assert_array_equal(_np(layer(x)), want)


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,shape", CASES, ids=IDS)
def test_values_and_config_match_keras(cls, shape, data_format):
    keras = _keras()
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    kwargs = {"data_format": data_format, "keepdims": True, "name": "g"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs)
    ours = cls(**kwargs)
    np.testing.assert_array_equal(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)))
    assert ours.get_config() == theirs.get_config()
    assert cls.from_config(theirs.get_config()).get_config() == theirs.get_config()


def test_aliases_and_guide_shape():
    assert (global_max_pooling.GlobalMaxPool1D, global_max_pooling.GlobalMaxPool2D,
            global_max_pooling.GlobalMaxPool3D) == (GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D)
    # The guide's encoder ends with GlobalMaxPooling2D() on (None, 4, 4, 16).
    assert GlobalMaxPooling2D()(Input((4, 4, 16))).shape == (None, 16)
    assert GlobalMaxPooling2D(keepdims=True)(Input((None, None, 16))).shape == (None, 1, 1, 16)


def test_wrong_rank_is_named():
    with pytest.raises(ValueError, match=r"'gmp'.*expected ndim=5, found ndim=4.*\(None, 4, 4, 16\)"):
        GlobalMaxPooling3D(name="gmp")(Input((4, 4, 16)))
