"""PyTorch: reductions, statistics, sorting, searching and indexing."""
import torch

from keras_lite.backends.torch.core import _torch_dtype, convert_to_tensor

_SUM_DTYPES = {torch.bool: "int32", torch.int8: "int32", torch.int16: "int32", torch.uint8: "uint32",
               torch.uint16: "uint32"}


def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    out_dtype = _torch_dtype(_SUM_DTYPES[x.dtype]) if x.dtype in _SUM_DTYPES else x.dtype
    if x.dtype in _SUM_DTYPES:
        x = x.to(torch.int64)  # torch has no uint32 reduction; accumulate wide, then narrow
    if axis is None:
        axis = tuple(range(x.ndim))
    elif isinstance(axis, int):
        axis = (axis,)
    if not axis:
        return x.to(out_dtype)
    return torch.sum(x, dim=tuple(axis), keepdim=keepdims).to(out_dtype)
