"""LearningRateScheduler: set the learning rate at the start of each epoch from `schedule(epoch, lr)`."""
import numpy as np

from keras_lite.callbacks.callback import Callback
from keras_lite.callbacks.reduce_lr_on_plateau import learning_rate_of
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class LearningRateScheduler(Callback):
    """`schedule` takes (epoch, current learning rate), or only the epoch, and returns a float.
    Logs `learning_rate` at each epoch's end."""

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError("LearningRateScheduler: the optimizer has no `learning_rate` attribute.")
        try:
            learning_rate = self.schedule(epoch, learning_rate_of(optimizer))
        except TypeError:  # a schedule of the epoch alone
            learning_rate = self.schedule(epoch)
        if not isinstance(learning_rate, (float, np.float32, np.float64)):
            raise ValueError(f"LearningRateScheduler: the schedule must return a float, got {learning_rate!r} "
                             f"for epoch {epoch}.")
        optimizer.learning_rate = learning_rate
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {learning_rate}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = learning_rate_of(self.model.optimizer)
