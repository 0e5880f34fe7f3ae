"""SwapEMAWeights: evaluate (and save) with the optimizer's moving averages of the weights."""
import numpy as np

from keras_lite import ops
from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class SwapEMAWeights(Callback):
    """Needs an optimizer with `use_ema=True`. During evaluate/predict (and validation in fit) the model
    holds the averages; training continues on the raw weights. With `swap_on_epoch=True` the averages
    are also in the model between epochs (so checkpoints save them), and after the last epoch the
    averages become the weights for good."""

    def __init__(self, swap_on_epoch=False):
        super().__init__()
        self.swap_on_epoch = swap_on_epoch
        self._ema_weights_in_model = False

    def _pairs(self):
        optimizer = self.model.optimizer
        if not getattr(optimizer, "use_ema", False):
            raise ValueError("SwapEMAWeights needs an optimizer built with use_ema=True; "
                             f"{getattr(optimizer, 'name', optimizer)!r} has use_ema=False.")
        if not optimizer.built:
            return []
        return [(v, optimizer.slot(v, "average")) for v in optimizer._trainable_variables]

    def _swap(self, into_model):
        if self._ema_weights_in_model == into_model:
            return
        for variable, average in self._pairs():
            raw = np.array(ops.convert_to_numpy(variable.value))  # a copy: torch shares memory with numpy
            variable.assign(average.value)
            average.assign(raw)
        self._ema_weights_in_model = into_model

    def _finalize(self):
        """Keep the averages as the weights: the slots take the same values."""
        for variable, average in self._pairs():
            average.assign(variable.value)

    def on_epoch_begin(self, epoch, logs=None):
        if self.swap_on_epoch:
            self._swap(into_model=False)

    def on_epoch_end(self, epoch, logs=None):
        if self.swap_on_epoch:
            self._swap(into_model=True)
            if epoch == self.params.get("epochs", 0) - 1:
                self._finalize()

    def on_test_begin(self, logs=None):
        self._swap(into_model=True)

    def on_test_end(self, logs=None):
        self._swap(into_model=False)

    def on_predict_begin(self, logs=None):
        self._swap(into_model=True)

    def on_predict_end(self, logs=None):
        self._swap(into_model=False)
