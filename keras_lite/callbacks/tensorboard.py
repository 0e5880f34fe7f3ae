"""TensorBoard: write fit's logs as TensorBoard event files (scalars and weight histograms).

Writes `log_dir/train` and `log_dir/validation` with the tags Keras uses: `epoch_<name>` per epoch
(validation values without their `val_` prefix, plus `epoch_learning_rate` and, if asked,
`epoch_steps_per_second`), `batch_<name>` every `update_freq` batches, `evaluation_<name>_vs_iterations`
after each evaluation, and `<weight path>/histogram` every `histogram_freq` epochs. The files are
written directly (`_event_file.py`), so neither TensorFlow nor TensorBoard is needed to write them.
Not written: the model graph (`write_graph`), weight images (`write_images`), profiles (`profile_batch`)
and embeddings (`embeddings_freq`); those options are accepted and a warning says they are ignored.
"""
import os
import time
import warnings

from keras_lite import ops
from keras_lite.callbacks._event_file import EventFileWriter, histogram_value, scalar_value
from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class TensorBoard(Callback):
    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0, embeddings_freq=0,
                 embeddings_metadata=None):
        super().__init__()
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        if update_freq != "epoch" and update_freq != "batch" and not isinstance(update_freq, int):
            raise ValueError(f"TensorBoard: update_freq must be 'epoch', 'batch' or an integer, got {update_freq!r}.")
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self.profile_batch = profile_batch
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        ignored = [name for name, value in (("write_images", write_images), ("profile_batch", profile_batch),
                                            ("embeddings_freq", embeddings_freq)) if value]
        if ignored:
            warnings.warn(f"keras_lite's TensorBoard writes scalars and histograms only; ignoring "
                          f"{', '.join(ignored)}.", stacklevel=2)
        self._writers = {}
        self._global_train_batch = 0
        self._global_test_batch = 0

    def _writer(self, kind):
        if kind not in self._writers:
            self._writers[kind] = EventFileWriter(os.path.join(self.log_dir, kind))
        return self._writers[kind]

    def _learning_rate(self):
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is None or not hasattr(optimizer, "learning_rate"):
            return None
        return float(ops.convert_to_numpy(optimizer.learning_rate))

    def _iterations(self):
        return int(ops.convert_to_numpy(self.model.optimizer.iterations.value))

    def on_train_begin(self, logs=None):
        self._global_train_batch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_start = time.time()
        self._epoch_start_iterations = self._iterations() if self.write_steps_per_second else 0

    def on_train_batch_begin(self, batch, logs=None):
        self._global_train_batch += 1
        self._batch_start = time.time()

    def on_train_batch_end(self, batch, logs=None):
        if self.update_freq == "epoch" or self._global_train_batch % self.update_freq:
            return
        values = [scalar_value(f"batch_{name}", value) for name, value in (logs or {}).items()]
        if self.write_steps_per_second:
            values.append(scalar_value("batch_steps_per_second",
                                       1.0 / max(time.time() - self._batch_start, 1e-9)))
        self._writer("train").add(self._global_train_batch, values)

    def on_test_batch_begin(self, batch, logs=None):
        self._global_test_batch += 1

    def on_test_end(self, logs=None):
        optimizer = getattr(self.model, "optimizer", None)
        if logs and optimizer is not None and hasattr(optimizer, "iterations"):
            self._writer("validation").add(self._iterations(), [
                scalar_value(f"evaluation_{name}_vs_iterations", value) for name, value in logs.items()])

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        train = {k: v for k, v in logs.items() if not k.startswith("val_")}
        validation = {k[4:]: v for k, v in logs.items() if k.startswith("val_")}
        learning_rate = self._learning_rate()
        if learning_rate is not None:
            train["learning_rate"] = learning_rate
        if self.write_steps_per_second:
            train["steps_per_second"] = ((self._iterations() - self._epoch_start_iterations)
                                         / max(time.time() - self._epoch_start, 1e-9))
        if train:
            self._writer("train").add(epoch, [scalar_value(f"epoch_{k}", v) for k, v in train.items()])
        if validation:
            self._writer("validation").add(epoch, [scalar_value(f"epoch_{k}", v) for k, v in validation.items()])
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._writer("train").add(epoch, [
                histogram_value(f"{weight.path.replace(':', '_')}/histogram", ops.convert_to_numpy(weight.value))
                for layer in self.model.layers for weight in layer.weights])
        for writer in self._writers.values():
            writer.flush()

    def on_train_end(self, logs=None):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
