"""Shared checks for the optimizer tests (imported by `*_test.py` only; imports Keras lazily).

Every optimizer test runs the same few steps three ways: keras_lite, a NumPy reference written in
the test, and Keras 3 as an oracle on the same backend. Two variables are used, a matrix `w` and a
vector `b`, so rank-dependent rules (Adafactor, Muon) are exercised.
"""
import re

import numpy as np
import pytest

import keras_lite
from keras_lite.backends import BACKEND

NAMES = ("w", "b")


def _values():
    rng = np.random.default_rng(7)
    values = [rng.normal(size=(2, 3)).astype("float32"), rng.normal(size=(3,)).astype("float32")]
    grads = [[rng.normal(size=v.shape).astype("float32") for v in values] for _ in range(4)]
    return values, grads


VALUES, GRADS = _values()


def keras_module():
    return pytest.importorskip("keras")


def run_ours(cls, kwargs, grads=GRADS, values=VALUES, make=None):
    """Apply `grads` step by step; returns (optimizer, variables, [values after each step]).
    Variables start from copies: keras_lite's torch Variable shares memory with a NumPy initial value."""
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(values, NAMES)]
    opt = make() if make else cls(name="opt", **kwargs)
    history = []
    for step in grads:
        opt.apply([np.array(g) for g in step], variables)
        history.append([np.array(v.numpy()) for v in variables])  # torch: numpy() is a view
    return opt, variables, history


def run_keras(name, kwargs, grads=GRADS, values=VALUES, make=None):
    """The same with Keras 3 (its optimizer `keras.optimizers.<name>`, or `make(keras)`)."""
    keras = keras_module()
    variables = [keras.Variable(np.array(v), name=n) for v, n in zip(values, NAMES)]
    opt = make(keras) if make else getattr(keras.optimizers, name)(name="opt", **kwargs)
    history = []
    for step in grads:
        step = [keras.ops.convert_to_tensor(np.array(g)) for g in step]  # Keras's torch optimizers work in place
        if BACKEND == "jax" and isinstance(opt, keras.optimizers.LossScaleOptimizer):
            # Keras's LossScaleOptimizer only runs statelessly on JAX.
            if not opt.built:
                opt.build(variables)
            new_vars, new_opt = opt.stateless_apply([v.value for v in opt.variables], step,
                                                    [v.value for v in variables])
            for var, value in zip(list(variables) + list(opt.variables), list(new_vars) + list(new_opt)):
                var.assign(value)
        else:
            opt.apply(step, variables)
        history.append([np.array(keras.ops.convert_to_numpy(v)) for v in variables])
    return opt, variables, history


def assert_histories_close(got, want, rtol=1e-5, atol=1e-6):
    assert len(got) == len(want)
    for step, (g, w) in enumerate(zip(got, want)):
        for name, a, b in zip(NAMES, g, w):
            np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=f"variable {name} after step {step + 1}")


def check_against_keras(cls, kwargs, rtol=1e-5, atol=1e-6):
    _, _, ours = run_ours(cls, kwargs)
    _, _, theirs = run_keras(cls.__name__, kwargs)
    assert_histories_close(ours, theirs, rtol=rtol, atol=atol)


def check_against_reference(cls, kwargs, reference, rtol=1e-5, atol=1e-6):
    """`reference(values, grads, **kwargs)` -> list of [w, b] after each step, in NumPy (float64)."""
    _, _, ours = run_ours(cls, kwargs)
    want = reference([v.astype("float64") for v in VALUES], [[g.astype("float64") for g in s] for s in GRADS],
                     **kwargs)
    assert_histories_close(ours, want, rtol=rtol, atol=atol)


def _normalize(path):
    return re.sub(r"variable_\d+$", "variable", path)


def variable_signature(opt):
    """(path, shape, dtype) per variable. Integer counters read as "int": Keras on TensorFlow makes
    them int64, keras_lite keeps int32 on every backend (JAX has no int64 by default)."""
    def kind(dtype):
        return "int" if str(dtype).startswith("int") else str(dtype)

    return [(_normalize(v.path), tuple(v.shape), kind(v.dtype)) for v in opt.variables]


def keras_public_config(config):
    """Keras on torch serializes its torch-specific optimizer subclasses under their private module
    (`keras.src.backend.torch.optimizers...`, registered_name set); map those back to the public name."""
    if isinstance(config, dict):
        config = {k: keras_public_config(v) for k, v in config.items()}
        if str(config.get("module", "")).startswith("keras.src.backend."):
            config.update(module="keras.optimizers", registered_name=None)
    return config


def check_structure(cls, kwargs, via_apply=False):
    """Same optimizer variables (paths, shapes, order) and the same config as Keras 3, after build."""
    keras = keras_module()
    ours_vars = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(VALUES, NAMES)]
    theirs_vars = [keras.Variable(np.array(v), name=n) for v, n in zip(VALUES, NAMES)]
    ours, theirs = cls(name="opt", **kwargs), getattr(keras.optimizers, cls.__name__)(name="opt", **kwargs)
    if via_apply:
        ours.apply(list(GRADS[0]), ours_vars)
        theirs.apply([keras.ops.convert_to_tensor(np.array(g)) for g in GRADS[0]], theirs_vars)
    else:
        ours.build(ours_vars)
        theirs.build(theirs_vars)
    assert variable_signature(ours) == variable_signature(theirs)
    assert ours.get_config() == keras_public_config(theirs.get_config())
    again = cls.from_config(ours.get_config())
    assert again.get_config() == ours.get_config()


def reference_run(values, grads, init, step):
    """Drive a NumPy reference: `init(w) -> state`, `step(w, g, state, t) -> new w` (t counts from 1)."""
    values = [np.array(v, "float64") for v in values]
    states = [init(v) for v in values]
    history = []
    for t, step_grads in enumerate(grads, start=1):
        values = [step(w, np.array(g, "float64"), s, t) for w, g, s in zip(values, step_grads, states)]
        history.append([np.array(v) for v in values])
    return history


def check_stateless(cls, kwargs, rtol=1e-5, atol=1e-6, grads=GRADS, make=None):
    """stateless_apply (under jax.jit on JAX) gives what apply gives, and touches no variable; on
    TensorFlow, apply inside tf.function gives the same as eager apply. `make()` builds the optimizer
    when it is not `cls(name="opt", **kwargs)`."""
    make = make or (lambda: cls(name="opt", **kwargs))
    _, _, want = run_ours(cls, kwargs, grads=grads, make=make)
    variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(VALUES, NAMES)]
    opt = make()
    opt.build(variables)
    fn = opt.stateless_apply
    if BACKEND == "jax":
        import jax

        fn = jax.jit(fn)
    model_values, opt_values = [v.value for v in variables], [v.value for v in opt.variables]
    got = []
    for step in grads:
        model_values, opt_values = fn(opt_values, [np.array(g) for g in step], model_values)
        got.append([np.array(keras_lite.ops.convert_to_numpy(v)) for v in model_values])
    assert_histories_close(got, want, rtol=rtol, atol=atol)
    for v, start in zip(variables, VALUES):
        np.testing.assert_array_equal(v.numpy(), start)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        variables = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(VALUES, NAMES)]
        opt = make()
        opt.build(variables)
        compiled = tf.function(lambda step: opt.apply(step, variables))
        got = []
        for step in grads:
            compiled([tf.constant(g) for g in step])
            got.append([np.array(v.numpy()) for v in variables])
        assert_histories_close(got, want, rtol=rtol, atol=atol)
    return opt_values
