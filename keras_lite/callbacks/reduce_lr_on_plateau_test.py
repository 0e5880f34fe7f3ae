"""ReduceLROnPlateau: learning-rate sequences against Keras 3, and inside fit."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import callbacks
from keras_lite.callbacks._testing import FakeModel, import_keras, tiny_data, tiny_model

VALUES = [1.0, 0.9, 0.9, 0.9, 0.9, 0.95, 0.89995, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
CONFIGS = [
    dict(patience=1),
    dict(patience=2, factor=0.5),
    dict(patience=1, factor=0.5, cooldown=2),
    dict(patience=1, factor=0.2, min_lr=0.005),
    dict(patience=1, min_delta=0.0),
    dict(patience=2, mode="max"),
]


def drive(callback, values):
    model = FakeModel(learning_rate=0.1)
    callback.set_model(model)
    callback.on_train_begin()
    rates, logged = [], []
    for epoch, value in enumerate(values):
        logs = {"val_loss": value}
        callback.on_epoch_end(epoch, logs)
        rates.append(float(model.optimizer.learning_rate))
        logged.append(logs["learning_rate"])
    return rates, logged


@pytest.mark.parametrize("config", CONFIGS)
def test_learning_rates_match_keras(config):
    keras3 = import_keras()
    ours = drive(callbacks.ReduceLROnPlateau(**config), VALUES)
    theirs = drive(keras3.callbacks.ReduceLROnPlateau(**config), VALUES)
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)


def test_factor_of_one_or_more_is_refused():
    with pytest.raises(ValueError, match="factor"):
        callbacks.ReduceLROnPlateau(factor=1.0)


@pytest.mark.requires_trainable_backend
def test_fit_lowers_the_optimizer_learning_rate():
    x, y = tiny_data()
    model = tiny_model(optimizer=keras.optimizers.SGD(1e-9))  # the loss can't improve by min_delta
    history = model.fit(x, y, epochs=5, batch_size=8, verbose=0,
                        callbacks=[callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)])
    # Logged before the epoch's reduction, as Keras logs it.
    np.testing.assert_allclose(history.history["learning_rate"], [1e-9, 1e-9, 1e-9, 5e-10, 5e-10], rtol=1e-5)
    np.testing.assert_allclose(float(keras.ops.convert_to_numpy(model.optimizer.learning_rate)), 2.5e-10,
                               rtol=1e-5)
