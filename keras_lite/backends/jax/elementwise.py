"""JAX: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits).

Inputs are first cast to the Keras result dtype (`dtypes.result_type`), so
every backend gives the same dtype; the dtype rules mirror
`ops/_elementwise_shapes.py`.
"""
import functools

import jax
import jax.numpy as jnp

from keras_lite.backends.common import dtypes
from keras_lite.backends.jax.core import Variable, _jax_dtype, convert_to_tensor

_NARROWED = ("int64", "uint64", "float64", "complex128")


def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype (Python numbers beside a
    float tensor may stay Python numbers: see `_cast_all`)."""
    xs = [x.value if isinstance(x, Variable) else x for x in xs]
    if _same_dtype_arrays(xs):
        return xs  # the usual case: nothing to convert
    return _cast_all(xs, dtypes.result_type(*map(dtypes.dtype_of, xs)))


def _promote_float(*xs):
    xs = [x.value if isinstance(x, Variable) else x for x in xs]
    if _same_dtype_arrays(xs) and _is_float(xs[0]):
        return xs
    return _cast_all(xs, dtypes.float_result_type(*map(dtypes.dtype_of, xs)))


def _same_dtype_arrays(xs):
    first = xs[0]
    return isinstance(first, jax.Array) and all(isinstance(x, jax.Array) and x.dtype == first.dtype for x in xs[1:])


def _cast_all(xs, dtype):
    """`xs` as tensors of `dtype`. Beside a (strongly typed) float tensor of that dtype, Python numbers stay
    Python numbers: JAX converts them to the tensor's dtype as it computes, to the same values, without a
    copy to the device of their own (which costs more than the op)."""
    floating = dtype in dtypes.FLOAT_TYPES
    dtype = _jax_dtype(dtype)
    if floating and any(
            isinstance(x, jax.Array) and x.dtype == dtype and not x.weak_type for x in xs):
        return [x if _python_number(x) else convert_to_tensor(x, dtype) for x in xs]
    return [convert_to_tensor(x, dtype) for x in xs]


def _python_number(x):
    """A float, or an int that JAX takes as a Python number (it refuses ints beyond int32 without x64)."""
    return type(x) is float or (type(x) is int and -2**31 <= x < 2**31)


def _promote_int(*xs, bool_ok=False):
    """Integer-only ops; bools compute as int32 unless `bool_ok`."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    if dtype == "bool":
        dtype = dtype if bool_ok else "int32"
    elif not dtypes.is_int_dtype(dtype):
        raise ValueError(f"expects integer inputs, got {dtype}.")
    return [convert_to_tensor(x, dtype) for x in xs]


