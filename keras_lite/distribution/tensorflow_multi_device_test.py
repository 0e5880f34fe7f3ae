"""TensorFlow over two logical CPU devices (set in a child process before TensorFlow starts):
DataParallel runs a MirroredStrategy that trains as a single device does, bad input fails before
training, ModelParallel is refused, and a checkpoint saved under the distribution loads in a plain
process.

The child is this file run as a program; the test in this process reads what it wrote."""
import os
import sys

import numpy as np
import pytest

from keras_lite.distribution import _testing


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from keras_lite.backends import BACKEND

    if BACKEND != "tensorflow":
        pytest.skip("the tensorflow backend's multi-device run")
    folder = tmp_path_factory.mktemp("tensorflow_multi_device")
    _testing.run_program([sys.executable, __file__, str(folder)])
    return folder, dict(np.load(folder / "results.npz"))


def test_mirrored_strategy_matches_one_device(results):
    _, out = results
    assert list(out["devices"]) == ["cpu:0", "cpu:1"]
    assert set(out["variable_types"]) == {"MirroredVariable"}
    for i in range(4):
        np.testing.assert_allclose(out[f"dp_{i}"], out[f"single_{i}"], atol=1e-5)
        np.testing.assert_allclose(out[f"dp_grouped_{i}"], out[f"single_{i}"], atol=1e-5)
    np.testing.assert_allclose(out["dp_logs"], out["single_logs"], atol=1e-6)
    np.testing.assert_allclose(out["dp_evaluation"], out["single_evaluation"], atol=1e-6)
    np.testing.assert_allclose(out["dp_odd_predictions"], out["single_odd_predictions"], atol=1e-5)


def test_bad_input_fails_before_training_and_model_parallel_is_refused(results):
    _, out = results
    assert str(out["mesh_too_large"]) == ("ValueError: DeviceMesh: shape (4,) needs 4 devices, but only 2 are "
                                          "present: ['cpu:0', 'cpu:1'].")
    assert str(out["odd_batch"]).startswith(
        "ValueError: The batch size 5 cannot be split evenly over the 2 replicas of <DataParallel")
    assert bool(out["odd_batch_weights_unchanged"])
    assert str(out["model_parallel"]).startswith(
        "NotImplementedError: The tensorflow backend cannot use the (1, 2) mesh ['batch', 'model']")
    assert "NotImplementedError: The tensorflow backend cannot split variable 'hidden/kernel' as (None, 'batch')" \
        in str(out["split_variable"])
    assert str(out["custom_train_step"]).startswith(
        "NotImplementedError: The tensorflow backend cannot distribute the custom train_step of OwnStep")


def test_a_checkpoint_saved_under_the_distribution_loads_in_a_plain_process(results):
    import keras_lite as keras

    folder, out = results
    model = keras.models.load_model(folder / "data_parallel.keras")
    x, _ = _testing.global_batches()
    np.testing.assert_allclose(model.predict(x, verbose=0), out["dp_predictions"], atol=1e-5)


def _child(folder):
    import tensorflow as tf

    tf.config.set_logical_device_configuration(tf.config.list_physical_devices("CPU")[0],
                                               [tf.config.LogicalDeviceConfiguration()] * 2)
    import keras_lite as keras
    from keras_lite import distribution

    x, y = _testing.global_batches()
    out = {"devices": distribution.list_devices()}

    def trained(dist, steps_per_execution=1):
        keras.utils.set_random_seed(0)
        if dist is None:
            model = _testing.small_model(keras, steps_per_execution)
            return model, _testing.train(model)
        with dist.scope():
            model = _testing.small_model(keras, steps_per_execution)
            return model, _testing.train(model)

    single, logs = trained(None)
    out.update({f"single_{i}": w for i, w in enumerate(single.get_weights())}, single_logs=list(logs.values()),
               single_odd_predictions=single.predict(x[:9], verbose=0),
               single_evaluation=single.evaluate(x[:29], y[:29], batch_size=8, verbose=0))

    data_parallel = distribution.DataParallel()
    model, logs = trained(data_parallel)
    out.update({f"dp_{i}": w for i, w in enumerate(model.get_weights())}, dp_logs=list(logs.values()),
               variable_types=[type(v.value).__name__ for v in model.weights])
    with data_parallel.scope():
        out["dp_odd_predictions"] = model.predict(x[:9], verbose=0)  # 9 rows do not split over 2 replicas
        out["dp_evaluation"] = model.evaluate(x[:29], y[:29], batch_size=8, verbose=0)  # a last batch of 5
        out["dp_predictions"] = model.predict(x, verbose=0)
        model.save(os.path.join(folder, "data_parallel.keras"))
        before = model.get_weights()
        out["odd_batch"] = _testing.error_message(lambda: model.fit(x, y, batch_size=5, verbose=0))
        out["odd_batch_weights_unchanged"] = all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    grouped, _ = trained(data_parallel, steps_per_execution=2)
    out.update({f"dp_grouped_{i}": w for i, w in enumerate(grouped.get_weights())})

    class OwnStep(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(4)

        def call(self, inputs):
            return self.dense(inputs)

        def train_step(self, data):
            return super().train_step(data)

    with data_parallel.scope():
        own = OwnStep()
        own.compile(optimizer="sgd", loss="mse")
        out["custom_train_step"] = _testing.error_message(lambda: own.fit(x, np.zeros((40, 4)), verbose=0))
    out["mesh_too_large"] = _testing.error_message(lambda: distribution.DeviceMesh((4,), ["batch"]))
    layouts = distribution.LayoutMap(distribution.DeviceMesh((1, 2), ["batch", "model"]))
    out["model_parallel"] = _testing.error_message(
        lambda: distribution.set_distribution(distribution.ModelParallel(layout_map=layouts)))
    flat = distribution.LayoutMap(distribution.DeviceMesh((2,), ["batch"]))
    flat["hidden/kernel"] = (None, "batch")
    with distribution.ModelParallel(layout_map=flat).scope():
        out["split_variable"] = _testing.error_message(lambda: _testing.small_model(keras))
    _testing.save_results(os.path.join(folder, "results.npz"), **out)


if __name__ == "__main__":
    _child(sys.argv[1])
