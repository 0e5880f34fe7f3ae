"""Probabilistic metrics: running means of the cross-entropies, KL divergence and Poisson loss."""
from keras_lite import ops
from keras_lite.losses.probabilistic import (binary_crossentropy, categorical_crossentropy, kl_divergence, poisson,
                                             sparse_categorical_crossentropy, sparse_labels)
from keras_lite.metrics.reduction_metrics import MeanMetricWrapper, merge_mask
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.metrics")
class BinaryCrossentropy(MeanMetricWrapper):
    _config_keys = ("from_logits", "label_smoothing")

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False, label_smoothing=0):
        super().__init__(binary_crossentropy, name=name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)


@keras_class("keras.metrics")
class CategoricalCrossentropy(MeanMetricWrapper):
    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False, label_smoothing=0, axis=-1):
        super().__init__(categorical_crossentropy, name=name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.metrics")
class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Entries labelled `ignore_class` are left out: they add neither to the total nor to the count."""

    _config_keys = ("from_logits", "ignore_class", "axis")

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False, ignore_class=None,
                 axis=-1):
        super().__init__(sparse_categorical_crossentropy, name=name, dtype=dtype, from_logits=from_logits,
                         ignore_class=ignore_class, axis=axis)

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self.ignore_class is not None:
            keep = ops.not_equal(sparse_labels(y_true, ops.convert_to_tensor(y_pred), self.axis), self.ignore_class)
            sample_weight = merge_mask(sample_weight, keep, self.dtype)
        super().update_state(y_true, y_pred, sample_weight=sample_weight)


@keras_class("keras.metrics")
class KLDivergence(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, name=name, dtype=dtype)


@keras_class("keras.metrics")
class Poisson(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="poisson", dtype=None):
        super().__init__(poisson, name=name, dtype=dtype)
