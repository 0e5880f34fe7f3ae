"""PyTorch: array ops (creation, shape manipulation, joining and splitting, products)."""
import functools
import math
import re

import numpy as np
import torch
import torch.nn.functional as F

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.torch.core import Variable, _torch_dtype, convert_to_tensor, get_device

# Dtypes that torch's CPU matmul/einsum/tensordot kernels lack, and the type to compute them in.
_PRODUCT_COMPUTE = {"bool": "int32", "uint16": "int64", "uint32": "int64", "uint64": "int64"}
_INDEX_MODES = ("edge", "reflect", "symmetric", "wrap", "circular")


def _promote(xs, dtype=None):
    xs = [convert_to_tensor(x) for x in xs]
    if dtype is None:
        first = xs[0].dtype
        if all(x.dtype == first for x in xs):
            return xs
        dtype = dtypes.result_type(*(dtypes.standardize_dtype(x.dtype) for x in xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _product_args(xs, widen_int8=False):
    """Inputs cast to a type torch can multiply in, and the Keras result dtype (None: that of the inputs,
    when they share one floating dtype, the common case, which skips the dtype rules)."""
    xs = [convert_to_tensor(x) for x in xs]
    if xs and xs[0].is_floating_point() and all(x.dtype == xs[0].dtype for x in xs):
        return xs, None
    names = [dtypes.standardize_dtype(x.dtype) for x in xs]
    dtype = "int32" if widen_int8 and all(n == "int8" for n in names) else dtypes.result_type(*names)
    compute = _PRODUCT_COMPUTE.get(dtype, dtype)
    if xs and xs[0].is_cuda and not (dtypes.is_float_dtype(compute) or dtypes.is_complex_dtype(compute)):
        compute = "float64"  # CUDA has no integer matmul kernels
    return [convert_to_tensor(x, compute) for x in xs], dtype


def _finish(out, dtype):
    return convert_to_tensor(out, dtype)


def _axes(axis, rank):
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    return tuple(a % rank for a in axes)


# -- creation -----------------------------------------------------------------
def arange(start, stop=None, step=None, dtype=None):
    if stop is None:
        start, stop = 0, start
    return torch.arange(start, stop, 1 if step is None else step, dtype=_torch_dtype(dtype), device=get_device())


def zeros(shape, dtype=None):
    return torch.zeros(shape, dtype=_torch_dtype(dtype), device=get_device())


def ones(shape, dtype=None):
    return torch.ones(shape, dtype=_torch_dtype(dtype), device=get_device())


def full(shape, fill_value, dtype=None):
    if isinstance(fill_value, (bool, int, float)):
        return torch.full(shape, fill_value, dtype=_torch_dtype(dtype), device=get_device())
    return torch.broadcast_to(convert_to_tensor(fill_value, dtype), shape).clone()


def zeros_like(x, dtype=None):
    return torch.zeros_like(convert_to_tensor(x), dtype=_torch_dtype(dtype) if dtype else None)


def ones_like(x, dtype=None):
    return torch.ones_like(convert_to_tensor(x), dtype=_torch_dtype(dtype) if dtype else None)


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    if isinstance(fill_value, (bool, int, float)):
        return torch.full_like(x, fill_value, dtype=_torch_dtype(dtype) if dtype else None)
    return torch.broadcast_to(convert_to_tensor(fill_value, dtype or x.dtype), x.shape).clone()


def eye(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    if k == 0:
        return torch.eye(N, M, dtype=_torch_dtype(dtype), device=get_device())
    rows = torch.arange(N, device=get_device())[:, None]
    return (rows + k == torch.arange(M, device=get_device())).to(_torch_dtype(dtype))


def tri(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    rows = torch.arange(N, device=get_device())[:, None]
    return (rows + k >= torch.arange(M, device=get_device())).to(_torch_dtype(dtype))


def _spaced(start, stop, num, endpoint, axis):
    """NumPy's linspace in float64: (samples along a new axis, step)."""
    start, stop = torch.broadcast_tensors(convert_to_tensor(start, "float64"), convert_to_tensor(stop, "float64"))
    div = num - 1 if endpoint else num
    step = (stop - start) / div if div > 0 else torch.full_like(start, float("nan"))
    t = torch.arange(num, dtype=torch.float64, device=start.device).reshape((num,) + (1,) * start.ndim)
    y = start + t * step
    if endpoint and num > 1:
        y = torch.cat([y[:-1], stop[None]])
    return torch.movedim(y, 0, axis), step


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    y, step = _spaced(start, stop, num, endpoint, axis)
    if dtypes.is_int_dtype(dtype):
        y = torch.floor(y)
    y = _finish(y, dtype)
    return (y, step) if retstep else y


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    y, _ = _spaced(start, stop, num, endpoint, axis)
    return _finish(torch.pow(convert_to_tensor(base, "float64"), y), dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    start, stop = convert_to_tensor(start, "float64"), convert_to_tensor(stop, "float64")
    y, _ = _spaced(torch.log10(torch.abs(start)), torch.log10(torch.abs(stop)), num, endpoint, 0)
    y = torch.sign(start) * torch.pow(10.0, y)
    ends = [torch.broadcast_to(start, y.shape[1:])[None]] if num > 0 else []
    if num > 1:
        last = stop if endpoint else y[-1]
        y = torch.cat(ends + [y[1:-1], torch.broadcast_to(last, y.shape[1:])[None]])
    elif num == 1:
        y = ends[0]
    return _finish(torch.movedim(y, 0, axis), dtype)


def _window(values):
    return convert_to_tensor(values.astype(dtypes.to_numpy_dtype(config.floatx())))


def bartlett(x):
    return _window(np.bartlett(x))


def blackman(x):
    return _window(np.blackman(x))


def hamming(x):
    return _window(np.hamming(x))


def hanning(x):
    return _window(np.hanning(x))


def kaiser(x, beta):
    return _window(np.kaiser(x, beta))


def meshgrid(*x, indexing="xy"):
    return list(torch.meshgrid(*(torch.ravel(convert_to_tensor(t)) for t in x), indexing=indexing))


def vander(x, N=None, increasing=False):
    x = convert_to_tensor(x)
    return torch.vander(x, N, increasing).to(x.dtype)


# -- shape manipulation -------------------------------------------------------
def reshape(x, newshape):
    if isinstance(newshape, int):
        newshape = (newshape,)
    return torch.reshape(convert_to_tensor(x), tuple(newshape))


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    return x.permute(tuple(range(x.ndim - 1, -1, -1)) if axes is None else tuple(axes))


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    if isinstance(axis, int):
        return torch.unsqueeze(x, axis)
    for a in sorted(_axes(axis, x.ndim + len(axis))):
        x = torch.unsqueeze(x, a)
    return x


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return torch.squeeze(x)
    axes = _axes(axis, x.ndim)
    for a in axes:
        if x.shape[a] != 1:
            raise ValueError(f"cannot squeeze axis {a} of size {x.shape[a]}.")
    return torch.squeeze(x, axes)


def ravel(x):
    return torch.ravel(convert_to_tensor(x))


def broadcast_to(x, shape):
    return torch.broadcast_to(convert_to_tensor(x), shape)


def moveaxis(x, source, destination):
    return torch.movedim(convert_to_tensor(x), source, destination)


def swapaxes(x, axis1, axis2):
    return torch.swapaxes(convert_to_tensor(x), axis1, axis2)


def flip(x, axis=None):
    x = convert_to_tensor(x)
    return torch.flip(x, tuple(range(x.ndim)) if axis is None else _axes(axis, x.ndim))


def roll(x, shift, axis=None):
    return torch.roll(convert_to_tensor(x), shift, axis)


def rot90(array, k=1, axes=(0, 1)):
    return torch.rot90(convert_to_tensor(array), k, axes)


def tile(x, repeats):
    return torch.tile(convert_to_tensor(x), tuple(repeats))


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    if not isinstance(repeats, int):
        repeats = convert_to_tensor(repeats, "int64")
    return torch.repeat_interleave(x, repeats, dim=axis)


def _index_pad(x, pad_width, mode):
    """Edge, reflect, symmetric and wrap padding as a gather: NumPy pads the source indices."""
    for axis, (before, after) in enumerate(pad_width):
        if before or after:
            index = np.pad(np.arange(x.shape[axis]), (before, after), "wrap" if mode == "circular" else mode)
            x = torch.index_select(x, axis, torch.as_tensor(index, device=x.device))
    return x


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    if mode in ("constant", "empty"):
        flat = [w for pair in reversed(pad_width) for w in pair]
        return F.pad(x, flat, value=0 if constant_values is None else constant_values)
    if mode in _INDEX_MODES:
        return _index_pad(x, pad_width, mode)
    raise NotImplementedError(f"The torch backend does not implement ops.pad with mode={mode!r}.")


def diag(x, k=0):
    return torch.diag(convert_to_tensor(x), k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    return torch.diagonal(convert_to_tensor(x), offset, axis1, axis2)


def _band(x, k, lower):
    rows = torch.arange(x.shape[-2], device=x.device)[:, None] + k
    cols = torch.arange(x.shape[-1], device=x.device)
    return torch.where(rows >= cols if lower else rows <= cols, x, torch.zeros((), dtype=x.dtype, device=x.device))


def tril(x, k=0):
    x = convert_to_tensor(x)
    return torch.tril(x, k) if x.dtype not in (torch.uint16, torch.uint32, torch.uint64) else _band(x, k, True)


def triu(x, k=0):
    x = convert_to_tensor(x)
    return torch.triu(x, k) if x.dtype not in (torch.uint16, torch.uint32, torch.uint64) else _band(x, k, False)


def size(x):
    x = convert_to_tensor(x)
    return torch.tensor(x.numel(), dtype=torch.int32, device=x.device)


# -- joining and splitting ----------------------------------------------------
def concatenate(xs, axis=0):
    xs = _promote(xs)
    if axis is None:
        return torch.cat([torch.ravel(x) for x in xs])
    return torch.cat(xs, dim=axis)


def stack(x, axis=0):
    return torch.stack(_promote(x), dim=axis)


def hstack(xs):
    return torch.hstack(_promote(xs))


def vstack(xs):
    return torch.vstack(_promote(xs))


def dstack(xs):
    return torch.dstack(_promote(xs))


def split(x, indices_or_sections, axis=0):
    return list(torch.tensor_split(convert_to_tensor(x), indices_or_sections, dim=axis))


# -- indexing -----------------------------------------------------------------
def _index(k, device):
    if isinstance(k, Variable):
        return k.value
    if isinstance(k, np.ndarray):
        return torch.as_tensor(k, device=device)
    return k


def _is_array(k):
    return isinstance(k, list) or (isinstance(k, torch.Tensor) and (k.ndim > 0 or k.dtype == torch.bool))


def _reverse_slices(x, key):
    """Torch has no negative slice steps: flip those axes and slice forward instead."""
    consumed = sum(k.ndim if isinstance(k, torch.Tensor) and k.dtype == torch.bool else 1
                   for k in key if k is not None and k is not Ellipsis)
    out, dim = [], 0
    for k in key:
        if k is Ellipsis:
            dim += x.ndim - consumed
        elif isinstance(k, slice) and k.step is not None and k.step < 0:
            n = x.shape[dim]
            picked = range(*k.indices(n))
            x = torch.flip(x, (dim,))
            k = slice(n - 1 - picked[0], n - picked[-1], -k.step) if picked else slice(0, 0)
        if k is not None and k is not Ellipsis:
            dim += k.ndim if isinstance(k, torch.Tensor) and k.dtype == torch.bool else 1
        out.append(k)
    return x, tuple(out)


def get_item(x, key):
    x = convert_to_tensor(x)
    if not isinstance(key, tuple):
        key = (key,)
    key = tuple(_index(k, x.device) for k in key)
    if any(isinstance(k, slice) and k.step is not None and k.step < 0 for k in key):
        x, key = _reverse_slices(x, key)
    if any(map(_is_array, key)) and any(isinstance(k, int) for k in key):
        # NumPy treats an int among index arrays as an index array; torch would index it first.
        key = tuple(torch.tensor([k], device=x.device) if isinstance(k, int) else k for k in key)
    return x[key]


# -- products -----------------------------------------------------------------
def matmul(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2), widen_int8=True)
    return _finish(torch.matmul(x1, x2), dtype)


def _tensordot(x1, x2, a, b):
    return torch.tensordot(x1, x2, dims=([a % x1.ndim], [b % x2.ndim]))


def dot(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    if x1.ndim == 0 or x2.ndim == 0:
        return _finish(x1 * x2, dtype)
    return _finish(_tensordot(x1, x2, -1, -2 if x2.ndim > 1 else 0), dtype)


def tensordot(x1, x2, axes=2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _finish(torch.tensordot(x1, x2, dims=axes if isinstance(axes, int) else [list(a) for a in axes]), dtype)


def einsum(subscripts, *operands, **kwargs):
    operands, dtype = _product_args(operands, widen_int8=True)
    form = _matmul_form(subscripts) if len(operands) == 2 else None
    if form is None or not operands[0].is_floating_point():
        return _finish(torch.einsum(subscripts, *operands), dtype)
    kept, contracted = form  # x: kept + contracted axes; y: contracted + the rest
    x, y = operands
    lead, rest = x.shape[:kept], y.shape[contracted:]
    size = math.prod(y.shape[:contracted])
    out = torch.matmul(x.reshape(*lead, size), y.reshape(size, math.prod(rest)))
    return _finish(out.reshape(*lead, *rest), dtype)


@functools.lru_cache(maxsize=256)
def _matmul_form(subscripts):
    """(axes of x kept, axes contracted) when `subscripts` is a dense product 'XC,CK->XK' (distinct letters
    in order, no ellipsis), which one matmul of reshaped operands computes with less eager overhead than
    torch.einsum (the projections of EinsumDense and MultiHeadAttention); else None."""
    match = re.fullmatch(r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]*)", subscripts.replace(" ", ""))
    if match is None:
        return None
    x, y, out = match.groups()
    if len(set(x)) != len(x) or len(set(y)) != len(y):
        return None
    shared = "".join(c for c in y if c in x)
    kept = len(x) - len(shared)
    if not shared or x[kept:] != shared or not y.startswith(shared) or out != x[:kept] + y[len(shared):]:
        return None
    return kept, len(shared)


def inner(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    if x1.ndim == 0 or x2.ndim == 0:
        return _finish(x1 * x2, dtype)
    return _finish(_tensordot(x1, x2, -1, -1), dtype)


def outer(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _finish(torch.outer(torch.ravel(x1), torch.ravel(x2)), dtype)


def kron(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _finish(torch.kron(x1, x2), dtype)


def vdot(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _finish(torch.sum(torch.conj(torch.ravel(x1)) * torch.ravel(x2)), dtype)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1):
    (a, b), dtype = _product_args((x1, x2))
    a, b = torch.movedim(a, axisa, -1), torch.movedim(b, axisb, -1)
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        return _finish(a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0], dtype)
    a = a if a.shape[-1] == 3 else F.pad(a, (0, 1))
    b = b if b.shape[-1] == 3 else F.pad(b, (0, 1))
    c = torch.stack([a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1],
                     a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2],
                     a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]], -1)
    return _finish(torch.movedim(c, -1, axisc), dtype)


def correlate(x1, x2, mode="valid"):
    dtype = dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
    dtype = "float64" if dtype in ("int64", "uint64") else dtype if dtype in ("bfloat16", "float16", "float64") \
        else "float32"
    x1, x2 = _promote((x1, x2), dtype)
    n, m = x1.shape[0], x2.shape[0]
    full = F.conv1d(x1[None, None], x2[None, None], padding=m - 1)[0, 0]
    if mode == "full":
        return full
    if mode == "valid":
        return full[min(n, m) - 1:max(n, m)]
    start = (m - 1) // 2 if n >= m else n // 2
    return full[start:start + max(n, m)]


# -- vectorize ----------------------------------------------------------------
def vmap(fn, args):
    return torch.vmap(fn)(*args)
