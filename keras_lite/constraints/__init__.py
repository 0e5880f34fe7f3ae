"""`keras_lite.constraints`: projections applied to a weight after each optimizer update."""
from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.constraints")
class Constraint:
    """Callable on a weight value, returning the projected value."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config_dict):
        return cls(**config_dict)


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


@keras_class("keras.constraints", "max_norm")
class MaxNorm(Constraint):
    """Rescales slices along `axis` whose L2 norm exceeds `max_value`."""

    def __init__(self, max_value=2, axis=0):
        self.max_value, self.axis = max_value, axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        wanted = ops.clip(norms, 0, self.max_value)
        return ops.multiply(w, ops.divide(wanted, config.epsilon() + norms))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


@keras_class("keras.constraints", "non_neg")
class NonNeg(Constraint):
    def __call__(self, w):
        return ops.multiply(w, ops.cast(ops.greater_equal(w, 0.0), ops.dtype(w)))


@keras_class("keras.constraints", "unit_norm")
class UnitNorm(Constraint):
    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return ops.divide(w, config.epsilon() + _norms(w, self.axis))

    def get_config(self):
        return {"axis": self.axis}


@keras_class("keras.constraints", "min_max_norm")
class MinMaxNorm(Constraint):
    """Moves slice norms into [min_value, max_value]; `rate` < 1 moves them only part of the way."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value, self.max_value, self.rate, self.axis = min_value, max_value, rate, axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        wanted = ops.add(ops.multiply(self.rate, ops.clip(norms, self.min_value, self.max_value)),
                         ops.multiply(1 - self.rate, norms))
        return ops.multiply(w, ops.divide(wanted, config.epsilon() + norms))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate, "axis": self.axis}


max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm
_BY_NAME = {"Constraint": Constraint, "MaxNorm": MaxNorm, "NonNeg": NonNeg, "UnitNorm": UnitNorm,
            "MinMaxNorm": MinMaxNorm, "max_norm": MaxNorm, "non_neg": NonNeg, "unit_norm": UnitNorm,
            "min_max_norm": MinMaxNorm}

deserialize, get = serialization_lib.identifier_functions("constraint", _BY_NAME)


def serialize(constraint):
    return serialization_lib.serialize_keras_object(constraint)

__all__ = sorted(_BY_NAME) + ["deserialize", "get", "serialize"]
