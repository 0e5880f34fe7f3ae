"""Shape and dtype rules of the reduction family that `ops/_shapes.py` does not cover.

Dtype rules follow Keras 3 (which follows JAX): sums and products of small
integers accumulate in 32 bits, statistics of integers are float32, indices
are int32. 64-bit inputs keep 64 bits (JAX narrows them by itself).
"""
import math

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._shapes import broadcast_shapes, normalize_axes, reduced_shape, shape_of

QUANTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")
_WIDEN = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "uint32", "uint16": "uint32"}


def sum_dtype(dtype):
    """sum, prod, trace: bools and small integers accumulate in 32 bits."""
    dtype = dtypes.standardize_dtype(dtype)
    return _WIDEN.get(dtype, dtype)


def cumulative_dtype(dtype):
    """cumsum, cumprod: only bools widen (to int32)."""
    dtype = dtypes.standardize_dtype(dtype)
    return "int32" if dtype == "bool" else dtype


def index_dtype(*dtype_args):
    return "int32"


def _int_axis(axis, rank, op_name):
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise ValueError(f"ops.{op_name}: `axis` must be an int, got {axis!r}.")
    return normalize_axes(axis, rank, op_name)[0]


def prod_spec(x, axis=None, keepdims=False, dtype=None):
    out = dtypes.standardize_dtype(dtype) if dtype is not None else sum_dtype(dtype_of(x))
    return KerasTensor(reduced_shape(shape_of(x), axis, keepdims, "prod"), out)


def check_quantile_args(q, method, op_name):
    if method not in QUANTILE_METHODS:
        raise ValueError(
            f"ops.{op_name}: `method` must be one of {', '.join(QUANTILE_METHODS)}; got {method!r}.")
    if isinstance(q, (int, float, list, tuple)):
        import numpy as np

        qs = np.asarray(q, dtype="float64")
        if qs.ndim > 1:
            raise ValueError(f"ops.{op_name}: `q` must be a scalar or 1-D; got shape {qs.shape}.")
        scale = 100.0 if "percentile" in op_name else 1.0
        if np.any(qs < 0) or np.any(qs > scale):
            raise ValueError(f"ops.{op_name}: `q` must lie in [0, {scale:g}]; got {q!r}.")


def quantile_spec(op_name):
    """quantile(x, q, axis, method, keepdims): q's shape, then x reduced over axis."""

    def spec(x, q, axis=None, method="linear", keepdims=False):
        check_quantile_args(q, method, op_name)
        q_shape = shape_of(q)
        if len(q_shape) > 1:
            raise ValueError(f"ops.{op_name}: `q` must be a scalar or 1-D; got shape {q_shape}.")
        shape = q_shape + reduced_shape(shape_of(x), axis, keepdims, op_name)
        return KerasTensor(shape, dtypes.float_result_type(dtype_of(x)))

    return spec


def bincount_spec(x, weights=None, minlength=0, sparse=False):
    shape = shape_of(x)
    if len(shape) not in (1, 2):
        raise ValueError(f"ops.bincount: `x` must be 1-D or 2-D (batched); got shape {shape}.")
    dtype = "int32" if weights is None else dtypes.result_type(dtype_of(x), dtype_of(weights))
    return KerasTensor(shape[:-1] + (None,), dtype, sparse=bool(sparse))


def check_histogram_args(x, bins, range):  # noqa: A002 - the Keras name
    if not isinstance(bins, int) or isinstance(bins, bool) or bins < 1:
        raise ValueError(f"ops.histogram: `bins` must be a positive int; got {bins!r}.")
    if range is not None:
        if not isinstance(range, (tuple, list)) or len(range) != 2:
            raise ValueError(f"ops.histogram: `range` must be a (min, max) pair; got {range!r}.")
        if range[1] < range[0]:
            raise ValueError(f"ops.histogram: `range` must have min <= max; got {range!r}.")
    if len(shape_of(x)) != 1:
        raise ValueError(f"ops.histogram: `x` must be 1-D; got shape {shape_of(x)}.")


def histogram_spec(x, bins=10, range=None):  # noqa: A002
    check_histogram_args(x, bins, range)
    dtype = dtypes.float_result_type(dtype_of(x))
    return KerasTensor((bins,), dtype), KerasTensor((bins + 1,), dtype)


def nonzero_spec(x):
    return tuple(KerasTensor((None,), "int32") for _ in shape_of(x))


def isin_spec(x1, x2, assume_unique=False, invert=False):
    return KerasTensor(shape_of(x1), "bool")


def allclose_spec(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    broadcast_shapes(shape_of(x1), shape_of(x2))
    return KerasTensor((), "bool")


def check_select_args(condlist, choicelist):
    if not isinstance(condlist, (list, tuple)) or not isinstance(choicelist, (list, tuple)):
        raise ValueError("ops.select: `condlist` and `choicelist` must be lists of tensors.")
    if not condlist or len(condlist) != len(choicelist):
        raise ValueError(
            "ops.select: `condlist` and `choicelist` must be non-empty and of the same length; "
            f"got {len(condlist)} and {len(choicelist)}.")


def select_spec(condlist, choicelist, default=0):
    check_select_args(condlist, choicelist)
    shape = broadcast_shapes(*(shape_of(a) for a in list(condlist) + list(choicelist) + [default]))
    return KerasTensor(shape, dtypes.result_type(*(dtype_of(c) for c in choicelist), dtype_of(default)))


def take_along_axis_spec(x, indices, axis=None):
    x_shape, i_shape = shape_of(x), shape_of(indices)
    if axis is None:  # both flattened
        size = None if None in i_shape else math.prod(i_shape)
        return KerasTensor((size,), dtypes.standardize_dtype(dtype_of(x)))
    if len(x_shape) != len(i_shape):
        raise ValueError(
            f"ops.take_along_axis: `x` and `indices` must have the same rank; got {x_shape} and {i_shape}.")
    axis = _int_axis(axis, len(x_shape), "take_along_axis")
    rest = broadcast_shapes(x_shape[:axis] + x_shape[axis + 1:], i_shape[:axis] + i_shape[axis + 1:])
    return KerasTensor(rest[:axis] + (i_shape[axis],) + rest[axis:], dtypes.standardize_dtype(dtype_of(x)))


def unique_spec(x, sorted=True, return_index=False, return_inverse=False, return_counts=False,  # noqa: A002
                axis=None, size=None, fill_value=None):
    shape = shape_of(x)
    if axis is None:
        values = (size,)
    else:
        axis = _int_axis(axis, len(shape), "unique")
        values = shape[:axis] + (size,) + shape[axis + 1:]
    out = [KerasTensor(values, dtypes.standardize_dtype(dtype_of(x)))]
    if return_index:
        out.append(KerasTensor((size,), "int32"))
    if return_inverse:
        out.append(KerasTensor(shape if axis is None else (shape[axis],), "int32"))
    if return_counts:
        out.append(KerasTensor((size,), "int32"))
    return out[0] if len(out) == 1 else tuple(out)
