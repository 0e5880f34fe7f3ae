"""TerminateOnNaN: stop training (or raise) as soon as a batch's loss is NaN or infinite."""
import numpy as np

from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class TerminateOnNaN(Callback):
    def __init__(self, raise_error: bool = False):
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None or np.isfinite(loss):
            return
        if self.raise_error:
            raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. Loss value: {loss}. "
                               "Terminating training immediately.")
        print(f"Batch {batch}: Invalid loss, terminating training")
        self.model.stop_training = True
