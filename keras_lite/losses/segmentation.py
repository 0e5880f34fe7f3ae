"""Overlap losses for segmentation: Dice and its weighted generalisation, Tversky.

With `axis=None` the whole batch is one overlap (a scalar); with e.g. `axis=(1, 2, 3)` there is
one value per sample.
"""
from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.losses.losses import LossFunctionWrapper, prepare
from keras_lite.saving.object_registration import keras_class


def dice(y_true, y_pred, axis=None):
    """1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred))."""
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    overlap = ops.sum(ops.multiply(y_true, y_pred), axis=axis)
    total = ops.add(ops.sum(y_true, axis=axis), ops.sum(y_pred, axis=axis))
    return ops.subtract(1.0, ops.divide(ops.multiply(overlap, 2.0), ops.add(total, config.epsilon())))


def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """1 - TP / (TP + alpha * sum(y_true * (1 - y_pred)) + beta * sum((1 - y_true) * y_pred)).

    The weights attach to the same terms as in Keras 3 (alpha to missed positives, beta to false
    alarms), so values match it; alpha = beta = 0.5 gives the Dice loss.
    """
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    overlap = ops.sum(ops.multiply(y_true, y_pred), axis=axis)
    missed = ops.sum(ops.multiply(y_true, ops.subtract(1.0, y_pred)), axis=axis)
    false_alarms = ops.sum(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=axis)
    denominator = ops.add(ops.add(overlap, ops.multiply(missed, alpha)), ops.multiply(false_alarms, beta))
    return ops.subtract(1.0, ops.divide(overlap, ops.add(denominator, config.epsilon())))


@keras_class("keras.losses")
class Dice(LossFunctionWrapper):
    _config_keys = ("axis",)

    def __init__(self, reduction="sum_over_batch_size", name="dice", axis=None, dtype=None):
        super().__init__(dice, reduction=reduction, name=name, dtype=dtype, axis=axis)


@keras_class("keras.losses")
class Tversky(LossFunctionWrapper):
    _config_keys = ("alpha", "beta", "axis")

    def __init__(self, alpha=0.5, beta=0.5, reduction="sum_over_batch_size", name="tversky", axis=None, dtype=None):
        super().__init__(tversky, reduction=reduction, name=name, dtype=dtype, alpha=alpha, beta=beta, axis=axis)
