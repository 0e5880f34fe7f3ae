"""TensorFlow: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits).

Inputs are first cast to the Keras result dtype (`dtypes.result_type`), so
every backend gives the same dtype; the dtype rules mirror
`ops/_elementwise_shapes.py`. TensorFlow lacks kernels for some dtypes
(bool arithmetic, unsigned abs/sign/negative, half-precision nextafter, ...);
those cases are written with other ops here.
"""
import math

import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.tensorflow.core import Variable, convert_to_tensor

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_SAME_SIZE_INT = {2: tf.int16, 4: tf.int32, 8: tf.int64}


def _read(xs):
    """Dense tensors and Variables as tensors (a Variable read once), with True when they all share one
    dtype, which is then their result dtype; other arguments unchanged, with False."""
    if not all(isinstance(x, (tf.Tensor, Variable)) for x in xs):
        return xs, False
    xs = [convert_to_tensor(x) for x in xs]
    return xs, all(x.dtype == xs[0].dtype for x in xs)


def _promote(*xs):
    """Convert the arguments to tensors of their common (Keras) result dtype."""
    xs, same = _read(xs)
    if same:  # the common case, without the dtype rules (an eager op costs microseconds)
        return xs
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _promote_float(*xs):
    xs, same = _read(xs)
    if same and (xs[0].dtype.is_floating or xs[0].dtype.is_complex):
        return xs
    dtype = dtypes.float_result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _binary(kernel, public, x1, x2):
    """Dense tensors straight to the kernel (`tf.raw_ops`, the op the public function runs, without its
    dispatch layers: ~10 µs saved per eager call); sparse and ragged tensors through the public function,
    which dispatches them."""
    if isinstance(x1, tf.Tensor) and isinstance(x2, tf.Tensor):
        return kernel(x=x1, y=x2)
    return public(x1, x2)


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
    if dtype == tf.bool:
        raise ValueError("bool inputs are not supported; use logical_not or logical_xor.")


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def _const(value, like):
    return tf.constant(value, dtype=like.dtype)


