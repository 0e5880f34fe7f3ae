"""Sum, Mean and MeanMetricWrapper (the mean of a per-sample function)."""
from keras_lite import ops
from keras_lite.losses.loss import reduce_weighted_values
from keras_lite.metrics.metric import Metric
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.metrics")
class Sum(Metric):
    def __init__(self, name="sum", dtype=None):
        super().__init__(dtype=dtype, name=name)
        self.total = self.add_variable((), "zeros", name="total")

    def update_state(self, values, sample_weight=None):
        values = ops.cast(values, self.dtype)
        total = reduce_weighted_values(values, sample_weight, reduction="sum", dtype=self.dtype)
        self.total.assign(ops.add(self.total.value, total))

    def result(self):
        return ops.convert_to_tensor(self.total.value)


@keras_class("keras.metrics")
class Mean(Metric):
    def __init__(self, name="mean", dtype=None):
        super().__init__(dtype=dtype, name=name)
        self.total = self.add_variable((), "zeros", name="total")
        self.count = self.add_variable((), "zeros", name="count")

    def update_state(self, values, sample_weight=None):
        values = ops.cast(values, self.dtype)
        if sample_weight is None:
            total, count = ops.sum(values), ops.cast(ops.size(values), self.dtype)
        else:
            total = ops.sum(reduce_weighted_values(values, sample_weight, reduction="none", dtype=self.dtype))
            count = ops.sum(reduce_weighted_values(ops.ones_like(values), sample_weight, reduction="none",
                                                   dtype=self.dtype))
        self.total.assign(ops.add(self.total.value, total))
        self.count.assign(ops.add(self.count.value, count))

    def result(self):
        return ops.divide_no_nan(self.total.value, self.count.value)


@keras_class("keras.metrics")
class MeanMetricWrapper(Mean):
    """The running mean of `fn(y_true, y_pred, **kwargs)` over all samples seen."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name or fn.__name__, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = getattr(y_pred, "_keras_mask", None)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if mask is not None:
            mask = ops.cast(mask, self.dtype)
            sample_weight = mask if sample_weight is None else ops.multiply(
                ops.cast(sample_weight, self.dtype), mask)
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        return {**super().get_config(), **self._fn_kwargs}
