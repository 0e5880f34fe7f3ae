"""ModelCheckpoint: save the model (or its weights) during fit, every epoch or every N batches."""
import os
import warnings

import numpy as np

from keras_lite.callbacks.monitor_callback import MonitorCallback
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class ModelCheckpoint(MonitorCallback):
    """Calls `model.save(path)` (a `.keras` file) or, with `save_weights_only`, `model.save_weights(path)`
    (a `.weights.h5` file). `filepath` may name log values, `"ckpt-{epoch:02d}-{val_loss:.2f}.keras"`;
    `{epoch}` counts from 1. With `save_best_only`, a file is written only when `monitor` improves on the
    best value so far (which starts at `initial_value_threshold`)."""

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False, save_weights_only=False,
                 mode="auto", save_freq="epoch", initial_value_threshold=None):
        super().__init__(monitor, mode, initial_value_threshold)
        self.verbose = verbose
        self.filepath = os.fspath(filepath)
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._batches_since_save = 0
        self._last_batch_seen = None
        self._current_epoch = 0
        if save_freq != "epoch" and not isinstance(save_freq, int):
            raise ValueError(f"ModelCheckpoint: save_freq must be 'epoch' or an integer, got {save_freq!r}.")
        if save_weights_only and not self.filepath.endswith(".weights.h5"):
            raise ValueError("ModelCheckpoint: with save_weights_only=True the filepath must end in .weights.h5; "
                             f"got filepath={self.filepath!r}.")
        if not save_weights_only and not self.filepath.endswith((".keras", ".h5")):
            raise ValueError(f"ModelCheckpoint: the filepath must end in .keras; got filepath={self.filepath!r}.")

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        # Batch numbers restart each epoch; count the batches run since the last save.
        seen = batch + 1 if self._last_batch_seen is None or batch <= self._last_batch_seen \
            else batch - self._last_batch_seen
        self._last_batch_seen = batch
        self._batches_since_save += seen
        if self._batches_since_save >= self.save_freq:
            self._batches_since_save = 0
            self._save(self._current_epoch, batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()
        if self.save_freq == "epoch":
            self._save(epoch, None, logs)

    def _file_path(self, epoch, batch, logs):
        fields = dict(logs or {})
        if batch is not None and "batch" not in fields:
            fields["batch"] = batch + 1
        try:
            return self.filepath.format(epoch=epoch + 1, **fields)
        except KeyError as e:
            raise ValueError(f"ModelCheckpoint: filepath {self.filepath!r} names {e}, which is not a log value. "
                             f"Available: epoch, {', '.join(fields)}.") from None

    def _should_save(self, epoch, logs, filepath):
        if not self.save_best_only:
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            return True
        if self.monitor_op is None:
            self._set_monitor_op()
        current = (logs or {}).get(self.monitor)
        if current is None:
            warnings.warn(f"ModelCheckpoint: can save the best model only with {self.monitor} available; "
                          "saving anyway.", stacklevel=3)
            return True
        if np.ndim(current) > 0:
            warnings.warn(f"ModelCheckpoint: {self.monitor} is not a scalar ({current}); saving anyway.",
                          stacklevel=3)
            return True
        best = "None" if self.best is None else f"{self.best:.5f}"
        if self._is_improvement(current, self.best):
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {best} to {current:.5f}, saving model "
                      f"to {filepath}")
            self.best = current
            return True
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {best}")
        return False

    def _save(self, epoch, batch, logs):
        filepath = self._file_path(epoch, batch, logs)
        if os.path.isdir(filepath):
            raise IsADirectoryError(f"ModelCheckpoint: filepath {filepath!r} is an existing directory; give a "
                                    "file name.")
        if not self._should_save(epoch, logs, filepath):
            return
        directory = os.path.dirname(filepath)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)
