"""ProgbarLogger: prints `Epoch i/n` and the progress bar (verbose 1) or one line per epoch (verbose 2)."""
from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class
from keras_lite.utils.progbar import Progbar


@keras_class("keras.callbacks")
class ProgbarLogger(Callback):
    def __init__(self):
        super().__init__()
        self.progbar = None
        self.seen = 0

    def _verbose(self):
        return self.params.get("verbose", 1)

    def _start(self, target):
        self.progbar = Progbar(target, verbose=self._verbose())
        self.seen = 0

    def on_train_begin(self, logs=None):
        self.epochs = self.params.get("epochs", 1)

    def on_epoch_begin(self, epoch, logs=None):
        if self._verbose() and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}", flush=True)
        self._start(self.params.get("steps"))

    def on_train_batch_end(self, batch, logs=None):
        self.seen = batch + 1
        self.progbar.update(self.seen, list((logs or {}).items()), finalize=False)

    def on_epoch_end(self, epoch, logs=None):
        self.progbar.update(self.seen, list((logs or {}).items()), finalize=True)

    def on_test_begin(self, logs=None):
        if not self.params.get("in_fit"):
            self._start(self.params.get("steps"))

    def on_test_batch_end(self, batch, logs=None):
        if not self.params.get("in_fit"):
            self.seen = batch + 1
            self.progbar.update(self.seen, list((logs or {}).items()), finalize=False)

    def on_test_end(self, logs=None):
        if not self.params.get("in_fit"):
            self.progbar.update(self.seen, list((logs or {}).items()), finalize=True)

    def on_predict_begin(self, logs=None):
        self._start(self.params.get("steps"))

    def on_predict_batch_end(self, batch, logs=None):
        self.seen = batch + 1
        self.progbar.update(self.seen, finalize=False)

    def on_predict_end(self, logs=None):
        self.progbar.update(self.seen, finalize=True)
