"""What `compile(loss=..., metrics=...)` means for a model's outputs.

Losses and metrics may be one value (for every output), a list in output
order, or a dict keyed by output name. They are matched to the outputs the
first time real predictions are seen (`build`), so errors name the outputs.
"""
import numpy as np
import optree

from keras_lite import losses as losses_module
from keras_lite import metrics as metrics_module
from keras_lite import ops
from keras_lite.losses.loss import Loss
from keras_lite.losses.losses import LossFunctionWrapper
from keras_lite.metrics.metric import Metric
from keras_lite.metrics.reduction_metrics import Mean, MeanMetricWrapper


def output_names(model, y_pred):
    """Names of the model's outputs: dict keys in the order the model declared them, else the output layers'
    names, else output_1, ..."""
    if isinstance(y_pred, dict):
        declared = getattr(model, "_outputs_struct", None)
        return list(declared) if isinstance(declared, dict) and set(declared) == set(y_pred) else list(y_pred)
    flat = optree.tree_leaves(y_pred)
    outputs = getattr(model, "outputs", None) if hasattr(model, "_graph") else None
    if outputs and len(outputs) == len(flat):
        names = [t._keras_history[0].name for t in outputs]
        if len(set(names)) == len(names):
            return names
    return [f"output_{i + 1}" if len(flat) > 1 else "output" for i in range(len(flat))]


def flat_outputs(y_pred, names):
    """Predictions as a list in output-name order (dicts keep the model's declared order)."""
    if isinstance(y_pred, dict):
        return [y_pred[n] for n in names]
    if hasattr(y_pred, "shape"):
        return [y_pred]  # one tensor (the common case, per step): no tree walk
    return optree.tree_leaves(y_pred)


def match_targets(y_true, y_pred, names, what="targets"):
    """y_true as a flat list in the order of `flat_outputs`."""
    flat_pred = flat_outputs(y_pred, names)
    if isinstance(y_true, dict):
        unknown = sorted(set(y_true) - set(names))
        if unknown:
            raise ValueError(f"The {what} name outputs {unknown} that the model does not have; its outputs are "
                             f"{names}.")
        return [y_true.get(n) for n in names]
    if isinstance(y_true, (list, tuple)) and len(flat_pred) > 1:
        if len(y_true) != len(flat_pred):
            raise ValueError(f"The model has {len(flat_pred)} outputs {names} but {len(y_true)} {what} were given.")
        return list(y_true)
    return [y_true] if len(flat_pred) == 1 else [y_true] * len(flat_pred)


def _per_output(spec, names, what):
    """One entry (or None) per output from a single value, a list in output order or a dict."""
    if isinstance(spec, dict):
        unknown = sorted(set(spec) - set(names))
        if unknown:
            raise ValueError(f"compile({what}=...) names outputs {unknown} that the model does not have; its "
                             f"outputs are {names}.")
        return [spec.get(n) for n in names]
    if isinstance(spec, (list, tuple)):
        if len(spec) != len(names):
            raise ValueError(f"compile({what}=...) got {len(spec)} entries for {len(names)} outputs {names}.")
        return list(spec)
    return [spec] * len(names)


def _metric_groups(spec, names):
    """Metrics per output: a dict or a list of lists is per output; a flat list applies to every output."""
    if isinstance(spec, dict) or (isinstance(spec, (list, tuple)) and any(
            isinstance(x, (list, tuple)) or x is None for x in spec)):
        return _per_output(spec, names, "metrics")
    return [spec] * len(names)


def _loss_object(identifier):
    loss = losses_module.get(identifier)
    if loss is None or isinstance(loss, Loss):
        return loss
    return LossFunctionWrapper(loss, name=getattr(loss, "__name__", "loss"))


