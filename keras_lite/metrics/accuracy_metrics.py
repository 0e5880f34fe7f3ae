"""The accuracy family: per-sample correctness (1.0 or 0.0), averaged by MeanMetricWrapper."""
from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.losses.loss import squeeze_or_expand_to_same_rank
from keras_lite.metrics.reduction_metrics import MeanMetricWrapper
from keras_lite.saving.object_registration import keras_class


def _float(x):
    return ops.cast(x, config.floatx())


def accuracy(y_true, y_pred):
    """1.0 where y_true equals y_pred exactly."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return _float(ops.equal(y_true, y_pred))


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 per entry where (y_pred > threshold) equals y_true."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    predicted = ops.cast(ops.greater(y_pred, threshold), ops.dtype(y_true))
    return _float(ops.equal(y_true, predicted))


def _labels_and_predictions(labels, y_pred):
    """Labels `(batch, ...)` and scores `(batch, ..., classes)`; a trailing label dim of 1 is dropped."""
    if len(labels.shape) == len(y_pred.shape) and labels.shape[-1] == 1:
        labels = ops.squeeze(labels, axis=-1)
    return labels


def categorical_accuracy(y_true, y_pred):
    """1.0 where the arg-max of one-hot y_true and of y_pred agree."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.argmax(ops.convert_to_tensor(y_true), axis=-1)
    labels = _labels_and_predictions(labels, y_pred)
    return _float(ops.equal(ops.cast(labels, "int32"), ops.cast(ops.argmax(y_pred, axis=-1), "int32")))


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the integer label equals the arg-max of y_pred."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = _labels_and_predictions(ops.convert_to_tensor(y_true), y_pred)
    matches = ops.equal(ops.cast(labels, "int32"), ops.cast(ops.argmax(y_pred, axis=-1), "int32"))
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = ops.squeeze(matches, axis=-1)
    return _float(matches)


def _in_top_k(labels, y_pred, k):
    """in_top_k over any leading shape: flatten to (n, classes), then restore the labels' shape."""
    shape = ops.shape(labels)
    flat_pred = ops.reshape(y_pred, (-1, y_pred.shape[-1])) if len(y_pred.shape) > 2 else y_pred
    k = min(k, y_pred.shape[-1])  # every class is in the top k when k >= classes
    hits = ops.in_top_k(ops.reshape(ops.cast(labels, "int32"), (-1,)), flat_pred, k)
    return ops.reshape(_float(hits), shape)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the class of one-hot y_true is among the k highest scores."""
    y_pred = ops.convert_to_tensor(y_pred)
    return _in_top_k(ops.argmax(ops.convert_to_tensor(y_true), axis=-1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the k highest scores; with `from_sorted_ids`, y_pred holds
    class ids already sorted by score (batch, >= k)."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.convert_to_tensor(y_true)
    if len(labels.shape) == len(y_pred.shape) and labels.shape[-1] == 1:
        labels = ops.squeeze(labels, axis=-1)
    if not from_sorted_ids:
        return _in_top_k(labels, y_pred, k)
    shape = ops.shape(labels)
    ids = ops.cast(ops.reshape(y_pred, (-1, y_pred.shape[-1]))[:, :k], "int32")
    flat = ops.reshape(ops.cast(labels, "int32"), (-1, 1))
    return ops.reshape(_float(ops.any(ops.equal(flat, ids), axis=1)), shape)


@keras_class("keras.metrics")
class Accuracy(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)


@keras_class("keras.metrics")
class BinaryAccuracy(MeanMetricWrapper):
    _config_keys = ("threshold",)

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)


@keras_class("keras.metrics")
class CategoricalAccuracy(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)


@keras_class("keras.metrics")
class SparseCategoricalAccuracy(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)


@keras_class("keras.metrics")
class TopKCategoricalAccuracy(MeanMetricWrapper):
    _config_keys = ("k",)

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)


@keras_class("keras.metrics")
class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    _config_keys = ("k",)

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None, from_sorted_ids=False):
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)

    def get_config(self):
        config = super().get_config()
        if self.from_sorted_ids:  # Keras writes it only when set
            config["from_sorted_ids"] = True
        return config
