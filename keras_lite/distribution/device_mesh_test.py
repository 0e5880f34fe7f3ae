import numpy as np
import pytest

from keras_lite import distribution


def test_a_mesh_over_every_device_present():
    devices = distribution.list_devices()
    mesh = distribution.DeviceMesh((len(devices),), ["batch"])
    assert mesh.shape == (len(devices),)
    assert mesh.axis_names == ["batch"]
    assert list(mesh.devices) == devices
    assert mesh.axis_size("batch") == len(devices)
    assert repr(mesh) == f"<DeviceMesh shape=({len(devices)},), axis_names=['batch']>"


def test_a_mesh_of_one_device_keeps_its_shape():
    mesh = distribution.DeviceMesh((1, 1), ("batch", "model"), devices=distribution.list_devices()[:1])
    assert mesh.devices.shape == (1, 1)
    assert mesh.axis_size("model") == 1


def test_a_mesh_larger_than_the_devices_present_is_refused():
    count = distribution.get_device_count()
    with pytest.raises(ValueError, match=rf"shape \({count + 1}, 2\) needs {2 * count + 2} devices, but only {count}"):
        distribution.DeviceMesh((count + 1, 2), ["batch", "model"])


@pytest.mark.parametrize("shape, names, devices, message", [
    ((2,), ["a", "b"], None, "2 axis_names"),
    ((0,), ["a"], None, "positive integers"),
    ("x", ["a"], None, "positive integers"),
    ((1,), [""], None, "distinct non-empty"),
    ((1, 1), ["a", "a"], None, "distinct non-empty"),
    ((1,), ["a"], ["nowhere:7"], r"\['nowhere:7'\] are not present"),
])
def test_bad_meshes_name_the_culprit(shape, names, devices, message):
    with pytest.raises(ValueError, match=message):
        distribution.DeviceMesh(shape, names, devices)


def test_fewer_devices_than_the_shape_holds():
    present = distribution.list_devices()
    if len(present) < 2:
        pytest.skip("needs two devices")
    with pytest.raises(ValueError, match="holds 2 devices, but 1 were given"):
        distribution.DeviceMesh((2,), ["batch"], present[:1])


def test_the_engine_mesh_is_made_once():
    mesh = distribution.DeviceMesh((1,), ["batch"], distribution.list_devices()[:1])
    assert mesh.backend_mesh is mesh.backend_mesh
    assert isinstance(mesh.devices, np.ndarray)