class CompileLoss:
    def __init__(self, loss, loss_weights=None):
        self._spec, self._weights_spec = loss, loss_weights
        self.built = False

    def build(self, model, y_pred):
        names = output_names(model, y_pred)
        self.names = names
        self.losses = [_loss_object(x) for x in _per_output(self._spec, names, "loss")]
        if self._weights_spec is None:
            self.weights = [1.0] * len(names)
        else:
            self.weights = [1.0 if w is None else float(w) for w in _per_output(self._weights_spec, names,
                                                                                    "loss_weights")]
        self.built = True

    def check_labels(self, y_true, y_pred):
        """Refuse, before any step, class indices that a sparse crossentropy cannot index into the
        output: the engines would silently give NaN or a wrong loss instead."""
        from keras_lite.trainers.array_data import to_numpy

        for name, loss, target, pred in zip(self.names, self.losses, match_targets(y_true, y_pred, self.names),
                                            flat_outputs(y_pred, self.names)):
            if getattr(loss, "fn", None) is not losses_module.sparse_categorical_crossentropy or target is None:
                continue
            labels = to_numpy(target)
            classes = pred.shape[loss._fn_kwargs.get("axis", -1)]
            ignored = loss._fn_kwargs.get("ignore_class")
            if classes is None or labels.dtype.kind not in "iuf":
                continue
            bad = ((labels < 0) | (labels >= classes) | (labels != np.round(labels))) & (labels != ignored)
            if bad.any():
                first = labels[bad].flat[0].item()
                raise ValueError(
                    f"Output {name!r}: {loss.name} needs integer class indices in [0, {classes}) (the output has "
                    f"{classes} classes), but the targets hold {first:g} ({int(bad.sum())} bad label(s)). Check the "
                    "labels, the size of the last layer, or use categorical_crossentropy for one-hot targets.")

    def __call__(self, y_true, y_pred, sample_weight=None):
        targets = match_targets(y_true, y_pred, self.names)
        weights = match_targets(sample_weight, y_pred, self.names, "sample weights") if sample_weight is not None \
            else [None] * len(self.names)
        total = None
        for loss, w, t, p, sw in zip(self.losses, self.weights, targets, flat_outputs(y_pred, self.names), weights):
            if loss is None or t is None:
                continue
            value = loss(t, p, sample_weight=sw)
            if w != 1.0:
                value = ops.multiply(value, w)
            total = value if total is None else ops.add(total, value)
        return total if total is not None else ops.convert_to_tensor(0.0)


def _resolve_accuracy(name, loss, y_true, y_pred):
    """"accuracy"/"acc" becomes the accuracy that fits the loss and the shapes, as in Keras."""
    fn = getattr(loss, "fn", None)
    sparse = fn is losses_module.sparse_categorical_crossentropy or (
        y_true is not None and len(ops.shape(y_true)) < len(ops.shape(y_pred))) or (
        y_true is not None and ops.shape(y_true)[-1] == 1 and ops.shape(y_pred)[-1] > 1)
    if ops.shape(y_pred)[-1] == 1 or fn is losses_module.binary_crossentropy:
        chosen = metrics_module.binary_accuracy
    elif sparse:
        chosen = metrics_module.sparse_categorical_accuracy
    else:
        chosen = metrics_module.categorical_accuracy
    return MeanMetricWrapper(chosen, name=name)


def _metric_object(identifier, loss, y_true, y_pred):
    if isinstance(identifier, str) and identifier in ("accuracy", "acc"):
        return _resolve_accuracy(identifier, loss, y_true, y_pred)
    metric = metrics_module.get(identifier)
    if isinstance(metric, Metric):
        if isinstance(identifier, str):
            metric.name = identifier  # logged under the name the user wrote ("mae"), as in Keras
        return metric
    return MeanMetricWrapper(metric, name=identifier if isinstance(identifier, str) else metric.__name__)


class CompileMetrics:
    def __init__(self, metrics, weighted_metrics):
        self._spec, self._weighted_spec = metrics, weighted_metrics
        self.built = False
        self.metrics = []

    def build(self, model, y_true, y_pred, compile_loss):
        self.names = compile_loss.names
        targets = match_targets(y_true, y_pred, self.names)
        preds = flat_outputs(y_pred, self.names)
        self._entries = []  # (output index, metric, uses sample weights)
        for spec, weighted in ((self._spec, False), (self._weighted_spec, True)):
            if spec is None:
                continue
            for i, group in enumerate(_metric_groups(spec, self.names)):
                for identifier in group if isinstance(group, (list, tuple)) else ([] if group is None else [group]):
                    metric = _metric_object(identifier, compile_loss.losses[i], targets[i], preds[i])
                    if hasattr(metric, "build") and not getattr(metric, "_built", True) and targets[i] is not None:
                        metric.build(tuple(ops.shape(targets[i])), tuple(ops.shape(preds[i])))  # data-shaped state
                    if len(self.names) > 1:
                        metric.name = f"{self.names[i]}_{metric.name}"
                    self._entries.append((i, metric, weighted))
        self.metrics = [m for _, m, _ in self._entries]
        self.built = True

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]

    def update_state(self, y_true, y_pred, sample_weight=None):
        targets = match_targets(y_true, y_pred, self.names)
        weights = match_targets(sample_weight, y_pred, self.names, "sample weights") if sample_weight is not None \
            else [None] * len(self.names)
        preds = flat_outputs(y_pred, self.names)
        for i, metric, weighted in self._entries:
            if targets[i] is not None:
                metric.update_state(targets[i], preds[i], sample_weight=weights[i] if weighted else None)

    def result(self):
        return {m.name: m.result() for m in self.metrics}

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()


def loss_tracker():
    return Mean(name="loss")
