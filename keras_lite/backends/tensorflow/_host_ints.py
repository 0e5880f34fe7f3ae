"""Python int lists as TensorFlow op inputs (shapes, axes, permutations, paddings) without TF's slow path."""
import functools

import tensorflow as tf


def int_vector(values):
    """A shape, axis list, permutation or list of paddings as an op input. Eagerly, a cached int32 tensor:
    TF's eager fast path refuses a Python list there and runs its slow path instead (~40 µs more per op, 4x
    for a transpose); in a graph, the values as they are, which TF folds into constants (so static shapes
    stay known)."""
    if isinstance(values, (list, tuple)) and tf.executing_eagerly():
        key = _int_tuples(values)
        if key is not None:
            return _eager_int32(key)
    return values


def _int_tuples(values):
    """`values` (Python ints, in lists or tuples) as nested tuples, or None if anything else is inside."""
    out = []
    for v in values:
        if isinstance(v, (list, tuple)):
            v = _int_tuples(v)
            if v is None:
                return None
        elif type(v) is not int:
            return None
        out.append(v)
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def _eager_int32(values):
    with tf.device("/cpu:0"):  # host memory, where TF wants shapes and axes on every device
        return tf.constant(values, tf.int32)
