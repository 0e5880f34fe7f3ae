"""Shape and dtype rules shared by op families (STYLE 1).

A spec function receives the op's arguments (KerasTensors, engine tensors,
arrays or Python scalars) and returns the output KerasTensor. Rules are
exact with None dims: `(None, 3) + (5, 3) -> (5, 3)`.
"""
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor


def shape_of(x):
    """The static shape of a tensor-like argument; () for Python scalars."""
    if isinstance(x, (bool, int, float, complex)):
        return ()
    shape = getattr(x, "shape", None)
    if shape is None:
        import numpy as np

        return np.shape(x)
    return tuple(shape)


def broadcast_shapes(*shapes):
    """NumPy broadcasting where None is an unknown dim (a known dim other than 1 wins)."""
    rank = max((len(s) for s in shapes), default=0)
    out = [1] * rank
    for shape in shapes:
        padded = (1,) * (rank - len(shape)) + tuple(shape)
        for i, (a, b) in enumerate(zip(out, padded)):
            if a == 1:
                out[i] = b
            elif b == 1 or a == b:
                continue
            elif a is None:
                out[i] = b
            elif b is None:
                continue
            else:
                raise ValueError(
                    "cannot broadcast shapes " + " and ".join(str(tuple(s)) for s in shapes) + ".")
    return tuple(out)


def same_dtype(*dtype_args):
    return dtypes.result_type(*dtype_args)


def float_dtype(*dtype_args):
    return dtypes.float_result_type(*dtype_args)


def bool_dtype(*dtype_args):
    return "bool"


def elementwise_spec(dtype_rule=same_dtype):
    """Spec of an op broadcasting all its positional tensor arguments."""

    def spec(*args, **kwargs):
        shape = broadcast_shapes(*(shape_of(a) for a in args))
        return KerasTensor(shape, dtype_rule(*(dtype_of(a) for a in args)))

    return spec


def normalize_axes(axis, rank, op_name="op"):
    """axis (None, int or sequence) -> sorted tuple of non-negative axes."""
    if axis is None:
        return tuple(range(rank))
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"ops.{op_name}: axis {a} is out of range for a tensor of rank {rank}.")
        out.append(a % rank)
    if len(set(out)) != len(out):
        raise ValueError(f"ops.{op_name}: repeated axis in {axis}.")
    return tuple(sorted(out))


def reduced_shape(shape, axis, keepdims, op_name="op"):
    axes = normalize_axes(axis, len(shape), op_name)
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def reduction_spec(dtype_rule=same_dtype, op_name="op"):
    """Spec of `op(x, axis=None, keepdims=False, ...)`."""

    def spec(x, axis=None, keepdims=False, **kwargs):
        return KerasTensor(reduced_shape(shape_of(x), axis, keepdims, op_name), dtype_rule(dtype_of(x)))

    return spec
