"""TensorBoard: the event files are read back with TensorFlow's own reader (the oracle)."""
import glob
import os

import numpy as np
import pytest

from keras_lite import callbacks
from keras_lite.callbacks._event_file import crc32c
from keras_lite.callbacks._testing import tiny_data, tiny_model


def test_crc32c_check_value():
    assert crc32c(b"123456789") == 0xE3069283
    assert crc32c(b"") == 0


def read_events(directory):
    tf = pytest.importorskip("tensorflow")
    (path,) = glob.glob(os.path.join(directory, "events.out.tfevents.*"))
    events = list(tf.compat.v1.train.summary_iterator(path))
    assert events[0].file_version == "brain.Event:2"
    scalars, histograms = {}, {}
    for event in events[1:]:
        for value in event.summary.value:
            if value.HasField("histo"):
                histograms[(value.tag, event.step)] = value.histo
            else:
                scalars.setdefault(value.tag, []).append((event.step, value.simple_value))
    return scalars, histograms


def test_unsupported_options_warn(tmp_path):
    with pytest.warns(UserWarning, match="write_images, profile_batch"):
        callbacks.TensorBoard(str(tmp_path), write_images=True, profile_batch=2)
    with pytest.raises(ValueError, match="update_freq"):
        callbacks.TensorBoard(str(tmp_path), update_freq="sometimes")


@pytest.mark.requires_trainable_backend
def test_fit_writes_scalars_and_histograms(tmp_path):
    x, y = tiny_data()
    model = tiny_model()
    board = callbacks.TensorBoard(str(tmp_path), histogram_freq=1, update_freq=2, write_steps_per_second=True)
    history = model.fit(x, y, epochs=2, batch_size=4, verbose=0, validation_data=(x, y), callbacks=[board])
    train, histograms = read_events(str(tmp_path / "train"))
    validation, _ = read_events(str(tmp_path / "validation"))
    np.testing.assert_allclose([v for _, v in train["epoch_loss"]], history.history["loss"], rtol=1e-6)
    np.testing.assert_allclose([v for _, v in validation["epoch_loss"]], history.history["val_loss"], rtol=1e-6)
    assert [s for s, _ in train["epoch_loss"]] == [0, 1]
    np.testing.assert_allclose([v for _, v in train["epoch_learning_rate"]], [0.05, 0.05], rtol=1e-6)
    assert [s for s, _ in train["batch_loss"]] == [2, 4, 6, 8]  # every 2nd of 8 batches
    assert len(train["epoch_steps_per_second"]) == 2 and len(train["batch_steps_per_second"]) == 4
    assert [s for s, _ in validation["evaluation_loss_vs_iterations"]] == [4, 8]
    kernel = model.layers[-1].kernel
    histo = histograms[(f"{kernel.path}/histogram", 1)]
    values = np.asarray(kernel.numpy()).ravel()
    assert histo.num == values.size and histo.min == pytest.approx(values.min())
    assert histo.max == pytest.approx(values.max()) and sum(histo.bucket) == values.size
