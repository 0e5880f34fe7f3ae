"""Metrics built on confusion-matrix counts at decision thresholds: the four counts, precision,
recall, AUC and the "X at fixed Y" family.

A prediction counts as positive at threshold t when `y_pred > t`; labels are positive when
nonzero. Every update is plain code that assigns the count variables (DESIGN decision 9), so
`stateless_update_state` gives the pure form for jax.jit.

Evenly spaced thresholds (AUC's default grid, the "at" metrics, or any user list that is evenly
spaced over [0, 1]) take a bucket path that costs O(thresholds + samples) instead of
O(thresholds * samples): each prediction falls in one bucket and the counts per threshold are
a reversed cumulative sum. That path clips predictions to [0, 1], as Keras does.
"""
import numpy as np

from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.losses.loss import squeeze_or_expand_to_same_rank
from keras_lite.metrics.metric import Metric
from keras_lite.saving.object_registration import keras_class

# Scores outside the top k become this, so no threshold counts them as positive.
NEG_INF = -1e10
_KINDS = ("tp", "fp", "tn", "fn")


def _to_list(x):
    return list(x) if isinstance(x, (list, tuple, np.ndarray)) else [x]


def parse_thresholds(thresholds, default, owner):
    """The thresholds as a list (the default when None); user values must lie in [0, 1]."""
    if thresholds is None:
        return [default]
    thresholds = _to_list(thresholds)
    bad = [t for t in thresholds if t is None or not 0 <= t <= 1]
    if bad:
        raise ValueError(f"{owner}: `thresholds` must lie in [0, 1]; got {bad}.")
    return [float(t) for t in thresholds]


def evenly_spaced(thresholds):
    """True when the thresholds are i / (n - 1) for i in 0..n-1 (n >= 3): the bucket path applies."""
    n = len(thresholds)
    if n < 3:
        return False
    return bool(np.allclose(thresholds, np.arange(n, dtype="float32") / (n - 1), atol=config.epsilon()))


def _keep_top_k(y_pred, k):
    """Scores outside the top k of the last axis replaced by NEG_INF."""
    _, indices = ops.top_k(y_pred, k)
    keep = ops.sum(ops.one_hot(indices, y_pred.shape[-1], dtype=ops.dtype(y_pred)), axis=-2)
    return ops.add(ops.multiply(y_pred, keep), ops.multiply(ops.subtract(1.0, keep), NEG_INF))


def _sample_weight_like(sample_weight, y_true, dtype):
    """Sample weights lined up against the labels (a trailing dim of 1 dropped or broadcast)."""
    weights = ops.expand_dims(ops.cast(ops.convert_to_tensor(sample_weight), dtype), axis=-1)
    _, weights = squeeze_or_expand_to_same_rank(y_true, weights, expand_rank_1=False)
    return weights


