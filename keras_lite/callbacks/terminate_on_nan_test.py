"""TerminateOnNaN: stop at the first batch whose loss is NaN/Inf, or raise."""
import numpy as np
import pytest

from keras_lite import callbacks, models
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


@pytest.mark.requires_trainable_backend
def test_nan_stops_training_and_the_last_good_checkpoint_still_loads(tmp_path):
    """Epoch 1 is clean and checkpointed; epoch 2 meets a NaN target: training stops there and the file
    from epoch 1 is left as it was, loading with that epoch's weights."""
    x, y = tiny_data(n=8)
    x_nan, y_nan = tiny_data(n=8)
    y_nan[5] = np.nan
    model = tiny_model()
    path = tmp_path / "best.keras"
    checkpoint = callbacks.ModelCheckpoint(str(path), monitor="loss", save_best_only=True)
    model.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0, callbacks=[checkpoint])
    good = model.get_weights()
    saved = path.read_bytes()
    history = model.fit(x_nan, y_nan, epochs=3, batch_size=4, shuffle=False, verbose=0,
                        callbacks=[checkpoint, callbacks.TerminateOnNaN()])
    assert history.epoch == [0] and np.isnan(history.history["loss"][0])
    assert path.read_bytes() == saved
    loaded = models.load_model(path)
    for got, want in zip(loaded.get_weights(), good, strict=True):
        np.testing.assert_array_equal(got, want)
    assert not any(np.isnan(w).any() for w in loaded.get_weights())
