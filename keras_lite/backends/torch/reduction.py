"""PyTorch: reductions, statistics, sorting, searching and indexing."""
import builtins
import math

import torch

from keras_lite.backends.common import dtypes
from keras_lite.backends.torch.core import _torch_dtype, convert_to_tensor

_SUM_DTYPES = {torch.bool: torch.int32, torch.int8: torch.int32, torch.int16: torch.int32,
               torch.uint8: torch.uint32, torch.uint16: torch.uint32}
_INTS = (torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint16, torch.uint32,
         torch.uint64)
_LOW_FLOATS = (torch.float16, torch.bfloat16)


def _name(dtype):
    return str(dtype)[6:]  # torch.float32 -> "float32"


def _dims(x, axis):
    """axis -> a tuple of non-negative dims (all dims for None)."""
    if axis is None:
        return tuple(range(x.ndim))
    if isinstance(axis, int):
        axis = (axis,)
    return tuple(a % x.ndim if x.ndim else a for a in axis)


def _dim(axis):
    """A Keras axis as a torch `dim` (None: all dims). Callers check `_no_dims` first:
    `dim=()` means every dim to torch but none to NumPy and Keras."""
    return axis if axis is None or isinstance(axis, int) else tuple(axis)


def _no_dims(axis):
    return isinstance(axis, (tuple, list)) and not axis


def _float(x, *others):
    """x as a float tensor to compute in (float32 for 16-bit floats), and the result dtype."""
    x = convert_to_tensor(x)
    if not others and (x.dtype == torch.float32 or x.dtype == torch.float64):
        return x, x.dtype
    out = _torch_dtype(dtypes.float_result_type(_name(x.dtype), *others))
    return x.to(torch.float32 if out in _LOW_FLOATS else out), out


