"""ProgbarLogger: prints `Epoch i/n` and the progress bar (verbose 1) or one line per epoch (verbose 2).

Validation inside fit draws no bar. When the number of steps is unknown (a generator), the first epoch's
bar has no target and later ones use the count seen in the first.
"""
from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class
from keras_lite.utils.progbar import Progbar


@keras_class("keras.callbacks")
class ProgbarLogger(Callback):
    def __init__(self):
        super().__init__()
        self.progbar = None
        self.seen = 0
        self.target = None
        self._in_fit = False

    def _verbose(self):
        return self.params.get("verbose", 1)

    def _start(self):
        self.progbar = Progbar(self.target, verbose=self._verbose())
        self.seen = 0

    def _update(self, batch, logs):
        self.seen = batch + 1
        self.progbar.update(self.seen, logs or {}, finalize=False)  # a mapping: read only when drawn

    def _finish(self, logs):
        self.progbar.update(self.seen, list((logs or {}).items()), finalize=True)
        self.target = self.target or self.seen

    def _quiet(self):
        return self._in_fit or self.params.get("in_fit")

    def on_train_begin(self, logs=None):
        self.epochs = self.params.get("epochs", 1)
        self.target = self.params.get("steps")
        self._in_fit = True

    def on_train_end(self, logs=None):
        self._in_fit = False

    def on_epoch_begin(self, epoch, logs=None):
        if self._verbose() and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}", flush=True)
        self._start()

    def on_train_batch_end(self, batch, logs=None):
        self._update(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._finish(logs)

    def on_test_begin(self, logs=None):
        if not self._quiet():
            self.target = self.params.get("steps")
            self._start()

    def on_test_batch_end(self, batch, logs=None):
        if not self._quiet():
            self._update(batch, logs)

    def on_test_end(self, logs=None):
        if not self._quiet():
            self._finish(logs)

    def on_predict_begin(self, logs=None):
        self.target = self.params.get("steps")
        self._start()

    def on_predict_batch_end(self, batch, logs=None):
        self.seen = batch + 1
        self.progbar.update(self.seen, finalize=False)

    def on_predict_end(self, logs=None):
        self.progbar.update(self.seen, finalize=True)
