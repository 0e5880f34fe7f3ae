"""fit / evaluate / predict under a one-device distribution, in this process, on every backend (the
multi-device runs are in the *_multi_*_test.py files)."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import distribution
from keras_lite.backends import BACKEND
from keras_lite.distribution import _testing


@pytest.fixture(autouse=True)
def no_distribution_after():
    yield
    distribution.set_distribution(None)


def _one_device():
    return distribution.DataParallel(devices=distribution.list_devices()[:1])


@pytest.mark.requires_trainable_backend
def test_a_one_device_distribution_trains_as_a_plain_run():
    keras.utils.set_random_seed(0)
    plain = _testing.small_model(keras)
    plain_logs = _testing.train(plain)
    keras.utils.set_random_seed(0)
    with _one_device().scope():
        model = _testing.small_model(keras)
        logs = _testing.train(model)
        x, y = _testing.global_batches()
        predictions = model.predict(x, batch_size=16, verbose=0)
        evaluation = model.evaluate(x, y, batch_size=16, verbose=0)
    for a, b in zip(plain.get_weights(), model.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-6)
    assert logs == pytest.approx(plain_logs, abs=1e-6)
    np.testing.assert_allclose(predictions, plain.predict(x, verbose=0), atol=1e-5)
    assert evaluation == pytest.approx(plain.evaluate(x, y, verbose=0), abs=1e-6)
    assert all(v.layout is not None for v in model.optimizer.variables + model.metrics_variables)


def test_inference_under_a_distribution_gives_the_plain_results():
    model = _testing.small_model(keras)
    x, y = _testing.global_batches()
    plain = model.predict(x, verbose=0), model.evaluate(x, y, verbose=0)
    with _one_device().scope():
        distributed = model.predict(x, verbose=0), model.evaluate(x, y, verbose=0)
    np.testing.assert_allclose(distributed[0], plain[0], atol=1e-6)
    assert distributed[1] == pytest.approx(plain[1], abs=1e-6)


def test_steps_are_rebuilt_when_the_distribution_changes():
    model = _testing.small_model(keras)
    plain_function = model._function("predict")
    assert model._function("predict") is plain_function
    with _one_device().scope():
        assert model._function("predict") is not plain_function
    assert model._function("predict") is not plain_function  # made anew for the plain run


@pytest.mark.skipif(BACKEND == "tensorflow", reason="no ModelParallel on tensorflow")
def test_weights_made_before_a_model_parallel_distribution_stay_whole_with_a_warning():
    model = _testing.small_model(keras)
    mesh = distribution.DeviceMesh((1, 1), ["batch", "model"], distribution.list_devices()[:1])
    layouts = distribution.LayoutMap(mesh)
    layouts["hidden/kernel"] = (None, "model")
    x, y = _testing.global_batches()
    with distribution.ModelParallel(layout_map=layouts).scope():
        with pytest.warns(UserWarning, match=r"\['hidden/kernel'\] were created before .* replicated"):
            model.evaluate(x, y, verbose=0)
    assert model.get_layer("hidden").kernel.layout.axes == (None, None)
