"""Optimizers against Keras 3 as an oracle: same gradients in, same variables out."""
import numpy as np
import pytest

import keras_lite
from keras_lite import optimizers, ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common.stateless_scope import StatelessScope

keras = pytest.importorskip("keras")

W0 = np.array([[1.0, -2.0], [0.5, 3.0]], "float32")
GRADS = [np.array([[0.1 * i + 0.3, -0.2], [0.05, 1.0]], "float32") for i in range(3)]

CASES = [
    ("SGD", {"learning_rate": 0.1}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("Adam", {"learning_rate": 0.1}),
    ("Adam", {"learning_rate": 0.1, "amsgrad": True, "weight_decay": 0.01}),
    ("RMSprop", {"learning_rate": 0.1}),
    ("RMSprop", {"learning_rate": 0.1, "momentum": 0.5, "centered": True}),
    ("Adam", {"learning_rate": 0.1, "clipnorm": 0.5}),
    ("SGD", {"learning_rate": 0.1, "clipvalue": 0.25}),
    ("RMSprop", {"learning_rate": 0.1, "global_clipnorm": 0.3}),
]


@pytest.mark.skipif(BACKEND == "numpy", reason="Keras 3's numpy backend cannot apply optimizers to compare with")
@pytest.mark.parametrize("name,kwargs", CASES, ids=[f"{n}-{'-'.join(k)}" for n, k in CASES])
def test_matches_keras(name, kwargs):
    ours, theirs = getattr(optimizers, name)(**kwargs), getattr(keras.optimizers, name)(**kwargs)
    v_ours, v_theirs = keras_lite.Variable(W0), keras.Variable(W0)
    for g in GRADS:
        ours.apply([g], [v_ours])
        theirs.apply([keras.ops.convert_to_tensor(g)], [v_theirs])
    np.testing.assert_allclose(v_ours.numpy(), keras.ops.convert_to_numpy(v_theirs), rtol=1e-6, atol=1e-7)
    assert [v.path.split("/")[-1].split("_")[-1] for v in ours.variables] == \
        [v.path.split("/")[-1].split("_")[-1] for v in theirs.variables]
    assert ours.get_config().keys() == theirs.get_config().keys()


def test_sgd_step_by_hand():
    v = keras_lite.Variable(np.array([1.0, 2.0], "float32"))
    opt = optimizers.SGD(learning_rate=0.5)
    opt.apply([np.array([1.0, -1.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [0.5, 2.5])
    assert int(ops.convert_to_numpy(opt.iterations.value)) == 1


def test_stateless_apply_is_pure_and_equals_apply():
    v = keras_lite.Variable(W0)
    opt = optimizers.Adam(0.1)
    opt.build([v])
    new_vars, new_state = opt.stateless_apply([x.value for x in opt.variables], [GRADS[0]], [v.value])
    np.testing.assert_array_equal(v.numpy(), W0)  # untouched
    assert int(ops.convert_to_numpy(opt.iterations.value)) == 0
    opt.apply([GRADS[0]], [v])
    np.testing.assert_allclose(ops.convert_to_numpy(new_vars[0]), v.numpy(), rtol=1e-6)
    assert len(new_state) == len(opt.variables)


def test_learning_rate_schedule_is_evaluated_at_each_step():
    schedule = optimizers.schedules.ExponentialDecay(1.0, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(learning_rate=schedule)
    v = keras_lite.Variable(np.zeros(1, "float32"))
    for _ in range(3):
        opt.apply([np.ones(1, "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [-(1.0 + 0.5 + 0.25)], rtol=1e-6)


@pytest.mark.parametrize("schedule,steps,want", [
    (optimizers.schedules.PiecewiseConstantDecay([2, 4], [1.0, 0.5, 0.1]), [0, 2, 3, 5], [1.0, 1.0, 0.5, 0.1]),
    (optimizers.schedules.PolynomialDecay(1.0, 10, 0.0, power=1.0), [0, 5, 20], [1.0, 0.5, 0.0]),
    (optimizers.schedules.InverseTimeDecay(1.0, 1, 1.0), [0, 1, 3], [1.0, 0.5, 0.25]),
    (optimizers.schedules.CosineDecay(1.0, 10), [0, 5, 10], [1.0, 0.5, 0.0]),
])
def test_schedules(schedule, steps, want):
    got = [float(ops.convert_to_numpy(schedule(np.array(s, "int32")))) for s in steps]
    np.testing.assert_allclose(got, want, atol=1e-6)
    again = optimizers.schedules.deserialize(optimizers.schedules.serialize(schedule))
    assert again.get_config() == schedule.get_config()


def test_config_round_trip_and_get():
    opt = optimizers.get("adam")
    assert isinstance(opt, optimizers.Adam) and opt.name == "adam"
    assert optimizers.get("rmsprop").name == "rm_sprop"
    again = optimizers.deserialize(optimizers.serialize(optimizers.RMSprop(0.01, rho=0.8)))
    assert again.get_config()["rho"] == 0.8 and abs(again.get_config()["learning_rate"] - 0.01) < 1e-9


def test_bad_arguments():
    with pytest.raises(ValueError, match="at most one of clipnorm"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(ValueError, match=r"unrecognized keyword argument\(s\) \['lr'\]"):
        optimizers.Adam(lr=0.1)
    with pytest.raises(ValueError, match="2 gradients for 1 variables"):
        optimizers.SGD().apply([GRADS[0], GRADS[1]], [keras_lite.Variable(W0)])


def test_updates_inside_a_stateless_scope_are_recorded_not_applied():
    v = keras_lite.Variable(W0)
    opt = optimizers.SGD(0.1)
    opt.build([v])
    with StatelessScope(state_mapping=[(v, W0)]) as scope:
        opt.apply([GRADS[0]], [v])
    np.testing.assert_array_equal(v.numpy(), W0)
    assert any(var is v for var, _ in scope.updates())
