"""NumPy: tensors are ndarrays; inference only, no engine imported (DESIGN decision 11)."""
import contextlib

import numpy as np
import optree

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = False
SUPPORTS_RAGGED_TENSORS = False
IS_THREAD_SAFE = True
ENGINE_ERRORS = (TypeError, ValueError, IndexError)


class Variable(BaseVariable):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = np.array(value)

    def _direct_assign(self, value):
        self._value = np.array(value)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise NotImplementedError("The numpy backend does not support sparse tensors.")
    if ragged:
        raise NotImplementedError("The numpy backend does not support ragged tensors.")
    if isinstance(x, Variable):
        x = x.value
    if dtype is not None:
        wanted = dtypes.to_numpy_dtype(dtype)
        if isinstance(x, np.ndarray) and x.dtype == wanted:
            return x
        return np.asarray(x, dtype=wanted)
    if isinstance(x, np.ndarray):
        return x
    if hasattr(x, "__array__") and not isinstance(x, (list, tuple)):
        return np.asarray(x)
    return np.asarray(x, dtype=dtypes.to_numpy_dtype(dtypes.infer_dtype(x)))



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, (np.ndarray, np.generic))


def shape(x):
    return tuple(np.shape(x))


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """NumPy has no abstract evaluation: run fn on zeros of the probe shapes.

    Heavy op families (convolution, pooling, matmul) have shape rules, so
    this path only sees cheap ops."""
    placeholders = [np.zeros(s, dtype=dtypes.to_numpy_dtype(d)) for s, d in specs]
    with np.errstate(all="ignore"):
        out = fn(placeholders)
    return optree.tree_map(
        lambda o: KerasTensor(o.shape, dtypes.standardize_dtype(o.dtype))
        if isinstance(o, (np.ndarray, np.generic)) else o,
        out, none_is_leaf=True)


@contextlib.contextmanager
def device_scope(device_name):
    """The numpy backend computes on the CPU only."""
    if not str(device_name).lower().startswith("cpu"):
        raise ValueError(f"The numpy backend runs on the CPU only; got device {device_name!r}.")
    yield


def get_device():
    return "cpu"