def update_confusion_matrix_variables(variables, y_true, y_pred, thresholds, top_k=None, class_id=None,
                                      sample_weight=None, multi_label=False, label_weights=None,
                                      thresholds_distributed_evenly=False):
    """Add the weighted counts at each threshold to `variables` ({"tp"|"fp"|"tn"|"fn": Variable}).

    Counts have shape (thresholds,), or (thresholds, labels) with `multi_label` (y_pred rank 2).
    `label_weights` (one per label) weigh entries when labels are flattened (not multi_label).
    """
    unknown = [k for k in variables if k not in _KINDS]
    if unknown or not variables:
        raise ValueError(f"update_confusion_matrix_variables: keys must be among {_KINDS}; got {list(variables)}.")
    if multi_label and label_weights is not None:
        raise ValueError("update_confusion_matrix_variables: with `multi_label`, `label_weights` are applied "
                         "when the per-label results are averaged, not here.")
    dtype = next(iter(variables.values())).dtype
    y_true = ops.cast(ops.convert_to_tensor(y_true), dtype)
    y_pred = ops.cast(ops.convert_to_tensor(y_pred), dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    weights = None if sample_weight is None else _sample_weight_like(sample_weight, y_true, dtype)
    if top_k is not None:
        y_pred = _keep_top_k(y_pred, top_k)
    if class_id is not None:
        if len(y_pred.shape) < 2:
            raise ValueError(f"`class_id` needs y_pred of shape (num_samples, num_classes); got y_pred.shape="
                             f"{tuple(y_pred.shape)}.")
        y_true = y_true[..., class_id:class_id + 1]
        y_pred = y_pred[..., class_id:class_id + 1]
        if weights is not None and len(weights.shape) == len(y_pred.shape) and weights.shape[-1] not in (1, None):
            weights = weights[..., class_id:class_id + 1]
    if weights is not None:
        weights = ops.broadcast_to(weights, ops.shape(y_pred))
    if label_weights is not None:
        lw = ops.broadcast_to(ops.expand_dims(ops.cast(label_weights, dtype), 0), ops.shape(y_pred))
        weights = lw if weights is None else ops.multiply(weights, lw)
    positive = ops.cast(ops.not_equal(y_true, 0), dtype)
    if not multi_label:
        positive, y_pred = ops.reshape(positive, (-1,)), ops.reshape(y_pred, (-1,))
        weights = None if weights is None else ops.reshape(weights, (-1,))
    if thresholds_distributed_evenly:
        with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
        counts = _bucket_counts(positive, y_pred, weights, len(thresholds), multi_label, with_epsilon)
    else:
        counts = _threshold_counts(positive, y_pred, weights, ops.convert_to_tensor(
            np.asarray(thresholds), dtype=dtype), multi_label)
    for kind, variable in variables.items():
        variable.assign(ops.add(variable.value, counts(kind)))


def _counter(tp, fp, total_true, total_false):
    """kind -> counts, with the negatives derived from the totals only when asked for."""
    return lambda kind: {"tp": lambda: tp, "fp": lambda: fp, "fn": lambda: ops.subtract(total_true, tp),
                         "tn": lambda: ops.subtract(total_false, fp)}[kind]()


def _threshold_counts(positive, y_pred, weights, thresholds, multi_label):
    """Direct comparison of every prediction with every threshold: (T, M) or (T, N, L) booleans."""
    shape = (-1, 1, 1) if multi_label else (-1, 1)
    above = ops.greater(ops.expand_dims(y_pred, 0), ops.reshape(thresholds, shape))
    true_w = positive if weights is None else ops.multiply(positive, weights)
    false_w = ops.subtract(1.0, positive) if weights is None else ops.multiply(ops.subtract(1.0, positive), weights)
    above = ops.cast(above, ops.dtype(y_pred))
    tp = ops.sum(ops.multiply(above, ops.expand_dims(true_w, 0)), axis=1)
    fp = ops.sum(ops.multiply(above, ops.expand_dims(false_w, 0)), axis=1)
    return _counter(tp, fp, ops.sum(true_w, axis=0), ops.sum(false_w, axis=0))


def _reverse_cumsum(x, axis):
    return ops.flip(ops.cumsum(ops.flip(x, axis=axis), axis=axis), axis=axis)


def _bucket_counts(positive, y_pred, weights, num_thresholds, multi_label, with_epsilon):
    """Thresholds i / (T - 1): a prediction p lands in bucket ceil(p (T - 1)) - 1 and is above every
    threshold up to that bucket. With end thresholds just outside [0, 1] (AUC), p = 0 still clears
    the first one; otherwise bucket -1 clears none."""
    dtype = ops.dtype(y_pred)
    y_pred = ops.clip(y_pred, 0.0, 1.0)
    true_w = positive if weights is None else ops.multiply(positive, weights)
    false_w = ops.subtract(1.0, positive) if weights is None else ops.multiply(ops.subtract(1.0, positive), weights)
    bucket = ops.subtract(ops.ceil(ops.multiply(y_pred, float(num_thresholds - 1))), 1.0)
    if with_epsilon:
        bucket = ops.maximum(bucket, 0.0)
    inside = ops.cast(ops.greater_equal(bucket, 0.0), dtype)
    bucket = ops.cast(ops.maximum(bucket, 0.0), "int32")
    if multi_label:  # one run of T segments per label
        labels = y_pred.shape[-1]
        bucket = ops.add(bucket, ops.expand_dims(ops.multiply(ops.arange(labels, dtype="int32"), num_thresholds), 0))
        segments = num_thresholds * labels
    else:
        segments = num_thresholds

    def per_threshold(values):
        sums = ops.segment_sum(ops.reshape(ops.multiply(values, inside), (-1,)), ops.reshape(bucket, (-1,)),
                               num_segments=segments)
        if multi_label:
            return ops.transpose(_reverse_cumsum(ops.reshape(sums, (-1, num_thresholds)), axis=1))
        return _reverse_cumsum(sums, axis=0)

    return _counter(per_threshold(true_w), per_threshold(false_w), ops.sum(true_w, axis=0),
                    ops.sum(false_w, axis=0))


class _ConditionCount(Metric):
    """One confusion-matrix count per threshold. State: `accumulator` (thresholds,)."""

    _kind = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(dtype=dtype, name=name)
        self.init_thresholds = thresholds
        self.thresholds = parse_thresholds(thresholds, 0.5, type(self).__name__)
        self._thresholds_distributed_evenly = evenly_spaced(self.thresholds)
        self.accumulator = self.add_variable((len(self.thresholds),), "zeros", name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables({self._kind: self.accumulator}, y_true, y_pred, self.thresholds,
                                          sample_weight=sample_weight,
                                          thresholds_distributed_evenly=self._thresholds_distributed_evenly)

    def result(self):
        value = ops.convert_to_tensor(self.accumulator.value)
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


@keras_class("keras.metrics")
class TruePositives(_ConditionCount):
    _kind = "tp"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, name=name, dtype=dtype)


@keras_class("keras.metrics")
class TrueNegatives(_ConditionCount):
    _kind = "tn"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, name=name, dtype=dtype)


