"""BatchNormalization: contract, NumPy and Keras references in training and inference (moving statistics
included), the update under a StatelessScope, masks, renorm, config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.layers.input_layer import Input
from keras_lite.layers.normalization.batch_normalization import BatchNormalization
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _data(shape, seed=0):
    return (np.random.default_rng(seed).normal(size=shape) * 2 + 1).astype("float32")


def _reference(x, axis, gamma, beta, mean, var, epsilon):
    shape = [1] * x.ndim
    shape[axis] = -1
    r = lambda v: v.reshape(shape)  # noqa: E731
    return (x - r(mean)) / np.sqrt(r(var) + epsilon) * r(gamma) + r(beta)


def _random_weights(layer, seed=1):
    rng = np.random.default_rng(seed)
    weights = [rng.uniform(0.5, 1.5, size=v.shape).astype("float32") for v in layer.weights]
    layer.set_weights(weights)
    return weights


@pytest.mark.parametrize("kwargs,shape,trainable", [
    ({}, (4, 3), 2),
    ({"axis": 1}, (2, 3, 4, 4), 2),  # channels_first
    ({"axis": -1}, (2, 4, 4, 3), 2),  # channels_last
    ({"center": False}, (4, 3), 1),
    ({"scale": False, "center": False}, (4, 3), 0),
])
@pytest.mark.parametrize("training", [None, True])
def test_contract(kwargs, shape, trainable, training):
    non_trainable = 2
    run_layer_test(BatchNormalization, kwargs, shape, expected_output_shape=shape,
                   expected_num_trainable_weights=trainable, expected_num_non_trainable_weights=non_trainable,
                   call_kwargs={"training": training} if training else None)


def test_contract_renorm():
    run_layer_test(BatchNormalization, {"renorm": True}, (4, 3), expected_output_shape=(4, 3),
                   expected_num_trainable_weights=2, expected_num_non_trainable_weights=5,
                   call_kwargs={"training": True})


def test_weights_names_order_and_paths():
    layer = BatchNormalization(name="bn")
    layer.build((None, 5))
    assert [v.name for v in layer.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [v.path for v in layer.weights] == ["bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance"]
    assert [v.name for v in layer.trainable_weights] == ["gamma", "beta"]
    assert all(tuple(v.shape) == (5,) for v in layer.weights)
    np.testing.assert_array_equal(_np(layer.moving_variance.value), np.ones(5))
    np.testing.assert_array_equal(_np(layer.moving_mean.value), np.zeros(5))


@pytest.mark.parametrize("axis,shape", [(-1, (6, 3)), (-1, (2, 3, 4, 5)), (1, (2, 3, 4, 5))])
def test_values_against_numpy(axis, shape):
    x = _data(shape)
    layer = BatchNormalization(axis=axis, momentum=0.8, epsilon=1e-3)
    layer(x)
    gamma, beta, moving_mean, moving_var = _random_weights(layer)
    # Inference: the moving statistics normalize, nothing changes.
    np.testing.assert_allclose(_np(layer(x)), _reference(x, axis, gamma, beta, moving_mean, moving_var, 1e-3),
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(layer.moving_mean.value), moving_mean)
    # Training: the batch statistics normalize and the moving ones move by the momentum rule.
    reduce = tuple(i for i in range(x.ndim) if i != axis % x.ndim)
    mean, var = x.mean(axis=reduce), x.var(axis=reduce)
    np.testing.assert_allclose(_np(layer(x, training=True)), _reference(x, axis, gamma, beta, mean, var, 1e-3),
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(layer.moving_mean.value), 0.8 * moving_mean + 0.2 * mean, rtol=1e-5)
    np.testing.assert_allclose(_np(layer.moving_variance.value), 0.8 * moving_var + 0.2 * var, rtol=1e-5)
    assert [np.asarray(w).dtype for w in layer.get_weights()] == [np.float32] * 4


def _keras_pair(kwargs, x):
    keras = pytest.importorskip("keras")
    ours, theirs = BatchNormalization(**kwargs), keras.layers.BatchNormalization(**kwargs)
    ours(x), theirs(x)
    assert [v.name for v in ours.weights] == [v.name for v in theirs.weights]
    assert [tuple(v.shape) for v in ours.weights] == [tuple(v.shape) for v in theirs.weights]
    _random_weights(theirs)
    ours.set_weights(theirs.get_weights())
    return keras, ours, theirs


@pytest.mark.parametrize("kwargs,shape", [
    ({"momentum": 0.9}, (8, 3)),
    ({"axis": 1, "epsilon": 1e-2}, (2, 3, 4, 4)),
    ({"center": False}, (2, 4, 3)),
    ({"renorm": True, "renorm_clipping": {"rmax": 1.2, "rmin": 0.9, "dmax": 0.3}}, (6, 4)),
    ({"renorm": True, "axis": 1, "scale": False}, (2, 3, 5)),
])
@pytest.mark.parametrize("training", [False, True])
def test_matches_keras(kwargs, shape, training):
    x = _data(shape)
    keras, ours, theirs = _keras_pair(kwargs, x)
    for step in range(2):  # a second call sees the moving statistics the first one left
        np.testing.assert_allclose(_np(ours(x + step, training=training)),
                                   keras.ops.convert_to_numpy(theirs(x + step, training=training)),
                                   rtol=1e-5, atol=1e-5)
        for mine, keras_weight in zip(ours.get_weights(), theirs.get_weights()):
            np.testing.assert_allclose(mine, keras_weight, rtol=1e-5, atol=1e-6)


def test_keras_weights_load_unchanged():
    keras = pytest.importorskip("keras")
    x = _data((5, 4))
    theirs = keras.layers.BatchNormalization()
    theirs(x)
    _random_weights(theirs)
    ours = BatchNormalization()
    ours(x)
    ours.set_weights(theirs.get_weights())
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-5)


def test_update_under_stateless_scope_is_recorded_not_applied():
    x = _data((6, 3))
    layer = BatchNormalization(momentum=0.5)
    layer(x)
    start = [np.array(w) for w in layer.get_weights()]
    mapped_mean = np.full((3,), 2.0, "float32")
    with StatelessScope(state_mapping=[(layer.moving_mean, mapped_mean)]) as scope:
        out = layer(x, training=True)
    updates = scope.updates()
    assert [v.name for v, _ in updates] == ["moving_mean", "moving_variance"]
    assert updates[0][0] is layer.moving_mean and updates[1][0] is layer.moving_variance
    # Reads came from the mapping (moving_mean = 2), writes went into the scope.
    np.testing.assert_allclose(_np(updates[0][1]), 0.5 * mapped_mean + 0.5 * x.mean(0), rtol=1e-5)
    np.testing.assert_allclose(_np(updates[1][1]), 0.5 * np.ones(3) + 0.5 * x.var(0), rtol=1e-5)
    for before, after in zip(start, layer.get_weights()):
        np.testing.assert_array_equal(before, after)
    np.testing.assert_allclose(_np(out), (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3), rtol=1e-5, atol=1e-5)
    # Inference records nothing.
    with StatelessScope() as scope:
        layer(x, training=False)
    assert scope.updates() == []


def test_renorm_updates_under_stateless_scope():
    layer = BatchNormalization(renorm=True)
    x = _data((6, 3))
    layer(x)
    with StatelessScope() as scope:
        layer(x, training=True)
    assert [v.name for v, _ in scope.updates()] == ["renorm_mean", "renorm_stddev", "moving_mean", "moving_stddev",
                                                    "moving_variance"]
    np.testing.assert_array_equal(_np(layer.moving_mean.value), np.zeros(3))


@pytest.mark.skipif(BACKEND != "jax", reason="jax.jit of the stateless form")
def test_stateless_form_under_jax_jit():
    import jax

    x = _data((6, 3))
    layer = BatchNormalization(momentum=0.5)
    layer(x)
    variables = layer.weights

    @jax.jit
    def step(values, data):
        with StatelessScope(state_mapping=list(zip(variables, values))) as scope:
            out = layer(data, training=True)
        new = dict((id(v), value) for v, value in scope.updates())
        return out, [new.get(id(v), value) for v, value in zip(variables, values)]

    _, values = step([v.value for v in variables], x)
    np.testing.assert_allclose(np.asarray(values[2]), 0.5 * x.mean(0), rtol=1e-5)
    np.testing.assert_allclose(np.asarray(values[3]), 0.5 + 0.5 * x.var(0), rtol=1e-5)
    np.testing.assert_array_equal(_np(layer.moving_mean.value), np.zeros(3))


def test_frozen_layer_runs_in_inference_mode():
    x = _data((6, 3))
    layer = BatchNormalization(trainable=False)
    out = layer(x, training=True)
    np.testing.assert_allclose(_np(out), x / np.sqrt(1 + 1e-3), rtol=1e-5)
    np.testing.assert_array_equal(_np(layer.moving_mean.value), np.zeros(3))
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 4


def test_symbolic_training_call_changes_nothing():
    layer = BatchNormalization()
    out = layer(Input((4,)), training=True)
    assert out.shape == (None, 4)
    np.testing.assert_array_equal(_np(layer.moving_mean.value), np.zeros(4))
    np.testing.assert_array_equal(_np(layer.moving_variance.value), np.ones(4))


@pytest.mark.parametrize("axis", [-1, 1])
def test_mask_keeps_masked_steps_out_of_the_statistics(axis):
    x = _data((2, 5, 5))
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 0]], bool)
    layer = BatchNormalization(axis=axis, momentum=0.0)
    out = layer(x, training=True, mask=mask)
    feature = axis % 3
    keep = np.expand_dims(mask, feature)
    reduce = tuple(i for i in range(3) if i != feature)
    weights = np.broadcast_to(keep, x.shape)
    mean = (x * weights).sum(reduce) / weights.sum(reduce)
    var = (np.square(x - np.expand_dims(mean, reduce)) * weights).sum(reduce) / weights.sum(reduce)
    np.testing.assert_allclose(_np(layer.moving_mean.value), mean, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(layer.moving_variance.value), var, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(out), _reference(x, feature, np.ones(5), np.zeros(5), mean, var, 1e-3),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(_np(layer.compute_mask(x, mask)), mask)


def test_mask_matches_keras():
    x = _data((2, 5, 3))
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 0]], bool)
    keras, ours, theirs = _keras_pair({"momentum": 0.5}, x)
    if BACKEND == "numpy":
        pytest.skip("Keras's numpy backend has no training")
    np.testing.assert_allclose(_np(ours(x, training=True, mask=mask)),
                               keras.ops.convert_to_numpy(theirs(x, training=True, mask=mask)), rtol=1e-5, atol=1e-5)
    for mine, keras_weight in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(mine, keras_weight, rtol=1e-5, atol=1e-6)


def test_mask_of_wrong_rank_is_an_error():
    with pytest.raises(ValueError, match=r"`mask` has shape \(2, 5, 3\); with input shape \(2, 5, 3\) it must have shape \(2, 5\)"):
        BatchNormalization()(_data((2, 5, 3)), training=True, mask=np.ones((2, 5, 3), bool))


def test_synchronized():
    x = _data((6, 3))
    layer = BatchNormalization(synchronized=True)
    assert layer.get_config()["synchronized"] is True
    np.testing.assert_allclose(_np(layer(x)), x / np.sqrt(1 + 1e-3), rtol=1e-5)  # inference needs no replicas
    if BACKEND == "tensorflow":  # outside a distribution strategy: the local statistics
        plain = BatchNormalization()
        np.testing.assert_allclose(_np(layer(x, training=True)), _np(plain(x, training=True)), rtol=1e-5, atol=1e-5)
    else:
        with pytest.raises(NotImplementedError, match="synchronized"):
            layer(x, training=True)


def test_regularizers_add_losses():
    layer = BatchNormalization(gamma_regularizer="l2", beta_regularizer="l1")
    layer(_data((3, 2)))
    assert len(layer.losses) == 2
    np.testing.assert_allclose(float(_np(layer.losses[0])), 0.01 * 2, rtol=1e-6)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for kwargs in [{"name": "bn"},
                   {"axis": 1, "momentum": 0.9, "epsilon": 1e-5, "center": False, "gamma_initializer": "zeros",
                    "moving_variance_initializer": "zeros", "beta_regularizer": "l2", "gamma_constraint": "non_neg",
                    "name": "bn"},
                   {"renorm": True, "renorm_clipping": {"rmax": 3.0}, "renorm_momentum": 0.9, "name": "bn"}]:
        theirs = keras.layers.BatchNormalization(**kwargs).get_config()
        assert BatchNormalization(**kwargs).get_config() == theirs
        assert BatchNormalization.from_config(theirs).get_config() == theirs


@pytest.mark.parametrize("kwargs,match", [
    ({"renorm": True, "renorm_clipping": {"rmx": 1.0}}, "invalid renorm_clipping keys"),
    ({"renorm": True, "renorm_clipping": {"rmax": 1.0, "rmin": 2.0}}, "rmax >= rmin"),
    ({"renorm": True, "renorm_clipping": {"dmax": -1.0}}, "dmax >= 0"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        BatchNormalization(**kwargs)
    with pytest.raises(TypeError, match="axis"):
        BatchNormalization(axis=[1, 2])


def test_bad_input_named_at_graph_building():
    with pytest.raises(ValueError, match=r"BatchNormalization.*axis 2 is out of range for input shape \(None, 4\)"):
        BatchNormalization(axis=2)(Input((4,)))
    with pytest.raises(ValueError, match=r"axis 1 of input shape \(None, None, 3\) must have a known size"):
        BatchNormalization(axis=1)(Input((None, 3)))
    layer = BatchNormalization(name="bn")
    layer(Input((4,)))
    with pytest.raises(ValueError, match=r"'bn'.*rank 2 with size 4 along axis -1, got input shape \(None, 5\)"):
        layer(Input((5,)))
    with pytest.raises(ValueError, match=r"'bn'.*got input shape \(None, 3, 4\)"):
        layer(Input((3, 4)))
