"""Regression metrics: running means of the regression losses, RMSE, cosine similarity and R2."""
from keras_lite import ops
from keras_lite.losses.loss import squeeze_or_expand_to_same_rank
from keras_lite.losses.losses import prepare
from keras_lite.losses.regression import (log_cosh, mean_absolute_error, mean_absolute_percentage_error,
                                          mean_squared_error, mean_squared_logarithmic_error)
from keras_lite.metrics.metric import Metric
from keras_lite.metrics.reduction_metrics import Mean, MeanMetricWrapper
from keras_lite.saving.object_registration import keras_class


def cosine_similarity(y_true, y_pred, axis=-1):
    """The cosine of the angle between y_true and y_pred along `axis` (the metric's sign: 1 is best)."""
    y_true, y_pred = prepare(y_true, y_pred)
    return ops.sum(ops.multiply(ops.normalize(y_true, axis=axis), ops.normalize(y_pred, axis=axis)), axis=axis)


@keras_class("keras.metrics")
class MeanSquaredError(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, name=name, dtype=dtype)


@keras_class("keras.metrics")
class MeanAbsoluteError(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, name=name, dtype=dtype)


@keras_class("keras.metrics")
class MeanAbsolutePercentageError(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, name=name, dtype=dtype)


@keras_class("keras.metrics")
class MeanSquaredLogarithmicError(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, name=name, dtype=dtype)


@keras_class("keras.metrics")
class CosineSimilarity(MeanMetricWrapper):
    _config_keys = ()  # Keras 3.15 does not write `axis`

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(cosine_similarity, name=name, dtype=dtype, axis=axis)


@keras_class("keras.metrics")
class LogCoshError(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(log_cosh, name=name, dtype=dtype)


@keras_class("keras.metrics")
class RootMeanSquaredError(Mean):
    """sqrt of the running (weighted) mean of squared errors. State: `total`, `count`."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = squeeze_or_expand_to_same_rank(ops.convert_to_tensor(y_true, dtype=self.dtype),
                                                        ops.convert_to_tensor(y_pred, dtype=self.dtype))
        super().update_state(ops.square(ops.subtract(y_pred, y_true)), sample_weight=sample_weight)

    def result(self):
        return ops.sqrt(super().result())


@keras_class("keras.metrics")
class R2Score(Metric):
    """Coefficient of determination, 1 - residual / total sum of squares, per output column.

    Inputs are (batch, outputs). `class_aggregation`: "uniform_average" (mean over outputs),
    "variance_weighted_average" (weighted by each output's variance) or None (one score per output).
    `num_regressors` > 0 gives the adjusted R2 (left unadjusted while samples <= regressors + 1).
    State: `num_samples`, then per output `squared_sum`, `sum`, `residual`, `count`, created on the
    first update once the number of outputs is known.
    """

    _AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score", dtype=None):
        super().__init__(dtype=dtype, name=name)
        if class_aggregation not in self._AGGREGATIONS:
            raise ValueError(f"R2Score: `class_aggregation` must be one of {self._AGGREGATIONS}, got "
                             f"{class_aggregation!r}.")
        if num_regressors < 0:
            raise ValueError(f"R2Score: `num_regressors` must be >= 0, got {num_regressors!r}.")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable((), "zeros", name="num_samples")
        self._built = False

    def build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(f"R2Score expects inputs of shape (batch_size, output_dim); got y_true.shape="
                             f"{tuple(y_true_shape)} and y_pred.shape={tuple(y_pred_shape)}.")
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(f"R2Score needs a known output_dim; got y_true.shape={tuple(y_true_shape)} and "
                             f"y_pred.shape={tuple(y_pred_shape)}.")
        outputs = y_pred_shape[-1]
        self.squared_sum = self.add_variable((outputs,), "zeros", name="squared_sum")
        self.sum = self.add_variable((outputs,), "zeros", name="sum")
        self.total_mse = self.add_variable((outputs,), "zeros", name="residual")
        self.count = self.add_variable((outputs,), "zeros", name="count")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = squeeze_or_expand_to_same_rank(ops.convert_to_tensor(y_true, dtype=self.dtype),
                                                        ops.convert_to_tensor(y_pred, dtype=self.dtype))
        if not self._built:
            self.build(y_true.shape, y_pred.shape)
        weights = ops.ones_like(y_true) if sample_weight is None else ops.cast(
            ops.convert_to_tensor(sample_weight), self.dtype)
        if len(weights.shape) == 1:
            weights = ops.expand_dims(weights, axis=1)
        weights = ops.broadcast_to(weights, ops.shape(y_true))
        weighted = ops.multiply(y_true, weights)
        self.sum.assign(ops.add(self.sum.value, ops.sum(weighted, axis=0)))
        self.squared_sum.assign(ops.add(self.squared_sum.value, ops.sum(ops.multiply(y_true, weighted), axis=0)))
        residual = ops.multiply(ops.square(ops.subtract(y_true, y_pred)), weights)
        self.total_mse.assign(ops.add(self.total_mse.value, ops.sum(residual, axis=0)))
        self.count.assign(ops.add(self.count.value, ops.sum(weights, axis=0)))
        self.num_samples.assign(ops.add(self.num_samples.value, ops.cast(ops.size(y_true), self.dtype)))

    def result(self):
        mean = ops.divide(self.sum.value, self.count.value)
        total = ops.subtract(self.squared_sum.value, ops.multiply(self.sum.value, mean))
        scores = ops.subtract(1.0, ops.divide(self.total_mse.value, total))
        scores = ops.where(ops.isinf(scores), ops.zeros_like(scores), scores)
        if self.class_aggregation == "uniform_average":
            score = ops.mean(scores)
        elif self.class_aggregation == "variance_weighted_average":
            score = ops.divide(ops.sum(ops.multiply(total, scores)), ops.sum(total))
        else:
            score = scores
        if self.num_regressors:
            n, p = self.num_samples.value, float(self.num_regressors)
            dof = ops.subtract(ops.subtract(n, p), 1.0)
            adjusted = ops.subtract(1.0, ops.divide(ops.multiply(ops.subtract(1.0, score), ops.subtract(n, 1.0)),
                                                    ops.where(ops.greater(dof, 0.0), dof, 1.0)))
            score = ops.where(ops.greater(dof, 0.0), adjusted, score)
        return score

    def reset_state(self):
        for v in self.variables:
            v.assign(ops.zeros(v.shape, dtype=v.dtype))

    def get_config(self):
        return {**super().get_config(), "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}
