"""Dtype names and promotion, the same on every engine.

Dtypes are the Keras strings ("float32", "int64", "bool", ...). Promotion
follows a JAX-like lattice in which Python scalars are *weak*: they adopt
the dtype of the tensor they meet (`int32 + 1.5 -> float32`,
`float16 + 1.5 -> float16`), so every backend agrees on result dtypes.
"""
import numpy as np

from keras_lite.backends.common import config

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("int8", "int16", "int32", "int64")
UINT_TYPES = ("uint8", "uint16", "uint32", "uint64")
COMPLEX_TYPES = ("complex64", "complex128")
ALLOWED_DTYPES = ("bool",) + UINT_TYPES + INT_TYPES + FLOAT_TYPES + COMPLEX_TYPES + ("string",)

_ALIASES = {
    "float": "float32", "double": "float64", "half": "float16", "int": "int32",
    "uint": "uint64", "bool_": "bool", "str": "string", "complex": "complex128",
}
_BITS = {name: int("".join(c for c in name if c.isdigit()) or 1) for name in ALLOWED_DTYPES if name != "string"}
_BITS["bfloat16"] = 16


def standardize_dtype(dtype):
    """Any engine's dtype object, a NumPy dtype, a Python type or a name -> the Keras name."""
    if dtype is None:
        return config.floatx()
    if dtype is int:
        return "int32"
    if dtype is float:
        return config.floatx()
    if dtype is bool:
        return "bool"
    if dtype is str:
        return "string"
    try:
        return _STANDARDIZED[dtype]  # the hot path: the same few dtype objects and names, over and over
    except (KeyError, TypeError):
        pass
    name = _standardize(dtype)
    try:
        _STANDARDIZED[dtype] = name
    except TypeError:  # unhashable
        pass
    return name


_STANDARDIZED = {}


def _standardize(dtype):
    if isinstance(dtype, type):  # scalar type classes: np.float32, jnp.bfloat16, ml_dtypes.bfloat16
        try:
            dtype = np.dtype(dtype)
        except TypeError:
            pass
    if hasattr(dtype, "name") and not isinstance(dtype, str):
        name = dtype.name  # numpy, jax and tf dtypes
    elif hasattr(dtype, "is_floating_point"):
        name = str(dtype).split(".")[-1]  # torch.float32 -> "float32"
    else:
        name = str(dtype)
        if name.startswith("<class 'numpy."):
            name = name[len("<class 'numpy."):-2]
        name = name.split(".")[-1]
    name = _ALIASES.get(name, name)
    if name not in ALLOWED_DTYPES:
        raise ValueError(f"Invalid dtype: {dtype!r}. Expected one of {ALLOWED_DTYPES}.")
    return name


def is_float_dtype(dtype):
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int_dtype(dtype):
    return standardize_dtype(dtype) in INT_TYPES + UINT_TYPES


def is_complex_dtype(dtype):
    return standardize_dtype(dtype) in COMPLEX_TYPES


def _kind(name):
    if name == "bool":
        return 0
    if name in UINT_TYPES:
        return 1
    if name in INT_TYPES:
        return 2
    if name in FLOAT_TYPES:
        return 3
    if name in COMPLEX_TYPES:
        return 4
    raise ValueError(f"No arithmetic promotion for dtype {name!r}.")


def _join(a, b):
    """Least upper bound of two (strong) dtypes."""
    if a == b:
        return a
    ka, kb = _kind(a), _kind(b)
    if ka > kb or (ka == kb and _BITS[a] > _BITS[b]):
        a, b, ka, kb = b, a, kb, ka
    # Now b is of the higher kind, or the wider of the same kind.
    if ka == kb:
        if {a, b} == {"float16", "bfloat16"}:
            return "float32"
        return b
    if ka == 0 or kb >= 3:
        if kb == 4 and _kind(a) == 3 and _BITS[a] > _BITS[b] // 2:
            return "complex128"
        return b
    # a unsigned, b signed integer.
    if _BITS[b] > _BITS[a]:
        return b
    return {8: "int16", 16: "int32", 32: "int64"}.get(_BITS[a], config.floatx())


def _weak_join(strong, weak):
    """A strong dtype meeting a Python scalar of kind `weak` (bool, int, float or complex)."""
    kind = _kind(strong)
    if weak == "bool" or (weak == "int" and kind >= 1) or (weak == "float" and kind >= 3):
        return strong
    if weak == "int":
        return "int32"
    if weak == "float":
        return config.floatx()
    return "complex128" if strong in ("float64", "complex128") else "complex64"


def _classify(item):
    """(name, is_weak) for a dtype, a Python scalar type or a Python scalar."""
    if item is None:
        return None
    if isinstance(item, bool) or item is bool:
        return ("bool", True)
    if isinstance(item, int) or item is int:
        return ("int", True)
    if isinstance(item, float) or item is float:
        return ("float", True)
    if isinstance(item, complex) or item is complex:
        return ("complex", True)
    return (standardize_dtype(item), False)


def result_type(*dtypes):
    """The dtype of an operation over inputs of these dtypes (Python scalars are weak)."""
    classified = [c for c in map(_classify, dtypes) if c is not None]
    if not classified:
        return config.floatx()
    strong = [name for name, weak in classified if not weak]
    weak = [name for name, is_weak in classified if is_weak]
    if strong:
        out = strong[0]
        for name in strong[1:]:
            out = _join(out, name)
    else:
        order = ("bool", "int", "float", "complex")
        top = max(weak, key=order.index)
        return {"bool": "bool", "int": standardize_dtype(int), "float": config.floatx(),
                "complex": "complex128" if config.floatx() == "float64" else "complex64"}[top]
    for name in weak:
        out = _weak_join(out, name)
    return out


def float_result_type(*dtypes):
    """The dtype of a float-valued op (sqrt, mean, ...): ints and bools become floatx."""
    out = result_type(*dtypes)
    if out in FLOAT_TYPES or out in COMPLEX_TYPES:
        return out
    return config.floatx()


def to_numpy_dtype(dtype):
    name = standardize_dtype(dtype)
    if name == "bfloat16":
        import ml_dtypes

        return np.dtype(ml_dtypes.bfloat16)
    if name == "string":
        return np.dtype(object)
    return np.dtype(name)


def infer_dtype(x):
    """The dtype that a Python scalar or a nested list of scalars/tensors converts to."""
    kinds = set()
    _collect_leaf_kinds(x, kinds)
    if not kinds:
        return config.floatx()
    return result_type(*kinds)


def _collect_leaf_kinds(x, kinds):
    if isinstance(x, (list, tuple)):
        for item in x:
            _collect_leaf_kinds(item, kinds)
    elif isinstance(x, (bool, int, float, complex)):
        kinds.add(type(x))
    elif hasattr(x, "dtype"):
        kinds.add(standardize_dtype(x.dtype))
    else:
        raise TypeError(f"Cannot convert {type(x).__name__} {x!r} to a tensor.")


def dtype_of(x):
    """A tensor's dtype name, or the Python scalar itself (weak in `result_type`)."""
    if isinstance(x, (bool, int, float, complex)):
        return x
    dtype = getattr(x, "dtype", None)
    if dtype is None:
        return infer_dtype(x)
    return standardize_dtype(dtype)
