import ml_dtypes
import numpy as np
import pytest

import keras_lite
from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing import OpCase, case_ids, run_op_case
from keras_lite.testing.op_cases import expected_dtype

rng = np.random.default_rng(0)
A = rng.normal(size=(2, 3)).astype("float32")
B = rng.normal(size=(3,)).astype("float32")
POS = rng.uniform(0.5, 2.0, size=(2, 3)).astype("float32")
UNIT = rng.uniform(-0.9, 0.9, size=(2, 3)).astype("float32")
GT1 = rng.uniform(1.1, 3.0, size=(2, 3)).astype("float32")
I = np.arange(6, dtype="int32").reshape(2, 3)
IN = np.array([[-7, -3, 0], [2, 5, 9]], "int32")  # negative ints
IP = np.array([[1, 2, 3], [4, 6, 8]], "int32")  # positive ints
I8 = np.array([[-5, 3, 1], [7, -2, 4]], "int8")
U8 = np.array([[200, 3, 1], [7, 128, 255]], "uint8")
BOOL = np.array([[True, False, True], [False, False, True]])
BOOL2 = np.array([True, True, False])
SPECIAL = np.array([[np.nan, np.inf, -np.inf], [-0.0, 1.5, -2.0]], "float32")
C = np.array([[1 + 2j, -3j, -2 + 0j], [0j, 3 + 4j, 1 - 1j]], "complex64")
F16 = A.astype("float16")
F64 = A.astype("float64")
BF16 = (A * 3).astype(ml_dtypes.bfloat16)


def f32(fn):
    """The NumPy reference of a float op on an integer or bool input."""
    return lambda *xs: fn(*(np.asarray(x).astype("float32") for x in xs))


def _divide_no_nan(x1, x2):
    return np.where(x2 == 0, 0, x1 / np.where(x2 == 0, 1, x2))


# name: (NumPy reference, float input, int input)
FLOAT_UNARY = {
    "sin": (np.sin, A, IN), "cos": (np.cos, A, IN), "tan": (np.tan, A, IN),
    "arcsin": (np.arcsin, UNIT, BOOL), "arccos": (np.arccos, UNIT, BOOL), "arctan": (np.arctan, A, IN),
    "sinh": (np.sinh, A, IN), "cosh": (np.cosh, A, IN), "tanh": (np.tanh, A, IN),
    "arcsinh": (np.arcsinh, A, IN), "arccosh": (np.arccosh, GT1, IP), "arctanh": (np.arctanh, UNIT, BOOL * 0),
    "exp": (np.exp, A, IN), "exp2": (np.exp2, A, IN), "expm1": (np.expm1, A, IN),
    "log": (np.log, POS, IP), "log2": (np.log2, POS, IP), "log10": (np.log10, POS, IP),
    "log1p": (np.log1p, POS, IP), "sqrt": (np.sqrt, POS, IP), "cbrt": (np.cbrt, A * 4, IN),
    "ceil": (np.ceil, A * 3, IN), "floor": (np.floor, A * 3, IN), "deg2rad": (np.deg2rad, A * 90, IN),
    "rad2deg": (np.rad2deg, A, IN), "sinc": (np.sinc, np.array([0.0, 0.5, -1.5, 2.0], "float32"), IN),
    "i0": (np.i0, A, IN), "fabs": (np.fabs, A, IN), "reciprocal": (np.reciprocal, POS, IP),
}
FLOAT_BINARY = {
    "divide": (np.divide, (A, POS), (IN, IP)), "true_divide": (np.true_divide, (A, B), (IN, IP)),
    "divide_no_nan": (_divide_no_nan, (A, np.array([0.0, 2.0, -1.0], "float32")), (IN, np.array([0, 2, 3], "int32"))),
    "arctan2": (np.arctan2, (A, B), (IN, IP)), "hypot": (np.hypot, (A, B), (IN, IP)),
    "logaddexp": (np.logaddexp, (A, B), (IN, IP)), "logaddexp2": (np.logaddexp2, (A, B), (IN, IP)),
    "heaviside": (np.heaviside, (np.array([[-1.5, 0.0, 2.0], [0.0, 1.0, -3.0]], "float32"), B), (IN, IP)),
}
SAME_BINARY = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "maximum": np.maximum,
    "minimum": np.minimum, "fmax": np.fmax, "fmin": np.fmin,
}
COMPARISONS = {
    "equal": np.equal, "not_equal": np.not_equal, "less": np.less, "less_equal": np.less_equal,
    "greater": np.greater, "greater_equal": np.greater_equal,
}
PREDICATES = {
    "isfinite": np.isfinite, "isinf": np.isinf, "isnan": np.isnan, "isneginf": np.isneginf,
    "isposinf": np.isposinf, "isreal": np.isreal, "signbit": np.signbit, "logical_not": np.logical_not,
}
LOGICAL = {"logical_and": np.logical_and, "logical_or": np.logical_or, "logical_xor": np.logical_xor}
BITWISE = {"bitwise_and": np.bitwise_and, "bitwise_or": np.bitwise_or, "bitwise_xor": np.bitwise_xor}
SHIFTS = {"left_shift": np.left_shift, "right_shift": np.right_shift,
          "bitwise_left_shift": np.left_shift, "bitwise_right_shift": np.right_shift}

