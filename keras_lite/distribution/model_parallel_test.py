import pytest

from keras_lite import distribution, layers
from keras_lite.backends import BACKEND

# tf.distribute mirrors every variable: the tensorflow backend refuses ModelParallel (tested last).
needs_model_parallel = pytest.mark.skipif(BACKEND == "tensorflow", reason="no ModelParallel on tensorflow")


@pytest.fixture(autouse=True)
def no_distribution_after():
    yield
    distribution.set_distribution(None)


@pytest.fixture
def layout_map():
    mesh = distribution.DeviceMesh((1, 1), ["batch", "model"], distribution.list_devices()[:1])
    layouts = distribution.LayoutMap(mesh)
    layouts["dense.*kernel"] = (None, "model")
    return layouts


@needs_model_parallel
def test_layouts_come_from_the_layout_map(layout_map):
    model_parallel = distribution.ModelParallel(layout_map=layout_map, batch_dim_name="batch")
    assert model_parallel.device_mesh is layout_map.device_mesh
    assert model_parallel.layout_map is layout_map
    assert model_parallel.num_replicas == 1
    assert model_parallel.get_data_layout((4, 2, 3)).axes == ("batch", None, None)
    assert model_parallel.get_tensor_layout("dense_3/kernel").axes == (None, "model")
    with model_parallel.scope():
        dense = layers.Dense(2, name="dense_mp")
        dense.build((None, 3))
    assert dense.kernel.layout.axes == (None, "model")
    assert dense.bias.layout.axes == (None,)  # not in the map: replicated


def test_the_batch_axis_defaults_to_the_first_mesh_axis(layout_map):
    assert distribution.ModelParallel(layout_map=layout_map).batch_dim_name == "batch"


@needs_model_parallel
def test_a_layout_whose_rank_differs_from_the_variable_fails_when_the_model_is_built(layout_map):
    layout_map["dense_rank/kernel"] = ("model",)
    with distribution.ModelParallel(layout_map=layout_map).scope():
        dense = layers.Dense(2, name="dense_rank")
        with pytest.raises(ValueError, match=r"\('model',\) \(LayoutMap key 'dense_rank/kernel'\) for variable "
                                             r"'dense_rank/kernel' has 1 axes, but the variable has rank 2"):
            dense.build((None, 3))


@pytest.mark.parametrize("kwargs, error, message", [
    ({}, ValueError, "needs a layout_map"),
    ({"batch_dim_name": "data"}, ValueError, "batch_dim_name 'data' is not an axis"),
    ({"device_mesh": "other"}, ValueError, "is not the layout_map's mesh"),
    ({"shards": 2}, TypeError, r"unexpected keyword arguments \['shards'\]"),
])
def test_bad_arguments_name_the_culprit(layout_map, kwargs, error, message):
    if kwargs != {}:
        kwargs = {"layout_map": layout_map, **kwargs}
    with pytest.raises(error, match=message):
        distribution.ModelParallel(**kwargs)


def test_the_older_device_mesh_argument_is_accepted(layout_map):
    model_parallel = distribution.ModelParallel(layout_map=layout_map, device_mesh=layout_map.device_mesh)
    assert model_parallel.device_mesh is layout_map.device_mesh


@pytest.mark.skipif(BACKEND != "tensorflow", reason="the tensorflow backend's refusal")
def test_tensorflow_refuses_model_parallel(layout_map):
    with pytest.raises(NotImplementedError, match=r"tensorflow backend cannot use the \(1, 1\) mesh.*DataParallel"):
        distribution.set_distribution(distribution.ModelParallel(layout_map=layout_map))
    assert distribution.distribution() is None
