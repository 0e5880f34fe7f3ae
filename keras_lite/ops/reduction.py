"""Reductions, statistics, sorting, searching and indexing (numpy-style ops).

Result dtypes are the same on every backend and follow Keras 3: see
`ops/_reduction_shapes.py`. Ops whose output shape depends on the data
(`nonzero`, `unique` without `size`, `bincount`) give None dims symbolically.
"""
import builtins

from keras_lite.backends import engine
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.ops import _reduction_shapes as rs
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import bool_dtype, float_dtype, reduction_spec, same_dtype, shape_of

__all__ = [
    "all", "allclose", "amax", "amin", "any", "argmax", "argmin", "argpartition", "argsort", "average",
    "bincount", "corrcoef", "count_nonzero", "cumprod", "cumsum", "diff", "digitize", "histogram", "isin",
    "max", "mean", "median", "min", "nanargmax", "nanargmin", "nancumprod", "nancumsum", "nanmax", "nanmean",
    "nanmedian", "nanmin", "nanpercentile", "nanprod", "nanquantile", "nanstd", "nansum", "nanvar", "nonzero",
    "percentile", "prod", "ptp", "quantile", "searchsorted", "select", "sort", "std", "sum", "take",
    "take_along_axis", "trace", "trapezoid", "unique", "unravel_index", "var",
]


# --- Reductions over axis, with keepdims -----------------------------------------------------------

@keras_op(spec=reduction_spec(rs.sum_dtype, "sum"))
def sum(x, axis=None, keepdims=False):  # noqa: A001 - the Keras name
    return engine.reduction.sum(x, axis=axis, keepdims=keepdims)


@keras_op(spec=rs.prod_spec)
def prod(x, axis=None, keepdims=False, dtype=None):
    return engine.reduction.prod(x, axis=axis, keepdims=keepdims, dtype=dtype)


@keras_op(spec=reduction_spec(rs.sum_dtype, "nansum"))
def nansum(x, axis=None, keepdims=False):
    """Sum treating NaN as zero."""
    return engine.reduction.nansum(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(rs.sum_dtype, "nanprod"))
def nanprod(x, axis=None, keepdims=False):
    """Product treating NaN as one."""
    return engine.reduction.nanprod(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(bool_dtype, "all"))
def all(x, axis=None, keepdims=False):  # noqa: A001
    return engine.reduction.all(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(bool_dtype, "any"))
def any(x, axis=None, keepdims=False):  # noqa: A001
    return engine.reduction.any(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(same_dtype, "max"))
def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    """Maximum; `initial` (a scalar, in x's dtype) takes part in every reduction."""
    return engine.reduction.max(x, axis=axis, keepdims=keepdims, initial=initial)


@keras_op(spec=reduction_spec(same_dtype, "min"))
def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    return engine.reduction.min(x, axis=axis, keepdims=keepdims, initial=initial)


@keras_op(spec=reduction_spec(same_dtype, "amax"))
def amax(x, axis=None, keepdims=False):
    return engine.reduction.max(x, axis=axis, keepdims=keepdims, initial=None)


@keras_op(spec=reduction_spec(same_dtype, "amin"))
def amin(x, axis=None, keepdims=False):
    return engine.reduction.min(x, axis=axis, keepdims=keepdims, initial=None)


@keras_op(spec=reduction_spec(same_dtype, "nanmax"))
def nanmax(x, axis=None, keepdims=False):
    """Maximum ignoring NaN; NaN where a slice is all NaN."""
    return engine.reduction.nanmax(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(same_dtype, "nanmin"))
def nanmin(x, axis=None, keepdims=False):
    return engine.reduction.nanmin(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(same_dtype, "ptp"))
def ptp(x, axis=None, keepdims=False):
    """Range `max - min` (peak to peak)."""
    if dtype_of(x) == "bool":
        raise ValueError("ops.ptp: boolean inputs have no difference; cast `x` to a number type first.")
    return engine.reduction.ptp(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(rs.index_dtype, "argmax"))
def argmax(x, axis=None, keepdims=False):
    """Index of the first maximum (of the flattened tensor if axis is None), int32."""
    return engine.reduction.argmax(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(rs.index_dtype, "argmin"))
def argmin(x, axis=None, keepdims=False):
    return engine.reduction.argmin(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(rs.index_dtype, "nanargmax"))
def nanargmax(x, axis=None, keepdims=False):
    """argmax ignoring NaN; -1 where a slice is all NaN."""
    return engine.reduction.nanargmax(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(rs.index_dtype, "nanargmin"))
def nanargmin(x, axis=None, keepdims=False):
    return engine.reduction.nanargmin(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(rs.index_dtype, "count_nonzero"))
def count_nonzero(x, axis=None):
    return engine.reduction.count_nonzero(x, axis=axis)


# --- Statistics ------------------------------------------------------------------------------------

@keras_op(spec=reduction_spec(float_dtype, "mean"))
def mean(x, axis=None, keepdims=False):
    return engine.reduction.mean(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(float_dtype, "nanmean"))
