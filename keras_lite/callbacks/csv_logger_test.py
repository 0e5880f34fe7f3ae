"""CSVLogger: the file against Keras 3's for the same logs, and the rows fit writes."""
import csv

import pytest

from keras_lite import callbacks
from keras_lite.callbacks._testing import FakeModel, import_keras, tiny_data, tiny_model

LOGS = [{"loss": 1.5, "accuracy": 0.25}, {"loss": 1.25, "accuracy": 0.5, "val_loss": 1.0},
        {"loss": 1.0, "accuracy": 0.75, "val_loss": 0.5, "val_accuracy": 1.0}]


def write(callback, logs_per_epoch):
    callback.set_model(FakeModel())
    callback.on_train_begin()
    for epoch, logs in enumerate(logs_per_epoch):
        callback.on_epoch_end(epoch, dict(logs))
    callback.on_train_end()


@pytest.mark.parametrize("separator", [",", ";"])
def test_file_matches_keras(tmp_path, separator):
    keras3 = import_keras()
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    for _ in range(2):  # the second run appends
        write(callbacks.CSVLogger(str(ours), separator=separator, append=True), LOGS)
        write(keras3.callbacks.CSVLogger(str(theirs), separator=separator, append=True), LOGS)
    assert ours.read_text() == theirs.read_text()
    assert ours.read_text().splitlines()[0] == separator.join(
        ["epoch", "accuracy", "loss", "val_accuracy", "val_loss"])


@pytest.mark.requires_trainable_backend
def test_fit_writes_one_row_per_epoch(tmp_path):
    x, y = tiny_data()
    path = tmp_path / "log.csv"
    history = tiny_model().fit(x, y, epochs=3, batch_size=8, verbose=0, validation_split=0.25,
                               callbacks=[callbacks.CSVLogger(str(path))])
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["epoch"]) for r in rows] == [0, 1, 2]
    for key in ("loss", "val_loss"):
        assert [float(r[key]) for r in rows] == pytest.approx(history.history[key])
    tiny_model().fit(x, y, epochs=1, verbose=0, callbacks=[callbacks.CSVLogger(str(path))])
    assert len(path.read_text().splitlines()) == 2  # without append the file starts over
