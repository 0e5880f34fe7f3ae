import numpy as np
import pytest

from keras_lite.testing import OpCase, case_ids, run_op_case

rng = np.random.default_rng(0)
A = rng.normal(size=(2, 3)).astype("float32")
B = rng.normal(size=(3,)).astype("float32")
POS = rng.uniform(0.5, 2.0, size=(2, 3)).astype("float32")
I = np.arange(6, dtype="int32").reshape(2, 3)

CASES = [
    OpCase("add", (A, B), np.add, dtype="float32", known_dims=(1,)),
    OpCase("add", (I, 1.5), lambda x, y: x + y, dtype="float32", id="add_int_weak_float"),
    OpCase("add", (I, np.int8(2)), lambda x, y: x + y, dtype="int32", id="add_int_scalar_array"),
    OpCase("subtract", (A, 2), np.subtract, dtype="float32"),
    OpCase("multiply", (I, I), np.multiply, dtype="int32"),
    OpCase("exp", (A,), np.exp, dtype="float32"),
    OpCase("exp", (I,), lambda x: np.exp(x.astype("float32")), dtype="float32", id="exp_int"),
    OpCase("sqrt", (POS,), np.sqrt, dtype="float32"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)
