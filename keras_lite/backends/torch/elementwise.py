"""PyTorch: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits)."""
import torch

from keras_lite.backends.common import dtypes
from keras_lite.backends.torch.core import convert_to_tensor


def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.multiply(x1, x2)


def exp(x):
    return torch.exp(_to_float(x))


def sqrt(x):
    return torch.sqrt(_to_float(x))
