"""Elementwise numpy-style ops: unary math, broadcasting arithmetic, comparisons, logic, bits.

Most ops here are one backend call plus a family rule (STYLE 1): the output
broadcasts the tensor arguments and its dtype follows a rule of
`_shapes.py` / `_elementwise_shapes.py`. Such ops are made from a table by
`_unary` and `_binary`; ops with options or odd shapes are written out.

Result dtypes follow Keras 3 (ints become floats for float-valued math,
comparisons give bool, Python scalars are weak), except that 64-bit inputs
keep 64 bits on torch, TensorFlow and NumPy.
"""
import inspect

from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.ops import _elementwise_shapes as rules
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import bool_dtype, elementwise_spec, float_dtype, same_dtype


def _unary(name, dtype_rule, backend_name=None, doc=None):
    """The public op `name(x)` calling `engine.elementwise.<backend_name or name>(x)`."""
    fn = getattr(engine.elementwise, backend_name or name)

    def body(x):
        return fn(x)

    return _finish(body, name, dtype_rule, doc)


def _binary(name, dtype_rule, backend_name=None, params=("x1", "x2"), doc=None):
    """The public op `name(x1, x2)` (or `name(x, y)`) with broadcasting."""
    fn = getattr(engine.elementwise, backend_name or name)
    if params == ("x1", "x2"):
        def body(x1, x2):
            return fn(x1, x2)
    else:
        def body(x, y):
            return fn(x, y)

    return _finish(body, name, dtype_rule, doc)


def _finish(body, name, dtype_rule, doc):
    body.__name__ = body.__qualname__ = name
    body.__module__ = __name__
    body.__doc__ = doc
    broadcast = elementwise_spec(dtype_rule)
    signature = inspect.signature(body)

    def spec(*args, **kwargs):  # tensors passed by keyword count too
        return broadcast(*signature.bind(*args, **kwargs).args)

    return keras_op(spec=spec, name=name)(body)


# Arithmetic.
add = _binary("add", same_dtype, doc="Elementwise `x1 + x2` with broadcasting.")
subtract = _binary("subtract", rules.signed_dtype("subtract"))
multiply = _binary("multiply", same_dtype)
divide = _binary("divide", float_dtype, doc="True division: integer inputs give floats.")
true_divide = _binary("true_divide", float_dtype, backend_name="divide")
divide_no_nan = _binary("divide_no_nan", float_dtype, doc="`x1 / x2`, and 0 where `x2 == 0`.")
floor_divide = _binary("floor_divide", rules.arithmetic_dtype)
mod = _binary("mod", rules.arithmetic_dtype, doc="Remainder with the sign of `x2` (Python's `%`).")
fmod = _binary("fmod", rules.arithmetic_dtype, doc="Remainder with the sign of `x1` (C's `fmod`).")
power = _binary("power", rules.arithmetic_dtype)
maximum = _binary("maximum", same_dtype, doc="Elementwise maximum; NaN wins.")
minimum = _binary("minimum", same_dtype, doc="Elementwise minimum; NaN wins.")
fmax = _binary("fmax", same_dtype, doc="Elementwise maximum ignoring NaN (NaN only where both are).")
fmin = _binary("fmin", same_dtype, doc="Elementwise minimum ignoring NaN (NaN only where both are).")
negative = _unary("negative", rules.signed_dtype("negative"))
absolute = _unary("absolute", rules.real_dtype, doc="Elementwise |x|; complex inputs give their magnitude.")
abs = absolute  # noqa: A001 - the Keras name; one op, as in Keras
fabs = _unary("fabs", float_dtype, doc="|x| as floats (integer inputs are promoted).")
sign = _unary("sign", same_dtype, doc="-1, 0 or 1 by the sign of x (NaN stays NaN, bools stay bools).")
square = _unary("square", rules.square_dtype)
reciprocal = _unary("reciprocal", float_dtype)
heaviside = _binary("heaviside", float_dtype, doc="0 where x1 < 0, 1 where x1 > 0, x2 where x1 == 0.")
gcd = _binary("gcd", rules.integer_dtype("gcd"))
lcm = _binary("lcm", rules.integer_dtype("lcm"))

# Rounding.
ceil = _unary("ceil", float_dtype)
floor = _unary("floor", float_dtype)
trunc = _unary("trunc", same_dtype, doc="Rounds toward zero; integer inputs are returned as they are.")

# Exponents, logarithms, powers, roots.
exp = _unary("exp", float_dtype)
exp2 = _unary("exp2", float_dtype)
expm1 = _unary("expm1", float_dtype)
log = _unary("log", float_dtype)
log2 = _unary("log2", float_dtype)
log10 = _unary("log10", float_dtype)
log1p = _unary("log1p", float_dtype)
logaddexp = _binary("logaddexp", float_dtype, doc="log(exp(x1) + exp(x2)) without overflow.")
logaddexp2 = _binary("logaddexp2", float_dtype, doc="log2(2**x1 + 2**x2) without overflow.")
sqrt = _unary("sqrt", float_dtype)
cbrt = _unary("cbrt", float_dtype)
hypot = _binary("hypot", float_dtype, doc="sqrt(x1**2 + x2**2) without overflow.")
ldexp = _binary("ldexp", rules.ldexp_dtype, doc="x1 * 2**x2 for integer x2.")
nextafter = _binary("nextafter", float_dtype, doc="The next float after x1 towards x2.")
i0 = _unary("i0", float_dtype, doc="Modified Bessel function of the first kind, order 0.")
sinc = _unary("sinc", float_dtype, doc="Normalised sinc: sin(pi x) / (pi x), 1 at 0.")