def _promote(*xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = _torch_dtype(dtypes.result_type(*(_name(x.dtype) for x in xs)))
    return [x.to(dtype) for x in xs]


def _reduce(fn, x, dims, keepdims):
    """fn(x, dim, keepdim) over several dims, for torch reductions that take one dim."""
    for d in sorted(dims, reverse=True):
        x = fn(x, d, keepdim=keepdims)
    return x


def _has_nan(x):
    return x.is_floating_point() or x.is_complex()


# --- Reductions over axis --------------------------------------------------------------------------

def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    out = _SUM_DTYPES.get(x.dtype, x.dtype)
    if _no_dims(axis):
        return x.to(out)
    # torch sums every integer type into int64 (it has no uint32 sum); narrow back to Keras's dtype.
    return torch.sum(x, dim=_dim(axis), keepdim=keepdims).to(out)


def _prod(x, axis, keepdims, dtype):
    out = _torch_dtype(dtype) if dtype is not None else _SUM_DTYPES.get(x.dtype, x.dtype)
    x = x.to(torch.int64 if out in _INTS else out)
    dims = _dims(x, axis)
    if axis is None and not keepdims:
        return torch.prod(x).to(out)
    return _reduce(torch.prod, x, dims, keepdims).to(out)


def prod(x, axis=None, keepdims=False, dtype=None):
    return _prod(convert_to_tensor(x), axis, keepdims, dtype)


def nansum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if _has_nan(x):
        x = torch.where(torch.isnan(x), 0, x)
    return sum(x, axis=axis, keepdims=keepdims)


def nanprod(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if _has_nan(x):
        x = torch.where(torch.isnan(x), 1, x)
    return _prod(x, axis, keepdims, None)


def _as_bool(x):
    return x if x.dtype == torch.bool else x != 0


def all(x, axis=None, keepdims=False):  # noqa: A001
    x = _as_bool(convert_to_tensor(x))
    return x if _no_dims(axis) else torch.all(x, dim=_dim(axis), keepdim=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    x = _as_bool(convert_to_tensor(x))
    return x if _no_dims(axis) else torch.any(x, dim=_dim(axis), keepdim=keepdims)


def _extreme(fn, x, axis, keepdims):
    if _no_dims(axis):
        return x
    if x.dtype == torch.bool:
        fn = torch.any if fn is torch.amax else torch.all
    return fn(x, dim=_dim(axis), keepdim=keepdims)


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    out = _extreme(torch.amax, x, axis, keepdims)
    if initial is not None:
        out = torch.maximum(out, torch.as_tensor(initial, device=out.device).to(out.dtype))
    return out


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    out = _extreme(torch.amin, x, axis, keepdims)
    if initial is not None:
        out = torch.minimum(out, torch.as_tensor(initial, device=out.device).to(out.dtype))
    return out


def _nan_extreme(fn, fill, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not _has_nan(x):
        return _extreme(fn, x, axis, keepdims)
    nan = torch.isnan(x)
    out = _extreme(fn, torch.where(nan, fill, x), axis, keepdims)
    return torch.where(all(nan, axis, keepdims), math.nan, out)


def nanmax(x, axis=None, keepdims=False):
    return _nan_extreme(torch.amax, -math.inf, x, axis, keepdims)


def nanmin(x, axis=None, keepdims=False):
    return _nan_extreme(torch.amin, math.inf, x, axis, keepdims)


def ptp(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return _extreme(torch.amax, x, axis, keepdims) - _extreme(torch.amin, x, axis, keepdims)


def _arg(fn, x, axis, keepdims):
    if x.dtype == torch.bool:
        x = x.to(torch.uint8)
    if axis is None:
        out = fn(x.reshape(-1))
        return (out.reshape((1,) * x.ndim) if keepdims else out).to(torch.int32)
    return fn(x, dim=axis, keepdim=keepdims).to(torch.int32)


def argmax(x, axis=None, keepdims=False):
    return _arg(torch.argmax, convert_to_tensor(x), axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg(torch.argmin, convert_to_tensor(x), axis, keepdims)


def _nanarg(fn, fill, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not _has_nan(x):
        return _arg(fn, x, axis, keepdims)
    nan = torch.isnan(x)
    out = _arg(fn, torch.where(nan, fill, x), axis, keepdims)
    return torch.where(all(nan, axis, keepdims), -1, out)


def nanargmax(x, axis=None, keepdims=False):
    return _nanarg(torch.argmax, -math.inf, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _nanarg(torch.argmin, math.inf, x, axis, keepdims)


def count_nonzero(x, axis=None):
    x = convert_to_tensor(x)
    if _no_dims(axis):
        return (x != 0).to(torch.int32)
    return torch.count_nonzero(x, dim=_dim(axis)).to(torch.int32)


# --- Statistics ------------------------------------------------------------------------------------

def mean(x, axis=None, keepdims=False):
    x, out = _float(x)
    if _no_dims(axis):
        return x.to(out)
    return torch.mean(x, dim=_dim(axis), keepdim=keepdims).to(out)


def nanmean(x, axis=None, keepdims=False):
    x, out = _float(x)
    if _no_dims(axis):
        return x.to(out)
    return torch.nanmean(x, dim=_dim(axis), keepdim=keepdims).to(out)


def var(x, axis=None, keepdims=False):
    x, out = _float(x)
    if _no_dims(axis):
        return torch.zeros_like(x, dtype=out)
    return torch.var(x, dim=_dim(axis), correction=0, keepdim=keepdims).to(out)


def _nanvar(x, axis, keepdims):
    nan = torch.isnan(x)
    if _no_dims(axis):
        return torch.where(nan, math.nan, torch.zeros_like(x))
    dim = _dim(axis)
    centred = torch.where(nan, 0, x - torch.nanmean(x, dim=dim, keepdim=True))
    return torch.sum(centred * centred, dim=dim, keepdim=keepdims) / torch.sum(~nan, dim=dim, keepdim=keepdims)


def nanvar(x, axis=None, keepdims=False):
    x, out = _float(x)
    return _nanvar(x, axis, keepdims).to(out)


def std(x, axis=None, keepdims=False):
    x, out = _float(x)
    if _no_dims(axis):
        return torch.zeros_like(x, dtype=out)
    return torch.std(x, dim=_dim(axis), correction=0, keepdim=keepdims).to(out)


def nanstd(x, axis=None, keepdims=False):
    x, out = _float(x)
    return torch.sqrt(_nanvar(x, axis, keepdims)).to(out)


def quantile(x, q, axis=None, method="linear", keepdims=False, ignore_nan=False, percent=False):
    """Sort-based, so no input-size limit (torch.quantile stops at 2**24 elements)."""
    x, out = _float(x)
    q = convert_to_tensor(q).to(device=x.device, dtype=torch.float64)
    if percent:
        q = q / 100
    dims = _dims(x, axis)
    kept = [d for d in range(x.ndim) if d not in dims]
    flat = x.permute(kept + list(dims)).reshape([x.shape[d] for d in kept] + [-1])
    ordered = torch.sort(flat, dim=-1).values  # NaN sorts last
    last = builtins.max(flat.shape[-1] - 1, 0)
    if ignore_nan:
        count = last + 1 - torch.isnan(ordered).sum(-1, keepdim=True)
        invalid = count == 0
        scale = torch.clamp(count - 1, min=0)
    else:
        invalid = torch.isnan(ordered[..., -1:])
        scale = last
    pos = q.reshape(tuple(q.shape) + (1,) * flat.ndim) * scale  # q.shape + kept + (1,)
    ordered = ordered.expand(tuple(q.shape) + tuple(ordered.shape))
    if method in ("lower", "higher", "nearest"):
        index = {"lower": torch.floor, "higher": torch.ceil, "nearest": torch.round}[method](pos)
        result = torch.take_along_dim(ordered, torch.clamp(index, 0, last).to(torch.int64), dim=-1)
    else:
        lo, hi = torch.floor(pos), torch.ceil(pos)
        pair = torch.take_along_dim(ordered, torch.clamp(torch.cat([lo, hi], -1), 0, last).to(torch.int64), dim=-1)
        t = pos - lo if method == "linear" else (hi > lo) * 0.5
        result = torch.lerp(pair[..., :1], pair[..., 1:], t.to(x.dtype))
    result = torch.where(invalid, math.nan, result).squeeze(-1)
    if keepdims:
        result = result.reshape(tuple(q.shape) + tuple(1 if d in dims else x.shape[d] for d in range(x.ndim)))
    return result.to(out)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    weights = convert_to_tensor(weights)
    x, out = _float(x, _name(weights.dtype))
    weights = _weights_like(x, weights.to(x.dtype), axis)
    dims = _dims(x, axis)
    return (torch.sum(x * weights, dim=dims) / torch.sum(weights, dim=dims)).to(out)


def _weights_like(x, weights, axis):
    """1-D weights along an int axis, shaped to broadcast against x."""
    if weights.shape == x.shape:
        return weights
    if weights.ndim != 1 or not isinstance(axis, int) or weights.shape[0] != x.shape[axis]:
        raise ValueError(
            f"ops.average: `weights` must have the shape of `x` {tuple(x.shape)}, or be 1-D with the length of "
            f"an int `axis`; got shape {tuple(weights.shape)} and axis={axis}.")
    shape = [1] * x.ndim
    shape[axis] = -1
    return weights.reshape(shape)


def corrcoef(x):
    x, out = _float(x)
    return torch.corrcoef(x).to(out)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    if x is None:
        y, out = _float(y)
        return torch.trapezoid(y, dx=dx, dim=axis).to(out)
    x = convert_to_tensor(x)
    y, out = _float(y, _name(x.dtype))
    return torch.trapezoid(y, x.to(y.dtype), dim=axis).to(out)


def histogram(x, bins=10, range=None):  # noqa: A002
    x, out = _float(x)
    if range is not None:
        lo = torch.tensor(range[0], dtype=x.dtype, device=x.device)
        hi = torch.tensor(range[1], dtype=x.dtype, device=x.device)
    else:
        lo, hi = torch.aminmax(x)
    same = lo == hi
    lo, hi = torch.where(same, lo - 0.5, lo), torch.where(same, hi + 0.5, hi)
    edges = torch.arange(bins + 1, dtype=x.dtype, device=x.device) * ((hi - lo) / bins) + lo
    edges = torch.cat([edges[:-1], hi.reshape(1)])
    index = torch.searchsorted(edges, x, right=True) - 1
    index = torch.where(x == hi, bins - 1, index)
    index = torch.where((index < 0) | (index >= bins), bins, index)
    counts = torch.bincount(index, minlength=bins + 1)[:bins]
    return counts.to(out), edges.to(out)


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise NotImplementedError("ops.bincount: the torch backend has no sparse tensors (sparse=True).")
    x = convert_to_tensor(x)
    out = torch.int32
    if weights is not None:
        weights = convert_to_tensor(weights)
        out = _torch_dtype(dtypes.result_type(_name(x.dtype), _name(weights.dtype)))
        weights = weights.to(torch.float64).reshape(-1)
    x = x.to(torch.int64)
    if x.ndim == 1:
        return torch.bincount(x, weights=weights, minlength=minlength).to(out)
    length = builtins.max(int(x.max()) + 1 if x.numel() else 0, minlength)
    flat = (x + torch.arange(x.shape[0], device=x.device)[:, None] * length).reshape(-1)
    counts = torch.bincount(flat, weights=weights, minlength=x.shape[0] * length)
    return counts.reshape(x.shape[0], length).to(out)


# --- Cumulative ops and differences ----------------------------------------------------------------

def _cumulative(fn, x, axis, dtype):
    if dtype is not None:
        out = _torch_dtype(dtype)
    else:
        out = torch.int32 if x.dtype == torch.bool else x.dtype
    if axis is None:
        x, axis = x.reshape(-1), 0
    if out in (torch.uint16, torch.uint32, torch.uint64):  # no unsigned scans in torch; wrap the same way
        return fn(x.to(torch.int64), dim=axis).to(out)
    return fn(x, dim=axis, dtype=out)


def cumsum(x, axis=None, dtype=None):
    return _cumulative(torch.cumsum, convert_to_tensor(x), axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative(torch.cumprod, convert_to_tensor(x), axis, dtype)


def nancumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    if _has_nan(x):
        x = torch.where(torch.isnan(x), 0, x)
    return _cumulative(torch.cumsum, x, axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    if _has_nan(x):
        x = torch.where(torch.isnan(x), 1, x)
    return _cumulative(torch.cumprod, x, axis, dtype)


def diff(a, n=1, axis=-1):
    a = convert_to_tensor(a)
    return torch.diff(a, n=n, dim=axis) if n else a


# --- Sorting and searching -------------------------------------------------------------------------

def sort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return torch.sort(x, dim=axis, stable=True).values


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return torch.argsort(x, dim=axis, stable=True).to(torch.int32)


def argpartition(x, kth, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    n = x.shape[axis]
    if not -n <= kth < n:
        raise ValueError(f"ops.argpartition: kth={kth} is out of range for an axis of length {n}.")
    return torch.argsort(x, dim=axis, stable=True).to(torch.int32)


def searchsorted(sorted_sequence, values, side="left"):
    a, v = _promote(sorted_sequence, values)
    return torch.searchsorted(a, v.reshape(-1), side=side, out_int32=True).reshape(v.shape)


def digitize(x, bins):
    x, bins = _promote(x, bins)
    flat = x.reshape(-1)
    increasing = torch.searchsorted(bins, flat, right=True, out_int32=True)
    decreasing = bins.shape[0] - torch.searchsorted(bins.flip(0), flat, right=True, out_int32=True)
    return torch.where(bins[-1] >= bins[0], increasing, decreasing).reshape(x.shape)


def isin(x1, x2, invert=False):
    x1, x2 = _promote(x1, x2)
    return torch.isin(x1, x2, invert=invert)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    if not x1.is_floating_point():
        x1, x2 = x1.to(torch.float32), x2.to(torch.float32)
    x1, x2 = torch.broadcast_tensors(x1, x2)
    return torch.all(torch.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan))


def nonzero(x):
    return tuple(i.to(torch.int32) for i in torch.nonzero(convert_to_tensor(x), as_tuple=True))


def _fit(a, size, fill, dim=0):
    """Cut or pad `a` along dim to `size`; the padding repeats `fill` (a slice of `a` or a scalar)."""
    n = a.shape[dim]
    if n >= size:
        return a.narrow(dim, 0, size)
    pad_shape = list(a.shape)
    pad_shape[dim] = size - n
    fill = torch.as_tensor(fill, device=a.device).to(a.dtype)
    return torch.cat([a, fill.expand(pad_shape)], dim=dim)


def unique(x, return_index=False, return_inverse=False, return_counts=False, axis=None, size=None,
           fill_value=None):
    x = convert_to_tensor(x)
    dim = None if axis is None else axis % x.ndim
    values, inverse, counts = torch.unique(x, sorted=True, return_inverse=True, return_counts=True, dim=dim)
    n = x.numel() if dim is None else x.shape[dim]
    positions = torch.arange(n, device=x.device)
    index = torch.full((values.shape[0 if dim is None else dim],), n, dtype=torch.int64, device=x.device)
    index = index.scatter_reduce(0, inverse.reshape(-1), positions, "amin")
    index, inverse, counts = index.to(torch.int32), inverse.to(torch.int32), counts.to(torch.int32)
    if size is not None:
        v_dim = 0 if dim is None else dim
        if fill_value is None:
            fill = values.narrow(v_dim, 0, 1) if values.numel() else 0
        else:
            fill = fill_value
        values = _fit(values, size, fill, v_dim)
        index = _fit(index, size, index[:1] if index.numel() else 0)
        counts = _fit(counts, size, 0)
    out = [values] + [t for t, want in ((index, return_index), (inverse, return_inverse),
                                         (counts, return_counts)) if want]
    return out[0] if len(out) == 1 else tuple(out)


# --- Indexing --------------------------------------------------------------------------------------

def _wrap(indices, n, device):
    indices = convert_to_tensor(indices).to(device=device, dtype=torch.int64)
    return torch.where(indices < 0, indices + n, indices)


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis = axis % x.ndim
    indices = _wrap(indices, x.shape[axis], x.device)
    out = torch.index_select(x, axis, indices.reshape(-1))
    return out.reshape(tuple(x.shape[:axis]) + tuple(indices.shape) + tuple(x.shape[axis + 1:]))


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
        indices = convert_to_tensor(indices).reshape(-1)
    return torch.take_along_dim(x, _wrap(indices, x.shape[axis], x.device), dim=axis)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    out = _SUM_DTYPES.get(x.dtype, x.dtype)
    diagonal = torch.diagonal(x, offset=offset, dim1=axis1, dim2=axis2)
    return torch.sum(diagonal.to(torch.int64) if x.dtype in _SUM_DTYPES else diagonal, dim=-1).to(out)


def select(condlist, choicelist, default=0):
    dtype = dtypes.result_type(*map(dtypes.dtype_of, choicelist), dtypes.dtype_of(default))
    out = convert_to_tensor(default, dtype)
    for cond, choice in zip(reversed(condlist), reversed(choicelist)):
        out = torch.where(_as_bool(convert_to_tensor(cond)), convert_to_tensor(choice, dtype), out)
    return out


def unravel_index(indices, shape):
    indices = convert_to_tensor(indices).to(torch.int64)
    coords = []
    for dim in reversed(shape):
        coords.append(torch.remainder(indices, dim).to(torch.int32))
        indices = torch.div(indices, dim, rounding_mode="floor")
    return tuple(reversed(coords))
