"""Correlation metrics: Pearson and concordance correlation along an axis, averaged over samples."""
from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.losses.losses import prepare
from keras_lite.metrics.reduction_metrics import MeanMetricWrapper
from keras_lite.saving.object_registration import keras_class


def pearson_correlation(y_true, y_pred, axis=-1):
    """Pearson's r between y_true and y_pred along `axis`."""
    y_true, y_pred = prepare(y_true, y_pred)
    t = ops.subtract(y_true, ops.mean(y_true, axis=axis, keepdims=True))
    p = ops.subtract(y_pred, ops.mean(y_pred, axis=axis, keepdims=True))
    t = ops.divide(t, ops.std(t, axis=axis, keepdims=True))
    p = ops.divide(p, ops.std(p, axis=axis, keepdims=True))
    return ops.mean(ops.multiply(t, p), axis=axis)


def concordance_correlation(y_true, y_pred, axis=-1):
    """Lin's concordance correlation 2 cov / (var_t + var_p + (mean_t - mean_p)**2) along `axis`."""
    y_true, y_pred = prepare(y_true, y_pred)
    mean_t = ops.mean(y_true, axis=axis, keepdims=True)
    mean_p = ops.mean(y_pred, axis=axis, keepdims=True)
    covariance = ops.mean(ops.multiply(ops.subtract(y_true, mean_t), ops.subtract(y_pred, mean_p)), axis=axis)
    spread = ops.add(ops.add(ops.var(y_true, axis=axis), ops.var(y_pred, axis=axis)),
                     ops.squeeze(ops.square(ops.subtract(mean_t, mean_p)), axis=axis))
    return ops.divide(ops.multiply(covariance, 2.0), ops.add(spread, config.epsilon()))


@keras_class("keras.metrics")
class PearsonCorrelation(MeanMetricWrapper):
    _config_keys = ("axis",)

    def __init__(self, name="pearson_correlation", dtype=None, axis=-1):
        super().__init__(pearson_correlation, name=name, dtype=dtype, axis=axis)


@keras_class("keras.metrics")
class ConcordanceCorrelation(MeanMetricWrapper):
    _config_keys = ("axis",)

    def __init__(self, name="concordance_correlation", dtype=None, axis=-1):
        super().__init__(concordance_correlation, name=name, dtype=dtype, axis=axis)
