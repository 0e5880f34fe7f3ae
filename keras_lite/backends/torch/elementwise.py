"""PyTorch: elementwise ops (unary math, broadcasting arithmetic, comparisons, logic, bits).

Inputs are first cast to the Keras result dtype (`dtypes.result_type`), so
every backend gives the same dtype; the dtype rules mirror
`ops/_elementwise_shapes.py`. Eager torch is the hot path: two tensors of one
dtype skip the promotion logic.
"""
import torch

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.variable import Variable
from keras_lite.backends.torch.core import convert_to_tensor

_Tensor = torch.Tensor
_TENSORS = (torch.Tensor, torch.nn.Parameter)  # a trainable Variable's value is a Parameter
_SCALARS = (bool, int, float)


def _keeps(dtype, scalar):
    """Whether a weak Python scalar leaves `dtype` as it is, as in torch's own promotion."""
    kind = type(scalar)
    if kind is float:
        return dtype.is_floating_point or dtype.is_complex
    if kind is int:
        return dtype != torch.bool
    return kind is bool


def _values(x1, x2):
    """Variables read as their values (layers pass their weights to ops: `x + self.bias`)."""
    if isinstance(x1, Variable):
        x1 = x1.value
    if isinstance(x2, Variable):
        x2 = x2.value
    return x1, x2


def _ready(x1, x2, scalar_ok):
    """True when x1 and x2 need no promotion: two tensors of one dtype, or (for torch ops
    that take a Python number as x2) a tensor and a weak scalar that keeps its dtype."""
    if type(x1) in _TENSORS:
        if type(x2) in _TENSORS:
            return x1.dtype == x2.dtype
        return scalar_ok and type(x2) in _SCALARS and _keeps(x1.dtype, x2)
    return False


def _convert(x1, x2, dtype, scalar_ok):
    x1 = convert_to_tensor(x1, dtype)
    if scalar_ok and type(x2) in _SCALARS:
        return x1, x2  # dtype already absorbs the scalar: torch keeps it
    return x1, convert_to_tensor(x2, dtype)


def _promote(x1, x2, scalar_ok=False):
    """x1 and x2 at their common (Keras) result dtype; with `scalar_ok` a Python x2 stays one,
    which saves making a tensor (the costly part of `x + 1`)."""
    x1, x2 = _values(x1, x2)
    if _ready(x1, x2, scalar_ok):
        return x1, x2
    return _convert(x1, x2, dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2)), scalar_ok)


def _promote_float(x1, x2, scalar_ok=False):
    x1, x2 = _values(x1, x2)
    if _ready(x1, x2, scalar_ok) and x1.is_floating_point():
        return x1, x2
    return _convert(x1, x2, dtypes.float_result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2)), scalar_ok)


def _promote_arith(x1, x2, scalar_ok=False):
    """floor_divide, mod, fmod, power: bools compute as int32."""
    x1, x2 = _values(x1, x2)
    if _ready(x1, x2, scalar_ok) and x1.dtype != torch.bool:
        return x1, x2
    dtype = dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
    return _convert(x1, x2, "int32" if dtype == "bool" else dtype, scalar_ok)


def _promote_int(*xs, bool_ok=False):
    """Integer-only ops; bools compute as int32 unless `bool_ok`."""
    dtype = dtypes.result_type(*map(dtypes.dtype_of, xs))
    if dtype == "bool":
        dtype = dtype if bool_ok else "int32"
    elif not dtypes.is_int_dtype(dtype):
        raise ValueError(f"expects integer inputs, got {dtype}.")
    return [convert_to_tensor(x, dtype) for x in xs]


def _no_bool(dtype):
    if dtype == torch.bool:
        raise ValueError("bool inputs are not supported; use logical_not or logical_xor.")


def _to_float(x):
    if type(x) in _TENSORS and (x.is_floating_point() or x.is_complex()):
        return x
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def _is_inexact(x):
    return x.is_floating_point() or x.is_complex()


