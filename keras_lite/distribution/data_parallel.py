"""DataParallel: every device holds all the weights and trains on its slice of each batch."""
from keras_lite.distribution.device_mesh import DeviceMesh
from keras_lite.distribution.devices import list_devices
from keras_lite.distribution.distribution_base import Distribution


class DataParallel(Distribution):
    """Replicate the weights on every device of a 1-D mesh and split each global batch among them;
    gradients are averaged across the replicas, so training gives the single-device result.

    Give `device_mesh` (1-D; its axis is the batch axis), or `devices`, or neither (all devices)."""

    def __init__(self, device_mesh=None, devices=None, auto_shard_dataset=True):
        if device_mesh is not None and devices is not None:
            raise ValueError("DataParallel: give device_mesh or devices, not both.")
        if device_mesh is None:
            devices = list_devices() if devices is None else list(devices)
            device_mesh = DeviceMesh((len(devices),), ["batch"], devices)
        elif not isinstance(device_mesh, DeviceMesh):
            raise TypeError(f"DataParallel: device_mesh must be a DeviceMesh, got {type(device_mesh).__name__}.")
        elif len(device_mesh.shape) != 1:
            raise ValueError(f"DataParallel needs a 1-D device mesh, got {device_mesh!r}; for a mesh that also "
                             "splits weights use ModelParallel.")
        super().__init__(device_mesh, device_mesh.axis_names[0], auto_shard_dataset)
