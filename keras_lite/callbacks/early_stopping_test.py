"""EarlyStopping: the stopping rule against Keras 3 on logged sequences, and inside fit."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import callbacks
from keras_lite.callbacks._testing import FakeModel, import_keras, tiny_data, tiny_model

SEQUENCES = [
    [1.0, 0.9, 0.95, 0.96, 0.97, 0.8, 0.85, 0.86, 0.87, 0.88],
    [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    [1.0, 0.99, 0.985, 0.984, 0.9, 0.89, 0.7, 0.71, 0.72, 0.73, 0.74],
]
CONFIGS = [
    dict(patience=0),
    dict(patience=2),
    dict(patience=2, min_delta=0.02),
    dict(patience=1, mode="max"),
    dict(patience=2, baseline=0.85),
    dict(patience=1, start_from_epoch=3),
    dict(patience=2, restore_best_weights=True),
    dict(patience=3, restore_best_weights=True, start_from_epoch=2, min_delta=0.01),
]


def drive(callback, model, values):
    """Feed one value per epoch as val_loss; the weights hold the epoch number."""
    callback.set_model(model)
    callback.on_train_begin()
    stops = []
    for epoch, value in enumerate(values):
        model.weights = [np.full(2, float(epoch))]
        callback.on_epoch_end(epoch, {"loss": 1.0, "val_loss": value})
        stops.append(model.stop_training)
        if model.stop_training:
            break
    callback.on_train_end()
    return stops, callback.stopped_epoch, callback.best, callback.best_epoch, model.weights[0].tolist()


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("values", SEQUENCES)
def test_stopping_rule_matches_keras(config, values):
    keras3 = import_keras()
    ours = drive(callbacks.EarlyStopping(**config), FakeModel(), values)
    theirs = drive(keras3.callbacks.EarlyStopping(**config), FakeModel(), values)
    assert ours == theirs


def test_auto_mode_reads_the_metric_direction():
    model = tiny_model(metrics=["accuracy"])
    up = callbacks.EarlyStopping(monitor="val_accuracy")
    up.set_model(model)
    up._set_monitor_op()
    assert up._is_improvement(0.9, 0.8) and not up._is_improvement(0.7, 0.8)
    down = callbacks.EarlyStopping(monitor="mean_absolute_error")
    down.set_model(model)
    down._set_monitor_op()
    assert down._is_improvement(0.7, 0.8)
    unknown = callbacks.EarlyStopping(monitor="my_custom_value")
    unknown.set_model(model)
    with pytest.raises(ValueError, match="mode='max' or mode='min'"):
        unknown._set_monitor_op()


def test_missing_monitor_warns():
    callback = callbacks.EarlyStopping(monitor="val_nothing", mode="min")
    callback.set_model(FakeModel())
    callback.on_train_begin()
    with pytest.warns(UserWarning, match="val_nothing"):
        callback.on_epoch_end(0, {"loss": 1.0})


@pytest.mark.requires_trainable_backend
def test_fit_stops_when_loss_stalls():
    x, y = tiny_data()
    model = tiny_model(optimizer=keras.optimizers.SGD(0.0))
    history = model.fit(x, y, epochs=10, batch_size=8, verbose=0, shuffle=False,  # identical epochs
                        callbacks=[callbacks.EarlyStopping(monitor="loss", patience=1)])
    assert history.epoch == [0, 1]


@pytest.mark.requires_trainable_backend
def test_fit_restores_best_weights():
    x, y = tiny_data(scale=3.0)
    model = tiny_model(optimizer=keras.optimizers.SGD(0.3))  # diverges: the first epoch is the best
    snapshots = []
    record = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: snapshots.append(model.get_weights()))
    stopper = callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
    history = model.fit(x, y, epochs=10, batch_size=4, verbose=0, validation_data=(x, y),
                        callbacks=[record, stopper])
    best = int(np.argmin(history.history["val_loss"]))
    assert stopper.best_epoch == best and len(history.epoch) == best + 3
    for restored, expected in zip(model.get_weights(), snapshots[best]):
        np.testing.assert_array_equal(restored, expected)
