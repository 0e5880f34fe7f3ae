"""The Optimizer base: clipping, weight decay, loss-scale factor, EMA (with overwrites), gradient
accumulation, learning-rate forms, constraints, overwrite-with-gradient variables, state I/O, errors.

Each feature is checked against a NumPy reference written here and against Keras 3 (same backend)."""
import warnings

import numpy as np
import pytest

import keras_lite
from keras_lite import ops, optimizers
from keras_lite.optimizers import _test_utils as T

# Base features on top of simple rules, each compared with Keras 3 and run statelessly / compiled.
FEATURE_CASES = [
    (optimizers.SGD, {"learning_rate": 0.1, "clipnorm": 0.5}),
    (optimizers.SGD, {"learning_rate": 0.1, "clipvalue": 0.3}),
    (optimizers.SGD, {"learning_rate": 0.1, "global_clipnorm": 1.0}),
    (optimizers.SGD, {"learning_rate": 0.1, "momentum": 0.5, "weight_decay": 0.2}),
    (optimizers.SGD, {"learning_rate": 0.1, "loss_scale_factor": 4.0}),
    (optimizers.Adam, {"learning_rate": 0.05, "use_ema": True, "ema_momentum": 0.5}),
    (optimizers.Adam, {"learning_rate": 0.05, "use_ema": True, "ema_momentum": 0.5, "ema_overwrite_frequency": 2}),
    (optimizers.Adam, {"learning_rate": 0.05, "gradient_accumulation_steps": 2}),
    (optimizers.Adam, {"learning_rate": 0.05, "gradient_accumulation_steps": 2, "clipnorm": 0.5,
                       "weight_decay": 0.1, "use_ema": True, "ema_overwrite_frequency": 1}),
    (optimizers.RMSprop, {"learning_rate": 0.05, "gradient_accumulation_steps": 3, "momentum": 0.5}),
    (optimizers.Nadam, {"learning_rate": 0.05, "gradient_accumulation_steps": 2}),
]
FEATURE_IDS = [f"{c.__name__}-{'-'.join(k for k in kw if k != 'learning_rate')}" for c, kw in FEATURE_CASES]


@pytest.mark.parametrize("cls,kwargs", FEATURE_CASES, ids=FEATURE_IDS)
def test_features_match_keras(cls, kwargs):
    T.check_against_keras(cls, kwargs)


@pytest.mark.parametrize("cls,kwargs", FEATURE_CASES, ids=FEATURE_IDS)
def test_features_stateless_and_compiled(cls, kwargs):
    T.check_stateless(cls, kwargs)


@pytest.mark.parametrize("cls,kwargs", [FEATURE_CASES[6], FEATURE_CASES[8]], ids=["ema", "accumulation"])
def test_feature_variables_match_keras(cls, kwargs):
    T.check_structure(cls, kwargs)


# -- NumPy references for the base features (SGD underneath, so the rule itself is trivial) ------------
def sgd_reference(clip=None, decay=None, scale=None, lr=0.1):
    def run(values, grads):
        values, out = [v.astype("float64") for v in values], []
        for step in grads:
            step = [g.astype("float64") / (scale or 1.0) for g in step]
            if clip and "norm" in clip:
                step = [g * clip["norm"] / max(np.linalg.norm(g), clip["norm"]) for g in step]
            if clip and "value" in clip:
                step = [np.clip(g, -clip["value"], clip["value"]) for g in step]
            if clip and "global" in clip:
                norm = np.sqrt(sum(np.sum(g * g) for g in step))
                step = [g * clip["global"] / max(norm, clip["global"]) for g in step]
            if decay:
                values = [w - w * decay * lr for w in values]
            values = [w - lr * g for w, g in zip(values, step)]
            out.append(values)
        return out

    return run


@pytest.mark.parametrize("kwargs,reference", [
    ({"clipnorm": 0.5}, sgd_reference(clip={"norm": 0.5})),
    ({"clipvalue": 0.3}, sgd_reference(clip={"value": 0.3})),
    ({"global_clipnorm": 1.0}, sgd_reference(clip={"global": 1.0})),
    ({"weight_decay": 0.2}, sgd_reference(decay=0.2)),
    ({"loss_scale_factor": 4.0}, sgd_reference(scale=4.0)),
], ids=["clipnorm", "clipvalue", "global_clipnorm", "weight_decay", "loss_scale_factor"])
def test_clipping_decay_and_unscaling_match_numpy(kwargs, reference):
    _, _, ours = T.run_ours(optimizers.SGD, {"learning_rate": 0.1, **kwargs})
    T.assert_histories_close(ours, reference(T.VALUES, T.GRADS))


