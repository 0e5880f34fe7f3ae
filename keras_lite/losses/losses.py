"""Loss functions and the Loss classes that wrap them (per-sample values; Loss reduces them)."""
from keras_lite import ops
from keras_lite.losses.loss import Loss
from keras_lite.saving.object_registration import keras_class


class LossFunctionWrapper(Loss):
    """A Loss whose per-sample values come from a function `fn(y_true, y_pred, **fn_kwargs)`."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **fn_kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = fn_kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        return {**super().get_config(), **self._fn_kwargs}


def mean_squared_error(y_true, y_pred):
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    return ops.mean(ops.square(ops.subtract(y_true, y_pred)), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    return ops.mean(ops.absolute(ops.subtract(y_true, y_pred)), axis=-1)


def _smooth_labels(y_true, label_smoothing, num_classes):
    if not label_smoothing:
        return y_true
    return ops.add(ops.multiply(y_true, 1.0 - label_smoothing), label_smoothing / num_classes)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    y_true = _smooth_labels(ops.cast(y_true, ops.dtype(y_pred)), label_smoothing, 2)
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    if y_pred.shape[axis] == 1:
        raise ValueError(f"categorical_crossentropy needs one column per class, got predictions of shape "
                         f"{tuple(y_pred.shape)}; for one binary output use binary_crossentropy.")
    y_true = _smooth_labels(ops.cast(y_true, ops.dtype(y_pred)), label_smoothing, y_pred.shape[axis])
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, axis=-1)
    y_true = ops.cast(y_true, "int32")
    if ignore_class is None:
        return ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    keep = ops.not_equal(y_true, ignore_class)
    safe = ops.where(keep, y_true, 0)
    values = ops.sparse_categorical_crossentropy(safe, y_pred, from_logits=from_logits, axis=axis)
    return ops.where(keep, values, ops.zeros_like(values))


@keras_class("keras.losses")
class MeanSquaredError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class MeanAbsoluteError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class BinaryCrossentropy(LossFunctionWrapper):
    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, reduction=reduction, name=name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.losses")
class CategoricalCrossentropy(LossFunctionWrapper):
    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.losses")
class SparseCategoricalCrossentropy(LossFunctionWrapper):
    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)

    def get_config(self):
        config = super().get_config()
        config.pop("axis")  # Keras does not write it
        return config
