"""The Loss base class: per-sample losses from `call`, then sample weights, masks and reduction."""
from keras_lite import ops
from keras_lite.backends.common import dtypes
from keras_lite.saving.object_registration import keras_class

REDUCTIONS = ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none", None)


@keras_class("keras.losses")
class Loss:
    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        if reduction not in REDUCTIONS:
            raise ValueError(f"Loss {name!r}: reduction must be one of {REDUCTIONS}, got {reduction!r}.")
        self.name = name or type(self).__name__.lower()
        self.reduction = reduction
        self._dtype = dtype

    @property
    def dtype(self):
        from keras_lite.dtype_policies import dtype_policy as policies

        return policies.get(self._dtype).compute_dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        mask = getattr(y_pred, "_keras_mask", None)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_true = ops.convert_to_tensor(y_true)
        if dtypes.is_float_dtype(ops.dtype(y_true)):
            y_true = ops.cast(y_true, self.dtype)
        losses = ops.cast(self.call(y_true, y_pred), self.dtype)
        return reduce_weighted_values(losses, sample_weight, mask, self.reduction, self.dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred).")

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _match_rank(weights, values):
    """Squeeze or expand `weights` so that it broadcasts against the per-sample values."""
    while len(weights.shape) > len(values.shape) and weights.shape[-1] == 1:
        weights = ops.squeeze(weights, axis=-1)
    while len(weights.shape) < len(values.shape):
        weights = ops.expand_dims(weights, axis=-1)
    return weights


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size", dtype=None):
    """Apply the mask and sample weights to per-sample values, then reduce them."""
    dtype = dtype or ops.dtype(values)
    weights = None
    if sample_weight is not None:
        weights = _match_rank(ops.cast(ops.convert_to_tensor(sample_weight), dtype), values)
    if mask is not None:
        mask = _match_rank(ops.cast(mask, dtype), values)
        weights = mask if weights is None else ops.multiply(weights, mask)
    if weights is not None:
        values = ops.multiply(values, weights)
    if reduction in ("none", None):
        return values
    total = ops.sum(values)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and weights is not None:
        return ops.divide_no_nan(total, ops.sum(ops.multiply(ops.ones_like(values), weights)))
    if mask is not None and reduction in ("sum_over_batch_size", "mean"):
        return ops.divide_no_nan(total, ops.sum(ops.multiply(ops.ones_like(values), _match_rank(
            ops.cast(mask, dtype), values))))
    return ops.divide(total, ops.cast(ops.size(values), dtype))
