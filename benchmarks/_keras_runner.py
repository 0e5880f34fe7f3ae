"""keras_lite and Keras 3 run the same workload code: `build_model(keras)` + `compile_model(model, keras)`,
then `fit` / `predict` / `model(x)` as a user writes them."""
import numpy as np

from _clock import EpochClock


class Runner:
    """build / fit / predict / predict_one / call_one for a Keras-API module (keras_lite or keras)."""

    def __init__(self, keras, workload, seed, verbose=0):
        self.keras = keras
        self.workload = workload
        self.seed = seed
        self.verbose = verbose
        keras.utils.set_random_seed(seed)  # not part of build: Keras 3's also seeds TensorFlow (an import)

    def build(self):
        self.model = self.workload.build_model(self.keras)
        self.workload.compile_model(self.model, self.keras)

    def fit(self, x, y, epochs):
        timer = _epoch_timer(self.keras)
        history = self.model.fit(x, y, batch_size=self.workload.BATCH, epochs=epochs, shuffle=True,
                                 verbose=self.verbose, callbacks=[timer])
        return timer.clock, [float(v) for v in history.history["loss"]]

    def predict(self, x):
        return self.model.predict(x, batch_size=self.workload.PREDICT_BATCH, verbose=0)

    def predict_one(self, x):
        return self.model.predict(x, verbose=0)

    def call_one(self, x):
        return self.keras.ops.convert_to_numpy(self.model(x))


def _epoch_timer(keras):
    class EpochTimer(keras.callbacks.Callback):
        """Times each epoch, from on_epoch_begin until the epoch's logs are on the host."""

        def __init__(self):
            super().__init__()
            self.clock = EpochClock()

        def on_epoch_begin(self, epoch, logs=None):
            self.clock.start()

        def on_epoch_end(self, epoch, logs=None):
            for value in (logs or {}).values():
                np.asarray(value)  # waits for an asynchronous engine to finish the epoch
            self.clock.stop()

    return EpochTimer()
