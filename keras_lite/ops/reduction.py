"""Reductions, statistics, sorting, searching and indexing (numpy-style ops)."""
from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import reduction_spec

__all__ = ["sum"]


def _sum_dtype(dtype):
    """Small integers and bools accumulate in 32 bits, as in Keras."""
    if dtype in ("bool", "int8", "int16"):
        return "int32"
    if dtype in ("uint8", "uint16"):
        return "uint32"
    return dtypes.standardize_dtype(dtype)


@keras_op(spec=reduction_spec(_sum_dtype, "sum"))
def sum(x, axis=None, keepdims=False):  # noqa: A001 - the Keras name
    return engine.reduction.sum(x, axis=axis, keepdims=keepdims)