CASES = []
for name, (ref, xf, xi) in FLOAT_UNARY.items():
    CASES.append(OpCase(name, (xf,), ref, dtype="float32"))
    CASES.append(OpCase(name, (xi,), f32(ref), dtype="float32", id=f"{name}_int"))
for name in ("sin", "exp", "sqrt", "floor", "log1p"):
    ref, xf, _ = FLOAT_UNARY[name]
    CASES.append(OpCase(name, (np.abs(xf).astype("float16"),), ref, dtype="float16", id=f"{name}_f16"))
    CASES.append(OpCase(name, (np.abs(xf).astype("float64"),), ref, dtype="float64", id=f"{name}_f64"))
for name, (ref, xs, xis) in FLOAT_BINARY.items():
    CASES.append(OpCase(name, xs, ref, dtype="float32", known_dims=(1,)))
    CASES.append(OpCase(name, xis, f32(ref), dtype="float32", id=f"{name}_int"))
for name, ref in SAME_BINARY.items():
    CASES.append(OpCase(name, (A, B), ref, dtype="float32", known_dims=(1,)))
    CASES.append(OpCase(name, (IN, IP), ref, dtype="int32", id=f"{name}_int"))
    CASES.append(OpCase(name, (I8, 2), ref, dtype="int8", id=f"{name}_int8_weak_int"))
    CASES.append(OpCase(name, (IN, 1.5), ref, dtype="float32", id=f"{name}_int_weak_float"))
    CASES.append(OpCase(name, (U8, I8), lambda x, y, ref=ref: ref(x.astype("int16"), y.astype("int16")),
                        dtype="int16", id=f"{name}_uint8_int8"))
for name, ref in COMPARISONS.items():
    CASES.append(OpCase(name, (A, B), ref, dtype="bool", known_dims=(1,)))
    CASES.append(OpCase(name, (IN, 0.5), ref, dtype="bool", id=f"{name}_int_weak_float"))
    CASES.append(OpCase(name, (BOOL, BOOL2), ref, dtype="bool", id=f"{name}_bool"))
for name, ref in PREDICATES.items():
    CASES.append(OpCase(name, (SPECIAL,), ref, dtype="bool"))
    CASES.append(OpCase(name, (IN,), ref, dtype="bool", id=f"{name}_int"))
for name, ref in LOGICAL.items():
    CASES.append(OpCase(name, (BOOL, BOOL2), ref, dtype="bool", known_dims=(1,)))
    CASES.append(OpCase(name, (IN, SPECIAL), ref, dtype="bool", id=f"{name}_int_float"))
for name, ref in BITWISE.items():
    CASES.append(OpCase(name, (IN, IP), ref, dtype="int32"))
    CASES.append(OpCase(name, (U8, 7), ref, dtype="uint8", id=f"{name}_uint8_weak"))
    CASES.append(OpCase(name, (BOOL, BOOL2), ref, dtype="bool", id=f"{name}_bool"))
