"""The `keras_lite.optimizers` package: lookup by name, serialization, schedules, stateless use."""
import numpy as np
import pytest

import keras_lite
from keras_lite import optimizers, ops
from keras_lite.backends.common.stateless_scope import StatelessScope

keras = pytest.importorskip("keras")

W0 = np.array([[1.0, -2.0], [0.5, 3.0]], "float32")
GRADS = [np.array([[0.1 * i + 0.3, -0.2], [0.05, 1.0]], "float32") for i in range(3)]

# Each optimizer's own rule is checked in its `<name>_test.py`; the base features in optimizer_test.py.
BY_NAME = ["Adadelta", "Adafactor", "Adagrad", "Adam", "AdamW", "Adamax", "Ftrl", "Lamb", "Lion", "Nadam",
           "RMSprop", "SGD"]


@pytest.mark.parametrize("name", BY_NAME)
def test_get_by_name_matches_keras(name):
    for identifier in (name, name.lower()):
        ours = optimizers.get(identifier)
        assert type(ours) is getattr(optimizers, name)
        if name != "Lamb":  # Keras 3.15's `get` does not list Lamb; keras_lite's does
            assert ours.get_config().keys() == keras.optimizers.get(identifier).get_config().keys()
    again = optimizers.deserialize(optimizers.serialize(optimizers.get(name)))
    assert type(again) is getattr(optimizers, name)


def test_sgd_step_by_hand():
    v = keras_lite.Variable(np.array([1.0, 2.0], "float32"))
    opt = optimizers.SGD(learning_rate=0.5)
    opt.apply([np.array([1.0, -1.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [0.5, 2.5])
    assert int(ops.convert_to_numpy(opt.iterations.value)) == 1


def test_stateless_apply_is_pure_and_equals_apply():
    v = keras_lite.Variable(np.array(W0))
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
        optimizers.SGD().apply([GRADS[0], GRADS[1]], [keras_lite.Variable(np.array(W0))])


def test_updates_inside_a_stateless_scope_are_recorded_not_applied():
    v = keras_lite.Variable(np.array(W0))
    opt = optimizers.SGD(0.1)
    opt.build([v])
    with StatelessScope(state_mapping=[(v, W0)]) as scope:
        opt.apply([GRADS[0]], [v])
    np.testing.assert_array_equal(v.numpy(), W0)
    assert any(var is v for var, _ in scope.updates())


FIT_CASES = {
    "loss_scale": lambda: optimizers.LossScaleOptimizer(optimizers.Adam(0.01)),
    "accumulation_ema": lambda: optimizers.Adam(0.01, gradient_accumulation_steps=2, use_ema=True,
                                                ema_overwrite_frequency=3),
    "nadam": lambda: optimizers.Nadam(0.01),
    "multi": lambda: optimizers.MultiOptimizer(optimizers.OptimizerMap(optimizers.SGD(0.01),
                                                                       {".*bias": optimizers.Adam(0.01)})),
}


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("name", list(FIT_CASES))
def test_fit_runs_the_update_in_the_compiled_train_step(name):
    x = np.random.default_rng(0).normal(size=(32, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32")
    model = keras_lite.Sequential([keras_lite.Input((3,)), keras_lite.layers.Dense(1)])
    model.compile(optimizer=FIT_CASES[name](), loss="mse")
    before = [np.array(w) for w in model.get_weights()]
    history = model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    assert all(not np.allclose(a, b) for a, b in zip(before, model.get_weights()))
    steps = 8 // 2 if name == "accumulation_ema" else 8
    counter = model.optimizer.iterations if name != "multi" else model.optimizer.optimizers[0].iterations
    assert int(ops.convert_to_numpy(counter)) == steps
