"""Hinge losses for maximum-margin classifiers: hinge, squared hinge and categorical hinge."""
from keras_lite import ops
from keras_lite.losses.losses import LossFunctionWrapper, prepare
from keras_lite.saving.object_registration import keras_class


def _signed_labels(y_true):
    """Labels as -1/+1: a batch of 0/1 labels is mapped to -1/+1, anything else is kept."""
    binary = ops.all(ops.logical_or(ops.equal(y_true, 0.0), ops.equal(y_true, 1.0)))
    return ops.where(binary, ops.subtract(ops.multiply(y_true, 2.0), 1.0), y_true)


def _margins(y_true, y_pred):
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    return ops.relu(ops.subtract(1.0, ops.multiply(_signed_labels(y_true), y_pred)))


def hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0)) over the last axis; labels -1/+1 (0/1 are converted)."""
    return ops.mean(_margins(y_true, y_pred), axis=-1)


def squared_hinge(y_true, y_pred):
    """mean(max(1 - y_true * y_pred, 0)**2) over the last axis; labels -1/+1 (0/1 are converted)."""
    return ops.mean(ops.square(_margins(y_true, y_pred)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """max(0, 1 + best wrong score - true score) for one-hot `y_true`."""
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    true_score = ops.sum(ops.multiply(y_true, y_pred), axis=-1)
    wrong_score = ops.max(ops.multiply(ops.subtract(1.0, y_true), y_pred), axis=-1)
    return ops.relu(ops.add(ops.subtract(wrong_score, true_score), 1.0))


@keras_class("keras.losses")
class Hinge(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="hinge", dtype=None):
        super().__init__(hinge, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class SquaredHinge(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class CategoricalHinge(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, reduction=reduction, name=name, dtype=dtype)
