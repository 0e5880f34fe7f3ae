"""MonitorCallback: the shared part of callbacks that watch one logged value (EarlyStopping,
ReduceLROnPlateau, ModelCheckpoint): which direction is better, and what counts as an improvement."""
import warnings

from keras_lite.callbacks.callback import Callback

# With mode="auto", a metric whose object doesn't state `_direction` is judged by its name.
_HIGHER_IS_BETTER = ("acc", "auc", "precision", "recall", "f1_score", "fbeta", "iou", "r2_score",
                     "cosine_similarity", "true_positives", "true_negatives", "specificity", "sensitivity")
_LOWER_IS_BETTER = ("loss", "error", "crossentropy", "hinge", "divergence", "poisson", "logcosh",
                    "false_positives", "false_negatives")


class MonitorCallback(Callback):
    def __init__(self, monitor="val_loss", mode="auto", baseline=None, min_delta=0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__}: mode {mode!r} is unknown, using 'auto'.", stacklevel=3)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op = None

    def _set_monitor_op(self):
        """Pick `<` or `>` as the "better" test; the min_delta shift then points the same way."""
        higher = {"min": False, "max": True}.get(self.mode)
        if higher is None:
            higher = self._higher_is_better(self.monitor.removeprefix("val_"))
        self.monitor_op = (lambda a, b: a > b) if higher else (lambda a, b: a < b)
        self._sign = 1 if higher else -1

    def _higher_is_better(self, name):
        if name == "loss":
            return False
        for metric in _flat_metrics(self.model):
            if getattr(metric, "name", None) == name and hasattr(metric, "_direction"):
                return metric._direction == "up"
        if any(part in name for part in _HIGHER_IS_BETTER):
            return True
        if any(part in name for part in _LOWER_IS_BETTER):
            return False
        raise ValueError(f"{type(self).__name__}: cannot tell whether monitor={self.monitor!r} should be maximized "
                         "or minimized. Pass mode='max' or mode='min'.")

    def _is_improvement(self, value, reference):
        if reference is None:
            return True
        return bool(self.monitor_op(value - self._sign * self.min_delta, reference))


def _flat_metrics(model):
    found = []
    for metric in getattr(model, "metrics", None) or []:
        found.append(metric)
        found.extend(getattr(metric, "metrics", None) or [])
    return found
