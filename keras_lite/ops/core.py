"""Core ops: conversion, casting, shapes, control flow, slicing and scattering, gradients."""
from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import shape_of

__all__ = ["cast", "convert_to_numpy", "convert_to_tensor", "dtype", "is_tensor", "shape"]


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """An engine tensor from arrays, lists, scalars or Variables; KerasTensors pass through (cast if asked)."""
    if isinstance(x, KerasTensor):
        return x if dtype is None else cast(x, dtype)
    return engine.core.convert_to_tensor(x, dtype=dtype, sparse=sparse, ragged=ragged)


def convert_to_numpy(x):
    if isinstance(x, KerasTensor):
        raise ValueError(
            "ops.convert_to_numpy: a symbolic KerasTensor has no values. Call it on real data, "
            f"not on the graph's inputs ({x!r}).")
    return engine.core.convert_to_numpy(x)


@keras_op(spec=lambda x, dtype: KerasTensor(shape_of(x), dtypes.standardize_dtype(dtype)))
def cast(x, dtype):
    return engine.core.cast(x, dtypes.standardize_dtype(dtype))


def is_tensor(x):
    """True for the active engine's native tensors (not for KerasTensors or NumPy arrays)."""
    return engine.core.is_tensor(x)


def shape(x):
    """The shape as a tuple; dims unknown until run time are None (symbolic) or scalar tensors (in a trace)."""
    if isinstance(x, KerasTensor):
        return x.shape
    if not engine.core.is_tensor(x):
        x = engine.core.convert_to_tensor(x)
    return engine.core.shape(x)


def dtype(x):
    """The Keras dtype name of a tensor, array, Variable or KerasTensor."""
    return dtypes.standardize_dtype(x.dtype)
