"""Test helpers shared by the suite (the op case table)."""
from keras_lite.testing.op_cases import OpCase, case_ids, run_op_case

__all__ = ["OpCase", "case_ids", "run_op_case"]
