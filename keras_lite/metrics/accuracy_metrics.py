"""The accuracy family: per-sample correctness (1.0 or 0.0), averaged by MeanMetricWrapper."""
from keras_lite import ops
from keras_lite.metrics.reduction_metrics import MeanMetricWrapper
from keras_lite.saving.object_registration import keras_class


def accuracy(y_true, y_pred):
    return ops.cast(ops.equal(ops.cast(y_true, ops.dtype(y_pred)), y_pred), "float32")


def binary_accuracy(y_true, y_pred, threshold=0.5):
    predicted = ops.cast(ops.greater(y_pred, threshold), "float32")
    return ops.mean(ops.cast(ops.equal(ops.cast(y_true, "float32"), predicted), "float32"), axis=-1)


def categorical_accuracy(y_true, y_pred):
    return ops.cast(ops.equal(ops.argmax(y_true, axis=-1), ops.argmax(y_pred, axis=-1)), "float32")


def sparse_categorical_accuracy(y_true, y_pred):
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, axis=-1)
    return ops.cast(ops.equal(ops.cast(y_true, "int32"), ops.cast(ops.argmax(y_pred, axis=-1), "int32")), "float32")


@keras_class("keras.metrics")
class Accuracy(MeanMetricWrapper):
    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)


@keras_class("keras.metrics")
class BinaryAccuracy(MeanMetricWrapper):
    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)


@keras_class("keras.metrics")
class CategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)


@keras_class("keras.metrics")
class SparseCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)
