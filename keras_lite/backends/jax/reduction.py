"""JAX: reductions, statistics, sorting, searching and indexing."""
import jax.numpy as jnp

from keras_lite.backends.jax.core import convert_to_tensor


def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    dtype = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "uint32", "uint16": "uint32"}.get(
        str(x.dtype))
    return jnp.sum(x, axis=axis, keepdims=keepdims, dtype=dtype)