def _promote_arith(*xs):
    """floor_divide, mod, fmod, power: bools compute as int32."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, "int32" if dtype == "bool" else dtype) for x in xs]


def _no_bool(dtype):
    if dtype == jnp.bool_:
        raise ValueError("bool inputs are not supported; use logical_not or logical_xor.")


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def _is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating)


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    _no_bool((x1 if isinstance(x1, jax.Array) else x2).dtype)
    return jnp.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.multiply(x1, x2)


def divide(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.divide(x1, x2)


def divide_no_nan(x1, x2):
    dtype = dtypes.float_result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
    x1, x2 = convert_to_tensor(x1, dtype), convert_to_tensor(x2, dtype)
    zero = x2 == 0
    # A safe denominator keeps NaN out of the gradient of the unused branch.
    return jnp.where(zero, jnp.zeros_like(x1), x1 / jnp.where(zero, jnp.ones_like(x2), x2))


def floor_divide(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return jnp.floor_divide(x1, x2)


def mod(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return jnp.mod(x1, x2)


def fmod(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return jnp.fmod(x1, x2)


def power(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return jnp.power(x1, x2)


def maximum(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.minimum(x1, x2)


def fmax(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.fmax(x1, x2)


def fmin(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.fmin(x1, x2)


def negative(x):
    x = convert_to_tensor(x)
    _no_bool(x.dtype)
    return jnp.negative(x)


def absolute(x):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        return x
    return jnp.abs(x)


def fabs(x):
    return jnp.abs(_to_float(x))


def sign(x):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        return x
    return jnp.sign(x)


def square(x):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        x = x.astype("int32")
    return jnp.square(x)


def reciprocal(x):
    return jnp.reciprocal(_to_float(x))


def heaviside(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.heaviside(x1, x2)


def gcd(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    return jnp.gcd(x1, x2)


def lcm(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    return jnp.lcm(x1, x2)


def ceil(x):
    return jnp.ceil(_to_float(x))


def floor(x):
    return jnp.floor(_to_float(x))


def trunc(x):
    x = convert_to_tensor(x)
    return jnp.trunc(x) if _is_float(x) else x


@functools.partial(jax.jit, static_argnums=1)  # one compiled kernel instead of ten eager ones
def _round_integers(x, decimals):
    """Round an integer tensor to a multiple of 10**-decimals, half to even, exactly."""
    factor = jnp.asarray(10 ** -decimals, x.dtype)
    q = jnp.floor_divide(x, factor)
    r = x - q * factor
    up = (2 * r > factor) | ((2 * r == factor) & (q % 2 == 1))
    return (q + up.astype(x.dtype)) * factor


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if not _is_float(x) and not jnp.issubdtype(x.dtype, jnp.complexfloating):
        return x if decimals >= 0 or x.dtype == jnp.bool_ else _round_integers(x, decimals)
    return jnp.round(x, decimals)


def exp(x):
    return jnp.exp(_to_float(x))


def exp2(x):
    return jnp.exp2(_to_float(x))


def expm1(x):
    return jnp.expm1(_to_float(x))


def log(x):
    return jnp.log(_to_float(x))


def log2(x):
    return jnp.log2(_to_float(x))


def log10(x):
    return jnp.log10(_to_float(x))


def log1p(x):
    return jnp.log1p(_to_float(x))


def logaddexp(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.logaddexp(x1, x2)


def logaddexp2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.logaddexp2(x1, x2)


def sqrt(x):
    return jnp.sqrt(_to_float(x))


def cbrt(x):
    return jnp.cbrt(_to_float(x))


def hypot(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.hypot(x1, x2)


def ldexp(x1, x2):
    x2 = convert_to_tensor(x2)
    if not dtypes.is_int_dtype(x2.dtype):
        raise ValueError(f"x2 must be an integer tensor, got {dtypes.standardize_dtype(x2.dtype)}.")
    x1 = convert_to_tensor(x1, dtypes.float_result_type(dtypes.dtype_of(x1), x2.dtype))
    return jnp.ldexp(x1, x2)


def nextafter(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.nextafter(x1, x2)


def i0(x):
    return jnp.i0(_to_float(x))


def sinc(x):
    return jnp.sinc(_to_float(x))


def sin(x):
    return jnp.sin(_to_float(x))


def cos(x):
    return jnp.cos(_to_float(x))


def tan(x):
    return jnp.tan(_to_float(x))


def arcsin(x):
    return jnp.arcsin(_to_float(x))


def arccos(x):
    return jnp.arccos(_to_float(x))


def arctan(x):
    return jnp.arctan(_to_float(x))


def arctan2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return jnp.arctan2(x1, x2)


def sinh(x):
    return jnp.sinh(_to_float(x))


def cosh(x):
    return jnp.cosh(_to_float(x))


def tanh(x):
    return jnp.tanh(_to_float(x))


def arcsinh(x):
    return jnp.arcsinh(_to_float(x))


def arccosh(x):
    return jnp.arccosh(_to_float(x))


def arctanh(x):
    return jnp.arctanh(_to_float(x))


def deg2rad(x):
    return jnp.deg2rad(_to_float(x))


def rad2deg(x):
    return jnp.rad2deg(_to_float(x))


def real(x):
    return jnp.real(convert_to_tensor(x))


def imag(x):
    return jnp.imag(convert_to_tensor(x))


def conjugate(x):
    return jnp.conjugate(convert_to_tensor(x))


def angle(x):
    return jnp.angle(_to_float(x))


def equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.equal(x1, x2)


def not_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.not_equal(x1, x2)


def less(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.less(x1, x2)


def less_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.less_equal(x1, x2)


def greater(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.greater(x1, x2)


def greater_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return jnp.greater_equal(x1, x2)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    return jnp.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isfinite(x):
    return jnp.isfinite(convert_to_tensor(x))


def isinf(x):
    return jnp.isinf(convert_to_tensor(x))


def isnan(x):
    return jnp.isnan(convert_to_tensor(x))


def isneginf(x):
    return jnp.isneginf(convert_to_tensor(x))


def isposinf(x):
    return jnp.isposinf(convert_to_tensor(x))


def isreal(x):
    return jnp.isreal(convert_to_tensor(x))


def signbit(x):
    return jnp.signbit(convert_to_tensor(x))


def logical_and(x1, x2):
    return jnp.logical_and(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_or(x1, x2):
    return jnp.logical_or(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_xor(x1, x2):
    return jnp.logical_xor(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_not(x):
    return jnp.logical_not(convert_to_tensor(x))


def bitwise_and(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return jnp.bitwise_and(x, y)


def bitwise_or(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return jnp.bitwise_or(x, y)


def bitwise_xor(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return jnp.bitwise_xor(x, y)


def bitwise_invert(x):
    (x,) = _promote_int(x, bool_ok=True)
    return jnp.bitwise_invert(x)


def left_shift(x, y):
    x, y = _promote_int(x, y)
    return jnp.left_shift(x, y)


def right_shift(x, y):
    x, y = _promote_int(x, y)
    return jnp.right_shift(x, y)


def copy(x):
    return jnp.array(convert_to_tensor(x), copy=True)


def clip(x, x_min, x_max):
    present = [a for a in (x, x_min, x_max) if a is not None]
    dtype = dtypes.result_type(*map(dtypes.dtype_of, present))
    dtype = "int32" if dtype == "bool" else dtype
    x = convert_to_tensor(x, dtype)
    if x_min is not None:
        x = jnp.maximum(x, convert_to_tensor(x_min, dtype))
    if x_max is not None:
        x = jnp.minimum(x, convert_to_tensor(x_max, dtype))
    return x


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if not _is_float(x) and not jnp.issubdtype(x.dtype, jnp.complexfloating):
        return x
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def where(condition, x1=None, x2=None):
    condition = convert_to_tensor(condition)
    if x1 is None and x2 is None:
        return jnp.nonzero(condition)
    x1, x2 = _promote(x1, x2)
    return jnp.where(condition.astype(bool), x1, x2)


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return x
    dtype = dtypes.standardize_dtype(dtype)
    if dtype in _NARROWED and not jax.config.jax_enable_x64:
        raise NotImplementedError(
            f"ops.view: the jax backend cannot view data as {dtype}: with jax_enable_x64 off, "
            "JAX has no 64-bit types.")
    return x.view(dtypes.to_numpy_dtype(dtype))
