"""Callback and CallbackList: hook names, argument passing, History and the progress bar in fit."""
import pytest

from keras_lite import callbacks
from keras_lite.callbacks._testing import FakeModel, tiny_data, tiny_model


class Recorder(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_batch_end(self, batch, logs=None):
        self.calls.append(("batch_end", batch, logs))

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append(("epoch_end", epoch, logs))


def test_train_batch_hooks_default_to_on_batch_hooks():
    recorder = Recorder()
    recorder.on_train_batch_end(3, {"loss": 1.0})
    assert recorder.calls == [("batch_end", 3, {"loss": 1.0})]


def test_callback_list_passes_arguments_and_adds_defaults():
    recorder = Recorder()
    model = FakeModel()
    cbs = callbacks.CallbackList([recorder], add_history=True, add_progbar=True, model=model, epochs=2)
    assert [type(c).__name__ for c in cbs.callbacks] == ["Recorder", "ProgbarLogger", "History"]
    assert recorder.model is model and recorder.params == {"epochs": 2}
    late = Recorder()
    cbs.append(late)
    assert late.model is model and late.params == {"epochs": 2}
    cbs = callbacks.CallbackList([recorder, late])
    cbs.on_epoch_end(1)
    assert recorder.calls[-1] == late.calls[-1] == ("epoch_end", 1, None)


def test_callback_list_keeps_a_given_history():
    history = callbacks.History()
    cbs = callbacks.CallbackList([history], add_history=True)
    assert cbs.callbacks == [history]


@pytest.mark.requires_trainable_backend
def test_fit_reports_to_history_and_accepts_a_callback_list(capsys):
    x, y = tiny_data()
    recorder = Recorder()
    model = tiny_model()
    history = model.fit(x, y, epochs=2, batch_size=8, validation_data=(x, y), verbose=1, callbacks=[recorder])
    assert history is model.history and history.epoch == [0, 1]
    assert sorted(history.history) == ["loss", "val_loss"]
    assert [c[1] for c in recorder.calls if c[0] == "batch_end"] == [0, 1, 0, 1]
    out = capsys.readouterr().out
    assert out.count("Epoch ") == 2 and out.count("val_loss") == 2  # validation draws no bar of its own
    own = callbacks.CallbackList([recorder], add_history=True, model=model, epochs=1, verbose=0)
    model.fit(x, y, epochs=1, verbose=0, callbacks=own)
    assert model.history is own.callbacks[-1]
