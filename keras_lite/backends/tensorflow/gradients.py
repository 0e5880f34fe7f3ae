"""TensorFlow: gradients of a scalar function of Variables, with a GradientTape."""
import tensorflow as tf


def value_and_grad(fn, variables):
    """(fn(), [d fn / d v for v in variables]); a variable the value does not depend on gets zeros."""
    handles = [v.value for v in variables]
    with tf.GradientTape() as tape:
        for handle in handles:
            tape.watch(handle)
        value = fn()
    grads = tape.gradient(value, handles, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    return value, [tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g for g in grads]
