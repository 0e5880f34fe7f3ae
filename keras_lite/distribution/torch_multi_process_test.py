"""torch over two processes started with torchrun (gloo on loopback): DataParallel trains as one
process does, every process starts from process 0's weights, bad input fails before training, layouts that
split a variable are refused, and a checkpoint written by process 0 loads in a plain process.

The children are this file run by torchrun; the test in this process reads what they wrote and runs
the single-process reference."""
import os
import sys

import numpy as np
import pytest

from keras_lite.distribution import _testing


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from keras_lite.backends import BACKEND

    if BACKEND != "torch":
        pytest.skip("the torch backend's multi-process run")
    folder = tmp_path_factory.mktemp("torch_multi_process")
    _testing.run_program([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
                          "--master_addr=127.0.0.1", f"--master_port={_testing.free_port()}", __file__, str(folder)])
    return folder, [dict(np.load(folder / f"results_{rank}.npz")) for rank in (0, 1)]


@pytest.fixture(scope="module")
def reference(results):
    """One process trained from process 0's initial weights on the same global batches."""
    import keras_lite as keras

    _, (first, _) = results
    model = _testing.small_model(keras)
    model.set_weights([first[f"initial_{i}"] for i in range(4)])
    logs = _testing.train(model)
    x, y = _testing.global_batches()
    return model, logs, model.predict(x[:11], verbose=0), model.evaluate(x[:27], y[:27], batch_size=8, verbose=0)


def test_two_processes_train_as_one(results, reference):
    _, outs = results
    model, logs, odd_predictions, evaluation = reference
    for out in outs:
        assert list(out["devices"]) == ["cpu:0", "cpu:1"]
        for i, weight in enumerate(model.get_weights()):
            np.testing.assert_allclose(out[f"final_{i}"], weight, atol=1e-5)
        np.testing.assert_allclose(out["logs"], list(logs.values()), atol=1e-6)
        np.testing.assert_allclose(out["odd_predictions"], odd_predictions, atol=1e-5)  # 11 rows: not split
        np.testing.assert_allclose(out["evaluation"], evaluation, atol=1e-6)  # a last batch of 3: run whole
    np.testing.assert_array_equal(outs[1]["initial_2"], outs[0]["initial_2"])  # process 0's unseeded kernel


def test_weights_made_before_the_distribution_start_from_process_0s(results):
    _, outs = results
    assert not np.array_equal(outs[1]["early_initial_2"], outs[0]["early_initial_2"])  # each drew its own...
    np.testing.assert_array_equal(outs[1]["early_final_2"], outs[0]["early_final_2"])  # ...then trained from 0's


def test_bad_input_fails_before_training_and_split_layouts_are_refused(results):
    _, outs = results
    for out in outs:
        assert str(out["mesh_too_large"]) == ("ValueError: DeviceMesh: shape (4,) needs 4 devices, but only 2 are "
                                              "present: ['cpu:0', 'cpu:1'].")
        assert str(out["odd_batch"]).startswith(
            "ValueError: The batch size 5 cannot be split evenly over the 2 replicas of <DataParallel")
        assert bool(out["odd_batch_weights_unchanged"])
        assert str(out["different_batches"]).startswith("ValueError: The processes read different first batches")
        assert ("NotImplementedError: The torch backend cannot split variable 'hidden/kernel' as (None, 'model')"
                in str(out["split_variable"]))
        assert str(out["mesh_of_one"]).startswith("ValueError: The torch backend drives one device per process, but "
                                                  "<DeviceMesh shape=(1,), axis_names=['batch']> holds 1 devices in "
                                                  "a run of 2 process(es)")


def test_a_tensor_split_along_the_batch_is_each_process_share(results):
    _, outs = results
    for rank, out in enumerate(outs):
        np.testing.assert_array_equal(out["shared_tensor"], np.arange(8).reshape(4, 2)[2 * rank:2 * rank + 2])


def test_a_checkpoint_written_by_process_0_loads_in_a_plain_process(results):
    import keras_lite as keras

    folder, outs = results
    assert sorted(p.name for p in folder.glob("*.keras")) == ["data_parallel.keras"]
    model = keras.models.load_model(folder / "data_parallel.keras")
    x, _ = _testing.global_batches()
    np.testing.assert_allclose(model.predict(x, verbose=0), outs[0]["predictions"], atol=1e-5)


def _child(folder):
    import keras_lite as keras
    from keras_lite import distribution
    from keras_lite.distribution import devices

    distribution.initialize()
    rank = devices.process_id()
    x, y = _testing.global_batches()
    out = {"devices": distribution.list_devices()}
    early = _testing.small_model(keras)
    out["early_initial_2"] = early.get_weights()[2]
    data_parallel = distribution.DataParallel()
    with data_parallel.scope():
        early.fit(x[:8], y[:8], verbose=0)
    out["early_final_2"] = early.get_weights()[2]
    with data_parallel.scope():
        model = _testing.small_model(keras)
        out.update({f"initial_{i}": w for i, w in enumerate(model.get_weights())})
        logs = _testing.train(model)
        out.update({f"final_{i}": w for i, w in enumerate(model.get_weights())}, logs=list(logs.values()),
                   predictions=model.predict(x, verbose=0), odd_predictions=model.predict(x[:11], verbose=0),
                   evaluation=model.evaluate(x[:27], y[:27], batch_size=8, verbose=0))
        if rank == 0:
            model.save(os.path.join(folder, "data_parallel.keras"))
        before = model.get_weights()
        out["odd_batch"] = _testing.error_message(lambda: model.fit(x, y, batch_size=5, verbose=0))
        out["odd_batch_weights_unchanged"] = all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
        shuffled = _testing.small_model(keras)
        out["different_batches"] = _testing.error_message(lambda: shuffled.fit(x, y, batch_size=8, verbose=0))
    out["mesh_too_large"] = _testing.error_message(lambda: distribution.DeviceMesh((4,), ["batch"]))
    one_device = distribution.DataParallel(device_mesh=distribution.DeviceMesh((1,), ["batch"], ["cpu:0"]))
    out["mesh_of_one"] = _testing.error_message(lambda: distribution.set_distribution(one_device))
    import torch

    out["shared_tensor"] = distribution.distribute_tensor(torch.arange(8).reshape(4, 2), distribution.TensorLayout(
        ("batch", None), data_parallel.device_mesh)).numpy()
    layouts = distribution.LayoutMap(distribution.DeviceMesh((1, 2), ["batch", "model"]))
    layouts["hidden/kernel"] = (None, "model")
    with distribution.ModelParallel(layout_map=layouts).scope():
        out["split_variable"] = _testing.error_message(lambda: _testing.small_model(keras))
    _testing.save_results(os.path.join(folder, f"results_{rank}.npz"), **out)


if __name__ == "__main__":
    _child(sys.argv[1])
