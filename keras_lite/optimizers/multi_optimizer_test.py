"""MultiOptimizer and OptimizerMap: each variable goes to the optimizer its path maps to; checked
against a NumPy reference and Keras 3, on every backend."""
import numpy as np
import pytest

import keras_lite
from keras_lite import optimizers
from keras_lite.optimizers import _test_utils as T


def make_ours():
    mapping = optimizers.OptimizerMap(optimizers.SGD(0.1, name="default"), {"w": optimizers.Adam(0.05, name="adam")})
    return optimizers.MultiOptimizer(mapping, name="opt")


def make_keras(keras):
    mapping = keras.optimizers.OptimizerMap(keras.optimizers.SGD(0.1, name="default"),
                                            {"w": keras.optimizers.Adam(0.05, name="adam")})
    return keras.optimizers.MultiOptimizer(mapping, name="opt")


def reference():
    w, b = [v.astype("float64") for v in T.VALUES]
    m, v, out = np.zeros_like(w), np.zeros_like(w), []
    for t, (gw, gb) in enumerate(T.GRADS, start=1):
        m += (gw - m) * 0.1
        v += (gw * gw - v) * 0.001
        w = w - m * 0.05 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) / (np.sqrt(v) + 1e-7)
        b = b - 0.1 * gb
        out.append([w, b])
    return out


def test_matches_numpy_reference():
    _, _, ours = T.run_ours(None, None, make=make_ours)
    T.assert_histories_close(ours, reference(), rtol=1e-4, atol=1e-5)


def test_matches_keras():
    _, _, ours = T.run_ours(None, None, make=make_ours)
    _, _, theirs = T.run_keras(None, None, make=make_keras)
    T.assert_histories_close(ours, theirs)


def test_variables_config_and_routing():
    keras = T.keras_module()
    ours_vars = [keras_lite.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    theirs_vars = [keras.Variable(np.array(v), name=n) for v, n in zip(T.VALUES, T.NAMES)]
    ours, theirs = make_ours(), make_keras(keras)
    ours.build(ours_vars)
    theirs.build(theirs_vars)
    assert T.variable_signature(ours) == T.variable_signature(theirs)
    assert [o.name for o in ours.optimizers] == ["adam", "default"]
    assert ours.get_config() == T.keras_public_config(theirs.get_config())
    again = optimizers.deserialize(optimizers.serialize(ours))
    assert isinstance(again, optimizers.MultiOptimizer) and again.get_config() == ours.get_config()
    ours.apply([np.array(g) for g in T.GRADS[0]], ours_vars)
    assert [int(o.iterations.numpy()) for o in [ours] + ours.optimizers] == [1, 1, 1]


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(None, None, make=make_ours)


def test_optimizer_map_lookup_and_errors():
    sgd, adam, lion = optimizers.SGD(), optimizers.Adam(), optimizers.Lion()
    mapping = optimizers.OptimizerMap(sgd, {"dense/kernel": adam, "dense_.*/kernel": lion})
    assert mapping["dense/kernel"] is adam and mapping["dense_3/kernel"] is lion and mapping["other"] is sgd
    assert len(mapping) == 2 and set(mapping) == {"dense/kernel", "dense_.*/kernel"}
    with pytest.raises(ValueError, match="already mapped"):
        mapping["dense/kernel"] = sgd
    with pytest.raises(ValueError, match="cannot be a LossScaleOptimizer"):
        mapping["x"] = optimizers.LossScaleOptimizer(optimizers.SGD())
    with pytest.raises(TypeError, match="default_optimizer must be an Optimizer"):
        optimizers.OptimizerMap("sgd")
    ambiguous = optimizers.OptimizerMap(sgd, {"a.*": adam, ".*b": lion})
    with pytest.raises(ValueError, match="matches several keys"):
        ambiguous["ab"]
    multi = optimizers.MultiOptimizer(mapping)
    with pytest.raises(AttributeError, match="no single learning rate"):
        multi.learning_rate
