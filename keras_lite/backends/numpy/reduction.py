"""NumPy: reductions, statistics, sorting, searching and indexing."""
import builtins
import contextlib
import warnings

import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.numpy.core import convert_to_tensor

_SUM_DTYPES = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "uint32", "uint16": "uint32"}


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def _acc(x):
    """The dtype sums and products of x accumulate in (small integers widen to 32 bits)."""
    return _SUM_DTYPES.get(x.dtype.name, x.dtype)


def _float(x, *others):
    """x as a float array to compute in (float32 for 16-bit floats), and the result dtype."""
    x = convert_to_tensor(x)
    out = dtypes.float_result_type(x.dtype.name, *others)
    compute = "float32" if out in ("float16", "bfloat16") else out
    return x.astype(compute, copy=False), out


@contextlib.contextmanager
def _quiet():
    """NumPy warns about all-NaN slices and empty means; the results (NaN) are the answer."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _nan_mask(x):
    return np.isnan(x) if x.dtype.kind in "fc" or x.dtype.name == "bfloat16" else None


# --- Reductions over axis --------------------------------------------------------------------------

def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    return np.asarray(np.sum(x, axis=_axis(axis), keepdims=keepdims, dtype=_acc(x)))


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    dtype = dtypes.standardize_dtype(dtype) if dtype is not None else _acc(x)
    return np.asarray(np.prod(x, axis=_axis(axis), keepdims=keepdims, dtype=dtype))


def nansum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return np.asarray(np.nansum(x, axis=_axis(axis), keepdims=keepdims, dtype=_acc(x)))


def nanprod(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return np.asarray(np.nanprod(x, axis=_axis(axis), keepdims=keepdims, dtype=_acc(x)))


def all(x, axis=None, keepdims=False):  # noqa: A001
    return np.asarray(np.all(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims))


def any(x, axis=None, keepdims=False):  # noqa: A001
    return np.asarray(np.any(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims))


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if initial is None:
        return np.asarray(np.max(x, axis=_axis(axis), keepdims=keepdims))
    return np.asarray(np.max(x, axis=_axis(axis), keepdims=keepdims, initial=x.dtype.type(initial)))


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if initial is None:
        return np.asarray(np.min(x, axis=_axis(axis), keepdims=keepdims))
    return np.asarray(np.min(x, axis=_axis(axis), keepdims=keepdims, initial=x.dtype.type(initial)))


def nanmax(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    with _quiet():
        return np.asarray(np.nanmax(x, axis=_axis(axis), keepdims=keepdims))


def nanmin(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    with _quiet():
        return np.asarray(np.nanmin(x, axis=_axis(axis), keepdims=keepdims))


def ptp(x, axis=None, keepdims=False):
    return np.asarray(np.ptp(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims))


def argmax(x, axis=None, keepdims=False):
    return np.asarray(np.argmax(convert_to_tensor(x), axis=axis, keepdims=keepdims), dtype="int32")


def argmin(x, axis=None, keepdims=False):
    return np.asarray(np.argmin(convert_to_tensor(x), axis=axis, keepdims=keepdims), dtype="int32")


def _nanarg(fn, fill, x, axis, keepdims):
    x = convert_to_tensor(x)
    mask = _nan_mask(x)
    if mask is None:
        return np.asarray(fn(x, axis=axis, keepdims=keepdims), dtype="int32")
    out = fn(np.where(mask, fill, x), axis=axis, keepdims=keepdims)
    all_nan = np.all(mask, axis=axis, keepdims=keepdims)
    return np.asarray(np.where(all_nan, -1, out), dtype="int32")


def nanargmax(x, axis=None, keepdims=False):
    return _nanarg(np.argmax, -np.inf, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _nanarg(np.argmin, np.inf, x, axis, keepdims)


def count_nonzero(x, axis=None):
    return np.asarray(np.count_nonzero(convert_to_tensor(x), axis=_axis(axis)), dtype="int32")


# --- Statistics ------------------------------------------------------------------------------------

def _stat(fn, x, axis, keepdims):
    x, out = _float(x)
    return np.asarray(fn(x, axis=_axis(axis), keepdims=keepdims), dtype=out)


def _nan_stat(fn, x, axis, keepdims):
    with _quiet():
        return _stat(fn, x, axis, keepdims)


def mean(x, axis=None, keepdims=False):
    return _stat(np.mean, x, axis, keepdims)


def nanmean(x, axis=None, keepdims=False):
    return _nan_stat(np.nanmean, x, axis, keepdims)


def var(x, axis=None, keepdims=False):
    return _stat(np.var, x, axis, keepdims)


def nanvar(x, axis=None, keepdims=False):
    return _nan_stat(np.nanvar, x, axis, keepdims)


def std(x, axis=None, keepdims=False):
    return _stat(np.std, x, axis, keepdims)


def nanstd(x, axis=None, keepdims=False):
    return _nan_stat(np.nanstd, x, axis, keepdims)


def quantile(x, q, axis=None, method="linear", keepdims=False, ignore_nan=False, percent=False):
    x, out = _float(x)
    q = np.asarray(convert_to_tensor(q), dtype="float64")
    if percent:
        q = q / 100.0
    fn = np.nanquantile if ignore_nan else np.quantile
    with _quiet():
        return np.asarray(fn(x, q, axis=_axis(axis), method=method, keepdims=keepdims), dtype=out)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    weights = convert_to_tensor(weights)
    x, out = _float(x, weights.dtype.name)
    weights = _weights_like(x, weights.astype(x.dtype), axis)
    with _quiet():
        return np.asarray(np.sum(x * weights, axis=_axis(axis)) / np.sum(weights, axis=_axis(axis)), dtype=out)


def _weights_like(x, weights, axis):
    """1-D weights along an int axis, shaped to broadcast against x."""
    if weights.shape == x.shape:
        return weights
    if weights.ndim != 1 or not isinstance(axis, int) or weights.shape[0] != x.shape[axis]:
        raise ValueError(
            f"ops.average: `weights` must have the shape of `x` {x.shape}, or be 1-D with the length of an int "
            f"`axis`; got shape {weights.shape} and axis={axis}.")
    shape = [1] * x.ndim
    shape[axis] = -1
    return weights.reshape(shape)


def corrcoef(x):
    x, out = _float(x)
    with _quiet():
        return np.asarray(np.corrcoef(x), dtype=out)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    if x is None:
        y, out = _float(y)
    else:
        x = convert_to_tensor(x)
        y, out = _float(y, x.dtype.name)
        x = x.astype(y.dtype)
    return np.asarray(np.trapezoid(y, x=x, dx=dx, axis=axis), dtype=out)


def histogram(x, bins=10, range=None):  # noqa: A002
    x, out = _float(x)
    counts, edges = np.histogram(x, bins=bins, range=range)
    return counts.astype(out), edges.astype(out)


def bincount(x, weights=None, minlength=0, sparse=False):
    if sparse:
        raise NotImplementedError("ops.bincount: the numpy backend has no sparse tensors (sparse=True).")
    x = convert_to_tensor(x)
    out = "int32"
    if weights is not None:
        weights = convert_to_tensor(weights)
        out = dtypes.result_type(x.dtype.name, weights.dtype.name)
        weights = weights.astype("float64").ravel()
    if x.ndim == 1:
        return np.bincount(x, weights=weights, minlength=minlength).astype(out)
    length = builtins.max(int(x.max()) + 1 if x.size else 0, minlength)
    flat = (x + np.arange(x.shape[0])[:, None] * length).ravel()
    return np.bincount(flat, weights=weights, minlength=x.shape[0] * length).reshape(x.shape[0], length).astype(out)


# --- Cumulative ops and differences ----------------------------------------------------------------

def _cum_dtype(x, dtype):
    if dtype is not None:
        return dtypes.standardize_dtype(dtype)
    return "int32" if x.dtype == bool else x.dtype


def cumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return np.cumsum(x, axis=axis, dtype=_cum_dtype(x, dtype))


def cumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return np.cumprod(x, axis=axis, dtype=_cum_dtype(x, dtype))


def nancumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return np.nancumsum(x, axis=axis, dtype=_cum_dtype(x, dtype))


def nancumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return np.nancumprod(x, axis=axis, dtype=_cum_dtype(x, dtype))


def diff(a, n=1, axis=-1):
    return np.diff(convert_to_tensor(a), n=n, axis=axis)


# --- Sorting and searching -------------------------------------------------------------------------

def sort(x, axis=-1):
    return np.sort(convert_to_tensor(x), axis=axis)


def argsort(x, axis=-1):
    return np.argsort(convert_to_tensor(x), axis=axis, kind="stable").astype("int32")


def argpartition(x, kth, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.ravel(), 0
    n = x.shape[axis]
    if not -n <= kth < n:
        raise ValueError(f"ops.argpartition: kth={kth} is out of range for an axis of length {n}.")
    return np.argsort(x, axis=axis, kind="stable").astype("int32")


def _promote(*xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = dtypes.result_type(*(x.dtype.name for x in xs))
    return [x.astype(dtypes.to_numpy_dtype(dtype), copy=False) for x in xs]


def searchsorted(sorted_sequence, values, side="left"):
    a, v = _promote(sorted_sequence, values)
    return np.asarray(np.searchsorted(a, v, side=side), dtype="int32")


def digitize(x, bins):
    x, bins = _promote(x, bins)
    return np.asarray(np.digitize(x, bins), dtype="int32")


def isin(x1, x2, invert=False):
    x1, x2 = _promote(x1, x2)
    return np.isin(x1, x2, invert=invert)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    return np.asarray(np.allclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan))


def nonzero(x):
    return tuple(i.astype("int32") for i in np.nonzero(convert_to_tensor(x)))


def _fit(a, size, fill, axis=0):
    """Cut or pad `a` along axis to `size` (the padding repeats `fill`, a slice of `a` or a scalar)."""
    n = a.shape[axis]
    if n >= size:
        return np.take(a, np.arange(size), axis=axis)
    pad_shape = list(a.shape)
    pad_shape[axis] = size - n
    return np.concatenate([a, np.broadcast_to(fill, pad_shape).astype(a.dtype)], axis=axis)


def unique(x, return_index=False, return_inverse=False, return_counts=False, axis=None, size=None,
           fill_value=None):
    x = convert_to_tensor(x)
    values, index, inverse, counts = np.unique(x, return_index=True, return_inverse=True, return_counts=True,
                                               axis=axis, equal_nan=False)
    index, inverse, counts = index.astype("int32"), inverse.astype("int32"), counts.astype("int32")
    if size is not None:
        v_axis = 0 if axis is None else axis % x.ndim
        if fill_value is not None:
            fill = np.asarray(fill_value)
        else:
            fill = np.take(values, [0], axis=v_axis) if values.size else np.zeros((), values.dtype)
        values = _fit(values, size, fill, v_axis)
        index = _fit(index, size, index[:1] if index.size else 0)
        counts = _fit(counts, size, 0)
    out = [values] + [t for t, want in ((index, return_index), (inverse, return_inverse),
                                         (counts, return_counts)) if want]
    return out[0] if len(out) == 1 else tuple(out)


# --- Indexing --------------------------------------------------------------------------------------

def take(x, indices, axis=None):
    return np.take(convert_to_tensor(x), convert_to_tensor(indices), axis=axis)


def take_along_axis(x, indices, axis=None):
    x, indices = convert_to_tensor(x), convert_to_tensor(indices)
    if axis is None:
        x, indices, axis = x.ravel(), indices.ravel(), 0
    return np.take_along_axis(x, indices, axis=axis)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    return np.asarray(np.trace(x, offset=offset, axis1=axis1, axis2=axis2, dtype=_acc(x)))


def select(condlist, choicelist, default=0):
    dtype = dtypes.to_numpy_dtype(dtypes.result_type(*map(dtypes.dtype_of, choicelist), dtypes.dtype_of(default)))
    out = np.asarray(default, dtype=dtype)
    for cond, choice in zip(reversed(condlist), reversed(choicelist)):
        out = np.where(convert_to_tensor(cond).astype(bool), convert_to_tensor(choice, dtype), out)
    return np.asarray(out, dtype=dtype)


def unravel_index(indices, shape):
    return tuple(np.asarray(i, dtype="int32") for i in np.unravel_index(convert_to_tensor(indices), shape))
