"""TensorFlow: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits)."""
import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.tensorflow.core import convert_to_tensor


def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return tf.math.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    return tf.math.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return tf.math.multiply(x1, x2)


def exp(x):
    return tf.math.exp(_to_float(x))


def sqrt(x):
    return tf.math.sqrt(_to_float(x))