def add(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    _no_bool(x1.dtype)
    return torch.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.multiply(x1, x2)


def divide(x1, x2):
    x1, x2 = _promote_float(x1, x2, scalar_ok=True)
    return torch.divide(x1, x2)


def divide_no_nan(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    zero = x2 == 0
    if torch.is_grad_enabled() and (x1.requires_grad or x2.requires_grad):
        # A safe denominator keeps NaN out of the gradient of the unused branch.
        return torch.where(zero, torch.zeros_like(x1), x1 / torch.where(zero, torch.ones_like(x2), x2))
    return torch.div(x1, x2).masked_fill_(zero, 0)  # no gradient: two kernels fewer (metric results)


def floor_divide(x1, x2):
    x1, x2 = _promote_arith(x1, x2, scalar_ok=True)
    return torch.floor_divide(x1, x2)


def mod(x1, x2):
    x1, x2 = _promote_arith(x1, x2, scalar_ok=True)
    return torch.remainder(x1, x2)


def fmod(x1, x2):
    x1, x2 = _promote_arith(x1, x2, scalar_ok=True)
    return torch.fmod(x1, x2)


def power(x1, x2):
    x1, x2 = _promote_arith(x1, x2, scalar_ok=True)
    return torch.pow(x1, x2)


def maximum(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    if type(x2) not in _TENSORS:
        if x1.dtype != torch.bool:
            return torch.clamp_min(x1, x2)  # `maximum(x, 0.0)` makes no tensor of 0.0
        x2 = convert_to_tensor(x2, "bool")
    return torch.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    if type(x2) not in _TENSORS:
        if x1.dtype != torch.bool:
            return torch.clamp_max(x1, x2)
        x2 = convert_to_tensor(x2, "bool")
    return torch.minimum(x1, x2)


def fmax(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.fmax(x1, x2)


def fmin(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.fmin(x1, x2)


def negative(x):
    x = convert_to_tensor(x)
    _no_bool(x.dtype)
    return torch.negative(x)


def absolute(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return x
    return torch.abs(x)


def fabs(x):
    return torch.abs(_to_float(x))


def sign(x):
    x = convert_to_tensor(x)
    if x.is_floating_point():
        return torch.where(torch.isnan(x), x, torch.sign(x))  # torch.sign(nan) is 0
    if x.is_complex():
        return torch.sgn(x)
    return torch.sign(x)


def square(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    return torch.square(x)


def reciprocal(x):
    return torch.reciprocal(_to_float(x))


def heaviside(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return torch.where(torch.isnan(x1), x1, torch.heaviside(x1, x2))  # NaN stays NaN, as in NumPy


def gcd(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    return torch.gcd(x1, x2)


def lcm(x1, x2):
    x1, x2 = _promote_int(x1, x2)
    return torch.lcm(x1, x2)


def ceil(x):
    return torch.ceil(_to_float(x))


def floor(x):
    return torch.floor(_to_float(x))


def trunc(x):
    x = convert_to_tensor(x)
    return torch.trunc(x) if x.is_floating_point() else x


def _round_integers(x, decimals):
    """Round an integer tensor to a multiple of 10**-decimals, half to even, exactly."""
    factor = 10 ** -decimals
    q = torch.floor_divide(x, factor)
    r = x - q * factor
    up = (2 * r > factor) | ((2 * r == factor) & (q % 2 == 1))
    return (q + up.to(x.dtype)) * factor


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if x.is_floating_point():
        return torch.round(x, decimals=decimals)
    if x.is_complex():
        return torch.complex(torch.round(x.real, decimals=decimals), torch.round(x.imag, decimals=decimals))
    return x if decimals >= 0 or x.dtype == torch.bool else _round_integers(x, decimals)


def exp(x):
    return torch.exp(_to_float(x))


def exp2(x):
    return torch.exp2(_to_float(x))


def expm1(x):
    return torch.expm1(_to_float(x))


def log(x):
    return torch.log(_to_float(x))


def log2(x):
    return torch.log2(_to_float(x))


def log10(x):
    return torch.log10(_to_float(x))


def log1p(x):
    return torch.log1p(_to_float(x))


def logaddexp(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return torch.logaddexp(x1, x2)


def logaddexp2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return torch.logaddexp2(x1, x2)


def sqrt(x):
    return torch.sqrt(_to_float(x))


def cbrt(x):
    x = _to_float(x)
    return torch.sign(x) * torch.pow(torch.abs(x), 1.0 / 3.0)


def hypot(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return torch.hypot(x1, x2)


def ldexp(x1, x2):
    x2 = convert_to_tensor(x2)
    if not dtypes.is_int_dtype(x2.dtype):
        raise ValueError(f"x2 must be an integer tensor, got {dtypes.standardize_dtype(x2.dtype)}.")
    x1 = convert_to_tensor(x1, dtypes.float_result_type(dtypes.dtype_of(x1), x2.dtype))
    # torch.ldexp computes 2**x2 in the default float dtype; multiply in x1's own.
    return x1 * torch.pow(torch.tensor(2.0, dtype=x1.dtype, device=x1.device), x2.to(x1.dtype))


def nextafter(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return torch.nextafter(x1, x2)


def i0(x):
    return torch.special.i0(_to_float(x))


def sinc(x):
    return torch.sinc(_to_float(x))


def sin(x):
    return torch.sin(_to_float(x))


def cos(x):
    return torch.cos(_to_float(x))


def tan(x):
    return torch.tan(_to_float(x))


def arcsin(x):
    return torch.arcsin(_to_float(x))


def arccos(x):
    return torch.arccos(_to_float(x))


def arctan(x):
    return torch.arctan(_to_float(x))


def arctan2(x1, x2):
    x1, x2 = _promote_float(x1, x2)
    return torch.arctan2(x1, x2)


def sinh(x):
    return torch.sinh(_to_float(x))


def cosh(x):
    return torch.cosh(_to_float(x))


def tanh(x):
    return torch.tanh(_to_float(x))


def arcsinh(x):
    return torch.arcsinh(_to_float(x))


def arccosh(x):
    return torch.arccosh(_to_float(x))


def arctanh(x):
    return torch.arctanh(_to_float(x))


def deg2rad(x):
    return torch.deg2rad(_to_float(x))


def rad2deg(x):
    return torch.rad2deg(_to_float(x))


def real(x):
    x = convert_to_tensor(x)
    return torch.real(x) if x.is_complex() else x


def imag(x):
    x = convert_to_tensor(x)
    return torch.imag(x) if x.is_complex() else torch.zeros_like(x)


def conjugate(x):
    x = convert_to_tensor(x)
    return torch.conj_physical(x) if x.is_complex() else x


def angle(x):
    x = _to_float(x)
    if x.is_complex():
        return torch.angle(x)
    # torch.angle(-0.0) is 0; NumPy says pi, as atan2 does.
    return torch.atan2(torch.zeros_like(x), x)


def equal(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.eq(x1, x2)


def not_equal(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.ne(x1, x2)


def less(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.lt(x1, x2)


def less_equal(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.le(x1, x2)


def greater(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.gt(x1, x2)


def greater_equal(x1, x2):
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.ge(x1, x2)


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = _promote(x1, x2)
    if x1.dtype == torch.bool:
        return torch.eq(x1, x2)
    return torch.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def isfinite(x):
    return torch.isfinite(convert_to_tensor(x))


def isinf(x):
    return torch.isinf(convert_to_tensor(x))


def isnan(x):
    return torch.isnan(convert_to_tensor(x))


def isneginf(x):
    return torch.isneginf(convert_to_tensor(x))


def isposinf(x):
    return torch.isposinf(convert_to_tensor(x))


def isreal(x):
    return torch.isreal(convert_to_tensor(x))


def signbit(x):
    return torch.signbit(convert_to_tensor(x))


def logical_and(x1, x2):
    return torch.logical_and(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_or(x1, x2):
    return torch.logical_or(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_xor(x1, x2):
    return torch.logical_xor(convert_to_tensor(x1), convert_to_tensor(x2))


def logical_not(x):
    return torch.logical_not(convert_to_tensor(x))


def bitwise_and(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return torch.bitwise_and(x, y)


def bitwise_or(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return torch.bitwise_or(x, y)


def bitwise_xor(x, y):
    x, y = _promote_int(x, y, bool_ok=True)
    return torch.bitwise_xor(x, y)


def bitwise_invert(x):
    (x,) = _promote_int(x, bool_ok=True)
    return torch.bitwise_not(x)


def left_shift(x, y):
    x, y = _promote_int(x, y)
    return torch.bitwise_left_shift(x, y)


def right_shift(x, y):
    x, y = _promote_int(x, y)
    return torch.bitwise_right_shift(x, y)


def copy(x):
    return torch.clone(convert_to_tensor(x))


def _bound_fits(x, bound):
    return bound is None or type(bound) in _SCALARS and _keeps(x.dtype, bound)


def clip(x, x_min, x_max):
    if type(x) is _Tensor and x.dtype != torch.bool and _bound_fits(x, x_min) and _bound_fits(x, x_max):
        return x if x_min is None and x_max is None else torch.clamp(x, x_min, x_max)
    present = [a for a in (x, x_min, x_max) if a is not None]
    dtype = dtypes.result_type(*map(dtypes.dtype_of, present))
    dtype = "int32" if dtype == "bool" else dtype
    x = convert_to_tensor(x, dtype)
    if x_min is not None:
        x = torch.maximum(x, convert_to_tensor(x_min, dtype))
    if x_max is not None:
        x = torch.minimum(x, convert_to_tensor(x_max, dtype))
    return x


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if not _is_inexact(x):
        return x
    return torch.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def where(condition, x1=None, x2=None):
    condition = convert_to_tensor(condition)
    if x1 is None and x2 is None:
        return torch.nonzero(condition, as_tuple=True)
    x1, x2 = _promote(x1, x2, scalar_ok=True)
    return torch.where(condition if condition.dtype == torch.bool else condition.bool(), x1, x2)


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return x
    return x.contiguous().view(getattr(torch, dtypes.standardize_dtype(dtype)))  # torch.<Keras name>
