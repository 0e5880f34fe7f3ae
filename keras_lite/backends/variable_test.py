"""Variable on the active backend: values, assignment, names and paths, use in ops and engine code."""
import numpy as np
import pytest

import keras_lite
from keras_lite import ops
from keras_lite.backends import BACKEND, engine
from keras_lite.backends.common.naming import name_scope
from keras_lite.backends.common.stateless_scope import StatelessScope


def test_from_value_and_from_callable():
    v = keras_lite.Variable(np.ones((2, 3)), name="w")
    assert v.shape == (2, 3) and v.dtype == "float32" and v.trainable
    np.testing.assert_array_equal(v.numpy(), np.ones((2, 3)))
    u = keras_lite.Variable(lambda shape, dtype: np.full(shape, 2.0), shape=(4,), dtype="float16")
    assert u.dtype == "float16"
    np.testing.assert_array_equal(np.asarray(u), np.full(4, 2.0))
    i = keras_lite.Variable(np.arange(3, dtype="int64"), trainable=False)
    assert i.dtype == ("int64" if BACKEND != "jax" else "int32") or i.dtype == "int64"
    assert not i.trainable


def test_assign_family_and_shape_check():
    v = keras_lite.Variable(np.zeros(3, "float32"))
    v.assign([1.0, 2.0, 3.0])
    v.assign_add(np.ones(3))
    v.assign_sub(np.full(3, 0.5))
    np.testing.assert_allclose(v.numpy(), [1.5, 2.5, 3.5])
    with pytest.raises(ValueError, match=r"shape \(2,\).*\(3,\)"):
        v.assign(np.zeros(2))


def test_name_and_path():
    with name_scope("dense"):
        v = keras_lite.Variable(np.zeros(2), name="kernel")
    assert v.name == "kernel" and v.path == "dense/kernel"
    assert "path=dense/kernel, shape=(2,), dtype=float32" in repr(v)
    with pytest.raises(ValueError, match="without '/'"):
        keras_lite.Variable(np.zeros(2), name="a/b")


def test_arithmetic_and_ops_use_the_value():
    v = keras_lite.Variable(np.array([1.0, 2.0], "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(v + 1), [2, 3])
    np.testing.assert_allclose(ops.convert_to_numpy(2 * v), [2, 4])
    np.testing.assert_allclose(ops.convert_to_numpy(ops.sum(v)), 3)
    assert float(ops.convert_to_numpy(ops.convert_to_tensor(v))[1]) == 2.0


def test_engine_functions_accept_a_variable():
    v = keras_lite.Variable(np.array([1.0, 2.0], "float32"))
    if BACKEND == "jax":
        import jax.numpy as jnp

        # jnp functions no longer accept __jax_array__ objects (in Keras 3 neither); operators and asarray do.
        out = jnp.ones(2) + v
        np.testing.assert_allclose(engine.convert_to_numpy(jnp.asarray(v)), [1, 2])
    elif BACKEND == "torch":
        import torch

        out = torch.add(v, 1)
    elif BACKEND == "tensorflow":
        import tensorflow as tf

        out = tf.add(v, 1.0)
    else:
        out = np.add(v, 1)
    np.testing.assert_allclose(engine.convert_to_numpy(out), [2, 3])
    if BACKEND == "torch":
        assert torch.matmul(v, v).item() == 5.0


def test_stateless_scope_reads_mapped_values_and_records_assignments():
    v = keras_lite.Variable(np.zeros(2, "float32"))
    with StatelessScope(state_mapping=[(v, np.ones(2, "float32"))]) as scope:
        np.testing.assert_allclose(ops.convert_to_numpy(v.value), [1, 1])
        v.assign_add(np.ones(2, "float32"))
        np.testing.assert_allclose(ops.convert_to_numpy(v.value), [2, 2])
    np.testing.assert_allclose(v.numpy(), [0, 0])  # the variable itself is untouched
    (updated, value), = scope.updates()
    assert updated is v
    np.testing.assert_allclose(ops.convert_to_numpy(value), [2, 2])


def test_unknown_keyword_is_an_error():
    with pytest.raises(TypeError, match="unexpected keyword argument 'foo'"):
        keras_lite.Variable(np.zeros(1), foo=1)