@keras_class("keras.metrics")
class FalsePositives(_ConditionCount):
    _kind = "fp"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, name=name, dtype=dtype)


@keras_class("keras.metrics")
class FalseNegatives(_ConditionCount):
    _kind = "fn"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, name=name, dtype=dtype)


class _PrecisionRecall(Metric):
    """tp / (tp + other) per threshold. With `top_k`, only the k highest scores of each row can be
    positive (the default threshold is then NEG_INF: every top-k score counts). `class_id` keeps
    one column. State: `true_positives` and `false_positives` or `false_negatives` (thresholds,)."""

    _direction = "up"
    _other = None

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(dtype=dtype, name=name)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        self.thresholds = parse_thresholds(thresholds, 0.5 if top_k is None else NEG_INF, type(self).__name__)
        self._thresholds_distributed_evenly = evenly_spaced(self.thresholds)
        n = len(self.thresholds)
        self.true_positives = self.add_variable((n,), "zeros", name="true_positives")
        names = {"fp": "false_positives", "fn": "false_negatives"}
        setattr(self, names[self._other], self.add_variable((n,), "zeros", name=names[self._other]))
        self._other_variable = getattr(self, names[self._other])

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables({"tp": self.true_positives, self._other: self._other_variable}, y_true,
                                          y_pred, self.thresholds, top_k=self.top_k, class_id=self.class_id,
                                          sample_weight=sample_weight,
                                          thresholds_distributed_evenly=self._thresholds_distributed_evenly)

    def result(self):
        tp = self.true_positives.value
        value = ops.divide_no_nan(tp, ops.add(tp, self._other_variable.value))
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


@keras_class("keras.metrics")
class Precision(_PrecisionRecall):
    _other = "fp"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, top_k=top_k, class_id=class_id, name=name, dtype=dtype)


@keras_class("keras.metrics")
class Recall(_PrecisionRecall):
    _other = "fn"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(thresholds=thresholds, top_k=top_k, class_id=class_id, name=name, dtype=dtype)


def _rates(tp, fp, tn, fn):
    """recall (= sensitivity), specificity and precision per threshold."""
    return {"recall": ops.divide_no_nan(tp, ops.add(tp, fn)), "specificity": ops.divide_no_nan(tn, ops.add(tn, fp)),
            "precision": ops.divide_no_nan(tp, ops.add(tp, fp))}


class _AtFixedRate(Metric):
    """The best `_target` over the thresholds where `_constraint` >= the given value (0 if none).

    `num_thresholds` evenly spaced thresholds over [0, 1] (just 0.5 when it is 1).
    State: `true_positives`, `false_positives`, `true_negatives`, `false_negatives` (thresholds,).
    """

    _direction = "up"
    _constraint = _target = _argument = None

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        if not 0 <= value <= 1:
            raise ValueError(f"{type(self).__name__}: `{self._argument}` must lie in [0, 1]; got {value!r}.")
        if num_thresholds <= 0:
            raise ValueError(f"{type(self).__name__}: `num_thresholds` must be an integer > 0; got "
                             f"{num_thresholds!r}.")
        super().__init__(dtype=dtype, name=name)
        setattr(self, self._argument, value)
        self.value = value
        self.num_thresholds = num_thresholds
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds, self._thresholds_distributed_evenly = [0.5], False
        else:
            self.thresholds = [0.0] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1.0]
            self._thresholds_distributed_evenly = True
        n = len(self.thresholds)
        self.true_positives = self.add_variable((n,), "zeros", name="true_positives")
        self.false_positives = self.add_variable((n,), "zeros", name="false_positives")
        self.true_negatives = self.add_variable((n,), "zeros", name="true_negatives")
        self.false_negatives = self.add_variable((n,), "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {"tp": self.true_positives, "fp": self.false_positives, "tn": self.true_negatives,
             "fn": self.false_negatives}, y_true, y_pred, self.thresholds, class_id=self.class_id,
            sample_weight=sample_weight, thresholds_distributed_evenly=self._thresholds_distributed_evenly)

    def result(self):
        rates = _rates(self.true_positives.value, self.false_positives.value, self.true_negatives.value,
                       self.false_negatives.value)
        feasible = ops.greater_equal(rates[self._constraint], self.value)
        target = rates[self._target]
        return ops.max(ops.where(feasible, target, ops.zeros_like(target)), initial=0.0)

    def get_config(self):
        return {**super().get_config(), "class_id": self.class_id, "num_thresholds": self.num_thresholds,
                self._argument: self.value}


