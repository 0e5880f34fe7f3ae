"""PyTorch: tensors, Variable, conversion, abstract evaluation and devices."""
import contextlib

import numpy as np
import torch

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = False
SUPPORTS_RAGGED_TENSORS = False
IS_THREAD_SAFE = True
ENGINE_ERRORS = (RuntimeError, TypeError, ValueError, IndexError)

_TORCH_DTYPES = {
    "bool": torch.bool, "uint8": torch.uint8, "uint16": torch.uint16, "uint32": torch.uint32,
    "uint64": torch.uint64, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32,
    "int64": torch.int64, "bfloat16": torch.bfloat16, "float16": torch.float16,
    "float32": torch.float32, "float64": torch.float64, "complex64": torch.complex64,
    "complex128": torch.complex128,
}
_default_device = ["cuda" if torch.cuda.is_available() else "cpu"]


def _torch_dtype(dtype):
    name = dtypes.standardize_dtype(dtype)
    if name not in _TORCH_DTYPES:
        raise ValueError(f"The torch backend has no dtype {name!r}.")
    return _TORCH_DTYPES[name]


class Variable(BaseVariable):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        if dtypes.is_float_dtype(self._dtype) or dtypes.is_complex_dtype(self._dtype):
            self._value = torch.nn.Parameter(value, requires_grad=self.trainable)
        else:
            self._value = value

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        """Lets torch functions take a Variable where they take a tensor."""
        unwrap = lambda x: x.value if isinstance(x, Variable) else x  # noqa: E731
        args = [unwrap(a) if not isinstance(a, (list, tuple)) else type(a)(map(unwrap, a)) for a in args]
        kwargs = {k: unwrap(v) for k, v in (kwargs or {}).items()}
        return func(*args, **kwargs)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise NotImplementedError("The torch backend does not support sparse tensors.")
    if ragged:
        raise NotImplementedError("The torch backend does not support ragged tensors.")
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, torch.Tensor):
        if dtype is not None:
            wanted = _torch_dtype(dtype)
            if x.dtype != wanted:
                return x.to(wanted)
        return x
    if dtype is None:
        if isinstance(x, np.ndarray) or hasattr(x, "__array__") and not isinstance(x, (list, tuple)):
            x = np.asarray(x)
            dtype = dtypes.standardize_dtype(x.dtype)
        else:
            dtype = dtypes.infer_dtype(x)
    torch_dtype = _torch_dtype(dtype)
    if isinstance(x, np.ndarray):
        if x.dtype.kind == "V" or str(x.dtype) == "bfloat16":
            return torch.from_numpy(x.astype(np.float32)).to(device=_default_device[0], dtype=torch_dtype)
        if not x.flags.writeable or x.dtype.byteorder not in "=|":
            x = np.array(x)
        return torch.as_tensor(x, device=_default_device[0]).to(torch_dtype)
    return torch.as_tensor(x, dtype=torch_dtype, device=_default_device[0])



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, torch.Tensor):
        x = x.detach()
        if x.dtype == torch.bfloat16:
            import ml_dtypes

            return x.float().cpu().numpy().astype(ml_dtypes.bfloat16)
        return x.cpu().numpy()
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def shape(x):
    return tuple(x.shape)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """Evaluate fn on meta tensors (no data, no compute); falls back to zeros on the CPU
    for the few torch ops that have no meta kernel."""
    try:
        with torch.device("meta"):
            placeholders = [torch.empty(s, dtype=_torch_dtype(d)) for s, d in specs]
            out = fn(placeholders)
    except (NotImplementedError, RuntimeError):
        placeholders = [torch.zeros(s, dtype=_torch_dtype(d), device="cpu") for s, d in specs]
        out = fn(placeholders)
    import optree

    return optree.tree_map(
        lambda o: KerasTensor(tuple(o.shape), dtypes.standardize_dtype(o.dtype)) if isinstance(o, torch.Tensor) else o,
        out, none_is_leaf=True)


@contextlib.contextmanager
def device_scope(device_name):
    """Creates tensors inside on a device, e.g. 'cpu' or 'gpu:0' ('gpu' means 'cuda')."""
    device = _parse_device(device_name)
    previous = _default_device[0]
    _default_device[0] = device
    try:
        with torch.device(device):
            yield
    finally:
        _default_device[0] = previous


def _parse_device(device_name):
    name = str(device_name).lower().replace("gpu", "cuda")
    try:
        return str(torch.device(name))
    except RuntimeError as e:
        raise ValueError(f"Unknown device {device_name!r}: {e}") from None


def get_device():
    return _default_device[0]
