"""GroupNormalization: contract, NumPy and Keras references (channels first and last, instance and layer
norm limits), weights like Keras, config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.normalization.group_normalization import GroupNormalization
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _data(shape, seed=0):
    return (np.random.default_rng(seed).normal(size=shape) * 3 + 2).astype("float32")


def _reference(x, groups, axis, gamma, beta, epsilon=1e-3):
    """Channels moved last, grouped, normalized over everything but batch and group, moved back."""
    x = np.moveaxis(x, axis, -1)
    channels = x.shape[-1]
    grouped = x.reshape(x.shape[:-1] + (groups, channels // groups))
    reduce = tuple(range(1, x.ndim - 1)) + (x.ndim,)
    mean, var = grouped.mean(reduce, keepdims=True), grouped.var(reduce, keepdims=True)
    out = ((grouped - mean) / np.sqrt(var + epsilon)).reshape(x.shape) * gamma + beta
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("kwargs,shape,trainable", [
    ({"groups": 2}, (2, 3, 4), 2),
    ({"groups": 2, "axis": 1}, (2, 4, 3, 3), 2),  # channels_first
    ({"groups": 3, "axis": -1}, (2, 3, 3, 6), 2),  # channels_last
    ({"groups": -1, "center": False}, (2, 5, 4), 1),
    ({"groups": 1, "center": False, "scale": False}, (2, 6), 0),
])
def test_contract(kwargs, shape, trainable):
    run_layer_test(GroupNormalization, kwargs, shape, expected_output_shape=shape,
                   expected_num_trainable_weights=trainable)


@pytest.mark.parametrize("groups,axis,shape", [
    (2, -1, (2, 3, 4)), (3, -1, (2, 4, 4, 6)), (2, 1, (2, 4, 3, 3)), (-1, -1, (2, 5, 4)), (1, -1, (3, 6)),
    (2, -2, (2, 4, 5)),
])
def test_values_against_numpy(groups, axis, shape):
    x = _data(shape)
    layer = GroupNormalization(groups=groups, axis=axis)
    layer(x)
    channels = shape[axis]
    rng = np.random.default_rng(1)
    gamma, beta = (rng.normal(size=(channels,)).astype("float32") for _ in range(2))
    layer.set_weights([gamma, beta])
    expected = _reference(x, channels if groups == -1 else groups, axis % x.ndim, gamma, beta)
    np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kwargs,shape", [
    ({"groups": 2}, (2, 3, 4)),
    ({"groups": 2, "axis": 1, "epsilon": 1e-5}, (2, 4, 3, 3)),
    ({"groups": -1, "scale": False}, (2, 5, 4)),
])
def test_matches_keras(kwargs, shape):
    keras = pytest.importorskip("keras")
    x = _data(shape)
    ours, theirs = GroupNormalization(name="n", **kwargs), keras.layers.GroupNormalization(name="n", **kwargs)
    ours(x), theirs(x)
    assert [(v.name, tuple(v.shape)) for v in ours.weights] == [(v.name, tuple(v.shape)) for v in theirs.weights]
    rng = np.random.default_rng(2)
    theirs.set_weights([rng.normal(size=v.shape).astype("float32") for v in theirs.weights])
    ours.set_weights(theirs.get_weights())
    for training in (False, True):  # no difference between the modes
        np.testing.assert_allclose(_np(ours(x, training=training)),
                                   keras.ops.convert_to_numpy(theirs(x, training=training)), rtol=1e-5, atol=1e-5)
    assert ours.get_config() == theirs.get_config()  # after build too (groups=-1 becomes the channel count)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for kwargs in [{"name": "gn"}, {"groups": 4, "axis": 1, "epsilon": 1e-5, "center": False,
                                    "gamma_initializer": "zeros", "beta_regularizer": "l2",
                                    "gamma_constraint": "non_neg", "name": "gn"}]:
        theirs = keras.layers.GroupNormalization(**kwargs).get_config()
        assert GroupNormalization(**kwargs).get_config() == theirs
        assert GroupNormalization.from_config(theirs).get_config() == theirs


def test_unknown_non_channel_dims():
    layer = GroupNormalization(groups=2)
    assert layer(Input((None, 4))).shape == (None, None, 4)
    x = _data((2, 7, 4))
    np.testing.assert_allclose(_np(layer(x)), _reference(x, 2, 2, np.ones(4), np.zeros(4)), rtol=1e-5, atol=1e-5)


def test_bad_arguments_and_input():
    for groups in (0, -2, 1.5):
        with pytest.raises(ValueError, match="groups must be a positive integer"):
            GroupNormalization(groups=groups)
    with pytest.raises(ValueError, match=r"GroupNormalization.*6 channels.*\(None, 6\).*cannot be split into 4"):
        GroupNormalization(groups=4)(Input((6,)))
    with pytest.raises(ValueError, match=r"cannot be split into 8"):
        GroupNormalization(groups=8)(Input((4,)))
    with pytest.raises(ValueError, match=r"axis 3 is out of range for input shape \(None, 4, 4\)"):
        GroupNormalization(groups=2, axis=3)(Input((4, 4)))
    with pytest.raises(ValueError, match=r"axis 1 of input shape \(None, None, 4\) must have a known size"):
        GroupNormalization(groups=2, axis=1)(Input((None, 4)))
    with pytest.raises(ValueError, match="batch axis"):
        GroupNormalization(groups=1, axis=0)(Input((4,)))
    layer = GroupNormalization(groups=2, name="gn")
    layer(Input((3, 4)))
    with pytest.raises(ValueError, match=r"'gn'.*rank 3 with 4 channels along axis -1, got input shape \(None, 3, 6\)"):
        layer(Input((3, 6)))
