import itertools

import numpy as np
import pytest

from keras_lite.backends.common import config, dtypes

ALL = ["bool", "uint8", "uint16", "uint32", "int8", "int16", "int32", "int64",
       "bfloat16", "float16", "float32", "float64"]


@pytest.mark.parametrize("given,name", [
    ("float32", "float32"), (np.float64, "float64"), (np.dtype("int8"), "int8"), (int, "int32"),
    (float, "float32"), (bool, "bool"), ("float", "float32"), ("double", "float64"), (None, "float32"),
])
def test_standardize_dtype(given, name):
    assert dtypes.standardize_dtype(given) == name


def test_standardize_dtype_rejects_unknown_names():
    with pytest.raises(ValueError, match="Invalid dtype"):
        dtypes.standardize_dtype("float31")


def test_promotion_is_symmetric_and_idempotent():
    for a, b in itertools.product(ALL, ALL):
        assert dtypes.result_type(a, b) == dtypes.result_type(b, a), (a, b)
    for a in ALL:
        assert dtypes.result_type(a, a) == a


@pytest.mark.parametrize("args,want", [
    (("int32", 1.5), "float32"), (("float16", 1.5), "float16"), (("int8", 3), "int8"),
    (("bool", 1), "int32"), (("uint8", "int8"), "int16"), (("uint32", "int32"), "int64"),
    (("int64", "float16"), "float16"), (("float16", "bfloat16"), "float32"),
    (("int32", "int64"), "int64"), ((1, 2.0), "float32"), ((True,), "bool"), ((), "float32"),
])
def test_result_type(args, want):
    assert dtypes.result_type(*args) == want


def test_promotion_agrees_with_numpy_on_non_weak_float_and_int_pairs():
    """Where NumPy and Keras agree (no uint/int crossings, no bfloat16), we agree too."""
    names = ["bool", "int8", "int16", "int32", "int64", "float16", "float32", "float64"]
    for a, b in itertools.product(names, names):
        if dtypes.is_int_dtype(a) and dtypes.is_float_dtype(b) or dtypes.is_int_dtype(b) and dtypes.is_float_dtype(a):
            continue  # JAX-style: int with float gives the float, NumPy widens
        assert dtypes.result_type(a, b) == np.result_type(a, b).name, (a, b)


def test_weak_float_follows_floatx():
    previous = config.floatx()
    try:
        config.set_floatx("float16")
        assert dtypes.result_type("int32", 2.0) == "float16"
        assert dtypes.float_result_type("int32") == "float16"
    finally:
        config.set_floatx(previous)


@pytest.mark.parametrize("value,want", [([1, 2], "int32"), ([1, 2.5], "float32"), ([[True]], "bool"),
                                        (3.0, "float32"), ([], "float32")])
def test_infer_dtype_of_python_values(value, want):
    assert dtypes.infer_dtype(value) == want


def test_infer_dtype_rejects_non_numbers():
    with pytest.raises(TypeError, match="Cannot convert"):
        dtypes.infer_dtype(["a"])
