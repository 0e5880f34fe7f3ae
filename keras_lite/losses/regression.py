"""Regression losses: squared, absolute, percentage, logarithmic, Huber, log-cosh and cosine errors.

Each function returns one value per sample (the last axis is averaged away); the classes wrap them.
"""
import math

from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.losses.losses import LossFunctionWrapper, prepare
from keras_lite.saving.object_registration import keras_class


def mean_squared_error(y_true, y_pred):
    y_true, y_pred = prepare(y_true, y_pred)
    return ops.mean(ops.square(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = prepare(y_true, y_pred)
    return ops.mean(ops.absolute(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(|y_true - y_pred| / max(|y_true|, epsilon))."""
    y_true, y_pred = prepare(y_true, y_pred)
    scale = ops.maximum(ops.absolute(y_true), config.epsilon())
    return ops.multiply(ops.mean(ops.absolute(ops.divide(ops.subtract(y_true, y_pred), scale)), axis=-1), 100.0)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean((log(1 + y_pred) - log(1 + y_true))**2), values below epsilon raised to epsilon."""
    y_true, y_pred = prepare(y_true, y_pred)
    eps = config.epsilon()
    diff = ops.subtract(ops.log1p(ops.maximum(y_pred, eps)), ops.log1p(ops.maximum(y_true, eps)))
    return ops.mean(ops.square(diff), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """Minus the cosine of the angle between the two vectors along `axis` (-1 is best; 0 for a zero vector)."""
    y_true, y_pred = prepare(y_true, y_pred)
    return ops.negative(ops.sum(ops.multiply(ops.normalize(y_true, axis=axis), ops.normalize(y_pred, axis=axis)),
                                axis=axis))


def huber(y_true, y_pred, delta=1.0):
    """Quadratic (0.5 * e**2) for errors up to `delta`, linear (delta * |e| - 0.5 * delta**2) beyond."""
    y_true, y_pred = prepare(y_true, y_pred)
    error = ops.subtract(y_pred, y_true)
    size = ops.absolute(error)
    quadratic = ops.multiply(ops.square(error), 0.5)
    linear = ops.subtract(ops.multiply(size, delta), 0.5 * delta * delta)
    return ops.mean(ops.where(ops.less_equal(size, delta), quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true))), written as x + softplus(-2x) - log 2 so large errors do not overflow."""
    y_true, y_pred = prepare(y_true, y_pred)
    x = ops.subtract(y_pred, y_true)
    return ops.mean(ops.subtract(ops.add(x, ops.softplus(ops.multiply(x, -2.0))), math.log(2.0)), axis=-1)


@keras_class("keras.losses")
class MeanSquaredError(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class MeanAbsoluteError(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class MeanAbsolutePercentageError(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class MeanSquaredLogarithmicError(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class CosineSimilarity(LossFunctionWrapper):
    _config_keys = ()  # Keras 3.15 does not write `axis`

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity", dtype=None):
        super().__init__(cosine_similarity, reduction=reduction, name=name, dtype=dtype, axis=axis)


@keras_class("keras.losses")
class Huber(LossFunctionWrapper):
    _config_keys = ()  # Keras 3.15 does not write `delta`

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss", dtype=None):
        super().__init__(huber, reduction=reduction, name=name, dtype=dtype, delta=delta)


@keras_class("keras.losses")
class LogCosh(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, reduction=reduction, name=name, dtype=dtype)