@keras_class("keras.metrics")
class SensitivityAtSpecificity(_AtFixedRate):
    _constraint, _target, _argument = "specificity", "recall", "specificity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(specificity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)


@keras_class("keras.metrics")
class SpecificityAtSensitivity(_AtFixedRate):
    _constraint, _target, _argument = "recall", "specificity", "sensitivity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(sensitivity, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)


@keras_class("keras.metrics")
class PrecisionAtRecall(_AtFixedRate):
    _constraint, _target, _argument = "recall", "precision", "recall"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)


@keras_class("keras.metrics")
class RecallAtPrecision(_AtFixedRate):
    _constraint, _target, _argument = "precision", "recall", "precision"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(precision, num_thresholds=num_thresholds, class_id=class_id, name=name, dtype=dtype)


# The spellings Keras accepts for each option, and the one its config writes.
_CURVES = {"ROC": "ROC", "roc": "ROC", "PR": "PR", "pr": "PR", "PRGAIN": "PRGAIN", "prgain": "PRGAIN"}
_SUMMATIONS = {s: s.lower() for s in ("interpolation", "Interpolation", "majoring", "Majoring", "minoring",
                                      "Minoring")}


def _canonical(value, table, argument):
    key = getattr(value, "value", value)  # Keras's enums carry their string as `.value`
    if not isinstance(key, str) or key not in table:
        raise ValueError(f"AUC: invalid `{argument}` {value!r}; expected one of {sorted(set(table.values()))}.")
    return table[key]


