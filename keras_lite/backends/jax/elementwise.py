"""JAX: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits)."""
import jax.numpy as jnp

from keras_lite.backends.common import dtypes
from keras_lite.backends.jax.core import convert_to_tensor


def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.multiply(x1, x2)


def exp(x):
    return jnp.exp(_to_float(x))


def sqrt(x):
    return jnp.sqrt(_to_float(x))
