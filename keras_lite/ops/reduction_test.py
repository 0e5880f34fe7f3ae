import numpy as np
import pytest

from keras_lite.testing import OpCase, case_ids, run_op_case

rng = np.random.default_rng(2)
A = rng.normal(size=(2, 3, 4)).astype("float32")
I8 = np.arange(6, dtype="int8").reshape(2, 3)

CASES = [
    OpCase("sum", (A,), np.sum, dtype="float32"),
    OpCase("sum", (A,), lambda x, axis: np.sum(x, axis=axis), kwargs={"axis": 1}, known_dims=(1,), id="sum_axis"),
    OpCase("sum", (A,), lambda x, axis, keepdims: np.sum(x, axis=axis, keepdims=keepdims),
           kwargs={"axis": (0, 2), "keepdims": True}, id="sum_keepdims"),
    OpCase("sum", (I8,), lambda x: np.sum(x, dtype="int32"), dtype="int32", id="sum_int8"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)
