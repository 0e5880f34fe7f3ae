"""GlobalAveragePooling1D/2D/3D: contract, values against NumPy and Keras, keepdims, the 1D mask, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.core.masking import Masking
from keras_lite.layers.input_layer import Input
from keras_lite.layers.pooling import global_average_pooling
from keras_lite.layers.pooling.global_average_pooling import (GlobalAveragePooling1D, GlobalAveragePooling2D,
                                                              GlobalAveragePooling3D)
from keras_lite.testing.layer_contract import run_layer_test

CASES = [(GlobalAveragePooling1D, (2, 5, 3)), (GlobalAveragePooling2D, (2, 4, 5, 3)),
         (GlobalAveragePooling3D, (2, 3, 4, 2, 3))]
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
    want = np.mean(x, axis=axes, keepdims=keepdims)
    layer = run_layer_test(cls, {"data_format": data_format, "keepdims": keepdims}, shape, input_data=x,
                           expected_output_shape=want.shape)
    np.testing.assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("cls,shape", CASES, ids=IDS)
def test_values_and_config_match_keras(cls, shape, data_format):
    keras = _keras()
    x = np.random.default_rng(1).normal(size=shape).astype("float32")
    kwargs = {"data_format": data_format, "keepdims": True, "name": "g"}
    theirs = getattr(keras.layers, cls.__name__)(**kwargs)
    ours = cls(**kwargs)
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-7)
    assert ours.get_config() == theirs.get_config()
    assert cls.from_config(theirs.get_config()).get_config() == theirs.get_config()


def _masked_case(data_format):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(3, 5, 2)).astype("float32")
    mask = np.array([[1, 1, 0, 1, 0], [1, 0, 0, 0, 0], [1, 1, 1, 1, 1]], bool)
    want = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    if data_format == "channels_first":
        x = np.moveaxis(x, -1, 1)
    return x, mask, want


@pytest.mark.parametrize("data_format", FORMATS)
def test_mask_leaves_masked_steps_out(data_format):
    x, mask, want = _masked_case(data_format)
    layer = GlobalAveragePooling1D(data_format=data_format)
    np.testing.assert_allclose(_np(layer(x, mask=mask)), want, rtol=1e-6)
    kept = _np(GlobalAveragePooling1D(data_format=data_format, keepdims=True)(x, mask=mask))
    np.testing.assert_allclose(kept.squeeze(), want, rtol=1e-6)
    assert layer.supports_masking and layer.compute_mask(x, mask) is None
    symbolic = layer(Input(x.shape[1:]), mask=Input((5,), dtype="bool"))
    assert symbolic.shape == (None, 2)


@pytest.mark.parametrize("data_format", FORMATS)
def test_mask_matches_keras(data_format):
    keras = _keras()
    x, mask, _ = _masked_case(data_format)
    theirs = keras.layers.GlobalAveragePooling1D(data_format=data_format)(x, mask=mask)
    ours = GlobalAveragePooling1D(data_format=data_format)(x, mask=mask)
    np.testing.assert_allclose(_np(ours), keras.ops.convert_to_numpy(theirs), rtol=1e-6)


def test_explicit_mask_input_in_a_model():
    from keras_lite.models import Model

    x, mask, want = _masked_case("channels_last")
    inputs, mask_input = Input((None, 2)), Input((None,), dtype="bool")
    model = Model([inputs, mask_input], GlobalAveragePooling1D()(inputs, mask=mask_input))
    np.testing.assert_allclose(_np(model([x, mask])), want, rtol=1e-6)


def test_mask_from_masking_layer_in_a_model():
    from keras_lite.models import Model

    x, mask, want = _masked_case("channels_last")
    x = np.where(mask[..., None], x, 0.0).astype("float32")
    inputs = Input((None, 2))
    model = Model(inputs, GlobalAveragePooling1D()(Masking()(inputs)))
    np.testing.assert_allclose(_np(model(x)), want, rtol=1e-6)


def test_aliases_and_guide_shapes():
    assert (global_average_pooling.GlobalAvgPool1D, global_average_pooling.GlobalAvgPool2D,
            global_average_pooling.GlobalAvgPool3D) == (
        GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D)
    # The guide: GlobalAveragePooling2D after a (None, 7, 7, 64) conv; GlobalAveragePooling1D on (None, None, 32).
    assert GlobalAveragePooling2D()(Input((7, 7, 64))).shape == (None, 64)
    assert GlobalAveragePooling1D()(Input((None, 32))).shape == (None, 32)
    assert _np(GlobalAveragePooling1D()(np.ones((1, 10, 32), "float32"))).shape == (1, 32)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"'gap'.*expected ndim=3, found ndim=4"):
        GlobalAveragePooling1D(name="gap")(Input((4, 4, 16)))
    with pytest.raises(ValueError, match=r"'gap1' \(GlobalAveragePooling1D\): `mask` has shape \(2, 5, 1\); with input "
                                         r"shape \(2, 5, 3\) it must have shape \(2, 5\)"):
        GlobalAveragePooling1D(name="gap1")(np.ones((2, 5, 3), "float32"), mask=np.ones((2, 5, 1), bool))
    with pytest.raises(ValueError, match=r"'gap2'.*`mask` has shape \(None, 3\).*must have shape \(None, 5\)"):
        GlobalAveragePooling1D(name="gap2")(Input((5, 3)), mask=Input((3,), dtype="bool"))
    with pytest.raises(ValueError, match=r"'gap3'.*`mask` has shape \(None, 5\).*must have shape \(None, 3\)"):
        GlobalAveragePooling1D(name="gap3", data_format="channels_first")(Input((5, 3)), mask=Input((5,), dtype="bool"))


def test_embedding_mask_zero_in_a_model():
    from keras_lite.layers.core.embedding import Embedding
    from keras_lite.models import Model

    tokens = np.array([[1, 2, 0, 0], [3, 0, 0, 0]], "int32")
    inputs = Input((None,), dtype="int32")
    embedding = Embedding(5, 2, mask_zero=True)
    model = Model(inputs, GlobalAveragePooling1D()(embedding(inputs)))
    vectors = _np(embedding.embeddings)[tokens]
    want = (vectors * (tokens != 0)[..., None]).sum(1) / (tokens != 0).sum(1, keepdims=True)
    np.testing.assert_allclose(_np(model(tokens)), want, rtol=1e-6)
