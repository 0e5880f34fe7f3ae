"""F-beta and F1 scores over (batch, classes) predictions, from running weighted counts."""
from keras_lite import ops
from keras_lite.backends.common import config
from keras_lite.metrics.metric import Metric
from keras_lite.saving.object_registration import keras_class

_AVERAGES = (None, "micro", "macro", "weighted")


@keras_class("keras.metrics")
class FBetaScore(Metric):
    """(1 + beta^2) P R / (beta^2 P + R) per class, or averaged: "micro" (counts pooled over classes),
    "macro" (mean of the class scores) or "weighted" (mean weighted by each class's true count).

    A prediction is positive when it exceeds `threshold`, or, with no threshold, when it is its
    row's (nonzero) maximum. State: `true_positives`, `false_positives`, `false_negatives`,
    `intermediate_weights` (the weighted true count), shape (classes,) or () for "micro", created
    on the first update (or by `build`) once the number of classes is known.
    """

    _direction = "up"

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        super().__init__(dtype=dtype, name=name)
        if average not in _AVERAGES:
            raise ValueError(f"{type(self).__name__}: `average` must be one of {_AVERAGES}; got {average!r}.")
        if not isinstance(beta, float):
            raise ValueError(f"{type(self).__name__}: `beta` must be a Python float; got {beta!r} of type "
                             f"{type(beta).__name__}.")
        if beta <= 0.0:
            raise ValueError(f"{type(self).__name__}: `beta` must be > 0; got {beta!r}.")
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(f"{type(self).__name__}: `threshold` must be a Python float; got {threshold!r} "
                                 f"of type {type(threshold).__name__}.")
            if not 0.0 < threshold <= 1.0:
                raise ValueError(f"{type(self).__name__}: `threshold` must satisfy 0 < threshold <= 1; got "
                                 f"{threshold!r}.")
        self.average = average
        self.beta = beta
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(f"{type(self).__name__} expects inputs of shape (batch_size, output_dim); got "
                             f"y_true.shape={tuple(y_true_shape)} and y_pred.shape={tuple(y_pred_shape)}.")
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(f"{type(self).__name__} needs a known output_dim; got y_true.shape="
                             f"{tuple(y_true_shape)} and y_pred.shape={tuple(y_pred_shape)}.")
        shape = () if self.average == "micro" else (y_pred_shape[-1],)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")
        self.intermediate_weights = self.add_variable(shape, "zeros", name="intermediate_weights")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.cast(ops.convert_to_tensor(y_true), self.dtype)
        y_pred = ops.cast(ops.convert_to_tensor(y_pred), self.dtype)
        if not self._built:
            self.build(y_true.shape, y_pred.shape)
        if self.threshold is None:
            # the row's maximum, unless it is zero (an all-zero row predicts nothing)
            top = ops.max(y_pred, axis=-1, keepdims=True)
            predicted = ops.logical_and(ops.greater_equal(y_pred, top), ops.greater(ops.abs(y_pred), 1e-9))
        else:
            predicted = ops.greater(y_pred, self.threshold)
        predicted = ops.cast(predicted, self.dtype)
        weights = None if sample_weight is None else ops.expand_dims(
            ops.cast(ops.convert_to_tensor(sample_weight), self.dtype), 1)

        def total(values):
            return ops.sum(values if weights is None else ops.multiply(values, weights), axis=self.axis)

        for variable, values in ((self.true_positives, ops.multiply(predicted, y_true)),
                                 (self.false_positives, ops.multiply(predicted, ops.subtract(1.0, y_true))),
                                 (self.false_negatives, ops.multiply(ops.subtract(1.0, predicted), y_true)),
                                 (self.intermediate_weights, y_true)):
            variable.assign(ops.add(variable.value, total(values)))

    def result(self):
        if not self._built:
            return ops.convert_to_tensor(0.0, dtype=self.dtype)
        eps = config.epsilon()
        tp = self.true_positives.value
        precision = ops.divide(tp, ops.add(ops.add(tp, self.false_positives.value), eps))
        recall = ops.divide(tp, ops.add(ops.add(tp, self.false_negatives.value), eps))
        b2 = self.beta ** 2
        score = ops.multiply(ops.divide(ops.multiply(precision, recall),
                                        ops.add(ops.add(ops.multiply(precision, b2), recall), eps)), 1.0 + b2)
        if self.average == "weighted":
            support = self.intermediate_weights.value
            return ops.sum(ops.multiply(score, ops.divide(support, ops.add(ops.sum(support), eps))))
        if self.average is not None:
            return ops.mean(score)
        return score

    def get_config(self):
        return {**super().get_config(), "average": self.average, "beta": self.beta, "threshold": self.threshold}


@keras_class("keras.metrics")
class F1Score(FBetaScore):
    """FBetaScore with beta = 1: the harmonic mean of precision and recall."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
