"""LearningRateScheduler: the schedule reaches the optimizer (and the compiled step) each epoch."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import callbacks
from keras_lite.callbacks._testing import FakeModel, tiny_data, tiny_model


def test_schedule_of_epoch_and_rate_or_epoch_alone():
    model = FakeModel(learning_rate=0.1)
    halve = callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5)
    halve.set_model(model)
    for epoch in range(3):
        halve.on_epoch_begin(epoch)
    assert model.optimizer.learning_rate == pytest.approx(0.0125)
    by_epoch = callbacks.LearningRateScheduler(lambda epoch: 0.1 / (epoch + 1))
    by_epoch.set_model(model)
    by_epoch.on_epoch_begin(3)
    logs = {}
    by_epoch.on_epoch_end(3, logs)
    assert logs == {"learning_rate": pytest.approx(0.025)}


def test_schedule_must_return_a_float():
    callback = callbacks.LearningRateScheduler(lambda epoch: "fast")
    callback.set_model(FakeModel())
    with pytest.raises(ValueError, match="must return a float"):
        callback.on_epoch_begin(0)


@pytest.mark.requires_trainable_backend
def test_fit_follows_the_schedule():
    x, y = tiny_data()
    model = tiny_model(optimizer=keras.optimizers.SGD(0.1))
    initial = model.get_weights()
    schedule = callbacks.LearningRateScheduler(lambda epoch, lr: 0.0 if epoch < 2 else 0.05)
    # One full batch per epoch: each epoch's loss is the loss before that epoch's single step, so the
    # figures do not depend on the shuffled order; gradient descent on this convex loss must lower it.
    history = model.fit(x, y, epochs=3, batch_size=len(x), verbose=0, callbacks=[schedule])
    assert history.history["learning_rate"] == pytest.approx([0.0, 0.0, 0.05])
    loss = history.history["loss"]
    assert loss[0] == pytest.approx(loss[1]) == pytest.approx(loss[2])  # lr 0: nothing moved
    assert model.evaluate(x, y, verbose=0) < loss[2]
    assert not all(np.array_equal(a, b) for a, b in zip(initial, model.get_weights()))
