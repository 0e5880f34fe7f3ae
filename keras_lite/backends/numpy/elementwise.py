"""NumPy: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits).

Inputs are first cast to the Keras result dtype (`dtypes.result_type`), so
every backend gives the same dtype; the dtype rules mirror
`ops/_elementwise_shapes.py`.
"""
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.numpy.core import convert_to_tensor

def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _promote_float(*xs):
    dtype = dtypes.float_result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


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
    if dtype == np.bool_:
        raise ValueError("bool inputs are not supported; use logical_not or logical_xor.")


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def _is_float(x):
    return dtypes.is_float_dtype(x.dtype)  # np.issubdtype misses ml_dtypes' bfloat16


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    _no_bool(x1.dtype)
    return np.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.multiply(x1, x2)


def divide(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.divide(x1, x2)


def divide_no_nan(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    zero = x2 == 0
    # A safe denominator keeps NaN out of the gradient of the unused branch.
    return np.where(zero, np.zeros_like(x1), x1 / np.where(zero, np.ones_like(x2), x2))


def floor_divide(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return np.floor_divide(x1, x2)


def mod(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return np.mod(x1, x2)


def fmod(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return np.fmod(x1, x2)


def power(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return np.power(x1, x2)


def maximum(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.minimum(x1, x2)


def fmax(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.fmax(x1, x2)


def fmin(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.fmin(x1, x2)


def negative(x):
    x = convert_to_tensor(x)
    _no_bool(x.dtype)
    return np.negative(x)


def absolute(x):
    x = convert_to_tensor(x)
    if x.dtype == np.bool_:
        return x
    return np.abs(x)


def fabs(x):
    return np.abs(_to_float(x))


def sign(x):
    x = convert_to_tensor(x)
    if x.dtype == np.bool_:
        return x
    return np.sign(x)


def square(x):
    x = convert_to_tensor(x)
    if x.dtype == np.bool_:
        x = x.astype("int32")
    return np.square(x)


def reciprocal(x):
    return np.reciprocal(_to_float(x))


def heaviside(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.heaviside(x1, x2)


def gcd(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    return np.gcd(x1, x2)


def lcm(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    return np.lcm(x1, x2)


def ceil(x):
    return np.ceil(_to_float(x))


def floor(x):
    return np.floor(_to_float(x))


def trunc(x):
    x = convert_to_tensor(x)
    return np.trunc(x) if _is_float(x) else x


def _round_integers(x, decimals):
    """Round an integer tensor to a multiple of 10**-decimals, half to even, exactly."""
    factor = np.asarray(10 ** -decimals, x.dtype)
    q = np.floor_divide(x, factor)
    r = x - q * factor
    up = (2 * r > factor) | ((2 * r == factor) & (q % 2 == 1))
    return (q + up.astype(x.dtype)) * factor


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if not _is_float(x) and not dtypes.is_complex_dtype(x.dtype):
        return x if decimals >= 0 or x.dtype == np.bool_ else _round_integers(x, decimals)
    return np.round(x, decimals)


def exp(x):
    return np.exp(_to_float(x))


def exp2(x):
    return np.exp2(_to_float(x))


def expm1(x):
    return np.expm1(_to_float(x))


def log(x):
    return np.log(_to_float(x))


def log2(x):
    return np.log2(_to_float(x))


def log10(x):
    return np.log10(_to_float(x))


def log1p(x):
    return np.log1p(_to_float(x))


def logaddexp(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.logaddexp(x1, x2)


def logaddexp2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.logaddexp2(x1, x2)


def sqrt(x):
    return np.sqrt(_to_float(x))


def cbrt(x):
    return np.cbrt(_to_float(x))


def hypot(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.hypot(x1, x2)


def ldexp(x1, x2):
    x2 = convert_to_tensor(x2)
    if not dtypes.is_int_dtype(x2.dtype):
        raise ValueError(f"x2 must be an integer tensor, got {dtypes.standardize_dtype(x2.dtype)}.")
    x1 = convert_to_tensor(x1, dtypes.float_result_type(dtypes.dtype_of(x1), x2.dtype))
    return np.ldexp(x1, x2)


def nextafter(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.nextafter(x1, x2)


def i0(x):
    x = _to_float(x)
    return np.asarray(np.i0(x), x.dtype)  # np.i0 widens some dtypes


def sinc(x):
    x = _to_float(x)
    return np.asarray(np.sinc(x), x.dtype)


def sin(x):
    return np.sin(_to_float(x))


def cos(x):
    return np.cos(_to_float(x))


def tan(x):
    return np.tan(_to_float(x))


def arcsin(x):
    return np.arcsin(_to_float(x))


def arccos(x):
    return np.arccos(_to_float(x))


def arctan(x):
    return np.arctan(_to_float(x))


def arctan2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return np.arctan2(x1, x2)


def sinh(x):
    return np.sinh(_to_float(x))


def cosh(x):
    return np.cosh(_to_float(x))


def tanh(x):
    return np.tanh(_to_float(x))


def arcsinh(x):
    return np.arcsinh(_to_float(x))


def arccosh(x):
    return np.arccosh(_to_float(x))


def arctanh(x):
    return np.arctanh(_to_float(x))


def deg2rad(x):
    return np.deg2rad(_to_float(x))


def rad2deg(x):
    return np.rad2deg(_to_float(x))


def real(x):
    return np.real(convert_to_tensor(x))


def imag(x):
    return np.imag(convert_to_tensor(x))


def conjugate(x):
    return np.conjugate(convert_to_tensor(x))


def angle(x):
    return np.angle(_to_float(x))


def equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.equal(x1, x2)


def not_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.not_equal(x1, x2)


def less(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.less(x1, x2)


def less_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.less_equal(x1, x2)


def greater(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.greater(x1, x2)


def greater_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return np.greater_equal(x1, x2)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    return np.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isfinite(x):
    return np.isfinite(convert_to_tensor(x))


def isinf(x):
    return np.isinf(convert_to_tensor(x))


def isnan(x):
    return np.isnan(convert_to_tensor(x))


def isneginf(x):
    return np.isneginf(convert_to_tensor(x))


def isposinf(x):
    return np.isposinf(convert_to_tensor(x))


def isreal(x):
    return np.isreal(convert_to_tensor(x))


def signbit(x):
    return np.signbit(convert_to_tensor(x))


def logical_and(x1, x2):
    return np.logical_and(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_or(x1, x2):
    return np.logical_or(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_xor(x1, x2):
    return np.logical_xor(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_not(x):
    return np.logical_not(convert_to_tensor(x))


def bitwise_and(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return np.bitwise_and(x, y)


def bitwise_or(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return np.bitwise_or(x, y)


def bitwise_xor(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return np.bitwise_xor(x, y)


def bitwise_invert(x):
    (x,) = _promote_int(x, bool_ok=True)
    return np.bitwise_invert(x)


def left_shift(x, y):
    x, y = _promote_int(x, y)
    return np.left_shift(x, y)


def right_shift(x, y):
    x, y = _promote_int(x, y)
    return np.right_shift(x, y)


def copy(x):
    return np.array(convert_to_tensor(x), copy=True)


def clip(x, x_min, x_max):
    present = [a for a in (x, x_min, x_max) if a is not None]
    dtype = dtypes.result_type(*map(dtypes.dtype_of, present))
    dtype = "int32" if dtype == "bool" else dtype
    x = convert_to_tensor(x, dtype)
    if x_min is not None:
        x = np.maximum(x, convert_to_tensor(x_min, dtype))
    if x_max is not None:
        x = np.minimum(x, convert_to_tensor(x_max, dtype))
    return x


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if not _is_float(x) and not dtypes.is_complex_dtype(x.dtype):
        return x
    return np.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def where(condition, x1=None, x2=None):
    condition = convert_to_tensor(condition)
    if x1 is None and x2 is None:
        return np.nonzero(condition)
    x1, x2 = _promote(x1, x2)
    return np.where(condition.astype(bool), x1, x2)


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return x
    return x.view(dtypes.to_numpy_dtype(dtype))
