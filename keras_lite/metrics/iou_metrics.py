"""Intersection-over-union metrics (semantic segmentation) from a running confusion matrix.

For a class c: IoU = tp / (tp + fp + fn). The matrix counts (true class, predicted class) pairs over
every entry seen; classes absent from both truth and predictions are left out of the mean. The
default dtype is int32, as in Keras: weights are then cast to integers.
"""
import warnings

from keras_lite import ops
from keras_lite.backends.common import config, dtypes
from keras_lite.metrics.metric import Metric
from keras_lite.saving.object_registration import keras_class


def confusion_matrix(labels, predictions, num_classes, weights=None, dtype="int32"):
    """(num_classes, num_classes) counts of (label, prediction) pairs, rows indexed by the label."""
    labels = ops.reshape(ops.cast(ops.convert_to_tensor(labels), "int32"), (-1,))
    predictions = ops.reshape(ops.cast(ops.convert_to_tensor(predictions), "int32"), (-1,))
    values = ops.ones_like(predictions, dtype=dtype) if weights is None else ops.reshape(
        ops.cast(ops.convert_to_tensor(weights), dtype), (-1,))
    return ops.scatter(ops.stack([labels, predictions], axis=1), values, (int(num_classes), int(num_classes)))


class _IoUBase(Metric):
    """State: `total_confusion_matrix` (num_classes, num_classes) in the metric's dtype."""

    _direction = "up"

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(dtype=dtype or "int", name=name)
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable((num_classes, num_classes), "zeros", dtype=self.dtype,
                                          name="total_confusion_matrix")

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Entries whose label or prediction is outside [0, num_classes), or whose label is
        `ignore_class`, are not counted."""
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        y_true = ops.cast(ops.convert_to_tensor(y_true), self.dtype)
        if sample_weight is None:
            weights = ops.ones_like(y_true)
        else:
            sample_weight = ops.convert_to_tensor(sample_weight)
            if dtypes.is_float_dtype(ops.dtype(sample_weight)) and not dtypes.is_float_dtype(self.dtype):
                warnings.warn(f"{type(self).__name__}: float sample weights are cast to the metric's dtype "
                              f"{self.dtype}; pass integer weights or a float `dtype`.", stacklevel=2)
            weights = ops.cast(sample_weight, self.dtype)
            rank = len(weights.shape)
            if 0 < rank < len(y_true.shape) and tuple(weights.shape) == tuple(y_true.shape[:rank]):
                # one weight per sample (or per leading index): spread over the remaining axes
                weights = ops.reshape(weights, tuple(weights.shape) + (1,) * (len(y_true.shape) - rank))
                weights = ops.broadcast_to(weights, ops.shape(y_true))
        y_true = ops.reshape(y_true, (-1,))
        weights = ops.broadcast_to(ops.reshape(weights, (-1,)) if len(weights.shape) > 1 else weights,
                                   ops.shape(y_true))
        y_pred = ops.reshape(ops.cast(ops.convert_to_tensor(y_pred), self.dtype), (-1,))
        keep = ops.logical_and(
            ops.logical_and(ops.greater_equal(y_true, 0), ops.less(y_true, self.num_classes)),
            ops.logical_and(ops.greater_equal(y_pred, 0), ops.less(y_pred, self.num_classes)))
        if self.ignore_class is not None:
            keep = ops.logical_and(keep, ops.not_equal(y_true, self.ignore_class))
        zeros = ops.zeros_like(y_true)
        counts = confusion_matrix(ops.where(keep, y_true, zeros), ops.where(keep, y_pred, zeros), self.num_classes,
                                  weights=ops.where(keep, weights, ops.zeros_like(weights)), dtype=self.dtype)
        self.total_cm.assign(ops.add(self.total_cm.value, counts))


@keras_class("keras.metrics")
class IoU(_IoUBase):
    """The mean IoU over `target_class_ids`. With `sparse_y_true`/`sparse_y_pred` False, that input
    holds scores along `axis` and its arg-max is the class."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None, sparse_y_true=True,
                 sparse_y_pred=True, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class, sparse_y_true=sparse_y_true,
                         sparse_y_pred=sparse_y_pred, axis=axis)
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"{type(self).__name__}: target class id {max(target_class_ids)} is out of range "
                             f"[0, {num_classes}) (`target_class_ids`).")
        self.target_class_ids = list(target_class_ids)

    def result(self):
        matrix = self.total_cm.value
        true_positives = ops.cast(ops.diagonal(matrix), "float32")
        predicted = ops.cast(ops.sum(matrix, axis=0), "float32")
        actual = ops.cast(ops.sum(matrix, axis=1), "float32")
        union = ops.subtract(ops.add(predicted, actual), true_positives)
        ids = ops.convert_to_tensor(self.target_class_ids, dtype="int32")
        true_positives, union = ops.take(true_positives, ids), ops.take(union, ids)
        present = ops.greater(union, 1e-9)
        iou = ops.where(present, ops.divide(true_positives, ops.add(union, config.epsilon())),
                        ops.zeros_like(union))
        return ops.divide(ops.sum(iou), ops.add(ops.sum(ops.cast(present, "float32")), config.epsilon()))

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


@keras_class("keras.metrics")
class BinaryIoU(IoU):
    """IoU of two classes, the prediction being 1 where y_pred >= `threshold`."""

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(2, target_class_ids, name=name, dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.cast(ops.greater_equal(ops.cast(ops.convert_to_tensor(y_pred), "float32"), self.threshold),
                          self.dtype)
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold, "name": self.name,
                "dtype": self.dtype}


@keras_class("keras.metrics")
class MeanIoU(IoU):
    """The mean IoU over every class."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_true=True, sparse_y_pred=True,
                 axis=-1):
        super().__init__(num_classes, list(range(num_classes)), name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


@keras_class("keras.metrics")
class OneHotIoU(IoU):
    """IoU with one-hot y_true (and, unless `sparse_y_pred`, class scores in y_pred)."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None, ignore_class=None, sparse_y_pred=False,
                 axis=-1):
        super().__init__(num_classes, target_class_ids, name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids, "name": self.name,
                "dtype": self.dtype, "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}


@keras_class("keras.metrics")
class OneHotMeanIoU(MeanIoU):
    """MeanIoU with one-hot y_true (and, unless `sparse_y_pred`, class scores in y_pred)."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None, sparse_y_pred=False, axis=-1):
        super().__init__(num_classes, name=name, dtype=dtype, ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}
