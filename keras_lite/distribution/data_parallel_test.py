import pytest

from keras_lite import distribution, layers


@pytest.fixture(autouse=True)
def no_distribution_after():
    yield
    distribution.set_distribution(None)


def test_by_default_every_device_is_a_replica():
    data_parallel = distribution.DataParallel()
    count = distribution.get_device_count()
    assert data_parallel.device_mesh.shape == (count,)
    assert data_parallel.batch_dim_name == "batch"
    assert data_parallel.num_replicas == count
    assert data_parallel.auto_shard_dataset
    assert data_parallel.get_data_layout((8, 3)).axes == ("batch", None)
    assert data_parallel.get_tensor_layout("dense/kernel") is None
    assert repr(data_parallel).startswith("<DataParallel device_mesh=<DeviceMesh shape=")


def test_a_given_mesh_names_the_batch_axis():
    mesh = distribution.DeviceMesh((1,), ["replica"], distribution.list_devices()[:1])
    data_parallel = distribution.DataParallel(device_mesh=mesh, auto_shard_dataset=False)
    assert data_parallel.batch_dim_name == "replica"
    assert not data_parallel.auto_shard_dataset


def test_weights_are_replicated():
    with distribution.DataParallel(devices=distribution.list_devices()[:1]).scope():
        dense = layers.Dense(3)
        dense.build((None, 4))
    assert dense.kernel.layout.axes == (None, None)
    assert dense.bias.layout.axes == (None,)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"device_mesh": "mesh"}, TypeError, "must be a DeviceMesh"),
    ({"device_mesh": None, "devices": []}, ValueError, r"positive integers, got \(0,\)"),
])
def test_bad_arguments_name_the_culprit(kwargs, error, message):
    with pytest.raises(error, match=message):
        distribution.DataParallel(**kwargs)


def test_a_mesh_and_devices_together_or_a_2d_mesh_are_refused():
    devices = distribution.list_devices()[:1]
    with pytest.raises(ValueError, match="not both"):
        distribution.DataParallel(device_mesh=distribution.DeviceMesh((1,), ["batch"], devices), devices=devices)
    with pytest.raises(ValueError, match="needs a 1-D device mesh"):
        distribution.DataParallel(device_mesh=distribution.DeviceMesh((1, 1), ["batch", "model"], devices))
