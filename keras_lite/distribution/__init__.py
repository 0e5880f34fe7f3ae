"""`keras_lite.distribution`: data and model parallelism driven through each engine's own runtime (JAX
meshes and shardings, torch.distributed, tf.distribute), behind Keras 3's API. Imported on first use
(`keras_lite.backends.common.lazy`): a layer needs only `variable_layouts`, a trainer `training`."""
from keras_lite.backends.common import lazy as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, {
    ".data_parallel": ("DataParallel",),
    ".device_mesh": ("DeviceMesh",),
    ".devices": ("get_device_count", "initialize", "list_devices"),
    ".global_distribution": ("distribution", "set_distribution"),
    ".layout_map": ("LayoutMap",),
    ".model_parallel": ("ModelParallel",),
    ".tensor_layout": ("TensorLayout", "distribute_tensor"),
})
