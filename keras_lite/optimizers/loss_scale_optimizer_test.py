"""LossScaleOptimizer: dynamic loss scaling checked against a NumPy reference and Keras 3, on every backend.

The gradient sequence has an inf and a NaN in it: those steps must be skipped (no variable, slot or
inner step count changes) and halve the scale; two finite steps in a row double it."""
import numpy as np
import pytest

import keras_lite
from keras_lite import ops, optimizers
from keras_lite.optimizers import _test_utils as T

SCALE, GROWTH, LR = 8.0, 2, 0.1


def _grads():
    steps = [[np.array(g) for g in T.GRADS[i % 4]] for i in range(7)]
    steps[1][1][0] = np.inf      # step 2: inf in b's gradient
    steps[4][0][1, 2] = np.nan   # step 5: NaN in w's gradient
    return steps


GRADS = _grads()


def make_ours():
    return optimizers.LossScaleOptimizer(optimizers.Adam(LR, name="inner"), initial_scale=SCALE,
                                         dynamic_growth_steps=GROWTH, name="opt")


def make_keras(keras):
    return keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(LR, name="inner"), initial_scale=SCALE,
                                               dynamic_growth_steps=GROWTH, name="opt")


def reference():
    """[(w, b, scale, step_counter, inner iterations)] after each step; Adam on the unscaled gradients."""
    values = [v.astype("float64") for v in T.VALUES]
    m = [np.zeros_like(v) for v in values]
    v2 = [np.zeros_like(v) for v in values]
    scale, counter, t, out = SCALE, 0, 0, []
    for step in GRADS:
        if all(np.all(np.isfinite(g)) for g in step):
            t += 1
            for i, g in enumerate(step):
                g = g.astype("float64") / scale
                m[i] += (g - m[i]) * 0.1
                v2[i] += (g * g - v2[i]) * 0.001
                alpha = LR * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
                values[i] = values[i] - m[i] * alpha / (np.sqrt(v2[i]) + 1e-7)
            if counter == GROWTH - 1:
                counter, scale = 0, scale * 2
            else:
                counter += 1
        else:
            counter, scale = 0, scale / 2
        out.append(([np.array(v) for v in values], scale, counter, t))
    return out


def _state(opt):
    return (float(ops.convert_to_numpy(opt.dynamic_scale.value)), int(ops.convert_to_numpy(opt.step_counter.value)),
            int(ops.convert_to_numpy(opt.iterations.value)))


def test_matches_numpy_reference_including_skipped_steps():
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    opt = make_ours()
    for step, (want_values, scale, counter, t) in zip(GRADS, reference()):
        opt.apply([np.array(g) for g in step], variables)
        # float32 against float64: 1 - 0.999 ** t loses digits, hence the looser tolerance.
        T.assert_histories_close([[v.numpy() for v in variables]], [want_values], rtol=1e-4, atol=1e-5)
        assert _state(opt) == (scale, counter, t)


def test_matches_keras():
    ours_opt, _, ours = T.run_ours(None, None, grads=GRADS, make=make_ours)
    theirs_opt, _, theirs = T.run_keras(None, None, grads=GRADS, make=make_keras)
    T.assert_histories_close(ours, theirs)
    keras = T.keras_module()
    assert _state(ours_opt)[:2] == (float(keras.ops.convert_to_numpy(theirs_opt.dynamic_scale)),
                                    int(keras.ops.convert_to_numpy(theirs_opt.step_counter)))


def test_stateless_apply_and_compiled_apply_skip_non_finite_steps():
    T.check_stateless(None, None, grads=GRADS, make=make_ours)


# As Keras 3 names them (its stateful apply is not available on JAX, so this list is the reference there).
_INNER = ["inner/w_momentum", "inner/w_velocity", "inner/b_momentum", "inner/b_velocity"]
EXPECTED_PATHS = {
    "build": ["opt/iteration", "opt/learning_rate", "opt/step_counter", "opt/dynamic_scale", "inner/iteration",
              "inner/learning_rate"] + _INNER,
    "apply": ["opt/iteration", "opt/learning_rate", "opt/step_counter", "opt/dynamic_scale", "inner/iteration",
              "inner/learning_rate"] + ["opt/" + p for p in _INNER],
}


@pytest.mark.parametrize("how", ["build", "apply"])
def test_variables_and_config_match_keras(how):
    keras = T.keras_module()
    ours_vars = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    theirs_vars = [keras.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    ours, theirs = make_ours(), make_keras(keras)
    if how == "apply":
        ours.apply([np.array(g) for g in T.GRADS[0]], ours_vars)
        if T.BACKEND != "jax":
            theirs.apply([keras.ops.convert_to_tensor(np.array(g)) for g in T.GRADS[0]], theirs_vars)
    else:
        ours.build(ours_vars)
        theirs.build(theirs_vars)
    assert [v.path for v in ours.variables] == EXPECTED_PATHS[how]
    if how == "build" or T.BACKEND != "jax":
        assert T.variable_signature(ours) == T.variable_signature(theirs)
    assert ours.get_config() == T.keras_public_config(theirs.get_config())
    again = optimizers.deserialize(optimizers.serialize(ours))
    assert isinstance(again.inner_optimizer, optimizers.Adam) and again.get_config() == ours.get_config()


def test_scale_loss_and_proxies():
    opt = make_ours()
    np.testing.assert_allclose(ops.convert_to_numpy(opt.scale_loss(ops.convert_to_tensor(2.0))), 2.0 * SCALE)
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    opt.build(variables)
    opt.dynamic_scale.assign(4.0)
    np.testing.assert_allclose(ops.convert_to_numpy(opt.scale_loss(ops.convert_to_tensor(2.0))), 8.0)
    np.testing.assert_allclose(ops.convert_to_numpy(opt.learning_rate), LR, rtol=1e-6)
    opt.learning_rate = 0.5
    np.testing.assert_allclose(ops.convert_to_numpy(opt.inner_optimizer.learning_rate), 0.5)
    assert opt.iterations is opt.inner_optimizer.iterations
    assert opt.inner_optimizer.loss_scale_factor is None


def test_bad_arguments():
    with pytest.raises(ValueError, match="dynamic=False"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic=False)
    with pytest.raises(ValueError, match="`clipnorm`"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), clipnorm=1.0)
    with pytest.raises(ValueError, match="inner_optimizer must be an Optimizer"):
        optimizers.LossScaleOptimizer("sgd")
    with pytest.raises(ValueError, match="dynamic_growth_steps"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic_growth_steps=0)
    with pytest.raises(ValueError, match=r"unrecognized keyword argument\(s\) \['foo'\]"):
        optimizers.LossScaleOptimizer(optimizers.SGD(), foo=1)