@keras_class("keras.metrics")
class AUC(Metric):
    """Area under the ROC, PR or PR-gain curve, by a Riemann sum over `num_thresholds` thresholds.

    Thresholds are evenly spaced over [0, 1] (or `thresholds`, between the two ends), with the ends
    moved epsilon outside so that scores of exactly 0 or 1 are counted. `summation_method`:
    "interpolation" (trapezoids; for PR, the interpolation of Davis & Goadrich), "minoring" or
    "majoring". `multi_label`: one curve per column of a rank-2 y_pred, averaged (weighted by
    `label_weights`); otherwise entries are flattened and `label_weights` weigh them.
    `from_logits`: a sigmoid is applied first.
    State: `true_positives`, `false_positives`, `true_negatives`, `false_negatives` of shape
    (num_thresholds,) or (num_thresholds, labels); multi-label ones are created on the first update
    unless `num_labels` is given.
    """

    _direction = "up"

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", name=None, dtype=None,
                 thresholds=None, multi_label=False, num_labels=None, label_weights=None, from_logits=False):
        self.curve = _canonical(curve, _CURVES, "curve")
        self.summation_method = _canonical(summation_method, _SUMMATIONS, "summation_method")
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            inner = sorted(float(t) for t in _to_list(thresholds))
            self.num_thresholds = len(inner) + 2
            self._thresholds_distributed_evenly = evenly_spaced([0.0] + inner + [1.0])
        else:
            if num_thresholds <= 1:
                raise ValueError(f"AUC: `num_thresholds` must be an integer > 1; got {num_thresholds!r}.")
            self.num_thresholds = num_thresholds
            inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        self._thresholds = [0.0 - config.epsilon()] + inner + [1.0 + config.epsilon()]
        super().__init__(dtype=dtype, name=name)
        if num_labels and not multi_label:
            raise ValueError("AUC: `num_labels` is needed only when `multi_label` is True.")
        self.multi_label = multi_label
        self.num_labels = num_labels
        self.label_weights = None if label_weights is None else ops.convert_to_tensor(
            np.asarray(label_weights), dtype=self.dtype)
        self._from_logits = from_logits
        self._built = False
        if not multi_label:
            self.build(None, None)
        elif num_labels:
            self.build(None, (None, num_labels))

    @property
    def thresholds(self):
        return list(self._thresholds)

    def build(self, y_true_shape, y_pred_shape):
        """Create the count variables; multi-label needs y_pred's shape (batch, labels)."""
        if self.multi_label:
            if y_pred_shape is None or len(y_pred_shape) != 2:
                raise ValueError(f"AUC with multi_label=True needs y_pred of rank 2 (batch, labels); got "
                                 f"y_pred.shape={None if y_pred_shape is None else tuple(y_pred_shape)}.")
            self._num_labels = y_pred_shape[1]
            shape = (self.num_thresholds, self._num_labels)
        else:
            shape = (self.num_thresholds,)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            self.build(None, y_pred.shape)
        if self._from_logits:
            y_pred = ops.sigmoid(y_pred)
        update_confusion_matrix_variables(
            {"tp": self.true_positives, "fp": self.false_positives, "tn": self.true_negatives,
             "fn": self.false_negatives}, y_true, y_pred, self._thresholds, sample_weight=sample_weight,
            multi_label=self.multi_label, label_weights=None if self.multi_label else self.label_weights,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly)

    def _average(self, pieces):
        """Sum the per-interval pieces; multi-label: one area per label, then their (weighted) mean."""
        if not self.multi_label:
            return ops.sum(pieces)
        per_label = ops.sum(pieces, axis=0)
        if self.label_weights is None:
            return ops.mean(per_label)
        return ops.divide_no_nan(ops.sum(ops.multiply(per_label, self.label_weights)), ops.sum(self.label_weights))

    def _interpolated_pr_auc(self, tp, fp, fn):
        """PR area with tp and predicted positives p = tp + fp linear between thresholds, so precision
        is tp / p along each interval (Davis & Goadrich 2006): the integral of precision d(recall)."""
        p = ops.add(tp, fp)
        d_tp = ops.subtract(tp[:-1], tp[1:])
        d_p = ops.subtract(p[:-1], p[1:])
        slope = ops.divide_no_nan(d_tp, ops.maximum(d_p, 0.0))
        intercept = ops.subtract(tp[1:], ops.multiply(slope, p[1:]))
        both = ops.logical_and(ops.greater(p[:-1], 0.0), ops.greater(p[1:], 0.0))
        ratio = ops.where(both, ops.divide_no_nan(p[:-1], ops.maximum(p[1:], 0.0)), ops.ones_like(p[1:]))
        area = ops.multiply(slope, ops.add(d_tp, ops.multiply(intercept, ops.log(ratio))))
        return self._average(ops.divide_no_nan(area, ops.maximum(ops.add(tp[1:], fn[1:]), 0.0)))

    def result(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolated_pr_auc(tp, fp, fn)
        rates = _rates(tp, fp, tn, fn)
        if self.curve == "ROC":
            x, y = ops.divide_no_nan(fp, ops.add(fp, tn)), rates["recall"]
        elif self.curve == "PR":
            x, y = rates["recall"], rates["precision"]
        else:  # PR gain (Flach & Kull 2015), with the degenerate cases pinned as Keras pins them
            scale = ops.divide_no_nan(ops.add(tp, fn), ops.add(tn, fp))
            no_tp = ops.equal(tp, 0.0)
            recall_gain = ops.subtract(1.0, ops.multiply(scale, ops.divide_no_nan(fn, tp)))
            precision_gain = ops.subtract(1.0, ops.multiply(scale, ops.divide_no_nan(fp, tp)))
            x = ops.maximum(ops.where(no_tp, ops.zeros_like(tp), recall_gain), 0.0)
            y = ops.where(no_tp, ops.ones_like(tp), precision_gain)
        if self.summation_method == "interpolation":
            heights = ops.divide(ops.add(y[:-1], y[1:]), 2.0)
        elif self.summation_method == "minoring":
            heights = ops.minimum(y[:-1], y[1:])
        else:
            heights = ops.maximum(y[:-1], y[1:])
        return self._average(ops.multiply(ops.subtract(x[:-1], x[1:]), heights))

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        label_weights = None if self.label_weights is None else [
            float(w) for w in np.asarray(ops.convert_to_numpy(self.label_weights))]
        config = {**super().get_config(), "num_thresholds": self.num_thresholds, "curve": self.curve,
                  "summation_method": self.summation_method, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": label_weights, "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = [float(t) for t in self._thresholds[1:-1]]
        return config
