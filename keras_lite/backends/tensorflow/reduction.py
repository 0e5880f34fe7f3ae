"""TensorFlow: reductions, statistics, sorting, searching and indexing."""
import math

import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.tensorflow._host_ints import int_vector
from keras_lite.backends.tensorflow.core import convert_to_tensor

_SUM_DTYPES = {tf.bool: tf.int32, tf.int8: tf.int32, tf.int16: tf.int32, tf.uint8: tf.uint32,
               tf.uint16: tf.uint32}
_LOW_FLOATS = (tf.float16, tf.bfloat16)


def _axis(axis):
    return int_vector(list(axis) if isinstance(axis, tuple) else axis)


def _dims(x, axis):
    """axis -> a tuple of non-negative dims (all dims for None)."""
    rank = x.shape.rank
    if axis is None:
        return tuple(range(rank))
    if isinstance(axis, int):
        axis = (axis,)
    return tuple(a % rank if rank else a for a in axis)


def _float(x, *others):
    """x as a float tensor to compute in (float32 for 16-bit floats), and the result dtype."""
    x = convert_to_tensor(x)
    out = tf.as_dtype(dtypes.float_result_type(x.dtype.name, *others))
    return tf.cast(x, tf.float32 if out in _LOW_FLOATS else out), out


def _promote(*xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = tf.as_dtype(dtypes.result_type(*(x.dtype.name for x in xs)))
    return [tf.cast(x, dtype) for x in xs]


def _is_float(x):
    return x.dtype.is_floating or x.dtype.is_complex


def _wide(dtype):
    """The dtype TF can scan or multiply in for `dtype` (wrapping back the same way)."""
    if dtype.is_integer or dtype == tf.bool:
        return tf.int64
    return dtype


# --- Reductions over axis --------------------------------------------------------------------------

def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    if x.dtype in _SUM_DTYPES:
        x = tf.cast(x, _SUM_DTYPES[x.dtype])
    return tf.reduce_sum(x, axis=_axis(axis), keepdims=keepdims)


def _prod(x, axis, keepdims, dtype):
    if dtype is not None:
        out = tf.as_dtype(dtypes.standardize_dtype(dtype))
    else:
        out = _SUM_DTYPES.get(x.dtype, x.dtype)
    return tf.cast(tf.reduce_prod(tf.cast(x, _wide(out)), axis=_axis(axis), keepdims=keepdims), out)


def prod(x, axis=None, keepdims=False, dtype=None):
    return _prod(convert_to_tensor(x), axis, keepdims, dtype)


def nansum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if _is_float(x):
        x = tf.where(tf.math.is_nan(x), tf.zeros_like(x), x)
    return sum(x, axis=axis, keepdims=keepdims)


def nanprod(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if _is_float(x):
        x = tf.where(tf.math.is_nan(x), tf.ones_like(x), x)
    return _prod(x, axis, keepdims, None)


def _as_bool(x):
    return x if x.dtype == tf.bool else tf.not_equal(x, tf.zeros((), x.dtype))


def all(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_all(_as_bool(convert_to_tensor(x)), axis=_axis(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    return tf.reduce_any(_as_bool(convert_to_tensor(x)), axis=_axis(axis), keepdims=keepdims)


def _extreme(is_max, x, axis, keepdims):
    if x.dtype == tf.bool:
        return (tf.reduce_any if is_max else tf.reduce_all)(x, axis=_axis(axis), keepdims=keepdims)
    return (tf.reduce_max if is_max else tf.reduce_min)(x, axis=_axis(axis), keepdims=keepdims)


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    out = _extreme(True, x, axis, keepdims)
    if initial is not None:
        out = tf.maximum(out, tf.cast(initial, out.dtype)) if x.dtype != tf.bool else out | bool(initial)
    return out


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    out = _extreme(False, x, axis, keepdims)
    if initial is not None:
        out = tf.minimum(out, tf.cast(initial, out.dtype)) if x.dtype != tf.bool else out & bool(initial)
    return out


def _nan_extreme(is_max, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not _is_float(x):
        return _extreme(is_max, x, axis, keepdims)
    nan = tf.math.is_nan(x)
    fill = tf.constant(-math.inf if is_max else math.inf, x.dtype)
    out = (tf.reduce_max if is_max else tf.reduce_min)(tf.where(nan, fill, x), axis=_axis(axis), keepdims=keepdims)
    return tf.where(tf.reduce_all(nan, axis=_axis(axis), keepdims=keepdims), tf.constant(math.nan, x.dtype), out)


def nanmax(x, axis=None, keepdims=False):
    return _nan_extreme(True, x, axis, keepdims)


def nanmin(x, axis=None, keepdims=False):
    return _nan_extreme(False, x, axis, keepdims)


def ptp(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return _extreme(True, x, axis, keepdims) - _extreme(False, x, axis, keepdims)


def _arg(is_max, x, axis, keepdims):
    """First index of the extreme; a NaN counts as the extreme, as in NumPy."""
    keep_shape = [1] * x.shape.rank if axis is None else None
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int32)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    fn = tf.math.argmax if is_max else tf.math.argmin
    out = fn(x, axis=axis, output_type=tf.int32)
    if _is_float(x):
        nan = tf.math.is_nan(x)
        first_nan = tf.math.argmax(tf.cast(nan, tf.int32), axis=axis, output_type=tf.int32)
        out = tf.where(tf.reduce_any(nan, axis=axis), first_nan, out)
    if keepdims:
        out = tf.expand_dims(out, axis) if keep_shape is None else tf.reshape(out, keep_shape)
    return out


def argmax(x, axis=None, keepdims=False):
    return _arg(True, convert_to_tensor(x), axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg(False, convert_to_tensor(x), axis, keepdims)


def _nanarg(is_max, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not _is_float(x):
        return _arg(is_max, x, axis, keepdims)
    nan = tf.math.is_nan(x)
    fill = tf.constant(-math.inf if is_max else math.inf, x.dtype)
    out = _arg(is_max, tf.where(nan, fill, x), axis, keepdims)
    all_nan = tf.reduce_all(nan, axis=axis, keepdims=keepdims)
    if axis is None and keepdims:
        all_nan = tf.reshape(all_nan, out.shape)
    return tf.where(all_nan, -1, out)


def nanargmax(x, axis=None, keepdims=False):
    return _nanarg(True, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _nanarg(False, x, axis, keepdims)


def count_nonzero(x, axis=None):
    x = convert_to_tensor(x)
    return tf.reduce_sum(tf.cast(_as_bool(x), tf.int32), axis=_axis(axis))


# --- Statistics ------------------------------------------------------------------------------------

def mean(x, axis=None, keepdims=False):
    x, out = _float(x)
    return tf.cast(tf.reduce_mean(x, axis=_axis(axis), keepdims=keepdims), out)


def _nan_stats(x, axis, keepdims):
    """(mean ignoring NaN, NaN mask, count of numbers) with the reduced dims kept."""
    nan = tf.math.is_nan(x)
    count = tf.reduce_sum(tf.cast(~nan, x.dtype), axis=_axis(axis), keepdims=keepdims)
    total = tf.reduce_sum(tf.where(nan, tf.zeros_like(x), x), axis=_axis(axis), keepdims=keepdims)
    return total / count, nan, count


def nanmean(x, axis=None, keepdims=False):
    x, out = _float(x)
    return tf.cast(_nan_stats(x, axis, keepdims)[0], out)


def var(x, axis=None, keepdims=False):
    x, out = _float(x)
    return tf.cast(tf.math.reduce_variance(x, axis=_axis(axis), keepdims=keepdims), out)


def _nanvar(x, axis, keepdims):
    centre, nan, count = _nan_stats(x, axis, True)
    centred = tf.where(nan, tf.zeros_like(x), x - centre)
    total = tf.reduce_sum(centred * centred, axis=_axis(axis), keepdims=keepdims)
    return total / (count if keepdims else tf.reshape(count, tf.shape(total)))


def nanvar(x, axis=None, keepdims=False):
    x, out = _float(x)
    return tf.cast(_nanvar(x, axis, keepdims), out)


def std(x, axis=None, keepdims=False):
    x, out = _float(x)
    return tf.cast(tf.math.reduce_std(x, axis=_axis(axis), keepdims=keepdims), out)


def nanstd(x, axis=None, keepdims=False):
    x, out = _float(x)
    return tf.cast(tf.sqrt(_nanvar(x, axis, keepdims)), out)


def quantile(x, q, axis=None, method="linear", keepdims=False, ignore_nan=False, percent=False):
    x, out = _float(x)
    q = tf.cast(convert_to_tensor(q), tf.float64)
    if percent:
        q = q / 100
    rank = x.shape.rank
    dims = _dims(x, axis)
    kept = [d for d in range(rank) if d not in dims]
    shape = tf.shape(x)
    kept_shape = tf.gather(shape, kept) if kept else tf.zeros([0], tf.int32)
    flat = tf.reshape(tf.transpose(x, kept + list(dims)), tf.concat([kept_shape, [-1]], 0))
    nan = tf.math.is_nan(flat)
    ordered = tf.sort(tf.where(nan, tf.constant(math.inf, flat.dtype), flat), axis=-1)
    n_all = tf.shape(flat)[-1]
    if ignore_nan:
        n = tf.cast(n_all, tf.float64) - tf.reduce_sum(tf.cast(nan, tf.float64), axis=-1, keepdims=True)
    else:
        n = tf.fill([1] * (len(kept) + 1), tf.cast(n_all, tf.float64))
    q_shape = tf.shape(q)
    pos = tf.reshape(q, tf.concat([q_shape, tf.ones([len(kept) + 1], tf.int32)], 0)) * tf.maximum(n - 1, 0)
    full = tf.concat([q_shape, tf.shape(ordered)], 0)
    ordered = tf.broadcast_to(ordered, full)
    batch = q.shape.rank + len(kept)

    def at(index):
        index = tf.cast(tf.clip_by_value(index, 0, tf.cast(tf.maximum(n_all - 1, 0), tf.float64)), tf.int32)
        index = tf.broadcast_to(index, tf.concat([full[:-1], [1]], 0))
        return tf.gather(ordered, index, axis=batch, batch_dims=batch)

    if method == "lower":
        result = at(tf.floor(pos))
    elif method == "higher":
        result = at(tf.math.ceil(pos))
    elif method == "nearest":
        result = at(tf.round(pos))
    else:
        lo, hi = tf.floor(pos), tf.math.ceil(pos)
        t = pos - lo if method == "linear" else tf.where(hi > lo, 0.5, 0.0)
        t = tf.cast(t, x.dtype)
        a, b = at(lo), at(hi)
        diff = b - a  # NumPy's two-sided lerp: exact at both ends
        result = tf.where(t >= 0.5, b - diff * (1 - t), a + diff * t)
    invalid = tf.equal(n, 0) if ignore_nan else tf.reduce_any(nan, axis=-1, keepdims=True)
    result = tf.squeeze(tf.where(invalid, tf.constant(math.nan, x.dtype), result), -1)
    if keepdims:
        kept_dims = tf.where([d in dims for d in range(rank)], 1, shape) if rank else tf.zeros([0], tf.int32)
        result = tf.reshape(result, tf.concat([q_shape, kept_dims], 0))
    return tf.cast(result, out)


def average(x, axis=None, weights=None):
    if weights is None:
        return mean(x, axis=axis)
    weights = convert_to_tensor(weights)
    x, out = _float(x, weights.dtype.name)
    weights = _weights_like(x, tf.cast(weights, x.dtype), axis)
    total = tf.reduce_sum(x * weights, axis=_axis(axis)) / tf.reduce_sum(weights, axis=_axis(axis))
    return tf.cast(total, out)


def _weights_like(x, weights, axis):
    """1-D weights along an int axis, shaped to broadcast against x."""
    if weights.shape == x.shape:
        return weights
    if (weights.shape.rank != 1 or not isinstance(axis, int)
            or not tf.TensorShape([x.shape[axis]]).is_compatible_with(weights.shape)):
        raise ValueError(
            f"ops.average: `weights` must have the shape of `x` {tuple(x.shape)}, or be 1-D with the length of "
            f"an int `axis`; got shape {tuple(weights.shape)} and axis={axis}.")
    shape = [1] * x.shape.rank
    shape[axis] = -1
    return tf.reshape(weights, shape)


def corrcoef(x):
    x, out = _float(x)
    rows = x if x.shape.rank == 2 else x[None]
    centred = rows - tf.reduce_mean(rows, axis=1, keepdims=True)
    cov = tf.matmul(centred, centred, transpose_b=True)
    scale = tf.sqrt(tf.linalg.diag_part(cov))
    corr = tf.clip_by_value(cov / scale[:, None] / scale[None, :], -1, 1)
    return tf.cast(corr if x.shape.rank == 2 else corr[0, 0], out)


def _slice(x, axis, start, stop):
    index = [slice(None)] * x.shape.rank
    index[axis] = slice(start, stop)
    return x[tuple(index)]


def trapezoid(y, x=None, dx=1.0, axis=-1):
    if x is None:
        y, out = _float(y)
        d = tf.constant(dx, y.dtype)
    else:
        x = convert_to_tensor(x)
        y, out = _float(y, x.dtype.name)
        x = tf.cast(x, y.dtype)
        if x.shape.rank == 1:
            shape = [1] * y.shape.rank
            shape[axis] = -1
            d = tf.reshape(x[1:] - x[:-1], shape)
        else:
            d = _slice(x, axis, 1, None) - _slice(x, axis, None, -1)
    pairs = (_slice(y, axis, 1, None) + _slice(y, axis, None, -1)) / 2
    return tf.cast(tf.reduce_sum(d * pairs, axis=axis), out)


def histogram(x, bins=10, range=None):  # noqa: A002
    x, out = _float(x)
    if range is not None:
        lo, hi = tf.constant(range[0], x.dtype), tf.constant(range[1], x.dtype)
    else:
        lo, hi = tf.reduce_min(x), tf.reduce_max(x)
    same = tf.equal(lo, hi)
    lo, hi = tf.where(same, lo - 0.5, lo), tf.where(same, hi + 0.5, hi)
    edges = tf.range(bins + 1, dtype=x.dtype) * ((hi - lo) / bins) + lo
    edges = tf.concat([edges[:-1], hi[None]], 0)
    index = tf.searchsorted(edges, x, side="right", out_type=tf.int32) - 1
    index = tf.where(tf.equal(x, hi), bins - 1, index)
    valid = (index >= 0) & (index < bins)
    counts = tf.math.bincount(tf.where(valid, index, bins), minlength=bins + 1, maxlength=bins + 1)[:bins]
    return tf.cast(counts, out), tf.cast(edges, out)


def bincount(x, weights=None, minlength=0, sparse=False):
    x = convert_to_tensor(x)
    out = tf.int32
    if weights is not None:
        weights = convert_to_tensor(weights)
        out = tf.as_dtype(dtypes.result_type(x.dtype.name, weights.dtype.name))
        weights = tf.cast(weights, tf.float64)
    x = tf.cast(x, tf.int32)
    counts = tf.math.bincount(x, weights=weights, minlength=minlength, axis=-1 if x.shape.rank == 2 else None,
                              dtype=tf.int32 if weights is None else tf.float64)
    counts = tf.cast(counts, out)
    return tf.sparse.from_dense(counts) if sparse else counts


# --- Cumulative ops and differences ----------------------------------------------------------------

def _cumulative(fn, x, axis, dtype):
    if dtype is not None:
        out = tf.as_dtype(dtypes.standardize_dtype(dtype))
    else:
        out = tf.int32 if x.dtype == tf.bool else x.dtype
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.cast(fn(tf.cast(x, _wide(out)), axis=axis), out)


def cumsum(x, axis=None, dtype=None):
    return _cumulative(tf.math.cumsum, convert_to_tensor(x), axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative(tf.math.cumprod, convert_to_tensor(x), axis, dtype)


def nancumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    if _is_float(x):
        x = tf.where(tf.math.is_nan(x), tf.zeros_like(x), x)
    return _cumulative(tf.math.cumsum, x, axis, dtype)


def nancumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    if _is_float(x):
        x = tf.where(tf.math.is_nan(x), tf.ones_like(x), x)
    return _cumulative(tf.math.cumprod, x, axis, dtype)


def diff(a, n=1, axis=-1):
    a = convert_to_tensor(a)
    for _ in range(n):
        later, earlier = _slice(a, axis, 1, None), _slice(a, axis, None, -1)
        a = tf.not_equal(later, earlier) if a.dtype == tf.bool else later - earlier
    return a


# --- Sorting and searching -------------------------------------------------------------------------

def _sortable(x):
    """TF sorts numbers only: bools go through int8."""
    return tf.cast(x, tf.int8) if x.dtype == tf.bool else x


def sort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.cast(tf.sort(_sortable(x), axis=axis), x.dtype)


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.argsort(_sortable(x), axis=axis, stable=True)


def argpartition(x, kth, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    n = x.shape[axis]
    if n is not None and not -n <= kth < n:
        raise ValueError(f"ops.argpartition: kth={kth} is out of range for an axis of length {n}.")
    return tf.argsort(_sortable(x), axis=axis, stable=True)


def _search(sorted_sequence, values, side):
    flat = tf.searchsorted(sorted_sequence[None], tf.reshape(values, [1, -1]), side=side, out_type=tf.int32)
    return tf.reshape(flat, tf.shape(values))


def searchsorted(sorted_sequence, values, side="left"):
    a, v = _promote(sorted_sequence, values)
    return _search(a, v, side)


def digitize(x, bins):
    x, bins = _promote(x, bins)
    increasing = _search(bins, x, "right")
    decreasing = tf.shape(bins)[0] - _search(tf.reverse(bins, [0]), x, "right")
    return tf.where(bins[-1] >= bins[0], increasing, decreasing)


def isin(x1, x2, invert=False):
    x1, x2 = _promote(x1, x2)
    found = tf.reduce_any(tf.equal(x1[..., None], tf.reshape(x2, [-1])), axis=-1)
    return ~found if invert else found


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    if not _is_float(x1):
        x1, x2 = tf.cast(x1, tf.float32), tf.cast(x2, tf.float32)
    close = tf.abs(x1 - x2) <= atol + rtol * tf.abs(x2)
    close |= tf.equal(x1, x2)  # equal infinities
    if equal_nan:
        close |= tf.math.is_nan(x1) & tf.math.is_nan(x2)
    return tf.reduce_all(close)


def nonzero(x):
    x = convert_to_tensor(x)
    where = tf.cast(tf.where(_as_bool(x)), tf.int32)
    return tuple(where[:, i] for i in range(x.shape.rank))


def _lexsort_rows(rows):
    """Stable order of the rows of a 2-D tensor, lexicographic (first column most significant)."""
    order = tf.range(tf.shape(rows)[0])
    for column in reversed(range(rows.shape[1])):
        keys = tf.gather(rows[:, column], order)
        order = tf.gather(order, tf.argsort(_sortable(keys), stable=True))
    return order


def _fit(a, size, fill, axis=0):
    """Cut or pad `a` along axis to `size`; the padding repeats `fill` (a slice of `a` or a scalar)."""
    n = a.shape[axis]
    if n >= size:
        return _slice(a, axis, 0, size)
    pad_shape = a.shape.as_list()
    pad_shape[axis] = size - n
    return tf.concat([a, tf.broadcast_to(tf.cast(fill, a.dtype), pad_shape)], axis=axis)


def unique(x, return_index=False, return_inverse=False, return_counts=False, axis=None, size=None,
           fill_value=None):
    """tf.unique keeps first-occurrence order; the values are then sorted (slices: lexicographically)."""
    x = convert_to_tensor(x)
    if axis is None:
        values, first_order = tf.unique(tf.reshape(x, [-1]))
        order = tf.argsort(_sortable(values), stable=True)
        v_axis, n = 0, tf.size(x)
    else:
        v_axis = axis % x.shape.rank
        moved = tf.experimental.numpy.moveaxis(x, v_axis, 0)
        values, first_order = tf.raw_ops.UniqueV2(x=moved, axis=tf.constant([0], tf.int64))
        order = _lexsort_rows(tf.reshape(values, [tf.shape(values)[0], -1]))
        n = tf.shape(x)[v_axis]
        values = tf.experimental.numpy.moveaxis(values, 0, v_axis)
    values = tf.gather(values, order, axis=v_axis)
    rank_of = tf.math.invert_permutation(order)
    inverse = tf.gather(rank_of, first_order)
    count = tf.shape(order)[0]
    counts = tf.math.unsorted_segment_sum(tf.ones_like(inverse), inverse, count)
    index = tf.math.unsorted_segment_min(tf.range(n), inverse, count)
    if axis is None:
        inverse = tf.reshape(inverse, tf.shape(x))
    if size is not None:
        if fill_value is None:
            fill = _slice(values, v_axis, 0, 1) if values.shape[v_axis] else 0
        else:
            fill = fill_value
        values = _fit(values, size, fill, v_axis)
        index = _fit(index, size, index[:1] if index.shape[0] else 0)
        counts = _fit(counts, size, 0)
    out = [values] + [tf.cast(t, tf.int32) for t, want in ((index, return_index), (inverse, return_inverse),
                                                           (counts, return_counts)) if want]
    return out[0] if len(out) == 1 else tuple(out)


# --- Indexing --------------------------------------------------------------------------------------

def _wrap(indices, n):
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer:
        indices = tf.cast(indices, tf.int32)
    n = tf.cast(n, indices.dtype)
    return tf.where(indices < 0, indices + n, indices)


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.gather(x, _wrap(indices, tf.shape(x)[axis]), axis=axis)


def take_along_axis(x, indices, axis=None):
    x, indices = convert_to_tensor(x), convert_to_tensor(indices)
    if axis is None:
        x, indices, axis = tf.reshape(x, [-1]), tf.reshape(indices, [-1]), 0
    rank = x.shape.rank
    axis = axis % rank
    indices = _wrap(indices, tf.shape(x)[axis])
    # Broadcast every dim but `axis`, move `axis` last, and gather with the rest as batch dims.
    x_shape, i_shape = tf.shape(x), tf.shape(indices)
    rest = tf.broadcast_dynamic_shape(tf.concat([x_shape[:axis], x_shape[axis + 1:]], 0),
                                      tf.concat([i_shape[:axis], i_shape[axis + 1:]], 0))
    perm = [d for d in range(rank) if d != axis] + [axis]
    x = tf.broadcast_to(tf.transpose(x, perm), tf.concat([rest, x_shape[axis:axis + 1]], 0))
    indices = tf.broadcast_to(tf.transpose(indices, perm), tf.concat([rest, i_shape[axis:axis + 1]], 0))
    out = tf.gather(x, indices, axis=rank - 1, batch_dims=rank - 1)
    return tf.transpose(out, tf.math.invert_permutation(perm))


def trace(x, offset=0, axis1=0, axis2=1):
    """Masked sum over the (axis1, axis2) planes: any offset, and dims unknown until run time."""
    x = convert_to_tensor(x)
    rank = x.shape.rank
    axis1, axis2 = axis1 % rank, axis2 % rank
    planes = tf.transpose(x, [d for d in range(rank) if d not in (axis1, axis2)] + [axis1, axis2])
    if x.dtype in _SUM_DTYPES:
        planes = tf.cast(planes, tf.int64)
    shape = tf.shape(planes)
    on_diagonal = tf.equal(tf.range(shape[-1])[None, :] - tf.range(shape[-2])[:, None], offset)
    total = tf.reduce_sum(tf.where(on_diagonal, planes, tf.zeros((), planes.dtype)), axis=[-2, -1])
    return tf.cast(total, _SUM_DTYPES.get(x.dtype, x.dtype))


def select(condlist, choicelist, default=0):
    dtype = dtypes.result_type(*map(dtypes.dtype_of, choicelist), dtypes.dtype_of(default))
    out = convert_to_tensor(default, dtype)
    for cond, choice in zip(reversed(condlist), reversed(choicelist)):
        cond, choice = _as_bool(convert_to_tensor(cond)), convert_to_tensor(choice, dtype)
        out = tf.where(cond, choice, out)
    return out


def unravel_index(indices, shape):
    indices = tf.cast(convert_to_tensor(indices), tf.int64)
    coords = []
    for dim in reversed(shape):
        coords.append(tf.cast(tf.math.floormod(indices, dim), tf.int32))
        indices = tf.math.floordiv(indices, dim)
    return tuple(reversed(coords))