def nanmean(x, axis=None, keepdims=False):
    return engine.reduction.nanmean(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(float_dtype, "var"))
def var(x, axis=None, keepdims=False):
    """Population variance (ddof=0)."""
    return engine.reduction.var(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(float_dtype, "nanvar"))
def nanvar(x, axis=None, keepdims=False):
    return engine.reduction.nanvar(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(float_dtype, "std"))
def std(x, axis=None, keepdims=False):
    return engine.reduction.std(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(float_dtype, "nanstd"))
def nanstd(x, axis=None, keepdims=False):
    return engine.reduction.nanstd(x, axis=axis, keepdims=keepdims)


@keras_op(spec=reduction_spec(float_dtype, "median"))
def median(x, axis=None, keepdims=False):
    return engine.reduction.quantile(x, 0.5, axis=axis, method="linear", keepdims=keepdims, ignore_nan=False,
                                     percent=False)


@keras_op(spec=reduction_spec(float_dtype, "nanmedian"))
def nanmedian(x, axis=None, keepdims=False):
    return engine.reduction.quantile(x, 0.5, axis=axis, method="linear", keepdims=keepdims, ignore_nan=True,
                                     percent=False)


@keras_op(spec=rs.quantile_spec("quantile"))
def quantile(x, q, axis=None, method="linear", keepdims=False):
    """q-th quantiles (q in [0, 1], scalar or 1-D); the output starts with q's shape."""
    rs.check_quantile_args(q, method, "quantile")
    return engine.reduction.quantile(x, q, axis=axis, method=method, keepdims=keepdims, ignore_nan=False, percent=False)


@keras_op(spec=rs.quantile_spec("nanquantile"))
def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    rs.check_quantile_args(q, method, "nanquantile")
    return engine.reduction.quantile(x, q, axis=axis, method=method, keepdims=keepdims, ignore_nan=True, percent=False)


@keras_op(spec=rs.quantile_spec("percentile"))
def percentile(x, q, axis=None, method="linear", keepdims=False):
    """quantile with q in percent, [0, 100]."""
    rs.check_quantile_args(q, method, "percentile")
    return engine.reduction.quantile(x, q, axis=axis, method=method, keepdims=keepdims, ignore_nan=False,
                                     percent=True)


@keras_op(spec=rs.quantile_spec("nanpercentile"))
def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    rs.check_quantile_args(q, method, "nanpercentile")
    return engine.reduction.quantile(x, q, axis=axis, method=method, keepdims=keepdims, ignore_nan=True,
                                     percent=True)


@keras_op()
def average(x, axis=None, weights=None):
    """Weighted mean; `weights` has x's shape, or is 1-D along an int `axis`."""
    return engine.reduction.average(x, axis=axis, weights=weights)


@keras_op()
def corrcoef(x):
    """Pearson correlation coefficients of the rows of `x` (variables in rows)."""
    if len(shape_of(x)) not in (1, 2):
        raise ValueError(f"ops.corrcoef: `x` must be 1-D or 2-D; got shape {shape_of(x)}.")
    return engine.reduction.corrcoef(x)


