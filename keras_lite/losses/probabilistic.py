"""Probabilistic losses: cross-entropies (plain, focal, generalized), KL divergence and Poisson."""
from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.losses.losses import LossFunctionWrapper, prepare
from keras_lite.saving.object_registration import keras_class


def _smooth_labels(y_true, label_smoothing, num_classes):
    if not label_smoothing:
        return y_true
    return ops.add(ops.multiply(y_true, 1.0 - label_smoothing), label_smoothing / num_classes)


def _check_axis(axis, fn):
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(f"{fn}: `axis` must be an int, got {axis!r}.")


def _check_classes(y_pred, axis, fn):
    if y_pred.shape[axis] == 1:
        raise ValueError(f"{fn} needs one column per class, got predictions of shape {tuple(y_pred.shape)}; "
                         f"for one binary output use binary_crossentropy.")


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over `axis` of the elementwise binary cross-entropy; labels are smoothed towards 0.5."""
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    y_true = _smooth_labels(y_true, label_smoothing, 2)
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                              label_smoothing=0.0, axis=-1):
    """Binary cross-entropy scaled by (1 - p_t)**gamma, p_t the probability given to the true label;
    with `apply_class_balancing`, also by alpha for positives and 1 - alpha for negatives."""
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    y_true = _smooth_labels(y_true, label_smoothing, 2)
    probs = ops.sigmoid(y_pred) if from_logits else y_pred
    bce = ops.binary_crossentropy(y_true, probs)
    p_t = ops.add(ops.multiply(y_true, probs), ops.multiply(ops.subtract(1.0, y_true), ops.subtract(1.0, probs)))
    focal = ops.multiply(ops.power(ops.subtract(1.0, p_t), gamma), bce)
    if apply_class_balancing:
        balance = ops.add(ops.multiply(y_true, alpha), ops.multiply(ops.subtract(1.0, y_true), 1.0 - alpha))
        focal = ops.multiply(balance, focal)
    return ops.mean(focal, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    _check_axis(axis, "categorical_crossentropy")
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    _check_classes(y_pred, axis, "categorical_crossentropy")
    y_true = _smooth_labels(y_true, label_smoothing, y_pred.shape[axis])
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                                   axis=-1):
    """Categorical cross-entropy with each class term scaled by alpha * (1 - p)**gamma (`alpha` may be
    one value per class)."""
    _check_axis(axis, "categorical_focal_crossentropy")
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    _check_classes(y_pred, axis, "categorical_focal_crossentropy")
    y_true = _smooth_labels(y_true, label_smoothing, y_pred.shape[axis])
    probs = ops.softmax(y_pred, axis=axis) if from_logits else y_pred
    probs = ops.divide(probs, ops.sum(probs, axis=axis, keepdims=True))
    eps = config.epsilon()
    probs = ops.clip(probs, eps, 1.0 - eps)
    alpha = ops.cast(ops.convert_to_tensor(alpha), ops.dtype(probs))
    terms = ops.multiply(ops.multiply(alpha, ops.power(ops.subtract(1.0, probs), gamma)),
                         ops.negative(ops.multiply(y_true, ops.log(probs))))
    return ops.sum(terms, axis=axis)


def sparse_labels(y_true, y_pred, axis):
    """Integer labels without the size-1 class axis that `(batch, 1)` targets carry."""
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = ops.squeeze(y_true, axis=axis)
    return y_true if ops.dtype(y_true) in ("int32", "int64") else ops.cast(y_true, "int32")


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Cross-entropy against integer labels; entries labelled `ignore_class` give 0 (and are left out
    of the mean by SparseCategoricalCrossentropy)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = sparse_labels(y_true, y_pred, axis)
    if ignore_class is None:
        return ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    keep = ops.not_equal(y_true, ignore_class)
    values = ops.sparse_categorical_crossentropy(ops.where(keep, y_true, 0), y_pred, from_logits=from_logits,
                                                 axis=axis)
    return ops.where(keep, values, ops.zeros_like(values))


def categorical_generalized_cross_entropy(y_true, y_pred, q):
    """(1 - p**q) / q with p the probability of the true (integer) class: cross-entropy as q -> 0,
    mean absolute error at q = 1; robust to noisy labels in between."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = sparse_labels(y_true, y_pred, -1)
    hits = ops.one_hot(y_true, y_pred.shape[-1], dtype=ops.dtype(y_pred))
    p = ops.sum(ops.multiply(y_pred, hits), axis=-1)
    return ops.divide(ops.subtract(1.0, ops.power(p, q)), q)


def kl_divergence(y_true, y_pred):
    """sum(y_true * log(y_true / y_pred)) over the last axis, both clipped to [epsilon, 1]."""
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    eps = config.epsilon()
    y_true, y_pred = ops.clip(y_true, eps, 1.0), ops.clip(y_pred, eps, 1.0)
    return ops.sum(ops.multiply(y_true, ops.log(ops.divide(y_true, y_pred))), axis=-1)


def poisson(y_true, y_pred):
    """mean(y_pred - y_true * log(y_pred + epsilon)) over the last axis."""
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    return ops.mean(ops.subtract(y_pred, ops.multiply(y_true, ops.log(ops.add(y_pred, config.epsilon())))),
                    axis=-1)


@keras_class("keras.losses")
class BinaryCrossentropy(LossFunctionWrapper):
    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, reduction=reduction, name=name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.losses")
class BinaryFocalCrossentropy(LossFunctionWrapper):
    _config_keys = ("from_logits", "label_smoothing", "axis", "apply_class_balancing", "alpha", "gamma")

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                 axis=-1, reduction="sum_over_batch_size", name="binary_focal_crossentropy", dtype=None):
        super().__init__(binary_focal_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.losses")
class CategoricalCrossentropy(LossFunctionWrapper):
    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.losses")
class CategoricalFocalCrossentropy(LossFunctionWrapper):
    _config_keys = ("from_logits", "label_smoothing", "axis", "alpha", "gamma")

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_focal_crossentropy", dtype=None):
        super().__init__(categorical_focal_crossentropy, reduction=reduction, name=name, dtype=dtype, alpha=alpha,
                         gamma=gamma, from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


@keras_class("keras.losses")
class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Entries labelled `ignore_class` are masked out: they count neither in the sum nor the mean."""

    _config_keys = ("from_logits", "ignore_class")  # Keras does not write `axis`

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)

    def _output_mask(self, y_true, y_pred, losses):
        if self.ignore_class is None:
            return None
        labels = sparse_labels(y_true, y_pred, self.axis)
        return ops.reshape(ops.not_equal(labels, self.ignore_class), ops.shape(losses))


@keras_class("keras.losses")
class CategoricalGeneralizedCrossEntropy(LossFunctionWrapper):
    _config_keys = ("q",)

    def __init__(self, q=0.5, reduction="sum_over_batch_size", name="categorical_generalized_cross_entropy",
                 dtype=None):
        if not 0 < q < 1:
            raise ValueError(f"CategoricalGeneralizedCrossEntropy: `q` must be in the open interval (0, 1), "
                             f"got {q!r}.")
        super().__init__(categorical_generalized_cross_entropy, reduction=reduction, name=name, dtype=dtype, q=q)


@keras_class("keras.losses")
class KLDivergence(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, reduction=reduction, name=name, dtype=dtype)


@keras_class("keras.losses")
class Poisson(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, reduction=reduction, name=name, dtype=dtype)
