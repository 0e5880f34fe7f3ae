"""Circle loss (Sun et al., 2020) for metric learning on L2-normalised embeddings.

Each query row is pulled towards reference rows with its label and pushed from the others, each
pair weighted by how far it is from its optimum. Rows with nothing to compare (loss 0) are left out
of the mean by the Circle class.
"""
from keras_lite import ops
from keras_lite.losses.losses import LossFunctionWrapper
from keras_lite.saving.object_registration import keras_class

_NO_PAIR = -1e9  # stands for -inf in the log-sum-exp so rows without pairs stay finite (softplus -> 0)


def _pair_masks(labels, ref_labels, remove_diagonal):
    same = ops.equal(ops.reshape(labels, (-1, 1)), ops.reshape(ref_labels, (1, -1)))
    negative = ops.logical_not(same)
    if remove_diagonal:
        same = ops.logical_and(same, ops.logical_not(ops.eye(ops.shape(same)[0], ops.shape(same)[1], dtype="bool")))
    return same, negative


def circle(y_true, y_pred, ref_labels=None, ref_embeddings=None, remove_diagonal=True, gamma=80, margin=0.4):
    """Per-row circle loss. `y_true` integer labels (batch,), `y_pred` normalised embeddings (batch, dim);
    the references default to the batch itself."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.cast(ops.convert_to_tensor(y_true), "int32")
    refs = y_pred if ref_embeddings is None else ops.convert_to_tensor(ref_embeddings)
    ref_labels = labels if ref_labels is None else ops.cast(ops.convert_to_tensor(ref_labels), "int32")
    distance = ops.relu(ops.subtract(1.0, ops.matmul(y_pred, ops.transpose(refs))))
    positive, negative = _pair_masks(labels, ref_labels, remove_diagonal)
    pos_weight = ops.relu(ops.multiply(ops.add(distance, margin), ops.cast(positive, ops.dtype(distance))))
    neg_weight = ops.relu(ops.multiply(ops.subtract(1.0 + margin, distance), ops.cast(negative, ops.dtype(distance))))
    pos_logits = ops.multiply(ops.multiply(pos_weight, ops.subtract(margin, distance)), -float(gamma))
    neg_logits = ops.multiply(ops.multiply(neg_weight, ops.subtract(1.0 - margin, distance)), float(gamma))
    pos_term = ops.logsumexp(ops.where(positive, pos_logits, _NO_PAIR), axis=1)
    neg_term = ops.logsumexp(ops.where(negative, neg_logits, _NO_PAIR), axis=1)
    return ops.softplus(ops.add(pos_term, neg_term))


@keras_class("keras.losses")
class Circle(LossFunctionWrapper):
    _config_keys = ("gamma", "margin", "remove_diagonal")

    def __init__(self, gamma=80.0, margin=0.4, remove_diagonal=True, reduction="sum_over_batch_size", name="circle",
                 dtype=None):
        super().__init__(circle, reduction=reduction, name=name, dtype=dtype, gamma=gamma, margin=margin,
                         remove_diagonal=remove_diagonal)

    def _output_mask(self, y_true, y_pred, losses):
        return ops.greater(losses, 0.0)
