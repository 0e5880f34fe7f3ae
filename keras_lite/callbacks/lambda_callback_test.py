"""LambdaCallback: each function given replaces its hook."""
import pytest

from keras_lite import callbacks
from keras_lite.callbacks._testing import tiny_data, tiny_model


def test_unset_hooks_do_nothing():
    callback = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: None)
    assert callback.on_train_begin() is None and callback.on_predict_end() is None


@pytest.mark.requires_trainable_backend
def test_hooks_run_in_fit_and_evaluate():
    events = []
    callback = callbacks.LambdaCallback(
        on_train_begin=lambda logs: events.append("train_begin"),
        on_epoch_begin=lambda epoch, logs: events.append(f"epoch_begin {epoch}"),
        on_train_batch_begin=lambda batch, logs: events.append(f"batch_begin {batch}"),
        on_train_batch_end=lambda batch, logs: events.append(f"batch_end {batch} {sorted(logs)}"),
        on_epoch_end=lambda epoch, logs: events.append(f"epoch_end {epoch} {sorted(logs)}"),
        on_train_end=lambda logs: events.append("train_end"),
        on_test_end=lambda logs: events.append(f"test_end {sorted(logs)}"))
    x, y = tiny_data(8)
    model = tiny_model()
    model.fit(x, y, epochs=2, batch_size=4, verbose=0, validation_data=(x, y), callbacks=[callback])
    epoch = ["batch_begin 0", "batch_end 0 ['loss']", "batch_begin 1", "batch_end 1 ['loss']",
             "test_end ['loss']"]
    assert events == (["train_begin", "epoch_begin 0"] + epoch + ["epoch_end 0 ['loss', 'val_loss']",
                      "epoch_begin 1"] + epoch + ["epoch_end 1 ['loss', 'val_loss']", "train_end"])
    events.clear()
    model.evaluate(x, y, verbose=0, callbacks=[callback])
    assert events == ["test_end ['loss']"]
