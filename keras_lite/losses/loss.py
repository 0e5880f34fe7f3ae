"""The Loss base class: per-sample losses from `call`, then sample weights, masks and reduction.

A mask may come from the predictions (`y_pred._keras_mask`, set by masking layers) or from the
loss itself (`_output_mask`, e.g. ignored classes); entries it masks out count neither in the
sum nor in the divisor of a mean.
"""
from keras_lite import ops
from keras_lite.backends.common import dtypes, naming
from keras_lite.saving.object_registration import keras_class

REDUCTIONS = ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none", None)


@keras_class("keras.losses")
class Loss:
    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        if reduction not in REDUCTIONS:
            raise ValueError(f"Loss {name!r}: reduction must be one of {REDUCTIONS}, got {reduction!r}.")
        self.name = name or naming.to_snake_case(type(self).__name__)
        self.reduction = reduction
        self._dtype = dtype

    @property
    def dtype(self):
        from keras_lite.dtype_policies import dtype_policy as policies

        return policies.get(self._dtype).compute_dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        dtype = self.dtype
        in_mask = getattr(y_pred, "_keras_mask", None)
        y_pred = ops.convert_to_tensor(y_pred, dtype=dtype)
        y_true = ops.convert_to_tensor(y_true)
        true_dtype = ops.dtype(y_true)
        if true_dtype == "bool" or dtypes.is_float_dtype(true_dtype):
            y_true = ops.cast(y_true, dtype)
        losses = self.call(y_true, y_pred)
        out_mask = self._output_mask(y_true, y_pred, losses)
        if out_mask is None:
            out_mask = getattr(losses, "_keras_mask", None)
        mask = in_mask if out_mask is None else out_mask if in_mask is None else ops.logical_and(
            ops.cast(in_mask, "bool"), ops.cast(out_mask, "bool"))
        return reduce_weighted_values(losses, sample_weight, mask, self.reduction, dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred).")

    def _output_mask(self, y_true, y_pred, losses):
        """Entries of `losses` to keep (bool, same shape), or None for all. Overridden by losses that
        leave entries out (an ignored class, rows without pairs)."""
        return None

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Line up the ranks of two tensors that differ only by a trailing dim of 1: `(batch,)` against
    `(batch, 1)` gains that dim when `expand_rank_1`, anything longer loses it."""
    rank1, rank2 = len(x1.shape), len(x2.shape)
    if rank1 == rank2 + 1 and x1.shape[-1] == 1:
        if rank2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    elif rank2 == rank1 + 1 and x2.shape[-1] == 1:
        if rank1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def _match_rank(weights, values):
    """Squeeze or expand `weights` so that it broadcasts against the per-sample values."""
    while len(weights.shape) > len(values.shape) and weights.shape[-1] == 1:
        weights = ops.squeeze(weights, axis=-1)
    while len(weights.shape) < len(values.shape):
        weights = ops.expand_dims(weights, axis=-1)
    return weights


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size", dtype=None):
    """Apply the mask and sample weights to per-sample values, then reduce them.

    "sum_over_batch_size" and "mean" divide by the number of entries the mask keeps (all of them
    without a mask); "mean_with_sample_weight" divides by the total weight instead.
    """
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}.")
    values = ops.convert_to_tensor(values)
    dtype = dtype or ops.dtype(values)
    values = ops.cast(values, dtype)
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
    if mask is not None:
        return ops.divide_no_nan(total, ops.sum(ops.multiply(ops.ones_like(values), mask)))
    count = ops.cast(ops.size(values), dtype)
    if all(type(d) is int and d for d in values.shape):
        return ops.divide(total, count)  # a count known to be non-zero needs no guard
    return ops.divide_no_nan(total, count)
