"""SwapEMAWeights: evaluation sees the optimizer's moving averages; training keeps the raw weights."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import callbacks, ops
from keras_lite.callbacks._testing import tiny_data, tiny_model


def ema_model():
    return tiny_model(optimizer=keras.optimizers.SGD(0.05, use_ema=True, ema_momentum=0.5))


def averages(model):
    optimizer = model.optimizer
    return [np.array(ops.convert_to_numpy(optimizer.slot(v, "average").value)) for v in model.trainable_variables]


def test_needs_an_ema_optimizer():
    model = tiny_model()
    callback = callbacks.SwapEMAWeights()
    callback.set_model(model)
    with pytest.raises(ValueError, match="use_ema=True"):
        callback.on_test_begin()


@pytest.mark.requires_trainable_backend
def test_evaluate_and_predict_use_the_averages():
    x, y = tiny_data()
    model = ema_model()
    model.fit(x, y, epochs=2, batch_size=4, verbose=0)
    for weight, average in zip(model.get_weights(), averages(model)):
        np.testing.assert_array_equal(weight, average)  # fit ends by writing the averages in, as in Keras
    model.set_weights([w + 1.0 for w in model.get_weights()])  # make the weights differ from the averages again
    raw, ema = model.get_weights(), averages(model)
    assert not np.allclose(raw[0], ema[0])
    swapped_loss = model.evaluate(x, y, verbose=0, callbacks=[callbacks.SwapEMAWeights()])
    swapped_prediction = model.predict(x, verbose=0, callbacks=[callbacks.SwapEMAWeights()])
    for now, before in zip(model.get_weights(), raw):
        np.testing.assert_array_equal(now, before)  # swapped back afterwards
    model.set_weights(ema)
    np.testing.assert_allclose(swapped_loss, model.evaluate(x, y, verbose=0), rtol=1e-6)
    np.testing.assert_allclose(swapped_prediction, model.predict(x, verbose=0), rtol=1e-6)


@pytest.mark.requires_trainable_backend
def test_validation_in_fit_and_swap_on_epoch():
    x, y = tiny_data()
    model = ema_model()
    seen = []
    record = callbacks.LambdaCallback(on_test_begin=lambda logs: seen.append(model.get_weights()))
    model.fit(x, y, epochs=2, batch_size=4, verbose=0, validation_data=(x, y),
              callbacks=[callbacks.SwapEMAWeights(swap_on_epoch=True), record])
    # After the last epoch the averages are the weights for good (and the slots agree).
    for weight, average in zip(model.get_weights(), averages(model)):
        np.testing.assert_array_equal(weight, average)
    assert len(seen) == 2
    for weight, during_validation in zip(model.get_weights(), seen[-1]):
        np.testing.assert_array_equal(weight, during_validation)
