"""ReduceLROnPlateau: multiply the learning rate by `factor` when a monitored value stops improving."""
import warnings

import numpy as np

from keras_lite import ops
from keras_lite.callbacks.monitor_callback import MonitorCallback
from keras_lite.saving.object_registration import keras_class


def learning_rate_of(optimizer):
    return float(ops.convert_to_numpy(optimizer.learning_rate))


@keras_class("keras.callbacks")
class ReduceLROnPlateau(MonitorCallback):
    """After `patience` epochs without an improvement larger than `min_delta`, the learning rate becomes
    max(lr * factor, min_lr); then `cooldown` epochs pass before counting again. Logs `learning_rate`."""

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto", min_delta=1e-4,
                 cooldown=0, min_lr=0.0, **kwargs):
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau: factor must be below 1.0, got factor={factor}.")
        if kwargs:
            warnings.warn(f"ReduceLROnPlateau: ignoring unknown keyword argument(s) {sorted(kwargs)}.", stacklevel=2)
        self.factor = factor
        self.min_lr = min_lr
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs=None):
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def in_cooldown(self):
        return self.cooldown_counter > 0

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()
        logs = logs if logs is not None else {}
        optimizer = self.model.optimizer
        logs["learning_rate"] = learning_rate_of(optimizer)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Learning rate reduction is conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(logs)}.", stacklevel=3)
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = learning_rate_of(optimizer)
                if old_lr > np.float32(self.min_lr):
                    new_lr = max(old_lr * self.factor, self.min_lr)
                    optimizer.learning_rate = new_lr
                    if self.verbose > 0:
                        print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {new_lr}.")
                    self.cooldown_counter = self.cooldown
                    self.wait = 0
