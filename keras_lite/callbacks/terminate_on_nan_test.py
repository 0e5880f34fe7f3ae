"""TerminateOnNaN: stop at the first batch whose loss is NaN/Inf, or raise."""
import numpy as np
import pytest

from keras_lite import callbacks
from keras_lite.callbacks._testing import FakeModel, tiny_data, tiny_model


def test_finite_losses_pass_and_nan_stops():
    model = FakeModel()
    callback = callbacks.TerminateOnNaN()
    callback.set_model(model)
    callback.on_train_batch_end(0, {"loss": 0.5})
    assert not model.stop_training
    callback.on_train_batch_end(1, {"loss": float("inf")})
    assert model.stop_training
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at batch 3"):
        strict = callbacks.TerminateOnNaN(raise_error=True)
        strict.set_model(FakeModel())
        strict.on_train_batch_end(3, {"loss": float("nan")})


@pytest.mark.requires_trainable_backend
def test_fit_stops_at_the_nan_batch(capsys):
    x, y = tiny_data()
    y[5] = np.nan  # in the second batch of 4
    seen = []
    count = callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append(batch))
    history = tiny_model().fit(x, y, epochs=5, batch_size=4, shuffle=False, verbose=0,
                               callbacks=[count, callbacks.TerminateOnNaN()])
    assert seen == [0, 1] and history.epoch == [0] and np.isnan(history.history["loss"][0])
    assert "Batch 1: Invalid loss, terminating training" in capsys.readouterr().out
    with pytest.raises(RuntimeError, match="at batch 1"):
        tiny_model().fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0,
                         callbacks=[callbacks.TerminateOnNaN(raise_error=True)])
