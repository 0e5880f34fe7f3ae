import numpy as np
import pytest

from keras_lite.testing import OpCase, case_ids, run_op_case

rng = np.random.default_rng(1)
A = rng.normal(size=(2, 3, 4)).astype("float32")

CASES = [
    OpCase("reshape", (A, (-1, 4)), np.reshape, known_dims=(1,)),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)
