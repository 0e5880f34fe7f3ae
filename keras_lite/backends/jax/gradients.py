"""JAX: gradients of a scalar function of Variables (pure, through the stateless scope)."""
import jax

from keras_lite.backends.common.stateless_scope import StatelessScope


def value_and_grad(fn, variables):
    """(fn(), [d fn / d v for v in variables]); `fn` takes no arguments and reads the variables."""

    def pure(values):
        with StatelessScope(state_mapping=list(zip(variables, values))):
            return fn()

    return jax.value_and_grad(pure)([v.value for v in variables])
