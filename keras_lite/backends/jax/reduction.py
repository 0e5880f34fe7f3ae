"""JAX: reductions, statistics, sorting, searching and indexing."""
import builtins
import functools

import jax
import jax.numpy as jnp

from keras_lite.backends.common import dtypes
from keras_lite.backends.jax.core import convert_to_tensor

_SUM_DTYPES = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "uint32", "uint16": "uint32"}


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def _float(x, *others):
    """x as its float result dtype, and that dtype (jnp computes 16-bit floats in float32 itself)."""
    x = convert_to_tensor(x)
    out = dtypes.float_result_type(x.dtype.name, *others)
    return convert_to_tensor(x, out), out


def _promote(*xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = dtypes.result_type(*(x.dtype.name for x in xs))
    return [convert_to_tensor(x, dtype) for x in xs]


# --- Reductions over axis --------------------------------------------------------------------------

def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    return jnp.sum(x, axis=_axis(axis), keepdims=keepdims, dtype=_SUM_DTYPES.get(x.dtype.name))


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    dtype = dtypes.standardize_dtype(dtype) if dtype is not None else _SUM_DTYPES.get(x.dtype.name)
    if dtype is not None:
        x = convert_to_tensor(x, dtype)
    return jnp.prod(x, axis=_axis(axis), keepdims=keepdims)


def nansum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return jnp.nansum(x, axis=_axis(axis), keepdims=keepdims, dtype=_SUM_DTYPES.get(x.dtype.name))


def nanprod(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return jnp.nanprod(x, axis=_axis(axis), keepdims=keepdims, dtype=_SUM_DTYPES.get(x.dtype.name))


def all(x, axis=None, keepdims=False):  # noqa: A001
    return jnp.all(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    return jnp.any(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if initial is not None:
        initial = convert_to_tensor(initial, x.dtype.name)
    return jnp.max(x, axis=_axis(axis), keepdims=keepdims, initial=initial)


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if initial is not None:
        initial = convert_to_tensor(initial, x.dtype.name)
    return jnp.min(x, axis=_axis(axis), keepdims=keepdims, initial=initial)


def nanmax(x, axis=None, keepdims=False):
    return jnp.nanmax(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def nanmin(x, axis=None, keepdims=False):
    return jnp.nanmin(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def ptp(x, axis=None, keepdims=False):
    return jnp.ptp(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def argmax(x, axis=None, keepdims=False):
    return jnp.argmax(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


def argmin(x, axis=None, keepdims=False):
    return jnp.argmin(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


def nanargmax(x, axis=None, keepdims=False):
    return jnp.nanargmax(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


def nanargmin(x, axis=None, keepdims=False):
    return jnp.nanargmin(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


def count_nonzero(x, axis=None):
    return jnp.count_nonzero(convert_to_tensor(x), axis=_axis(axis)).astype("int32")


# --- Statistics ------------------------------------------------------------------------------------

def mean(x, axis=None, keepdims=False):
    x, _ = _float(x)
    return jnp.mean(x, axis=_axis(axis), keepdims=keepdims)


def nanmean(x, axis=None, keepdims=False):
    x, _ = _float(x)
    return jnp.nanmean(x, axis=_axis(axis), keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    x, _ = _float(x)
    return jnp.var(x, axis=_axis(axis), keepdims=keepdims)


def nanvar(x, axis=None, keepdims=False):
    x, _ = _float(x)
    return jnp.nanvar(x, axis=_axis(axis), keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    x, _ = _float(x)
    return jnp.std(x, axis=_axis(axis), keepdims=keepdims)


def nanstd(x, axis=None, keepdims=False):
    x, _ = _float(x)
    return jnp.nanstd(x, axis=_axis(axis), keepdims=keepdims)


def quantile(x, q, axis=None, method="linear", keepdims=False, ignore_nan=False, percent=False):
    x, out = _float(x)
    compute = "float32" if out in ("float16", "bfloat16") else out
    q = convert_to_tensor(q, compute)
    if percent:
        q = q / 100
    fn = jnp.nanquantile if ignore_nan else jnp.quantile
    result = fn(x.astype(compute), q, axis=_axis(axis), method=method, keepdims=keepdims)
    return result.astype(out)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    weights = convert_to_tensor(weights)
    x, out = _float(x, weights.dtype.name)
    weights = _weights_like(x, weights.astype(out), axis)
    return jnp.sum(x * weights, axis=_axis(axis)) / jnp.sum(weights, axis=_axis(axis))


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
    x, _ = _float(x)
    return jnp.corrcoef(x)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    if x is None:
        y, _ = _float(y)
    else:
        x = convert_to_tensor(x)
        y, out = _float(y, x.dtype.name)
        x = x.astype(out)
    return jnp.trapezoid(y, x=x, dx=dx, axis=axis)


def histogram(x, bins=10, range=None):  # noqa: A002
    x, out = _float(x)
    return _histogram(x, bins, None if range is None else tuple(range), out)


@functools.partial(jax.jit, static_argnums=(1, 2, 3))
def _histogram(x, bins, range, out):  # noqa: A002 - one compile, not one per jnp step
    counts, edges = jnp.histogram(x, bins=bins, range=range)
    return counts.astype(out), edges.astype(out)


def bincount(x, weights=None, minlength=0, sparse=False):
    """Eager only: the output length depends on the data."""
    if sparse:
        raise NotImplementedError("ops.bincount: the jax backend has no sparse tensors (sparse=True).")
    x = convert_to_tensor(x)
    out = "int32"
    if weights is not None:
        weights = convert_to_tensor(weights)
        out = dtypes.result_type(x.dtype.name, weights.dtype.name)
    length = builtins.max(int(jnp.max(x)) + 1 if x.size else 0, minlength)
    return _bincount(x, weights, length, out)


@functools.partial(jax.jit, static_argnums=(2, 3))
def _bincount(x, weights, length, out):
    if weights is not None:
        weights = weights.astype(dtypes.float_result_type(out)).ravel()
    if x.ndim == 1:
        return jnp.bincount(x, weights=weights, length=length).astype(out)
    flat = (x + jnp.arange(x.shape[0])[:, None] * length).ravel()
    counts = jnp.bincount(flat, weights=weights, length=x.shape[0] * length)
    return counts.reshape(x.shape[0], length).astype(out)


# --- Cumulative ops and differences ----------------------------------------------------------------

def _cum_dtype(x, dtype):
    if dtype is not None:
        return dtypes.standardize_dtype(dtype)
    return "int32" if x.dtype == bool else x.dtype


def cumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return jnp.cumsum(x, axis=axis, dtype=_cum_dtype(x, dtype))


def cumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return jnp.cumprod(x, axis=axis, dtype=_cum_dtype(x, dtype))


def nancumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return jnp.nancumsum(x, axis=axis, dtype=_cum_dtype(x, dtype))


def nancumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return jnp.nancumprod(x, axis=axis, dtype=_cum_dtype(x, dtype))


def diff(a, n=1, axis=-1):
    return jnp.diff(convert_to_tensor(a), n=n, axis=axis)


# --- Sorting and searching -------------------------------------------------------------------------

def sort(x, axis=-1):
    return jnp.sort(convert_to_tensor(x), axis=axis)


def argsort(x, axis=-1):
    return jnp.argsort(convert_to_tensor(x), axis=axis, stable=True).astype("int32")


def argpartition(x, kth, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.ravel(), 0
    n = x.shape[axis]
    if not -n <= kth < n:
        raise ValueError(f"ops.argpartition: kth={kth} is out of range for an axis of length {n}.")
    return jnp.argsort(x, axis=axis, stable=True).astype("int32")


def searchsorted(sorted_sequence, values, side="left"):
    a, v = _promote(sorted_sequence, values)
    return jnp.searchsorted(a, v, side=side).astype("int32")


def digitize(x, bins):
    x, bins = _promote(x, bins)
    return jnp.digitize(x, bins).astype("int32")


def isin(x1, x2, invert=False):
    x1, x2 = _promote(x1, x2)
    return jnp.isin(x1, x2, invert=invert)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    return jnp.allclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def nonzero(x):
    x = convert_to_tensor(x)
    return _nonzero(x, int(jnp.count_nonzero(x)))


@functools.partial(jax.jit, static_argnums=(1,))
def _nonzero(x, size):
    return tuple(i.astype("int32") for i in jnp.nonzero(x, size=size))


def unique(x, return_index=False, return_inverse=False, return_counts=False, axis=None, size=None,
           fill_value=None):
    """One compiled call at the largest size, then cut to the number of unique values (eager)."""
    x = convert_to_tensor(x)
    n = x.size if axis is None else x.shape[axis]
    values, index, inverse, counts = _unique(x, axis, n if size is None else size, fill_value)
    if size is None:
        found = int(jnp.count_nonzero(counts))
        values = jax.lax.slice_in_dim(values, 0, found, axis=0 if axis is None else axis % x.ndim)
        index, counts = index[:found], counts[:found]
    out = [values] + [t for t, want in ((index, return_index), (inverse, return_inverse),
                                         (counts, return_counts)) if want]
    return out[0] if len(out) == 1 else tuple(out)


@functools.partial(jax.jit, static_argnums=(1, 2))
def _unique(x, axis, size, fill_value):
    values, index, inverse, counts = jnp.unique(x, return_index=True, return_inverse=True, return_counts=True,
                                                axis=axis, equal_nan=False, size=size, fill_value=fill_value)
    if axis is None:
        inverse = inverse.reshape(x.shape)
    return values, index.astype("int32"), inverse.astype("int32"), counts.astype("int32")


# --- Indexing --------------------------------------------------------------------------------------

def take(x, indices, axis=None):
    return jnp.take(convert_to_tensor(x), convert_to_tensor(indices), axis=axis)


def take_along_axis(x, indices, axis=None):
    x, indices = convert_to_tensor(x), convert_to_tensor(indices)
    if axis is None:
        x, indices, axis = x.ravel(), indices.ravel(), 0
    return jnp.take_along_axis(x, indices, axis=axis)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    return jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2, dtype=_SUM_DTYPES.get(x.dtype.name))


def select(condlist, choicelist, default=0):
    dtype = dtypes.result_type(*map(dtypes.dtype_of, choicelist), dtypes.dtype_of(default))
    out = convert_to_tensor(default, dtype)
    for cond, choice in zip(reversed(condlist), reversed(choicelist)):
        out = jnp.where(convert_to_tensor(cond).astype(bool), convert_to_tensor(choice, dtype), out)
    return out


def unravel_index(indices, shape):
    return tuple(i.astype("int32") for i in jnp.unravel_index(convert_to_tensor(indices), shape))
