"""Dtype and shape rules of the elementwise family beyond those in `_shapes.py`.

Dtype rules take the dtypes of the tensor arguments (Python scalars stay
values, weak in `result_type`) and return the result dtype or raise a
ValueError naming the op. The backends apply the same rules eagerly.
"""
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._shapes import broadcast_shapes, shape_of

_REAL_OF = {"complex64": "float32", "complex128": "float64"}


def _names(dts):
    return ", ".join(d if isinstance(d, str) else type(d).__name__ for d in dts)


def integer_dtype(op_name, bool_ok=False):
    """Bit and number-theory ops: integers only; bools become int32 unless `bool_ok`."""

    def rule(*dts):
        out = dtypes.result_type(*dts)
        if out == "bool":
            return out if bool_ok else "int32"
        if not dtypes.is_int_dtype(out):
            raise ValueError(f"ops.{op_name}: expects integer inputs, got {_names(dts)}.")
        return out

    return rule


def arithmetic_dtype(*dts):
    """floor_divide, mod, fmod, power: as `result_type`, but bools compute as int32."""
    out = dtypes.result_type(*dts)
    return "int32" if out == "bool" else out


def signed_dtype(op_name):
    """negative and subtract have no bool form (NumPy refuses it too)."""

    def rule(*dts):
        out = dtypes.result_type(*dts)
        if out == "bool":
            raise ValueError(f"ops.{op_name}: bool inputs are not supported; use logical_not or logical_xor.")
        return out

    return rule


def square_dtype(dtype):
    return "int32" if dtype == "bool" else dtypes.result_type(dtype)


def real_dtype(dtype):
    """abs, real, imag: the real dtype of a complex input, else the input dtype."""
    dtype = dtypes.result_type(dtype)
    return _REAL_OF.get(dtype, dtype)


def real_float_dtype(dtype):
    """angle: float like `float_result_type`, complex inputs give their real dtype."""
    dtype = dtypes.float_result_type(dtype)
    return _REAL_OF.get(dtype, dtype)


def ldexp_dtype(x1, x2):
    if not (isinstance(x2, (bool, int)) or x2 in dtypes.INT_TYPES + dtypes.UINT_TYPES):
        raise ValueError(f"ops.ldexp: x2 must be an integer tensor, got {_names([x2])}.")
    return dtypes.float_result_type(x1, x2)


def unary_spec(dtype_rule):
    """Spec of `op(x, option=...)`: the shape of x; the other arguments are options."""

    def spec(x, *args, **kwargs):
        return KerasTensor(shape_of(x), dtype_rule(dtypes.result_type(dtype_of(x))))

    return spec


def clip_spec(x, x_min, x_max):
    present = [a for a in (x, x_min, x_max) if a is not None]
    dtype = dtypes.result_type(*map(dtype_of, present))
    return KerasTensor(broadcast_shapes(*map(shape_of, present)), "int32" if dtype == "bool" else dtype)


def check_where_branches(x1, x2):
    if (x1 is None) != (x2 is None):
        raise ValueError("ops.where: give both x1 and x2, or neither (then it returns the indices of "
                         "the nonzero elements of condition).")


def where_spec(condition, x1=None, x2=None, index_dtype="int64"):
    """Three arguments: broadcasting select. Condition only: one index vector per
    dimension, of a length known only from the data (None)."""
    check_where_branches(x1, x2)
    if x1 is None:
        rank = len(shape_of(condition))
        return tuple(KerasTensor((None,), index_dtype) for _ in range(rank))
    shape = broadcast_shapes(shape_of(condition), shape_of(x1), shape_of(x2))
    return KerasTensor(shape, dtypes.result_type(dtype_of(x1), dtype_of(x2)))


def _itemsize(dtype):
    return dtypes.to_numpy_dtype(dtype).itemsize


def view_shape(shape, old_dtype, new_dtype):
    """The shape of `x.view(new_dtype)`: the last dim absorbs the change of item size."""
    old, new = _itemsize(old_dtype), _itemsize(new_dtype)
    if old == new:
        return tuple(shape)
    if not shape:
        raise ValueError(f"ops.view: cannot view a scalar of {old_dtype} as {new_dtype}: "
                         f"the item sizes differ ({old} and {new} bytes).")
    last = shape[-1]
    if last is not None:
        if last * old % new:
            raise ValueError(f"ops.view: the last dimension of shape {tuple(shape)} ({last} x {old} bytes) "
                             f"does not divide into {new}-byte items of {new_dtype}.")
        last = last * old // new
    return tuple(shape[:-1]) + (last,)


def view_spec(x, dtype=None):
    old = dtypes.standardize_dtype(dtype_of(x))
    if dtype is None:
        return KerasTensor(shape_of(x), old)
    new = dtypes.standardize_dtype(dtype)
    return KerasTensor(view_shape(shape_of(x), old, new), new)