# Trigonometry.
sin = _unary("sin", float_dtype)
cos = _unary("cos", float_dtype)
tan = _unary("tan", float_dtype)
arcsin = _unary("arcsin", float_dtype)
arccos = _unary("arccos", float_dtype)
arctan = _unary("arctan", float_dtype)
arctan2 = _binary("arctan2", float_dtype, doc="The angle of the point (x2, x1), in (-pi, pi].")
sinh = _unary("sinh", float_dtype)
cosh = _unary("cosh", float_dtype)
tanh = _unary("tanh", float_dtype)
arcsinh = _unary("arcsinh", float_dtype)
arccosh = _unary("arccosh", float_dtype)
arctanh = _unary("arctanh", float_dtype)
deg2rad = _unary("deg2rad", float_dtype)
rad2deg = _unary("rad2deg", float_dtype)

# Complex parts.
real = _unary("real", rules.real_dtype)
imag = _unary("imag", rules.real_dtype, doc="The imaginary part (zeros for real inputs).")
conjugate = _unary("conjugate", same_dtype)
conj = conjugate
angle = _unary("angle", rules.real_float_dtype, doc="The argument of complex x (pi for negative reals).")

# Comparisons and predicates.
equal = _binary("equal", bool_dtype)
not_equal = _binary("not_equal", bool_dtype)
less = _binary("less", bool_dtype)
less_equal = _binary("less_equal", bool_dtype)
greater = _binary("greater", bool_dtype)
greater_equal = _binary("greater_equal", bool_dtype)
isfinite = _unary("isfinite", bool_dtype)
isinf = _unary("isinf", bool_dtype)
isnan = _unary("isnan", bool_dtype)
isneginf = _unary("isneginf", bool_dtype)
isposinf = _unary("isposinf", bool_dtype)
isreal = _unary("isreal", bool_dtype, doc="True where the imaginary part is 0 (everywhere for real inputs).")
signbit = _unary("signbit", bool_dtype, doc="True where the sign bit is set (so also for -0.0).")

# Logic: nonzero is True.
logical_and = _binary("logical_and", bool_dtype)
logical_or = _binary("logical_or", bool_dtype)
logical_xor = _binary("logical_xor", bool_dtype)
logical_not = _unary("logical_not", bool_dtype)

# Bits: integer (and, where meaningful, bool) inputs.
bitwise_and = _binary("bitwise_and", rules.integer_dtype("bitwise_and", True), params=("x", "y"))
bitwise_or = _binary("bitwise_or", rules.integer_dtype("bitwise_or", True), params=("x", "y"))
bitwise_xor = _binary("bitwise_xor", rules.integer_dtype("bitwise_xor", True), params=("x", "y"))
bitwise_invert = _unary("bitwise_invert", rules.integer_dtype("bitwise_invert", True))
bitwise_not = _unary("bitwise_not", rules.integer_dtype("bitwise_not", True), backend_name="bitwise_invert")
left_shift = _binary("left_shift", rules.integer_dtype("left_shift"), params=("x", "y"))
right_shift = _binary("right_shift", rules.integer_dtype("right_shift"), params=("x", "y"))
bitwise_left_shift = _binary("bitwise_left_shift", rules.integer_dtype("bitwise_left_shift"),
                             backend_name="left_shift", params=("x", "y"))
bitwise_right_shift = _binary("bitwise_right_shift", rules.integer_dtype("bitwise_right_shift"),
                              backend_name="right_shift", params=("x", "y"))

copy = _unary("copy", same_dtype, doc="A new tensor with the values of x.")


@keras_op(spec=rules.unary_spec(same_dtype))
def round(x, decimals=0):  # noqa: A001 - the Keras name
    """Rounds half to even at `decimals` digits (negative: tens, hundreds, ...)."""
    return engine.elementwise.round(x, decimals)


@keras_op(spec=rules.clip_spec)
def clip(x, x_min, x_max):
    """Limits x to [x_min, x_max] (either bound may be None); bool inputs give int32."""
    return engine.elementwise.clip(x, x_min, x_max)


@keras_op(spec=rules.unary_spec(same_dtype))
def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    """Replaces NaN and infinities (by default with 0 and the dtype's largest finite values)."""
    return engine.elementwise.nan_to_num(x, nan, posinf, neginf)


@keras_op(spec=lambda x1, x2, *options, **kw_options: elementwise_spec(bool_dtype)(x1, x2))
def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    """|x1 - x2| <= atol + rtol * |x2|, elementwise."""
    return engine.elementwise.isclose(x1, x2, rtol, atol, equal_nan)


def _where_spec(condition, x1=None, x2=None):
    index_dtype = dtypes.standardize_dtype(engine.core.convert_to_tensor(0, "int64").dtype)
    return rules.where_spec(condition, x1, x2, index_dtype)


@keras_op(spec=_where_spec)
def where(condition, x1=None, x2=None):
    """x1 where condition, else x2. With condition only: the indices of its nonzero
    elements, one vector per dimension (their length depends on the data)."""
    rules.check_where_branches(x1, x2)
    return engine.elementwise.where(condition, x1, x2)


@keras_op(spec=rules.view_spec)
def view(x, dtype=None):
    """The bytes of x read as `dtype`; the last dimension absorbs a change of item size."""
    return engine.elementwise.view(x, dtype)


__all__ = sorted(name for name, value in list(globals().items())
                 if not name.startswith("_") and getattr(value, "__module__", None) == __name__)
