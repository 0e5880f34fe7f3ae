"""SpatialDropout1D/2D/3D: contract, whole channels dropped, data_format, seeds, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.regularization.spatial_dropout import SpatialDropout1D, SpatialDropout2D, SpatialDropout3D
from keras_lite.testing.layer_contract import run_layer_test

CASES = [
    (SpatialDropout1D, {}, (2, 3, 4), -1),
    (SpatialDropout2D, {}, (2, 3, 4, 5), -1),
    (SpatialDropout2D, {"data_format": "channels_first"}, (2, 5, 3, 4), 1),
    (SpatialDropout3D, {}, (2, 3, 4, 2, 5), -1),
    (SpatialDropout3D, {"data_format": "channels_first"}, (2, 5, 3, 4, 2), 1),
]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("cls,kwargs,shape,channel_axis", CASES)
@pytest.mark.parametrize("training", [True, False])
def test_contract(cls, kwargs, shape, channel_axis, training):
    run_layer_test(cls, {"rate": 0.5, **kwargs}, shape, expected_output_shape=shape,
                   call_kwargs={"training": training})


@pytest.mark.parametrize("cls,kwargs,shape,channel_axis", CASES)
def test_whole_channels_are_dropped(cls, kwargs, shape, channel_axis):
    x = np.ones(shape, "float32")
    out = _np(cls(0.5, seed=1, **kwargs)(x, training=True))
    per_channel = np.moveaxis(out, channel_axis, 1).reshape(shape[0], shape[channel_axis], -1)
    assert (per_channel == per_channel[..., :1]).all()  # one decision per (sample, channel)
    assert set(np.unique(out)) == {0.0, 2.0}
    np.testing.assert_array_equal(_np(cls(0.5, **kwargs)(x)), x)


def test_seed_is_reproducible():
    x = np.ones((2, 3, 4), "float32")
    a = _np(SpatialDropout1D(0.5, seed=5)(x, training=True))
    np.testing.assert_array_equal(a, _np(SpatialDropout1D(0.5, seed=5)(x, training=True)))


@pytest.mark.parametrize("cls,rank", [(SpatialDropout1D, 3), (SpatialDropout2D, 4), (SpatialDropout3D, 5)])
def test_wrong_rank_is_named(cls, rank):
    with pytest.raises(ValueError, match=f"spatial_dropout.*expected ndim={rank}, found ndim=2"):
        cls(0.5)(Input((3,)))
    with pytest.raises(ValueError, match=f"expected ndim={rank}"):
        cls(0.5)(np.ones((2, 3), "float32"), training=True)


def test_signature_takes_no_other_base_arguments():
    with pytest.raises(TypeError):
        SpatialDropout1D(0.5, trainable=False)
    with pytest.raises(ValueError, match="data_format"):
        SpatialDropout2D(0.5, data_format="channels_middle")


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for name, kwargs in [("SpatialDropout1D", {"seed": 2}), ("SpatialDropout2D", {"data_format": "channels_first"}),
                         ("SpatialDropout3D", {})]:
        ours_cls = {"SpatialDropout1D": SpatialDropout1D, "SpatialDropout2D": SpatialDropout2D,
                    "SpatialDropout3D": SpatialDropout3D}[name]
        theirs = getattr(keras.layers, name)(0.3, name="s", **kwargs).get_config()
        assert ours_cls(0.3, name="s", **kwargs).get_config() == theirs
        assert ours_cls.from_config(theirs).get_config() == theirs
        assert ours_cls(0.3).supports_masking


def test_mixed_policy_survives_the_config():
    layer = SpatialDropout2D(0.3, dtype="mixed_float16")
    assert SpatialDropout2D.from_config(layer.get_config()).compute_dtype == "float16"
