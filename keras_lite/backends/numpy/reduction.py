"""NumPy: reductions, statistics, sorting, searching and indexing."""
import numpy as np

from keras_lite.backends.numpy.core import convert_to_tensor

_SUM_DTYPES = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "uint32", "uint16": "uint32"}


def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    return np.asarray(np.sum(x, axis=axis, keepdims=keepdims, dtype=_SUM_DTYPES.get(x.dtype.name)))