def _in_float32(fn, x):
    """Run `fn` in float32 for half-precision inputs that the kernel lacks."""
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(fn(tf.cast(x, tf.float32)), x.dtype)
    return fn(x)


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    if x1.dtype == tf.bool:
        return tf.math.logical_or(x1, x2)
    return _binary(tf.raw_ops.AddV2, tf.math.add, x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    _no_bool(x1.dtype)
    return _binary(tf.raw_ops.Sub, tf.math.subtract, x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    if x1.dtype == tf.bool:
        return tf.math.logical_and(x1, x2)
    return _binary(tf.raw_ops.Mul, tf.math.multiply, x1, x2)


def divide(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return _binary(tf.raw_ops.RealDiv, tf.math.divide, x1, x2)


def divide_no_nan(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return tf.math.divide_no_nan(x1, x2)


def floor_divide(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return tf.math.floordiv(x1, x2)


def mod(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    return tf.math.floormod(x1, x2)


def fmod(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    # From the floored remainder (TF's truncated one lacks small-int and half kernels).
    r = tf.math.floormod(x1, x2)
    zero = tf.zeros_like(r)
    return tf.where(tf.not_equal(r, zero) & tf.not_equal(r < zero, x1 < zero), r - x2, r)


def power(x1, x2):
    x1, x2 = _promote_arith(x1, x2)
    if x1.dtype.is_unsigned:  # no unsigned kernel: wrap around through int64
        return tf.cast(tf.math.pow(tf.cast(x1, tf.int64), tf.cast(x2, tf.int64)), x1.dtype)
    return tf.math.pow(x1, x2)


def maximum(x1, x2):
    x1, x2 = _promote(x1, x2)
    if x1.dtype == tf.bool:
        return tf.math.logical_or(x1, x2)
    return tf.math.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = _promote(x1, x2)
    if x1.dtype == tf.bool:
        return tf.math.logical_and(x1, x2)
    return tf.math.minimum(x1, x2)


def fmax(x1, x2):
    out = maximum(x1, x2)
    if not out.dtype.is_floating:
        return out
    x1, x2 = _promote(x1, x2)
    return tf.where(tf.math.is_nan(x1), x2, tf.where(tf.math.is_nan(x2), x1, out))


def fmin(x1, x2):
    out = minimum(x1, x2)
    if not out.dtype.is_floating:
        return out
    x1, x2 = _promote(x1, x2)
    return tf.where(tf.math.is_nan(x1), x2, tf.where(tf.math.is_nan(x2), x1, out))


def negative(x):
    x = convert_to_tensor(x)
    _no_bool(x.dtype)
    if x.dtype.is_unsigned:
        return tf.math.subtract(tf.zeros_like(x), x)
    return tf.math.negative(x)


def absolute(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool or x.dtype.is_unsigned:
        return x
    return tf.math.abs(x)


def fabs(x):
    return tf.math.abs(_to_float(x))


def sign(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        return x
    if x.dtype.is_unsigned:
        return tf.cast(x > 0, x.dtype)
    return tf.math.sign(x)


def square(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int32)
    return tf.math.multiply(x, x)


def reciprocal(x):
    return tf.math.reciprocal(_to_float(x))


def heaviside(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    zero, one = _const(0, x1), _const(1, x1)
    step = tf.where(x1 < zero, zero, tf.where(x1 > zero, one, x2))
    return tf.where(tf.math.is_nan(x1), x1, step)


def gcd(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    shape = tf.broadcast_dynamic_shape(tf.shape(x1), tf.shape(x2))
    a, b = tf.broadcast_to(absolute(x1), shape), tf.broadcast_to(absolute(x2), shape)

    def step(a, b):
        nonzero = tf.not_equal(b, 0)
        safe_b = tf.where(nonzero, b, tf.ones_like(b))
        return tf.where(nonzero, b, a), tf.where(nonzero, tf.math.floormod(a, safe_b), b)

    a, _ = tf.while_loop(lambda a, b: tf.reduce_any(tf.not_equal(b, 0)), step, (a, b))
    return a


def lcm(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    g = gcd(x1, x2)
    safe_g = tf.where(tf.equal(g, 0), tf.ones_like(g), g)
    return tf.where(tf.equal(g, 0), tf.zeros_like(g), absolute(tf.math.floordiv(x1, safe_g) * x2))


def ceil(x):
    return tf.math.ceil(_to_float(x))


def floor(x):
    return tf.math.floor(_to_float(x))


def trunc(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return x
    return tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x))


def _round_integers(x, decimals):
    """Round an integer tensor to a multiple of 10**-decimals, half to even, exactly."""
    factor = _const(10 ** -decimals, x)
    q = tf.math.floordiv(x, factor)
    r = x - q * factor
    up = (2 * r > factor) | ((2 * r == factor) & tf.equal(tf.math.floormod(q, 2), 1))
    return (q + tf.cast(up, x.dtype)) * factor


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if x.dtype.is_floating:
        if decimals == 0:
            return tf.math.round(x)
        factor = _const(10.0 ** decimals, x)
        return tf.math.round(x * factor) / factor
    if x.dtype.is_complex:
        return tf.complex(round(tf.math.real(x), decimals), round(tf.math.imag(x), decimals))
    return x if decimals >= 0 or x.dtype == tf.bool else _round_integers(x, decimals)


def exp(x):
    return tf.math.exp(_to_float(x))


def exp2(x):
    x = _to_float(x)
    return tf.math.pow(_const(2.0, x), x)


def expm1(x):
    return tf.math.expm1(_to_float(x))


def log(x):
    return tf.math.log(_to_float(x))


def log2(x):
    x = _to_float(x)
    return tf.math.log(x) / _const(_LN2, x)


def log10(x):
    x = _to_float(x)
    return tf.math.log(x) / _const(_LN10, x)


def log1p(x):
    return tf.math.log1p(_to_float(x))


def logaddexp(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    delta = x1 - x2
    out = tf.math.maximum(x1, x2) + tf.math.log1p(tf.math.exp(-tf.math.abs(delta)))
    # delta is NaN for equal infinities (and NaN inputs): x1 + x2 gives the right answer there.
    return tf.where(tf.math.is_nan(delta), x1 + x2, out)


def logaddexp2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    delta = x1 - x2
    ln2 = _const(_LN2, x1)
    out = tf.math.maximum(x1, x2) + tf.math.log1p(tf.math.exp(-tf.math.abs(delta) * ln2)) / ln2
    return tf.where(tf.math.is_nan(delta), x1 + x2, out)


def sqrt(x):
    return tf.math.sqrt(_to_float(x))


def cbrt(x):
    x = _to_float(x)
    return tf.math.sign(x) * tf.math.pow(tf.math.abs(x), _const(1.0 / 3.0, x))


def hypot(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    a, b = tf.math.abs(x1), tf.math.abs(x2)
    big = tf.math.maximum(a, b)
    safe = tf.where(tf.equal(big, 0), tf.ones_like(big), big)
    # Scaled by the larger magnitude so that squares cannot overflow.
    out = big * tf.math.sqrt(tf.math.square(a / safe) + tf.math.square(b / safe))
    return tf.where(tf.math.is_inf(a) | tf.math.is_inf(b), tf.fill(tf.shape(out), _const(math.inf, out)), out)


def ldexp(x1, x2):
    x2 = convert_to_tensor(x2)
    if not dtypes.is_int_dtype(x2.dtype):
        raise ValueError(f"x2 must be an integer tensor, got {dtypes.standardize_dtype(x2.dtype)}.")
    x1 = convert_to_tensor(x1, dtypes.float_result_type(dtypes.dtype_of(x1), x2.dtype))
    return x1 * tf.math.pow(_const(2.0, x1), tf.cast(x2, x1.dtype))


def nextafter(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    if x1.dtype in (tf.float32, tf.float64):
        return tf.math.nextafter(x1, x2)
    # Half precision has no kernel: step the bits (sign-magnitude, so +1 is away from zero).
    shape = tf.broadcast_dynamic_shape(tf.shape(x1), tf.shape(x2))
    x1, x2 = tf.broadcast_to(x1, shape), tf.broadcast_to(x2, shape)
    bits = tf.bitcast(x1, tf.int16)
    zero = tf.zeros_like(x1)
    away = tf.equal(x2 > x1, x1 > zero)
    stepped = tf.bitcast(tf.where(away, bits + 1, bits - 1), x1.dtype)
    tiny = tf.bitcast(tf.ones_like(bits), x1.dtype)
    from_zero = tf.where(x2 > zero, tiny, -tiny)
    out = tf.where(tf.equal(x1, zero), from_zero, stepped)
    out = tf.where(tf.equal(x1, x2), x2, out)
    return tf.where(tf.math.is_nan(x1) | tf.math.is_nan(x2), x1 + x2, out)


def i0(x):
    return _in_float32(tf.math.bessel_i0, _to_float(x))


def sinc(x):
    x = _to_float(x)
    zero = tf.equal(x, 0)
    pix = _const(math.pi, x) * tf.where(zero, tf.ones_like(x), x)
    return tf.where(zero, tf.ones_like(x), tf.math.sin(pix) / pix)


def sin(x):
    return tf.math.sin(_to_float(x))


def cos(x):
    return tf.math.cos(_to_float(x))


def tan(x):
    return tf.math.tan(_to_float(x))


def arcsin(x):
    return tf.math.asin(_to_float(x))


def arccos(x):
    return tf.math.acos(_to_float(x))


def arctan(x):
    return tf.math.atan(_to_float(x))


def arctan2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return tf.math.atan2(x1, x2)


def sinh(x):
    return tf.math.sinh(_to_float(x))


def cosh(x):
    return tf.math.cosh(_to_float(x))


def tanh(x):
    return tf.math.tanh(_to_float(x))


def arcsinh(x):
    return tf.math.asinh(_to_float(x))


def arccosh(x):
    return tf.math.acosh(_to_float(x))


def arctanh(x):
    return tf.math.atanh(_to_float(x))


def deg2rad(x):
    x = _to_float(x)
    return x * _const(math.pi / 180.0, x)


def rad2deg(x):
    x = _to_float(x)
    return x * _const(180.0 / math.pi, x)


def real(x):
    x = convert_to_tensor(x)
    return tf.math.real(x) if x.dtype.is_complex else x


def imag(x):
    x = convert_to_tensor(x)
    return tf.math.imag(x) if x.dtype.is_complex else tf.zeros_like(x)


def conjugate(x):
    x = convert_to_tensor(x)
    return tf.math.conj(x) if x.dtype.is_complex else x


def angle(x):
    x = _to_float(x)
    if x.dtype.is_complex:
        return tf.math.angle(x)
    return tf.math.atan2(tf.zeros_like(x), x)


def _ordered(x1, x2):
    """Comparable tensors: TF has no ordering kernels for bool."""
    x1, x2 = _promote(x1, x2)
    if x1.dtype == tf.bool:
        return tf.cast(x1, tf.int8), tf.cast(x2, tf.int8)
    return x1, x2


def equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return tf.math.equal(x1, x2)


def not_equal(x1, x2):
    x1, x2 = _promote(x1, x2)
    return tf.math.not_equal(x1, x2)


def less(x1, x2):
    return tf.math.less(*_ordered(x1, x2))


def less_equal(x1, x2):
    return tf.math.less_equal(*_ordered(x1, x2))


def greater(x1, x2):
    return tf.math.greater(*_ordered(x1, x2))


def greater_equal(x1, x2):
    return tf.math.greater_equal(*_ordered(x1, x2))


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    if not (x1.dtype.is_floating or x1.dtype.is_complex):
        return tf.math.equal(x1, x2) if x1.dtype == tf.bool else isclose(
            tf.cast(x1, tf.float64), tf.cast(x2, tf.float64), rtol, atol, equal_nan)
    real_dtype = tf.math.abs(x2).dtype
    bound = tf.constant(atol, real_dtype) + tf.constant(rtol, real_dtype) * tf.math.abs(x2)
    close = tf.math.equal(x1, x2) | (tf.math.abs(x1 - x2) <= bound)
    if equal_nan:
        close = close | (isnan(x1) & isnan(x2))
    return close


def _float_test(x, test, default):
    x = convert_to_tensor(x)
    if x.dtype.is_floating:
        return test(x)
    if x.dtype.is_complex:
        return test(tf.math.real(x)), test(tf.math.imag(x))
    return tf.fill(tf.shape(x), default)


def isfinite(x):
    out = _float_test(x, tf.math.is_finite, True)
    return out[0] & out[1] if isinstance(out, tuple) else out


def isinf(x):
    out = _float_test(x, tf.math.is_inf, False)
    return out[0] | out[1] if isinstance(out, tuple) else out


def isnan(x):
    out = _float_test(x, tf.math.is_nan, False)
    return out[0] | out[1] if isinstance(out, tuple) else out


def isneginf(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return tf.fill(tf.shape(x), False)
    return tf.math.equal(x, _const(-math.inf, x))


def isposinf(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return tf.fill(tf.shape(x), False)
    return tf.math.equal(x, _const(math.inf, x))


def isreal(x):
    x = convert_to_tensor(x)
    if x.dtype.is_complex:
        return tf.math.equal(tf.math.imag(x), 0)
    return tf.fill(tf.shape(x), True)


def signbit(x):
    x = convert_to_tensor(x)
    if x.dtype.is_floating:  # the bits see -0.0 and -nan too
        return tf.bitcast(x, _SAME_SIZE_INT[x.dtype.size]) < 0
    if x.dtype == tf.bool or x.dtype.is_unsigned:
        return tf.fill(tf.shape(x), False)
    return x < 0


def _truth(x):
    x = convert_to_tensor(x)
    return x if x.dtype == tf.bool else tf.cast(x, tf.bool)


def logical_and(x1, x2):
    return tf.math.logical_and(_truth(x1), _truth(x2))


def logical_or(x1, x2):
    return tf.math.logical_or(_truth(x1), _truth(x2))


def logical_xor(x1, x2):
    return tf.math.logical_xor(_truth(x1), _truth(x2))


def logical_not(x):
    return tf.math.logical_not(_truth(x))


def bitwise_and(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    if x.dtype == tf.bool:
        return tf.math.logical_and(x, y)
    return tf.bitwise.bitwise_and(x, y)


def bitwise_or(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    if x.dtype == tf.bool:
        return tf.math.logical_or(x, y)
    return tf.bitwise.bitwise_or(x, y)


def bitwise_xor(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    if x.dtype == tf.bool:
        return tf.math.logical_xor(x, y)
    return tf.bitwise.bitwise_xor(x, y)


def bitwise_invert(x):
    (x,) = _promote_int(x, bool_ok=True)
    if x.dtype == tf.bool:
        return tf.math.logical_not(x)
    return tf.bitwise.invert(x)


def left_shift(x, y):
    x, y = _promote_int(x, y)
    return tf.bitwise.left_shift(x, y)


def right_shift(x, y):
    x, y = _promote_int(x, y)
    return tf.bitwise.right_shift(x, y)


def copy(x):
    return tf.identity(convert_to_tensor(x))


def clip(x, x_min, x_max):
    present = [a for a in (x, x_min, x_max) if a is not None]
    dtype = dtypes.result_type(*map(dtypes.dtype_of, present))
    dtype = "int32" if dtype == "bool" else dtype
    x = convert_to_tensor(x, dtype)
    if x_min is not None:
        x = tf.math.maximum(x, convert_to_tensor(x_min, dtype))
    if x_max is not None:
        x = tf.math.minimum(x, convert_to_tensor(x_max, dtype))
    return x


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if x.dtype.is_complex:
        parts = (nan_to_num(tf.math.real(x), nan, posinf, neginf), nan_to_num(tf.math.imag(x), nan, posinf, neginf))
        return tf.complex(*parts)
    if not x.dtype.is_floating:
        return x
    posinf = x.dtype.max if posinf is None else posinf
    neginf = x.dtype.min if neginf is None else neginf
    x = tf.where(tf.math.is_nan(x), _const(nan, x), x)
    x = tf.where(tf.math.equal(x, _const(math.inf, x)), _const(posinf, x), x)
    return tf.where(tf.math.equal(x, _const(-math.inf, x)), _const(neginf, x), x)


def where(condition, x1=None, x2=None):
    condition = _truth(condition)
    if x1 is None and x2 is None:
        indices = tf.where(condition)
        return tuple(tf.unstack(indices, num=condition.shape.rank, axis=1))
    x1, x2 = _promote(x1, x2)
    return tf.where(condition, x1, x2)


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return x
    wanted = convert_to_tensor(0, dtype).dtype
    if x.dtype == wanted:
        return x
    if x.dtype == tf.bool:  # bools are one byte of 0 or 1, like uint8
        x = tf.cast(x, tf.uint8)
    target = tf.uint8 if wanted == tf.bool else wanted
    old, new = x.dtype.size, target.size
    if old != new and x.shape.rank == 0:
        raise ValueError(f"ops.view: cannot view a scalar of {x.dtype.name} as {target.name}: the item sizes differ.")
    if old == new:
        out = tf.bitcast(x, target)
    elif old > new:
        out = tf.bitcast(x, target)  # adds a last dim of old // new
        out = tf.reshape(out, tf.concat([tf.shape(x)[:-1], [-1]], 0))
    else:
        out = tf.bitcast(tf.reshape(x, tf.concat([tf.shape(x)[:-1], [-1, new // old]], 0)), target)
    return tf.cast(out, tf.bool) if wanted == tf.bool else out