def test_weight_decay_exclusions_match_numpy_and_keras():
    def reference(values, grads):
        values, out = [v.astype("float64") for v in values], []
        for step in grads:
            w, b = values
            values = [w - w * 0.2 * 0.1 - 0.1 * step[0], b - 0.1 * step[1]]
            out.append(values)
        return out

    def make_ours():
        opt = optimizers.SGD(0.1, weight_decay=0.2, name="opt")
        opt.exclude_from_weight_decay(var_names=["b"])
        return opt

    def make_keras(keras):
        opt = keras.optimizers.SGD(0.1, weight_decay=0.2, name="opt")
        opt.exclude_from_weight_decay(var_names=["b"])
        return opt

    _, variables, ours = T.run_ours(None, None, make=make_ours)
    T.assert_histories_close(ours, reference(T.VALUES, T.GRADS))
    T.assert_histories_close(ours, T.run_keras(None, None, make=make_keras)[2])
    opt = optimizers.SGD(0.1, weight_decay=0.2)
    opt.exclude_from_weight_decay(var_list=[variables[0]])
    assert not opt._use_weight_decay(variables[0]) and opt._use_weight_decay(variables[1])


def ema_reference(momentum, overwrite_every=None, lr=0.1):
    """SGD variables and their moving averages; the first step copies the variable (momentum 0)."""
    values, averages, out = [v.astype("float64") for v in T.VALUES], None, []
    for t, step in enumerate(T.GRADS):
        values = [w - lr * g for w, g in zip(values, step)]
        mom = 0.0 if t == 0 else momentum
        averages = [mom * (a if averages else 0) + (1 - mom) * w
                    for a, w in zip(averages or values, values)]
        if overwrite_every and (t + 1) % overwrite_every == 0:
            values = [np.array(a) for a in averages]
        out.append((values, averages))
    return out


@pytest.mark.parametrize("overwrite_every", [None, 3])
def test_ema_matches_numpy(overwrite_every):
    opt, variables, ours = T.run_ours(optimizers.SGD, {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.7,
                                                       "ema_overwrite_frequency": overwrite_every})
    want = ema_reference(0.7, overwrite_every)
    T.assert_histories_close(ours, [values for values, _ in want])
    averages = [opt.slot(v, "average").numpy() for v in variables]
    T.assert_histories_close([averages], [want[-1][1]])
    opt.finalize_variable_values(variables)
    T.assert_histories_close([[v.numpy() for v in variables]], [want[-1][1]])


def test_gradient_accumulation_matches_numpy():
    """Every 2nd call applies Adam to the mean of the 2 gradients; the count Adam sees is t // 2."""
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-7
    values = [v.astype("float64") for v in T.VALUES]
    m = [np.zeros_like(v) for v in values]
    v2 = [np.zeros_like(v) for v in values]
    total, want = [np.zeros_like(v) for v in values], []
    for t, step in enumerate(T.GRADS, start=1):
        total = [a + g for a, g in zip(total, step)]
        if t % 2 == 0:
            k = t // 2
            for i, g in enumerate(total):
                g = g / 2
                m[i] += (g - m[i]) * (1 - b1)
                v2[i] += (g * g - v2[i]) * (1 - b2)
                values[i] = values[i] - m[i] * lr * np.sqrt(1 - b2 ** k) / (1 - b1 ** k) / (np.sqrt(v2[i]) + eps)
            total = [np.zeros_like(v) for v in values]
        want.append([np.array(v) for v in values])
    opt, variables, ours = T.run_ours(optimizers.Adam, {"learning_rate": lr, "gradient_accumulation_steps": 2})
    T.assert_histories_close(ours, want)
    assert int(ops.convert_to_numpy(opt.iterations)) == 2
    assert int(opt._iterations.numpy()) == 4
    for v in variables:
        np.testing.assert_array_equal(opt.slot(v, "gradient_accumulator").numpy(), 0)


