"""ModelCheckpoint: which files are written when, against Keras 3, and inside fit (real `.keras` and
`.weights.h5` files, read back)."""
import os

import numpy as np
import pytest

from keras_lite import callbacks, models
from keras_lite.callbacks._testing import FakeModel, count_calls, import_keras, tiny_data, tiny_model

LOGS = [{"loss": 1.0, "val_loss": 0.9}, {"loss": 0.8, "val_loss": 0.95}, {"loss": 0.7, "val_loss": 0.5},
        {"loss": 0.6, "val_loss": 0.5}, {"loss": 0.5, "val_loss": 0.6}]
CONFIGS = [
    dict(filepath="ckpt/model-{epoch:02d}-{val_loss:.2f}.keras"),
    dict(filepath="ckpt/best.keras", save_best_only=True),
    dict(filepath="ckpt/best.weights.h5", save_best_only=True, save_weights_only=True, monitor="loss"),
    dict(filepath="ckpt/best.keras", save_best_only=True, mode="max"),
    dict(filepath="ckpt/best.keras", save_best_only=True, initial_value_threshold=0.6),
    dict(filepath="ckpt/e{epoch}-b{batch}.keras", save_freq=3),
]


def drive(callback, tmp_path):
    model = FakeModel()
    callback.set_model(model)
    callback.set_params({"epochs": len(LOGS), "steps": 2})
    callback.on_train_begin()
    for epoch, logs in enumerate(LOGS):
        callback.on_epoch_begin(epoch)
        for batch in range(2):
            callback.on_train_batch_end(batch, {"loss": logs["loss"]})
        callback.on_epoch_end(epoch, dict(logs))
    return [(kind, os.path.relpath(path, tmp_path)) for kind, path in model.saved]


@pytest.mark.parametrize("config", CONFIGS)
def test_saves_match_keras(config, tmp_path):
    keras3 = import_keras()
    config = dict(config, filepath=str(tmp_path / config["filepath"]))
    ours = drive(callbacks.ModelCheckpoint(**config), tmp_path)
    theirs = drive(keras3.callbacks.ModelCheckpoint(**config), tmp_path)
    assert ours == theirs and ours


def test_bad_arguments_are_named(tmp_path):
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        callbacks.ModelCheckpoint(str(tmp_path / "w.keras"), save_weights_only=True)
    with pytest.raises(ValueError, match=r"must end in \.keras"):
        callbacks.ModelCheckpoint(str(tmp_path / "model.txt"))
    with pytest.raises(ValueError, match="save_freq"):
        callbacks.ModelCheckpoint(str(tmp_path / "m.keras"), save_freq="often")
    callback = callbacks.ModelCheckpoint(str(tmp_path / "m-{val_acc}.keras"))
    callback.set_model(FakeModel())
    with pytest.raises(ValueError, match="val_acc"):
        callback.on_epoch_end(0, {"loss": 1.0})


@pytest.mark.requires_trainable_backend
def test_fit_saves_every_epoch_with_formatted_names(tmp_path):
    x, y = tiny_data()
    model = tiny_model()
    pattern = str(tmp_path / "sub" / "model-{epoch:02d}-{val_loss:.3f}.keras")
    snapshots = []
    record = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: snapshots.append(model.get_weights()))
    history = model.fit(x, y, epochs=3, batch_size=8, verbose=0, validation_data=(x[:8], y[:8]),
                        callbacks=[record, callbacks.ModelCheckpoint(pattern)])
    expected = [f"model-{e + 1:02d}-{v:.3f}.keras" for e, v in enumerate(history.history["val_loss"])]
    assert sorted(os.listdir(tmp_path / "sub")) == sorted(expected)
    for name, weights in zip(expected, snapshots):
        loaded = models.load_model(tmp_path / "sub" / name)
        for got, want in zip(loaded.get_weights(), weights, strict=True):
            np.testing.assert_array_equal(got, want)


@pytest.mark.requires_trainable_backend
def test_fit_keeps_the_best_weights_only(tmp_path, monkeypatch):
    x, y = tiny_data()
    model = tiny_model()
    calls = count_calls(model, "save_weights", monkeypatch)
    path = str(tmp_path / "best.weights.h5")
    checkpoint = callbacks.ModelCheckpoint(path, monitor="val_loss", save_best_only=True,
                                           save_weights_only=True)
    snapshots = []
    record = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: snapshots.append(model.get_weights()))
    history = model.fit(x, y, epochs=4, batch_size=4, verbose=0, validation_data=(x, y),
                        callbacks=[record, checkpoint])
    val_loss = history.history["val_loss"]
    improved = [e for e in range(4) if val_loss[e] < min(val_loss[:e], default=np.inf)]
    assert calls == [path] * len(improved)
    assert checkpoint.best == min(val_loss)
    fresh = tiny_model(seed=5)
    fresh.load_weights(path)
    for got, want in zip(fresh.get_weights(), snapshots[improved[-1]], strict=True):
        np.testing.assert_array_equal(got, want)
