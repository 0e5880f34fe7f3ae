"""JAX: array ops (creation, shape manipulation, joining and splitting, products)."""
import jax.numpy as jnp

from keras_lite.backends.jax.core import convert_to_tensor


def reshape(x, newshape):
    return jnp.reshape(convert_to_tensor(x), newshape)
