"""JAX over four host CPU devices (XLA's --xla_force_host_platform_device_count, set in a child process
before JAX starts): DataParallel and a 2x2 ModelParallel train as a single device does, the Dense kernels
are split as the LayoutMap says, bad input fails before training, and a checkpoint saved under the
distribution loads in a plain process.

The child is this file run as a program; the test in this process reads what it wrote."""
import os
import sys

import numpy as np
import pytest

from keras_lite.distribution import _testing

MP_LAYOUTS = {"hidden/kernel": (None, "model"), "logits/kernel": ("model", None)}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from keras_lite.backends import BACKEND

    if BACKEND != "jax":
        pytest.skip("the jax backend's multi-device run")
    folder = tmp_path_factory.mktemp("jax_multi_device")
    xla_flags = f"--xla_force_host_platform_device_count=4 {os.environ.get('XLA_FLAGS', '')}"
    _testing.run_program([sys.executable, __file__, str(folder)], env={"XLA_FLAGS": xla_flags})
    return folder, dict(np.load(folder / "results.npz"))


def test_data_parallel_matches_one_device(results):
    _, out = results
    assert list(out["devices"]) == ["cpu:0", "cpu:1", "cpu:2", "cpu:3"]
    for i in range(4):
        np.testing.assert_allclose(out[f"dp_{i}"], out[f"single_{i}"], atol=1e-5)
        np.testing.assert_allclose(out[f"dp_scan_{i}"], out[f"single_{i}"], atol=1e-5)
    np.testing.assert_allclose(out["dp_logs"], out["single_logs"], atol=1e-6)
    assert int(out["dp_devices_per_weight"]) == 4  # every weight replicated on the four devices
    np.testing.assert_allclose(out["dp_odd_predictions"], out["single_odd_predictions"], atol=1e-5)


def test_model_parallel_splits_the_kernels_as_the_layout_map_says_and_matches_one_device(results):
    _, out = results
    for i in range(4):
        np.testing.assert_allclose(out[f"mp_{i}"], out[f"single_{i}"], atol=1e-5)
    np.testing.assert_allclose(out["mp_logs"], out["single_logs"], atol=1e-6)
    specs = dict(zip(out["mp_paths"], out["mp_specs"]))
    assert specs == {"hidden/kernel": "(None, 'model')", "hidden/bias": "(None,)",
                     "logits/kernel": "('model', None)", "logits/bias": "(None,)"}
    slots = dict(zip(out["mp_slot_paths"], out["mp_slot_specs"]))
    assert slots["adam/hidden_kernel_momentum"] == "(None, 'model')"
    assert slots["adam/logits_kernel_velocity"] == "('model', None)"
    assert int(out["mp_shard_columns"]) == 4  # each device holds half of hidden/kernel's 8 columns


def test_distribute_tensor_places_eagerly_and_constrains_in_a_compiled_function(results):
    _, out = results
    assert str(out["placed_spec"]) == str(out["constrained_spec"]) == "('batch', None)"


def test_bad_input_fails_before_training(results):
    _, out = results
    assert str(out["mesh_too_large"]) == ("ValueError: DeviceMesh: shape (4, 2) needs 8 devices, but only 4 are "
                                          "present: ['cpu:0', 'cpu:1', 'cpu:2', 'cpu:3'].")
    assert str(out["rank_mismatch"]).startswith("ValueError: Layer 'hidden' (Dense) could not be built: ")
    assert (
        "The layout ('model',) (LayoutMap key 'hidden/kernel') for variable 'hidden/kernel' has 1 axes, "
        "but the variable has rank 2 (shape (6, 8))") in str(out["rank_mismatch"])
    assert str(out["odd_batch"]).startswith(
        "ValueError: The batch size 6 cannot be split evenly over the 4 replicas of <DataParallel")
    assert bool(out["odd_batch_weights_unchanged"])
    assert (
        "Variable 'odd/kernel' of shape (6, 3) cannot be split as (None, 'model') (LayoutMap key "
        "'odd/kernel'): dimension 1 has size 3, not a multiple of mesh axis 'model' of size 2."
    ) in str(out["indivisible_split"])


def test_a_checkpoint_saved_under_the_distribution_loads_in_a_plain_process(results):
    import keras_lite as keras

    folder, out = results
    model = keras.models.load_model(folder / "model_parallel.keras")
    x, _ = _testing.global_batches()
    np.testing.assert_allclose(model.predict(x, verbose=0), out["mp_predictions"], atol=1e-5)


def _child(folder):
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
               single_odd_predictions=single.predict(x[:10], verbose=0))

    data_parallel = distribution.DataParallel()
    model, logs = trained(data_parallel)
    out.update({f"dp_{i}": w for i, w in enumerate(model.get_weights())}, dp_logs=list(logs.values()),
               dp_devices_per_weight=len(model.weights[0].value.sharding.device_set))
    with data_parallel.scope():
        out["dp_odd_predictions"] = model.predict(x[:10], verbose=0)  # 10 rows do not split over 4 replicas
        before = model.get_weights()
        out["odd_batch"] = _testing.error_message(lambda: model.fit(x, y, batch_size=6, verbose=0))
        out["odd_batch_weights_unchanged"] = all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    scan_model, _ = trained(data_parallel, steps_per_execution=5)
    out.update({f"dp_scan_{i}": w for i, w in enumerate(scan_model.get_weights())})

    mesh = distribution.DeviceMesh((2, 2), ["batch", "model"])
    layouts = distribution.LayoutMap(mesh)
    for key, axes in MP_LAYOUTS.items():
        layouts[key] = axes
    model_parallel = distribution.ModelParallel(layout_map=layouts, batch_dim_name="batch")
    model, logs = trained(model_parallel)
    out.update({f"mp_{i}": w for i, w in enumerate(model.get_weights())}, mp_logs=list(logs.values()),
               mp_paths=[v.path for v in model.weights],
               mp_specs=[_spec(v) for v in model.weights],
               mp_slot_paths=[v.path for v in model.optimizer.variables],
               mp_slot_specs=[_spec(v) for v in model.optimizer.variables],
               mp_shard_columns=model.get_layer("hidden").kernel.value.addressable_shards[0].data.shape[1])
    import jax

    row_split = distribution.TensorLayout(("batch", None), mesh)
    out["placed_spec"] = _spec(distribution.distribute_tensor(x, row_split))
    out["constrained_spec"] = _spec(jax.jit(lambda t: distribution.distribute_tensor(t * 2, row_split))(x))
    with model_parallel.scope():
        out["mp_predictions"] = model.predict(x, verbose=0)
        model.save(os.path.join(folder, "model_parallel.keras"))

    out["mesh_too_large"] = _testing.error_message(lambda: distribution.DeviceMesh((4, 2), ["batch", "model"]))
    bad = distribution.LayoutMap(mesh)
    bad["hidden/kernel"] = ("model",)
    bad["odd/kernel"] = (None, "model")
    with distribution.ModelParallel(layout_map=bad).scope():
        out["rank_mismatch"] = _testing.error_message(lambda: _testing.small_model(keras))
        out["indivisible_split"] = _testing.error_message(lambda: keras.layers.Dense(3, name="odd").build((None, 6)))
    _testing.save_results(os.path.join(folder, "results.npz"), **out)


def _spec(array):
    """The sharding of an array (or a variable's value) as one entry per dimension (JAX may drop trailing
    Nones)."""
    array = getattr(array, "value", array)
    spec = tuple(array.sharding.spec)
    return str(spec + (None,) * (array.ndim - len(spec)))


if __name__ == "__main__":
    _child(sys.argv[1])
