"""NumPy: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits)."""
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.numpy.core import convert_to_tensor


def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.multiply(x1, x2)


def exp(x):
    return np.exp(_to_float(x))


def sqrt(x):
    return np.sqrt(_to_float(x))
