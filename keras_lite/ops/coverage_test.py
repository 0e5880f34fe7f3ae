"""Every public op is checked: by a row of one of the op-case tables, or, for the few ops whose results are not
unique (signs of eigenvectors, QR and LU factors), that are not array functions (dtype, shape, is_tensor) or that
take functions (custom_gradient, jvp, vectorize), by the named plain test in the same family's test file."""
import importlib

import pytest

from keras_lite import ops
from keras_lite.testing.op_cases import OpCase

FAMILIES = ("array", "core", "elementwise", "image", "linalg", "math", "nn", "reduction")

PLAIN_TESTS = {
    "convert_to_numpy": ("core", "test_convert_to_numpy_of_variables_and_low_precision_tensors"),
    "custom_gradient": ("core", "test_custom_gradient_replaces_the_gradient"),
    "dtype": ("core", "test_shape_and_dtype_of_eager_values"),
    "shape": ("core", "test_shape_and_dtype_of_eager_values"),
    "is_tensor": ("core", "test_native_tensors_pass_through_unchanged"),
    "eig": ("linalg", "test_eig"),
    "eigh": ("linalg", "test_eigh"),
    "qr": ("linalg", "test_qr"),
    "lu_factor": ("linalg", "test_lu_factor"),
    "jvp": ("linalg", "test_jvp"),
    "istft": ("math", "test_istft_inverts_stft"),
    "vectorize": ("array", "test_vectorize"),
    "image.perspective_transform": ("image", "test_perspective_transform_matches_keras"),
}


def _test_module(family):
    return importlib.import_module(f"keras_lite.ops.{family}_test")


def _table_ops():
    covered = set()
    for family in FAMILIES:
        for value in vars(_test_module(family)).values():
            if isinstance(value, list) and value and all(isinstance(c, OpCase) for c in value):
                covered |= {case.op for case in value}
    return covered


def _public_ops():
    names = {name for name in dir(ops) if not name.startswith("_") and callable(getattr(ops, name))
             and not isinstance(getattr(ops, name), type(ops))}
    return names | {f"image.{name}" for name in ops.image.__all__}


def test_every_public_op_has_a_case_or_a_named_plain_test():
    assert sorted(_public_ops() - _table_ops() - set(PLAIN_TESTS)) == []


@pytest.mark.parametrize("op", sorted(PLAIN_TESTS))
def test_named_plain_tests_exist_and_call_the_op(op):
    family, test_name = PLAIN_TESTS[op]
    test = getattr(_test_module(family), test_name)
    assert op.split(".")[-1] in test.__code__.co_names or op.split(".")[-1] in test.__code__.co_consts
