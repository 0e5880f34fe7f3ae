"""`keras_lite.regularizers`: penalties on weights, added to the loss (`layer.losses`)."""
from keras_lite import ops
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.regularizers")
class Regularizer:
    """Callable on a weight tensor, returning a scalar penalty."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} must implement get_config() to be saved.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _check_factor(name, value):
    if not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"Regularizer argument {name} must be a non-negative number, got {value!r}.")
    return float(value)


@keras_class("keras.regularizers", "l1_l2")
class L1L2(Regularizer):
    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _check_factor("l1", l1)
        self.l2 = _check_factor("l2", l2)

    def __call__(self, x):
        penalty = 0.0
        if self.l1:
            penalty = penalty + self.l1 * ops.sum(ops.absolute(x))
        if self.l2:
            penalty = penalty + self.l2 * ops.sum(ops.square(x))
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


@keras_class("keras.regularizers", "l1")
class L1(Regularizer):
    def __init__(self, l1=0.01):
        self.l1 = _check_factor("l1", l1)

    def __call__(self, x):
        return self.l1 * ops.sum(ops.absolute(x))

    def get_config(self):
        return {"l1": self.l1}


@keras_class("keras.regularizers", "l2")
class L2(Regularizer):
    def __init__(self, l2=0.01):
        self.l2 = _check_factor("l2", l2)

    def __call__(self, x):
        return self.l2 * ops.sum(ops.square(x))

    def get_config(self):
        return {"l2": self.l2}


@keras_class("keras.regularizers", "orthogonal_regularizer")
class OrthogonalRegularizer(Regularizer):
    """Pushes the rows (or columns) of a 2D weight towards orthonormality: the mean absolute
    cosine similarity between distinct rows, times `factor`."""

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = _check_factor("factor", factor)
        if mode not in ("rows", "columns"):
            raise ValueError(f"OrthogonalRegularizer: mode must be 'rows' or 'columns', got {mode!r}.")
        self.mode = mode

    def __call__(self, x):
        if len(x.shape) != 2:
            raise ValueError(f"OrthogonalRegularizer needs a 2D weight, got shape {tuple(x.shape)}.")
        if self.mode == "columns":
            x = ops.transpose(x)
        unit = ops.divide(x, ops.maximum(ops.sqrt(ops.sum(ops.square(x), axis=1, keepdims=True)), 1e-12))
        n = x.shape[0]
        off_diagonal = ops.subtract(1.0, ops.eye(n, dtype=ops.dtype(unit)))
        similarity = ops.multiply(ops.absolute(ops.matmul(unit, ops.transpose(unit))), off_diagonal)
        return ops.divide(ops.multiply(self.factor, ops.sum(similarity)), n * (n - 1))

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}


l1, l2, l1_l2, orthogonal_regularizer = L1, L2, L1L2, OrthogonalRegularizer
_BY_NAME = {"L1": L1, "L2": L2, "L1L2": L1L2, "OrthogonalRegularizer": OrthogonalRegularizer, "l1": L1, "l2": L2,
            "l1_l2": L1L2, "orthogonal_regularizer": OrthogonalRegularizer, "Regularizer": Regularizer}

deserialize, get = serialization_lib.identifier_functions("regularizer", _BY_NAME)


def serialize(regularizer):
    return serialization_lib.serialize_keras_object(regularizer)

__all__ = sorted(_BY_NAME) + ["deserialize", "get", "serialize"]
