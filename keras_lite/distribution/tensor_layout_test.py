import numpy as np
import pytest

from keras_lite import distribution, ops


@pytest.fixture
def mesh():
    return distribution.DeviceMesh((1, 1), ["batch", "model"], distribution.list_devices()[:1])


def test_a_layout_names_mesh_axes_or_none(mesh):
    layout = distribution.TensorLayout((None, "model"), mesh)
    assert layout.axes == (None, "model")
    assert layout.device_mesh is mesh
    assert not layout.is_replicated
    assert distribution.TensorLayout((None, None), mesh).is_replicated
    assert "axes=(None, 'model')" in repr(layout)


def test_the_mesh_may_come_later_but_only_once(mesh):
    layout = distribution.TensorLayout(("batch",))
    assert layout.device_mesh is None
    with pytest.raises(ValueError, match="has no device mesh yet"):
        layout.backend_layout
    layout.device_mesh = mesh
    other = distribution.DeviceMesh((1, 1), ["batch", "model"], distribution.list_devices()[:1])
    with pytest.raises(ValueError, match="already has a device mesh"):
        layout.device_mesh = other


@pytest.mark.parametrize("axes, message", [
    (("batch", "batch"), "same mesh axis"),
    ((3,), "mesh axis name or None"),
    (("nope",), r"\['nope'\] .* are not axes"),
])
def test_bad_layouts_name_the_culprit(mesh, axes, message):
    with pytest.raises(ValueError, match=message):
        distribution.TensorLayout(axes, mesh)


def test_distribute_tensor_places_the_values():
    mesh = distribution.DeviceMesh((1,), ["batch"], distribution.list_devices()[:1])
    x = np.arange(6, dtype="float32").reshape(3, 2)
    out = distribution.distribute_tensor(ops.convert_to_tensor(x), distribution.TensorLayout(("batch", None), mesh))
    if type(out).__name__ == "PerReplica":  # tensorflow: one slice per replica
        out = np.concatenate([ops.convert_to_numpy(part) for part in out.values])
    np.testing.assert_array_equal(ops.convert_to_numpy(out), x)


def test_distribute_tensor_checks_the_rank_and_the_layout_type(mesh):
    x = ops.ones((2, 3))
    with pytest.raises(ValueError, match=r"have 1 entries, but the tensor has rank 2 \(shape \(2, 3\)\)"):
        distribution.distribute_tensor(x, distribution.TensorLayout(("batch",), mesh))
    with pytest.raises(TypeError, match="must be a keras_lite.distribution.TensorLayout"):
        distribution.distribute_tensor(x, (None, None))