def test_gradient_accumulation_schedule_sees_every_call():
    seen = []

    class Recorder(optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            seen.append(int(ops.convert_to_numpy(step)))
            return ops.convert_to_tensor(0.1)

        def get_config(self):
            return {}

    opt = optimizers.SGD(Recorder(), gradient_accumulation_steps=2)
    v = keras_lite.Variable(np.zeros(2, "float32"))
    for _ in range(4):
        opt.apply([np.ones(2, "float32")], [v])
    assert seen == [0, 1, 2, 3]
    np.testing.assert_allclose(v.numpy(), [-0.2, -0.2], rtol=1e-6)


def test_overwrite_with_gradient_matches_keras():
    keras = T.keras_module()

    def run(make_var, make_opt, to_tensor, to_numpy):
        scale = make_var(np.ones(3, "float32"), "scale")
        scale.overwrite_with_gradient = True
        w = make_var(np.ones(3, "float32"), "w")
        opt = make_opt()
        out = []
        for i, g in enumerate([3.0, 5.0, 4.0, 1.0]):
            opt.apply([to_tensor(np.full(3, g, "float32")), to_tensor(np.full(3, 0.5 * i, "float32"))], [scale, w])
            out.append([np.array(to_numpy(scale)), np.array(to_numpy(w))])
        return opt, out

    kwargs = {"learning_rate": 0.1, "momentum": 0.5, "gradient_accumulation_steps": 2}
    ours_opt, ours = run(lambda v, n: keras_lite.Variable(v, name=n), lambda: optimizers.SGD(name="opt", **kwargs),
                         np.array, lambda v: v.numpy())
    _, theirs = run(lambda v, n: keras.Variable(v, name=n), lambda: keras.optimizers.SGD(name="opt", **kwargs),
                    keras.ops.convert_to_tensor, keras.ops.convert_to_numpy)
    for (a_scale, a_w), (b_scale, b_w) in zip(ours, theirs):
        np.testing.assert_allclose(a_scale, b_scale)
        np.testing.assert_allclose(a_w, b_w, rtol=1e-6)
    np.testing.assert_allclose(ours[1][0], 5.0)  # the largest of the two accumulated gradients
    assert [v.path for v in ours_opt.variables][-1] == "opt/w_momentum"  # no momentum slot for `scale`


def test_constraint_runs_after_the_update():
    v = keras_lite.Variable(np.array([0.5, -0.5], "float32"))
    v.constraint = lambda x: ops.clip(x, -0.6, 0.6)
    optimizers.SGD(1.0).apply([np.array([-1.0, 1.0], "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [0.6, -0.6])


def test_learning_rate_forms():
    v = keras_lite.Variable(np.zeros(1, "float32"))
    opt = optimizers.SGD(lambda: 0.25)  # a callable takes no argument, as in Keras
    opt.apply([np.ones(1, "float32")], [v])
    np.testing.assert_allclose(v.numpy(), [-0.25])
    assert [x.path for x in opt.variables] == ["sgd/iteration"]
    opt = optimizers.SGD(0.5)
    opt.learning_rate = 0.1
    np.testing.assert_allclose(ops.convert_to_numpy(opt.learning_rate), 0.1, rtol=1e-6)
    opt.learning_rate = optimizers.schedules.ExponentialDecay(1.0, 1, 0.5)
    assert [x.path for x in opt.variables] == ["sgd/iteration"]
    with pytest.raises(TypeError, match="cannot be assigned a number"):
        opt.learning_rate = 0.3
    with pytest.raises(ValueError, match="learning_rate must be a float"):
        optimizers.SGD("fast")


def test_apply_forms_and_gradient_filtering():
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    opt = optimizers.SGD(0.1)
    opt.build(variables)
    opt.apply([np.array(g) for g in T.GRADS[0]])  # the built variables, in order
    T.assert_histories_close([[v.numpy() for v in variables]], [[w - 0.1 * g for w, g in zip(T.VALUES, T.GRADS[0])]])
    with pytest.warns(UserWarning, match=r"no gradients for variables \['b'\]"):
        opt.apply([np.array(T.GRADS[1][0]), None], variables)
    assert int(opt.iterations.numpy()) == 2
    assert opt.apply_gradients(zip([np.array(g) for g in T.GRADS[2]], variables)) is opt.iterations
    opt.apply([])  # nothing to do
    assert int(opt.iterations.numpy()) == 3


def test_bad_arguments():
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    with pytest.raises(ValueError, match="set at most one of clipnorm"):
        optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(ValueError, match=r"unrecognized keyword argument\(s\) \['lr'\]"):
        optimizers.Adam(lr=0.1)
    with pytest.raises(ValueError, match="gradient_accumulation_steps must be an integer >= 2"):
        optimizers.SGD(gradient_accumulation_steps=1)
    with pytest.raises(ValueError, match="ema_overwrite_frequency must be an integer >= 1"):
        optimizers.SGD(use_ema=True, ema_overwrite_frequency=0.5)
    with pytest.raises(ValueError, match="ema_momentum must be in"):
        optimizers.SGD(use_ema=True, ema_momentum=1.5)
    with pytest.raises(ValueError, match="needs a built optimizer"):
        optimizers.SGD().apply([np.ones(3, "float32")])
    with pytest.raises(ValueError, match="2 gradients for 1 variables"):
        optimizers.SGD().apply([np.ones(3, "float32")] * 2, variables[1:])
    with pytest.raises(ValueError, match="no gradients provided for any variable"):
        optimizers.SGD().apply([None, None], variables)
    opt = optimizers.SGD()
    opt.build(variables[:1])
    with pytest.raises(ValueError, match="unknown variable 'b'"):
        opt.apply([np.ones(3, "float32")], variables[1:])
    with pytest.raises(ValueError, match="optimizer_variables has 1 values for 2"):
        opt.stateless_apply([0], [np.ones((2, 3), "float32")], [variables[0].value])
    with pytest.raises(ValueError, match="call build"):
        optimizers.SGD().stateless_apply([], [], [])
    with pytest.warns(UserWarning, match="`decay` argument is no longer supported"):
        optimizers.SGD(decay=0.1)


def test_set_weights_and_own_variables_round_trip():
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    opt = optimizers.Adam(0.1)
    opt.apply([np.array(g) for g in T.GRADS[0]], variables)
    store = {}
    opt.save_own_variables(store)
    other = optimizers.Adam(0.1)
    other.build(variables)
    other.load_own_variables(store)
    for a, b in zip(opt.variables, other.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    other.set_weights([np.zeros(v.shape, v.dtype) for v in other.variables])
    assert int(other.iterations.numpy()) == 0
    with pytest.raises(ValueError, match="shape"):
        other.set_weights([np.zeros((5,), "float32")] * len(other.variables))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optimizers.Adam().load_own_variables(store)
    assert "Skipping variable loading" in str(caught[0].message)


def test_scale_loss():
    assert optimizers.SGD().scale_loss(3.0) == 3.0
    np.testing.assert_allclose(ops.convert_to_numpy(optimizers.SGD(loss_scale_factor=4.0).scale_loss(3.0)), 12.0)


@pytest.mark.parametrize("cls,kwargs", [
    (optimizers.SGD, {"momentum": 0.9, "nesterov": True}), (optimizers.RMSprop, {"momentum": 0.5, "centered": True}),
    (optimizers.Adam, {"amsgrad": True}), (optimizers.AdamW, {})], ids=lambda c: getattr(c, "__name__", ""))
def test_rules_over_lists_equal_one_variable_at_a_time(cls, kwargs):
    """The built-in rules update every variable of one dtype at once (`_update_lists`, torch's foreach
    kernels); calling `update_step` per variable, of mixed dtypes, gives the same bits."""
    rng = np.random.default_rng(0)
    values = [rng.normal(size=s).astype(d) for s, d in (((4, 3), "float32"), ((3,), "float32"), ((2,), "float16"))]
    grads = [[rng.normal(size=v.shape).astype(v.dtype) for v in values] for _ in range(3)]
    results = []
    for per_variable in (False, True):
        variables = [keras_lite.Variable(v, dtype=str(v.dtype)) for v in values]
        opt = cls(learning_rate=0.05, **kwargs)
        opt.build(variables)
        for step in grads:
            if per_variable:
                lr = opt._current_learning_rate()
                for g, v in zip(step, variables):
                    if opt.weight_decay:
                        opt._apply_weight_decay([v])
                    opt.update_step(ops.convert_to_tensor(g), v, ops.cast(lr, v.dtype))
                opt._iterations.assign(ops.add(opt._iterations.value, 1))
            else:
                opt.apply([ops.convert_to_tensor(g) for g in step], variables)
        results.append([v.numpy() for v in variables + opt.variables])
    for a, b in zip(*results):
        np.testing.assert_array_equal(a, b)


def test_a_subclass_that_overrides_update_step_keeps_its_rule():
    class HalfStep(optimizers.SGD):
        def update_step(self, gradient, variable, learning_rate):
            variable.assign(ops.subtract(variable.value, ops.multiply(gradient, 0.5)))

    variable = keras_lite.Variable(np.ones(3, "float32"))
    HalfStep(learning_rate=0.1).apply([ops.ones((3,))], [variable])
    np.testing.assert_array_equal(variable.numpy(), np.full(3, 0.5, "float32"))


def test_foreach_arithmetic_matches_the_ops():
    """The engine's list arithmetic gives the same bits as the single-tensor ops; inside a StatelessScope
    its assignments are recorded, not written."""
    from keras_lite.backends.common.stateless_scope import StatelessScope
    from keras_lite.optimizers.optimizer import foreach

    rng = np.random.default_rng(1)
    xs = [ops.convert_to_tensor(rng.random(s).astype("float32") + 0.5) for s in ((3, 2), (4,))]
    ys = [ops.convert_to_tensor(rng.random(s).astype("float32") + 0.5) for s in ((3, 2), (4,))]
    scale = ops.convert_to_tensor(np.float32(0.3))
    for name in ("add", "subtract", "multiply", "divide", "maximum"):
        for other, expected in ((ys, ys), (0.7, [0.7] * 2), (scale, [scale] * 2)):
            got = getattr(foreach, name)(xs, other)
            for g, x, y in zip(got, xs, expected):
                np.testing.assert_array_equal(ops.convert_to_numpy(g), ops.convert_to_numpy(getattr(ops, name)(x, y)))
    for name in ("square", "sqrt"):
        for g, x in zip(getattr(foreach, name)(xs), xs):
            np.testing.assert_array_equal(ops.convert_to_numpy(g), ops.convert_to_numpy(getattr(ops, name)(x)))
    for name in ("add", "subtract", "multiply", "divide", "sqrt"):  # the variants that may overwrite their input
        expected = [getattr(ops, name)(x, *([] if name == "sqrt" else [0.7])) for x in xs]
        got = getattr(foreach, name + "_")(foreach.multiply(xs, 1.0), *([] if name == "sqrt" else [0.7]))
        for g, e in zip(got, expected):
            np.testing.assert_array_equal(ops.convert_to_numpy(g), ops.convert_to_numpy(e))
    for name, op in (("add_to", ops.add), ("subtract_from", ops.subtract)):
        variables = [keras_lite.Variable(ops.convert_to_numpy(x)) for x in xs]
        with StatelessScope(state_mapping=[(v, v.value) for v in variables]) as scope:
            getattr(foreach, name)(variables, ys)
        for v, x, y in zip(variables, xs, ys):
            np.testing.assert_array_equal(v.numpy(), ops.convert_to_numpy(x))
            np.testing.assert_array_equal(ops.convert_to_numpy(scope.get_current_value(v)),
                                          ops.convert_to_numpy(op(x, y)))
        getattr(foreach, name)(variables, ys)
        for v, x, y in zip(variables, xs, ys):
            np.testing.assert_array_equal(v.numpy(), ops.convert_to_numpy(op(x, y)))
    variables = [keras_lite.Variable(np.zeros(s, "float32")) for s in ((3, 2), (4,))]
    with StatelessScope(state_mapping=[(v, v.value) for v in variables]) as scope:
        foreach.assign(variables, xs)
    assert all(np.all(v.numpy() == 0) for v in variables)
    for v, x in zip(variables, xs):
        np.testing.assert_array_equal(ops.convert_to_numpy(scope.get_current_value(v)), ops.convert_to_numpy(x))
    foreach.assign(variables, ys)
    for v, y in zip(variables, ys):
        np.testing.assert_array_equal(v.numpy(), ops.convert_to_numpy(y))