for name, ref in SHIFTS.items():
    CASES.append(OpCase(name, (IN, np.array([1, 2, 3], "int32")), ref, dtype="int32", known_dims=(1,)))
    CASES.append(OpCase(name, (U8, 1), ref, dtype="uint8", id=f"{name}_uint8"))

CASES += [
    # Arithmetic details: weak scalars, bools, negative operands, 64 bits.
    OpCase("add", (I, np.int8(2)), lambda x, y: x + y, dtype="int32", id="add_int_scalar_array"),
    OpCase("add", (2.5, A), np.add, dtype="float32", id="add_weak_first"),
    OpCase("add", (BOOL, BOOL2), np.logical_or, dtype="bool", id="add_bool"),
    OpCase("add", (BOOL, 1), np.add, dtype="int32", id="add_bool_weak_int"),
    OpCase("add", (F16, A), np.add, dtype="float32", id="add_f16_f32"),
    OpCase("add", (I, F16), np.add, dtype="float16", id="add_int_f16"),
    OpCase("add", (BF16, F16), lambda x, y: x.astype("float32") + y, dtype="float32", id="add_bf16_f16"),
    OpCase("sin", (BF16,), np.sin, dtype="bfloat16", id="sin_bf16"),
    OpCase("trunc", (BF16,), np.trunc, dtype="bfloat16", id="trunc_bf16"),
    OpCase("round", (BF16,), np.round, dtype="bfloat16", id="round_bf16"),
    OpCase("add", (F64, A), np.add, dtype="float64", id="add_f64"),
    OpCase("add", (I.astype("int64"), 1), np.add, dtype="int64", id="add_int64"),
    OpCase("multiply", (BOOL, BOOL2), np.logical_and, dtype="bool", id="multiply_bool"),
    OpCase("multiply", (C, 2), np.multiply, dtype="complex64", id="multiply_complex"),
    OpCase("maximum", (SPECIAL, 0.0), np.maximum, dtype="float32", id="maximum_nan"),
    OpCase("fmax", (SPECIAL, 0.0), np.fmax, dtype="float32", id="fmax_nan"),
    OpCase("fmin", (SPECIAL, 0.0), np.fmin, dtype="float32", id="fmin_nan"),
    OpCase("maximum", (BOOL, BOOL2), np.maximum, dtype="bool", id="maximum_bool"),
    OpCase("divide", (I, 2), lambda x, y: x / y, dtype="float32", id="divide_int_weak"),
    OpCase("divide", (F16, 2.0), np.divide, dtype="float16", id="divide_f16_weak"),
    OpCase("divide", (BOOL, BOOL2 | True), f32(np.divide), dtype="float32", id="divide_bool"),
    OpCase("divide_no_nan", (np.array([1.0, 0.0, 2.0], "float32"), np.array([0.0, 0.0, 4.0], "float32")),
           _divide_no_nan, dtype="float32", id="divide_no_nan_zeros"),
    OpCase("floor_divide", (IN, np.array([2, -2, 3], "int32")), np.floor_divide, dtype="int32"),
    OpCase("floor_divide", (A, 0.3), np.floor_divide, dtype="float32", id="floor_divide_float", tol=1e-4),
    OpCase("floor_divide", (IN, 2.0), np.floor_divide, dtype="float32", id="floor_divide_weak_float"),
    OpCase("floor_divide", (BOOL, True), lambda x, y: np.floor_divide(x.astype("int32"), 1), dtype="int32",
           id="floor_divide_bool"),
    OpCase("mod", (IN, np.array([2, -2, 3], "int32")), np.mod, dtype="int32"),
    OpCase("mod", (A, np.float32(0.7)), np.mod, dtype="float32", id="mod_float", tol=1e-4),
    OpCase("mod", (I8, -3), np.mod, dtype="int8", id="mod_int8"),
    OpCase("fmod", (IN, np.array([2, -2, 3], "int32")), np.fmod, dtype="int32"),
    OpCase("fmod", (A * 3, np.float32(-0.7)), np.fmod, dtype="float32", id="fmod_float", tol=1e-4),
    OpCase("fmod", (I8, 3), np.fmod, dtype="int8", id="fmod_int8"),
    OpCase("power", (IN, 2), np.power, dtype="int32"),
    OpCase("power", (2, IP), np.power, dtype="int32", id="power_weak_base"),
    OpCase("power", (POS, B), np.power, dtype="float32", id="power_float", known_dims=(1,)),
    OpCase("power", (IP, 0.5), f32(np.power), dtype="float32", id="power_int_weak_float"),
    OpCase("power", (U8, 2), np.power, dtype="uint8", id="power_uint8"),
    OpCase("gcd", (np.array([12, -18, 0, 7], "int32"), np.array([8, 12, 5, 0], "int32")), np.gcd, dtype="int32"),
    OpCase("gcd", (I8, 4), np.gcd, dtype="int8", id="gcd_int8_weak"),
    OpCase("lcm", (np.array([4, -6, 0, 3], "int32"), np.array([6, 4, 5, -7], "int32")), np.lcm, dtype="int32"),
    OpCase("ldexp", (A, np.array([1, -2, 3], "int32")), np.ldexp, dtype="float32", known_dims=(1,)),
    OpCase("ldexp", (F16, 3), np.ldexp, dtype="float16", id="ldexp_f16_weak"),
    OpCase("ldexp", (IN, np.array([1, 2, 0], "int32")), lambda x1, x2: np.ldexp(x1.astype("float32"), x2),
           dtype="float32", id="ldexp_int"),
    OpCase("nextafter", (A, B), np.nextafter, dtype="float32", tol=0),
    OpCase("nextafter", (np.array([0.0, 1.0, -1.0, 2.0], "float32"), np.array([1.0, 0.0, -2.0, 2.0], "float32")),
           np.nextafter, dtype="float32", tol=0, id="nextafter_edges"),
    OpCase("nextafter", (np.array([0.0, 1.0, -1.0, 2.0], "float16"), np.array([-1.0, 3.0, -2.0, 2.0], "float16")),
           np.nextafter, dtype="float16", tol=0, id="nextafter_f16"),
    OpCase("hypot", (np.array([3e30, 0.0], "float32"), np.array([4e30, 0.0], "float32")), np.hypot,
           dtype="float32", id="hypot_no_overflow"),
    OpCase("logaddexp", (np.array([-np.inf, np.inf, 1.0], "float32"), np.array([-np.inf, np.inf, -np.inf], "float32")),
           np.logaddexp, dtype="float32", id="logaddexp_inf"),
    OpCase("heaviside", (np.array([np.nan, -1.0], "float32"), 0.5), np.heaviside, dtype="float32", id="heaviside_nan"),
    OpCase("arctan2", (F16, 2.0), np.arctan2, dtype="float16", id="arctan2_f16_weak"),
    # Sign, magnitude, rounding.
    OpCase("negative", (A,), np.negative, dtype="float32"),
    OpCase("negative", (IN,), np.negative, dtype="int32", id="negative_int"),
    OpCase("negative", (U8,), np.negative, dtype="uint8", id="negative_uint8"),
    OpCase("absolute", (A,), np.abs, dtype="float32"),
    OpCase("absolute", (I8,), np.abs, dtype="int8", id="absolute_int8"),
    OpCase("absolute", (U8,), np.abs, dtype="uint8", id="absolute_uint8"),
    OpCase("absolute", (BOOL,), lambda x: x, dtype="bool", id="absolute_bool"),
    OpCase("absolute", (C,), np.abs, dtype="float32", id="absolute_complex"),
    OpCase("abs", (IN,), np.abs, dtype="int32"),
    OpCase("fabs", (I8,), f32(np.fabs), dtype="float32", id="fabs_int8"),
    OpCase("sign", (SPECIAL,), np.sign, dtype="float32"),
    OpCase("sign", (IN,), np.sign, dtype="int32", id="sign_int"),
    OpCase("sign", (U8,), np.sign, dtype="uint8", id="sign_uint8"),
    OpCase("sign", (BOOL,), lambda x: x, dtype="bool", id="sign_bool"),
    OpCase("square", (A,), np.square, dtype="float32"),
    OpCase("square", (IN,), np.square, dtype="int32", id="square_int"),
    OpCase("square", (BOOL,), lambda x: x.astype("int32"), dtype="int32", id="square_bool"),
    OpCase("trunc", (A * 3,), np.trunc, dtype="float32"),
    OpCase("trunc", (IN,), np.trunc, dtype="int32", id="trunc_int"),
    OpCase("ceil", (BOOL,), f32(np.ceil), dtype="float32", id="ceil_bool"),
    OpCase("exp", (BOOL,), f32(np.exp), dtype="float32", id="exp_bool"),
    OpCase("round", (A * 10,), np.round, dtype="float32"),
    OpCase("round", (np.array([0.5, 1.5, 2.5, -0.5, -1.5], "float32"),), np.round, dtype="float32",
           id="round_half_even"),
    OpCase("round", (A * 10,), np.round, kwargs={"decimals": 1}, dtype="float32", id="round_decimals", tol=1e-4),
    OpCase("round", (A * 100,), np.round, kwargs={"decimals": -1}, dtype="float32", id="round_tens", tol=1e-4),
    OpCase("round", (np.array([15, 25, 14, -15, -26, 5], "int32"),), np.round, kwargs={"decimals": -1},
           dtype="int32", id="round_int_tens"),
    OpCase("round", (IN,), np.round, dtype="int32", id="round_int"),
    OpCase("clip", (A, -0.5, 0.5), np.clip, dtype="float32"),
    OpCase("clip", (IN, 0.5, 2.5), f32(np.clip), dtype="float32", id="clip_int_weak_float"),
    OpCase("clip", (I8, -1, 3), np.clip, dtype="int8", id="clip_int8"),
    OpCase("clip", (BOOL, 0, 1), lambda x, a, b: x.astype("int32"), dtype="int32", id="clip_bool"),
    OpCase("clip", (A, None, 0.1), lambda x, a, b: np.minimum(x, b), dtype="float32", id="clip_no_min"),
    OpCase("clip", (A, B, 1.0), np.clip, dtype="float32", id="clip_broadcast", known_dims=(1,)),
    OpCase("nan_to_num", (SPECIAL,), np.nan_to_num, dtype="float32"),
    OpCase("nan_to_num", (SPECIAL,), np.nan_to_num, kwargs={"nan": 1.0, "posinf": 5.0, "neginf": -5.0},
           dtype="float32", id="nan_to_num_values"),
    OpCase("nan_to_num", (IN,), np.nan_to_num, dtype="int32", id="nan_to_num_int"),
    OpCase("isclose", (A, A + 1e-7), np.isclose, dtype="bool"),
    OpCase("isclose", (SPECIAL, SPECIAL), np.isclose, kwargs={"equal_nan": True}, dtype="bool", id="isclose_nan"),
    OpCase("isclose", (A, B), np.isclose, kwargs={"rtol": 0.5, "atol": 0.1}, dtype="bool", id="isclose_tol",
           known_dims=(1,)),
    OpCase("isclose", (IN, 2), np.isclose, dtype="bool", id="isclose_int"),
    # Complex parts.
    OpCase("real", (C,), np.real, dtype="float32"),
    OpCase("real", (A,), np.real, dtype="float32", id="real_float"),
    OpCase("imag", (C,), np.imag, dtype="float32"),
    OpCase("imag", (IN,), np.imag, dtype="int32", id="imag_int"),
    OpCase("conjugate", (C,), np.conjugate, dtype="complex64"),
    OpCase("conjugate", (IN,), np.conjugate, dtype="int32", id="conjugate_int"),
    OpCase("conj", (C,), np.conj, dtype="complex64"),
    OpCase("angle", (C,), np.angle, dtype="float32"),
    OpCase("angle", (A,), np.angle, dtype="float32", id="angle_float"),
    OpCase("angle", (IN,), f32(np.angle), dtype="float32", id="angle_int"),
    OpCase("isreal", (C,), np.isreal, dtype="bool", id="isreal_complex"),
    OpCase("isfinite", (C,), np.isfinite, dtype="bool", id="isfinite_complex"),
    # Bits.
    OpCase("bitwise_invert", (IN,), np.invert, dtype="int32"),
    OpCase("bitwise_invert", (U8,), np.invert, dtype="uint8", id="bitwise_invert_uint8"),
    OpCase("bitwise_invert", (BOOL,), np.invert, dtype="bool", id="bitwise_invert_bool"),
    OpCase("bitwise_not", (I8,), np.invert, dtype="int8"),
    OpCase("bitwise_and", (I8, U8), lambda x, y: np.bitwise_and(x.astype("int16"), y), dtype="int16",
           id="bitwise_and_mixed"),
    OpCase("left_shift", (BOOL, 1), lambda x, y: np.left_shift(x.astype("int32"), y), dtype="int32",
           id="left_shift_bool"),
    # Select and copy.
    OpCase("where", (BOOL, A, B), np.where, dtype="float32", known_dims=(1,)),
    OpCase("where", (BOOL2, IN, 1.5), np.where, dtype="float32", id="where_weak"),
    OpCase("where", (BOOL, 1, 2), np.where, dtype="int32", id="where_scalars"),
    OpCase("where", (IN, I8, F16), lambda c, x, y: np.where(c != 0, x, y), dtype="float16", id="where_int_cond"),
    OpCase("where", (IN,), np.nonzero, symbolic=False, id="where_nonzero"),
    OpCase("copy", (A,), np.copy, dtype="float32"),
    OpCase("copy", (BOOL,), np.copy, dtype="bool", id="copy_bool"),
    # View: the last dimension absorbs a change of item size.
    OpCase("view", (A, "int32"), lambda x, d: x.view(d), dtype="int32"),
    OpCase("view", (A, "int16"), lambda x, d: x.view(d), dtype="int16", id="view_smaller"),
    OpCase("view", (np.arange(8, dtype="int16").reshape(2, 4), "float32"), lambda x, d: x.view(d),
           dtype="float32", id="view_larger"),
    OpCase("view", (U8, "int8"), lambda x, d: x.view(d), dtype="int8", id="view_uint8_int8"),
    OpCase("view", (BOOL, "uint8"), lambda x, d: x.view(d), dtype="uint8", id="view_bool"),
    OpCase("view", (A, None), lambda x, d: x, dtype="float32", id="view_none"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


def test_every_op_of_the_family_has_a_case():
    from keras_lite.ops import elementwise

    assert sorted(set(elementwise.__all__) - {c.op for c in CASES}) == []


def test_where_condition_only_is_symbolic_with_unknown_lengths():
    out = ops.where(KerasTensor((None, 3), "bool"))
    eager = ops.where(np.array([[True, False, True]]))
    assert isinstance(out, tuple) and len(out) == len(eager) == 2
    for t, e in zip(out, eager):
        assert isinstance(t, KerasTensor) and t.shape == (None,)
        assert t.dtype == dtypes.standardize_dtype(e.dtype) == expected_dtype("int64")


def test_where_needs_both_or_neither_branch():
    with pytest.raises(ValueError, match="ops.where"):
        ops.where(BOOL, A)
    with pytest.raises(ValueError, match="ops.where"):
        ops.where(KerasTensor((None, 3), "bool"), x2=A)


@pytest.mark.parametrize("name", ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift",
                                  "bitwise_left_shift", "bitwise_right_shift", "gcd", "lcm"])
def test_integer_ops_refuse_floats(name):
    op = getattr(ops, name)
    with pytest.raises(ValueError, match=f"ops.{name}:.*expects integer"):
        op(A, IN)
    with pytest.raises(ValueError, match=f"ops.{name}:.*expects integer"):
        op(IN, 1.5)
    with pytest.raises(ValueError, match=f"ops.{name}:.*expects integer"):
        op(KerasTensor((None, 3), "float32"), KerasTensor((3,), "int32"))


@pytest.mark.parametrize("name", ["bitwise_invert", "bitwise_not"])
def test_bitwise_invert_refuses_floats(name):
    with pytest.raises(ValueError, match=f"ops.{name}"):
        getattr(ops, name)(A)
    with pytest.raises(ValueError, match=f"ops.{name}"):
        getattr(ops, name)(KerasTensor((2,), "float16"))


def test_bool_negative_and_subtract_are_refused():
    with pytest.raises(ValueError, match="ops.negative:.*bool"):
        ops.negative(BOOL)
    with pytest.raises(ValueError, match="ops.subtract:.*bool"):
        ops.subtract(BOOL, BOOL2)
    with pytest.raises(ValueError, match="ops.negative:.*bool"):
        ops.negative(KerasTensor((None, 3), "bool"))


def test_ldexp_needs_integer_exponents():
    with pytest.raises(ValueError, match="ops.ldexp:.*x2 must be an integer"):
        ops.ldexp(A, B)
    with pytest.raises(ValueError, match="ops.ldexp:.*x2 must be an integer"):
        ops.ldexp(A, 1.5)
    with pytest.raises(ValueError, match="ops.ldexp:.*x2 must be an integer"):
        ops.ldexp(KerasTensor((None, 3)), KerasTensor((3,)))


def test_view_errors_and_shapes():
    with pytest.raises(ValueError, match="ops.view"):
        ops.view(np.float32(1.0), "int16")
    with pytest.raises(ValueError, match="ops.view"):
        ops.view(np.zeros((2, 3), "int16"), "float32")
    with pytest.raises(ValueError, match="ops.view"):
        ops.view(KerasTensor((None, 3), "int16"), "int32")
    assert ops.view(KerasTensor((None, None), "float32"), "int8").shape == (None, None)
    assert ops.view(KerasTensor((None, 2), "float32"), "float16").shape == (None, 4)


def test_view_as_64_bit():
    x = np.arange(4, dtype="float32").reshape(1, 4)
    if BACKEND == "jax":
        with pytest.raises(NotImplementedError, match="jax.*ops.view|ops.view.*jax"):
            ops.view(x, "int64")
        return
    np.testing.assert_array_equal(ops.convert_to_numpy(ops.view(x, "int64")), x.view("int64"))


def test_broadcast_errors_name_the_op_and_shapes():
    with pytest.raises(ValueError, match=r"ops.add.*\(2, 3\).*\(4,\)"):
        ops.add(A, np.zeros(4, "float32"))
    with pytest.raises(ValueError, match="broadcast"):
        ops.add(KerasTensor((None, 3)), KerasTensor((4,)))


def test_tensors_passed_by_keyword():
    x, y = KerasTensor((None, 3)), KerasTensor((3,), "int32")
    assert ops.add(x1=x, x2=y).shape == (None, 3)
    assert ops.left_shift(x=KerasTensor((2, 1), "int8"), y=y).shape == (2, 3)
    assert ops.sin(x=y).dtype == "float32"
    assert ops.isclose(x1=x, x2=y, atol=0.1).shape == (None, 3)
    assert ops.where(KerasTensor((None, 1), "bool"), x1=x, x2=1.5).shape == (None, 3)
    np.testing.assert_allclose(ops.convert_to_numpy(ops.subtract(x1=A, x2=B)), A - B)


def test_symbolic_weak_scalars_and_bool_rules():
    x = KerasTensor((None, 3), "int8")
    assert ops.add(x, 2).dtype == "int8"
    assert ops.add(x, 2.0).dtype == "float32"
    assert ops.divide(x, 2).dtype == "float32"
    assert ops.floor_divide(x, 2).dtype == "int8"
    assert ops.floor_divide(KerasTensor((2,), "bool"), True).dtype == "int32"
    assert ops.square(KerasTensor((2,), "bool")).dtype == "int32"
    assert ops.round(x, 2).dtype == "int8"
    assert ops.nan_to_num(x, 1.5).dtype == "int8"
    assert ops.absolute(KerasTensor((2,), "complex64")).dtype == "float32"
    assert ops.clip(KerasTensor((None, 1), "bool"), KerasTensor((4,), "int8"), None).shape == (None, 4)


# ---- Python operators on KerasTensor and Variable (ops/_operators.py) ----

def _symbolic_operator_results(x, y, b):
    return {
        "x + 1": (x + 1, "float32"), "1 + x": (1 + x, "float32"), "x - y": (x - y, "float32"),
        "2 - x": (2 - x, "float32"), "x * 2": (x * 2, "float32"), "x / 2": (x / 2, "float32"),
        "2 / x": (2 / x, "float32"), "x // 2": (x // 2, "float32"), "x % 2": (x % 2, "float32"),
        "x ** 2": (x ** 2, "float32"), "2 ** x": (2 ** x, "float32"), "-x": (-x, "float32"),
        "+x": (+x, "float32"), "abs(x)": (abs(x), "float32"), "round(x)": (round(x), "float32"),
        "x < y": (x < y, "bool"), "x <= y": (x <= y, "bool"), "x > y": (x > y, "bool"),
        "x >= y": (x >= y, "bool"), "b & b": (b & b, "bool"), "b | b": (b | b, "bool"),
        "b ^ b": (b ^ b, "bool"), "~b": (~b, "bool"), "True & b": (True & b, "bool"),
    }


def test_operators_on_keras_tensors_record_ops():
    x, y, b = KerasTensor((None, 3)), KerasTensor((3,)), KerasTensor((None, 3), "bool")
    for label, (out, dtype) in _symbolic_operator_results(x, y, b).items():
        assert isinstance(out, KerasTensor), label
        assert out.shape == (None, 3), label
        assert out.dtype == dtype, label
    assert (x + 1)._keras_history is not None
    assert (x + 1)._keras_history[0].op is ops.add
    assert (x < y)._keras_history[0].op is ops.less
    i = KerasTensor((None, 3), "int32")
    assert (i / 2).dtype == "float32" and (i // 2).dtype == "int32" and (i + 1.5).dtype == "float32"


def test_operators_on_variables_compute_values():
    x = np.array([[1.0, -2.0, 3.0]], "float32")
    v = keras_lite.Variable(x)
    w = keras_lite.Variable(np.array([[0.5, 0.5, 4.0]], "float32"))
    val = ops.convert_to_numpy
    checks = {
        "v + 1": (v + 1, x + 1), "1 + v": (1 + v, 1 + x), "v - w": (v - w, x - 0), "v * 2": (v * 2, x * 2),
        "v / 2": (v / 2, x / 2), "2 / v": (2 / v, 2 / x), "v // 2": (v // 2, x // 2), "v % 2": (v % 2, x % 2),
        "v ** 2": (v ** 2, x ** 2), "2 ** v": (2 ** v, 2 ** x), "-v": (-v, -x), "abs(v)": (abs(v), abs(x)),
        "v < w": (v < w, None), "v >= w": (v >= w, None), "v == w": (v == w, None), "v != w": (v != w, None),
    }
    wx = np.array([[0.5, 0.5, 4.0]], "float32")
    checks["v - w"] = (v - w, x - wx)
    checks["v < w"] = (v < w, x < wx)
    checks["v >= w"] = (v >= w, x >= wx)
    checks["v == w"] = (v == w, x == wx)
    checks["v != w"] = (v != w, x != wx)
    for label, (got, want) in checks.items():
        np.testing.assert_allclose(val(got), want, rtol=1e-6, err_msg=label)
    r = keras_lite.Variable(np.array([0.4, 1.5, 2.5, -1.6], "float32"))
    np.testing.assert_array_equal(val(round(r)), [0.0, 2.0, 2.0, -2.0])
    bv = keras_lite.Variable(np.array([True, False]), trainable=False)
    np.testing.assert_array_equal(val(~bv), [False, True])
    np.testing.assert_array_equal(val(bv & True), [True, False])
    np.testing.assert_array_equal(val(bv | np.array([False, True])), [True, True])
    np.testing.assert_array_equal(val(bv ^ bv), [False, False])
