"""KerasTensor: a symbolic tensor (shape with None dims, dtype) and where it came from.

A KerasTensor holds no data. `_keras_history` is `(operation, node_index,
tensor_index)` for tensors produced by an op or layer call, None for graph
inputs made by `Input`. Arithmetic operators are installed by
`keras_lite.ops` (see `ops/_operators.py`) so that they record graph nodes.
"""
from keras_lite.backends.common import dtypes


def standardize_shape(shape):
    """A tuple of ints and Nones; rejects negative and non-integer dims by name."""
    if shape is None:
        raise ValueError("Undefined shapes are not supported.")
    if not hasattr(shape, "__iter__"):
        raise ValueError(f"Cannot convert '{shape}' to a shape.")
    out = []
    for dim in shape:
        if dim is None:
            out.append(None)
            continue
        if hasattr(dim, "value") and not isinstance(dim, int):  # tf.Dimension
            dim = dim.value
            if dim is None:
                out.append(None)
                continue
        try:
            as_int = int(dim)
        except (TypeError, ValueError):
            raise ValueError(f"Cannot convert '{tuple(shape)}' to a shape: {dim!r} is not an integer.") from None
        if as_int != dim or as_int < 0:
            raise ValueError(f"Cannot convert '{tuple(shape)}' to a shape: negative or fractional dimension {dim!r}.")
        out.append(as_int)
    return tuple(out)


class KerasTensor:
    __array_priority__ = 1000  # NumPy defers `ndarray + KerasTensor` to our operators.

    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, record_history=True, name=None):
        from keras_lite.backends.common.naming import auto_name

        self._shape = standardize_shape(shape)
        self._dtype = dtypes.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.name = name or auto_name("keras_tensor")
        self.record_history = record_history
        self._keras_history = None

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def ndim(self):
        return len(self._shape)

    def __repr__(self):
        return (f"<KerasTensor shape={self.shape}, dtype={self.dtype}, sparse={self.sparse}, "
                f"ragged={self.ragged}, name={self.name}>")

    def __iter__(self):
        if not self._shape or self._shape[0] is None:
            raise ValueError(f"Cannot iterate over a KerasTensor with unknown first dimension: {self!r}.")
        return (self[i] for i in range(self._shape[0]))

    def __len__(self):
        raise TypeError("A symbolic KerasTensor has no length; use `tensor.shape[0]`.")

    def __bool__(self):
        raise TypeError("A symbolic KerasTensor cannot be used as a Python bool.")

    def __array__(self, dtype=None, copy=None):
        raise TypeError(
            "A symbolic KerasTensor has no values: it cannot be converted to a NumPy array. "
            "Use keras_lite.ops on it inside the graph, or pass real data to the model.")


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)


def any_symbolic(args, kwargs=None):
    """True if a KerasTensor is among args/kwargs (looking one container level deep).

    This runs on every eager op call, so it avoids a full tree walk.
    """
    for a in args:
        if type(a) is KerasTensor or isinstance(a, _SEARCHED) and _symbolic_container(a):
            return True
    if kwargs:
        for a in kwargs.values():
            if type(a) is KerasTensor or isinstance(a, _SEARCHED) and _symbolic_container(a):
                return True
    return False


_SEARCHED = (KerasTensor, list, tuple, dict)


def _symbolic_container(a):
    if isinstance(a, (list, tuple)):
        return any(isinstance(x, KerasTensor) or _symbolic_container(x) for x in a)
    if isinstance(a, dict):
        return any(isinstance(x, KerasTensor) or _symbolic_container(x) for x in a.values())
    return isinstance(a, KerasTensor)
