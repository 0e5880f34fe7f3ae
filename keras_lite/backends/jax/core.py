"""JAX: tensors, Variable, conversion, abstract evaluation and devices."""
import contextlib

import jax
import jax.numpy as jnp
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = False
SUPPORTS_RAGGED_TENSORS = False
IS_THREAD_SAFE = True
# Engine exceptions that an op re-raises as a ValueError naming itself and its inputs.
ENGINE_ERRORS = (TypeError, ValueError)


class Variable(BaseVariable):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = value

    def _direct_assign(self, value):
        self._value = value

    def __jax_array__(self):
        return self.value


_NARROW = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


def _jax_dtype(dtype):
    """The NumPy dtype JAX stores `dtype` as (64-bit types narrow unless jax_enable_x64 is set)."""
    name = dtypes.standardize_dtype(dtype)
    if not jax.config.jax_enable_x64:
        name = _NARROW.get(name, name)
    return dtypes.to_numpy_dtype(name)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise NotImplementedError("The jax backend does not support sparse tensors.")
    if ragged:
        raise NotImplementedError("The jax backend does not support ragged tensors.")
    if isinstance(x, Variable):
        x = x.value
    if dtype is not None:
        dtype = _jax_dtype(dtype)
    elif not hasattr(x, "dtype"):
        dtype = _jax_dtype(dtypes.infer_dtype(x))
    elif isinstance(x, np.ndarray):
        dtype = _jax_dtype(x.dtype)
    if isinstance(x, jax.Array) and (dtype is None or x.dtype == dtype):
        return x
    return jnp.asarray(x, dtype=dtype)



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, jax.Array)


def shape(x):
    return tuple(x.shape)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """Evaluate fn on placeholders of the given (shape, dtype) without computing."""
    placeholders = [jax.ShapeDtypeStruct(s, _jax_dtype(d)) for s, d in specs]
    out = jax.eval_shape(fn, placeholders)
    return jax.tree_util.tree_map(
        lambda o: KerasTensor(o.shape, dtypes.standardize_dtype(o.dtype)) if hasattr(o, "shape") else o, out)


@contextlib.contextmanager
def device_scope(device_name):
    """Places computations inside on a device, e.g. 'cpu:0' or 'gpu:1'."""
    with jax.default_device(_parse_device(device_name)):
        yield


def _parse_device(device_name):
    if not isinstance(device_name, str):
        return device_name
    kind, _, index = device_name.lower().partition(":")
    kind = {"cuda": "gpu"}.get(kind, kind)
    try:
        devices = jax.devices(kind)
    except RuntimeError as e:
        raise ValueError(f"Unknown or unavailable device {device_name!r}: {e}") from None
    index = int(index or 0)
    if index >= len(devices):
        raise ValueError(f"Device {device_name!r} does not exist; {kind} devices: {len(devices)}.")
    return devices[index]


def get_device():
    device = jax.config.jax_default_device or jax.devices()[0]
    return f"{device.platform}:{device.id}"