@keras_op()
def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integral of y along axis by the trapezoidal rule; sample points `x` or spacing `dx`."""
    return engine.reduction.trapezoid(y, x=x, dx=dx, axis=axis)


@keras_op(spec=rs.histogram_spec)
def histogram(x, bins=10, range=None):  # noqa: A002 - the Keras name
    """(counts, bin_edges) of a 1-D tensor over `bins` equal bins; the last bin is closed."""
    rs.check_histogram_args(x, bins, range)
    return engine.reduction.histogram(x, bins=bins, range=range)


@keras_op(spec=rs.bincount_spec)
def bincount(x, weights=None, minlength=0, sparse=False):
    """Occurrences of each non-negative integer (per row when `x` is 2-D)."""
    rs.bincount_spec(x, weights)
    return engine.reduction.bincount(x, weights=weights, minlength=minlength, sparse=sparse)


# --- Cumulative ops and differences ----------------------------------------------------------------

@keras_op()
def cumsum(x, axis=None, dtype=None):
    """Cumulative sum along axis (of the flattened tensor if axis is None)."""
    return engine.reduction.cumsum(x, axis=axis, dtype=dtype)


@keras_op()
def cumprod(x, axis=None, dtype=None):
    return engine.reduction.cumprod(x, axis=axis, dtype=dtype)


@keras_op()
def nancumsum(x, axis=None, dtype=None):
    return engine.reduction.nancumsum(x, axis=axis, dtype=dtype)


@keras_op()
def nancumprod(x, axis=None, dtype=None):
    return engine.reduction.nancumprod(x, axis=axis, dtype=dtype)


@keras_op()
def diff(a, n=1, axis=-1):
    """n-th discrete difference along axis (booleans: `!=`)."""
    if not isinstance(n, int) or n < 0:
        raise ValueError(f"ops.diff: `n` must be a non-negative int; got {n!r}.")
    return engine.reduction.diff(a, n=n, axis=axis)


# --- Sorting and searching -------------------------------------------------------------------------

@keras_op()
def sort(x, axis=-1):
    """Sorted copy along axis (of the flattened tensor if axis is None)."""
    return engine.reduction.sort(x, axis=axis)


@keras_op()
def argsort(x, axis=-1):
    """Indices that sort x along axis, int32; stable (ties keep their order) on every engine."""
    return engine.reduction.argsort(x, axis=axis)


@keras_op()
def argpartition(x, kth, axis=-1):
    """Indices that partition x around its kth element, int32.

    Every engine returns the stable argsort: a valid partition, and the same
    indices everywhere.
    """
    if not isinstance(kth, int) or isinstance(kth, bool):
        raise ValueError(f"ops.argpartition: `kth` must be an int; got {kth!r}.")
    return engine.reduction.argpartition(x, kth, axis=axis)


@keras_op()
def searchsorted(sorted_sequence, values, side="left"):
    """Insertion indices of `values` into the 1-D `sorted_sequence`, int32."""
    if side not in ("left", "right"):
        raise ValueError(f"ops.searchsorted: `side` must be 'left' or 'right'; got {side!r}.")
    if len(shape_of(sorted_sequence)) != 1:
        raise ValueError(
            f"ops.searchsorted: `sorted_sequence` must be 1-D; got shape {shape_of(sorted_sequence)}.")
    return engine.reduction.searchsorted(sorted_sequence, values, side=side)


@keras_op()
def digitize(x, bins):
    """Index of the bin of each value: bins[i-1] <= x < bins[i] (reversed for decreasing bins)."""
    if len(shape_of(bins)) != 1:
        raise ValueError(f"ops.digitize: `bins` must be 1-D; got shape {shape_of(bins)}.")
    return engine.reduction.digitize(x, bins)


@keras_op(spec=rs.isin_spec)
def isin(x1, x2, assume_unique=False, invert=False):
    """Whether each element of x1 occurs in x2 (flattened)."""
    return engine.reduction.isin(x1, x2, invert=invert)


@keras_op(spec=rs.allclose_spec)
def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Scalar bool tensor: |x1 - x2| <= atol + rtol * |x2| everywhere (broadcast)."""
    return engine.reduction.allclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


@keras_op(spec=rs.nonzero_spec)
def nonzero(x):
    """Tuple of int32 index tensors, one per dim, of the non-zero elements."""
    return engine.reduction.nonzero(x)


@keras_op(spec=rs.unique_spec)
def unique(x, sorted=True, return_index=False, return_inverse=False, return_counts=False,  # noqa: A002
           axis=None, size=None, fill_value=None):
    """Unique values (slices along `axis`), sorted; indices and counts are int32.

    `sorted=False` is accepted and gives the sorted order too. With `size`,
    outputs are cut or padded to that length: values with `fill_value`
    (default: the smallest value), first indices with the first one, counts with 0.
    """
    if size is not None and (not isinstance(size, int) or size < 0):
        raise ValueError(f"ops.unique: `size` must be a non-negative int or None; got {size!r}.")
    if axis is not None:
        rs.unique_spec(x, axis=axis)
    return engine.reduction.unique(x, return_index=return_index, return_inverse=return_inverse,
                                   return_counts=return_counts, axis=axis, size=size, fill_value=fill_value)


# --- Indexing --------------------------------------------------------------------------------------

@keras_op()
def take(x, indices, axis=None):
    """Elements (slices along axis) at `indices`; negative indices count from the end."""
    return engine.reduction.take(x, indices, axis=axis)


@keras_op(spec=rs.take_along_axis_spec)
def take_along_axis(x, indices, axis=None):
    """x gathered at `indices` along axis; the other dims broadcast."""
    rs.take_along_axis_spec(x, indices, axis)
    return engine.reduction.take_along_axis(x, indices, axis=axis)


@keras_op()
def trace(x, offset=0, axis1=0, axis2=1):
    """Sum along the diagonal of the (axis1, axis2) planes."""
    rank = len(shape_of(x))
    if rank < 2:
        raise ValueError(f"ops.trace: `x` must have rank 2 or more; got shape {shape_of(x)}.")
    if axis1 % rank == axis2 % rank:
        raise ValueError(f"ops.trace: `axis1` and `axis2` must differ; got {axis1} and {axis2}.")
    return engine.reduction.trace(x, offset=offset, axis1=axis1, axis2=axis2)


@keras_op(spec=rs.select_spec)
def select(condlist, choicelist, default=0):
    """Elementwise: the choice of the first true condition, else `default`."""
    rs.check_select_args(condlist, choicelist)
    return engine.reduction.select(condlist, choicelist, default=default)


@keras_op()
def unravel_index(indices, shape):
    """Tuple of int32 coordinate tensors of flat `indices` in an array of `shape`."""
    if not isinstance(shape, (tuple, list)) or not builtins.all(isinstance(d, int) and d >= 0 for d in shape):
        raise ValueError(f"ops.unravel_index: `shape` must be a tuple of ints; got {shape!r}.")
    return engine.reduction.unravel_index(indices, tuple(shape))
