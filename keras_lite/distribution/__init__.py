"""`keras_lite.distribution`: data and model parallelism driven through each engine's own runtime (JAX
meshes and shardings, torch.distributed, tf.distribute), behind Keras 3's API."""
from keras_lite.distribution.data_parallel import DataParallel
from keras_lite.distribution.device_mesh import DeviceMesh
from keras_lite.distribution.devices import get_device_count, initialize, list_devices
from keras_lite.distribution.global_distribution import distribution, set_distribution
from keras_lite.distribution.layout_map import LayoutMap
from keras_lite.distribution.model_parallel import ModelParallel
from keras_lite.distribution.tensor_layout import TensorLayout, distribute_tensor

__all__ = ["DataParallel", "DeviceMesh", "LayoutMap", "ModelParallel", "TensorLayout", "distribute_tensor",
           "distribution", "get_device_count", "initialize", "list_devices", "set_distribution"]
