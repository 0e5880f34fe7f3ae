"""Sum, Mean and MeanMetricWrapper (the mean of a per-sample function).

Values are first reduced to one per sample (the axes after the first, or after the sample weights'
rank), as in Keras: Mean's `count` is the number (or total weight) of samples, not of entries.
A mask on the values (`_keras_mask`) multiplies the sample weights.
"""
import numpy as np

from keras_lite import ops
from keras_lite.backends.common import dtypes
from keras_lite.losses.loss import squeeze_or_expand_to_same_rank
from keras_lite.metrics.metric import Metric
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


def _reduce_trailing(x, reduce, start):
    return reduce(x, axis=tuple(range(start, len(x.shape)))) if len(x.shape) > start else x


def merge_mask(sample_weight, mask, dtype):
    """Sample weights with a mask folded in (either may be None)."""
    if mask is None:
        return sample_weight
    mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return mask
    mask, sample_weight = squeeze_or_expand_to_same_rank(mask, ops.cast(ops.convert_to_tensor(sample_weight), dtype))
    while len(mask.shape) < len(sample_weight.shape):
        mask = ops.expand_dims(mask, axis=-1)
    while len(sample_weight.shape) < len(mask.shape):
        sample_weight = ops.expand_dims(sample_weight, axis=-1)
    return ops.multiply(sample_weight, mask)


def samplewise(values, sample_weight, reduce, dtype):
    """(weighted values per sample, weight per sample or None)."""
    mask = getattr(values, "_keras_mask", None)
    values = ops.cast(ops.convert_to_tensor(values), dtype)
    sample_weight = merge_mask(sample_weight, mask, dtype)
    if sample_weight is not None:
        weights = ops.cast(ops.convert_to_tensor(sample_weight), dtype)
        values, weights = squeeze_or_expand_to_same_rank(values, weights)
        values = _reduce_trailing(values, reduce, len(weights.shape))
        while len(values.shape) < len(weights.shape):
            values = ops.expand_dims(values, axis=-1)
        values = ops.multiply(values, weights)
        weights = _reduce_trailing(ops.multiply(ops.ones_like(values), weights), reduce, 1)
        sample_weight = weights
    return _reduce_trailing(values, reduce, 1), sample_weight


def number_in(number, dtype):
    """`number` as the Python number that `dtype` holds for it: adding it to (or multiplying by it) a
    tensor of `dtype` gives what converting it to a tensor first gives, without making a tensor each step."""
    if type(number) is int and dtype in ("float32", "float64") and abs(number) <= 2 ** 24:
        return number  # exact in both
    with np.errstate(over="ignore"):  # beyond float16's range: inf, as a tensor conversion gives
        # Rounded as the conversion rounds: to the number's own dtype (floatx for a float), then to `dtype`.
        value = np.asarray(number, dtype=dtypes.to_numpy_dtype(dtypes.infer_dtype(number)))
        return float(value.astype(dtypes.to_numpy_dtype(dtype)))


@keras_class("keras.metrics")
class Sum(Metric):
    """The (weighted) sum of every value seen. State: `total`."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(dtype=dtype, name=name)
        self.total = self.add_variable((), "zeros", name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = samplewise(values, sample_weight, ops.sum, self.dtype)
        self.total.assign(ops.add(self.total.value, ops.sum(values)))

    def result(self):
        return ops.cast(ops.convert_to_tensor(self.total.value), self.dtype)


@keras_class("keras.metrics")
class Mean(Metric):
    """The (weighted) mean of every value seen. State: `total` and `count` (samples, or their weight)."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(dtype=dtype, name=name)
        self.total = self.add_variable((), "zeros", name="total")
        self.count = self.add_variable((), "zeros", name="count")

    def update_state(self, values, sample_weight=None):
        if type(sample_weight) in (int, float) and len(getattr(values, "shape", (None,))) == 0 and getattr(
                values, "_keras_mask", None) is None:
            # One value with a Python weight (the loss of a batch, weighted by its size): no weight tensor.
            weight = number_in(sample_weight, self.dtype)
            self.total.assign(ops.add(self.total.value, ops.multiply(ops.cast(values, self.dtype), weight)))
            self.count.assign(ops.add(self.count.value, weight))
            return
        values, weights = samplewise(values, sample_weight, ops.mean, self.dtype)
        if weights is not None:
            count = ops.sum(weights)
        else:
            count = ops.shape(values)[0] if len(values.shape) else 1
            count = number_in(count, self.dtype) if type(count) is int else ops.cast(count, self.dtype)
        self.total.assign(ops.add(self.total.value, ops.sum(values)))
        self.count.assign(ops.add(self.count.value, count))

    def result(self):
        return ops.divide_no_nan(self.total.value, self.count.value)


@keras_class("keras.metrics")
class MeanMetricWrapper(Mean):
    """The running mean of `fn(y_true, y_pred, **kwargs)` over all samples seen.

    Subclasses name the kwargs their config writes in `_config_keys`; the wrapper itself writes
    `fn` and every keyword argument.
    """

    _config_keys = None

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = getattr(y_pred, "_keras_mask", None)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        super().update_state(values, sample_weight=merge_mask(sample_weight, mask, self.dtype))

    def get_config(self):
        config = super().get_config()
        if self._config_keys is None:
            config["fn"] = serialization_lib.serialize_keras_object(self._fn)
            config.update(serialization_lib.serialize_keras_object(self._fn_kwargs))
        else:
            config.update({k: self._fn_kwargs[k] for k in self._config_keys})
        return config

    @classmethod
    def from_config(cls, config):
        if "fn" in config:
            from keras_lite import metrics

            config = serialization_lib.deserialize_keras_object(config, module_objects=metrics._FUNCTIONS)
        return cls(**config)

    def __getattr__(self, name):
        # Keras exposes the keyword arguments as attributes (metric.threshold, metric.k, ...).
        kwargs = self.__dict__.get("_fn_kwargs", {})
        if name in kwargs:
            return kwargs[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
