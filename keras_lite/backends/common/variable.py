"""The engine-independent half of a Variable.

Each backend subclasses `Variable` and supplies `_convert_to_tensor`,
`_initialize` (store the first value) and `_direct_assign`. Reads and writes
go through the stateless scope when one is active (DESIGN decision 9).
Arithmetic operators are installed by `keras_lite.ops`.
"""
import numpy as np

from keras_lite.backends.common import autocast_scope, dtypes, naming, stateless_scope
from keras_lite.backends.common.autocast_scope import get_autocast_scope
from keras_lite.backends.common.keras_tensor import standardize_shape
from keras_lite.backends.common.stateless_scope import get_stateless_scope

_AGGREGATIONS = ("none", "mean", "sum", "only_first_replica")
_SYNCHRONIZATIONS = ("none", "on_write", "on_read", "auto")


class Variable:
    __array_priority__ = 1000

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None, layout=None, **kwargs):
        for key in kwargs:
            raise TypeError(f"Variable got an unexpected keyword argument {key!r}.")
        name = name or naming.auto_name("variable")
        if not isinstance(name, str) or "/" in name:
            raise ValueError(f"Variable name must be a string without '/', got {name!r}.")
        if aggregation not in _AGGREGATIONS:
            raise ValueError(f"Invalid aggregation {aggregation!r}; expected one of {_AGGREGATIONS}.")
        if synchronization not in _SYNCHRONIZATIONS:
            raise ValueError(f"Invalid synchronization {synchronization!r}; expected one of {_SYNCHRONIZATIONS}.")
        self.name = name
        scope = naming.current_path()
        self.path = f"{scope}/{name}" if scope else name
        self.trainable = bool(trainable)
        self.autocast = autocast
        self.aggregation = aggregation
        self.synchronization = synchronization
        self.regularizer = None
        self.constraint = None
        self.overwrite_with_gradient = False
        self.layout = layout  # a distribution TensorLayout, used by keras_lite.distribution
        if callable(initializer):
            if shape is None:
                raise ValueError(f"Variable {name!r}: a callable initializer needs a `shape`.")
            self._dtype = dtypes.standardize_dtype(dtype)
            self._shape = standardize_shape(shape)
            value = initializer(self._shape, dtype=self._dtype)
        else:
            value = initializer
            if dtype is None:
                dtype = dtypes.infer_dtype(value)
                if dtypes.is_float_dtype(dtype):
                    dtype = None  # float values take floatx, as in Keras
            self._dtype = dtypes.standardize_dtype(dtype)
        tensor = self._convert_to_tensor(value, self._dtype)
        self._shape = standardize_shape(tuple(tensor.shape))
        if shape is not None and standardize_shape(shape) != self._shape:
            raise ValueError(
                f"Variable {name!r}: initial value has shape {self._shape}, expected {tuple(shape)}.")
        self._initialize(tensor)

    # -- engine hooks -------------------------------------------------------
    def _convert_to_tensor(self, value, dtype):
        raise NotImplementedError

    def _initialize(self, value):
        raise NotImplementedError

    def _direct_assign(self, value):
        raise NotImplementedError

    # -- public API ---------------------------------------------------------
    @property
    def value(self):
        value = self._value
        scope = stateless_scope.state.scope  # read on every op that takes a variable: no function calls
        if scope is not None:
            mapped = scope.get_current_value(self)
            if mapped is not None:
                value = mapped
        if autocast_scope.state.scope is None:
            return value
        cast_to = self._autocast_dtype()
        return value if cast_to is None else self._convert_to_tensor(value, cast_to)

    def _autocast_dtype(self):
        scope = get_autocast_scope()
        if scope is None or not self.autocast or scope.dtype == self._dtype or not dtypes.is_float_dtype(self._dtype):
            return None
        return scope.dtype

    @property
    def dtype(self):
        """The stored dtype, or the compute dtype when read inside a mixed-precision layer call."""
        return self._autocast_dtype() or self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def ndim(self):
        return len(self._shape)

    def assign(self, value):
        value = self._convert_to_tensor(value, self._dtype)
        if standardize_shape(tuple(value.shape)) != self._shape:
            raise ValueError(
                f"Cannot assign a value of shape {tuple(value.shape)} to variable {self.path!r} "
                f"of shape {self._shape}.")
        scope = get_stateless_scope()
        if scope is not None:
            scope.add_update(self, value)
        else:
            self._direct_assign(value)
        return value

    def assign_add(self, value):
        return self.assign(self.value + self._convert_to_tensor(value, self._dtype))

    def assign_sub(self, value):
        return self.assign(self.value - self._convert_to_tensor(value, self._dtype))

    def numpy(self):
        from keras_lite.backends import engine

        return engine.core.convert_to_numpy(self.value)

    def __array__(self, dtype=None, copy=None):
        out = self.numpy()
        return out if dtype is None else out.astype(dtype)

    def __repr__(self):
        return (f"<Variable path={self.path}, shape={self.shape}, dtype={self.dtype}, "
                f"value={np.array2string(self.numpy(), threshold=10)}>")

    def __len__(self):
        if not self._shape:
            raise TypeError("len() of a scalar Variable.")
        return self._shape[0]

    def __bool__(self):
        return bool(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __float__(self):
        return float(self.numpy())

    def __index__(self):
        return int(self.numpy())

    def __hash__(self):
        return id(self)

