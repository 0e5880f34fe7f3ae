"""DeviceMesh: devices arranged in a grid whose axes have names."""
import numpy as np

from keras_lite.distribution._engine import backend_distribution
from keras_lite.distribution.devices import list_devices


class DeviceMesh:
    """A grid of devices: `shape` (2, 2) with `axis_names` ("batch", "model") is 4 devices, split one way
    for the batch and the other way for model weights. `devices` defaults to every device present."""

    def __init__(self, shape, axis_names, devices=None):
        try:
            shape = tuple(int(s) for s in shape)
        except (TypeError, ValueError):
            raise ValueError(f"DeviceMesh: shape must be a tuple of positive integers, got {shape!r}.") from None
        if not shape or min(shape) < 1:
            raise ValueError(f"DeviceMesh: shape must be a tuple of positive integers, got {shape!r}.")
        axis_names = [axis_names] if isinstance(axis_names, str) else list(axis_names)
        if len(axis_names) != len(shape):
            raise ValueError(f"DeviceMesh: {len(axis_names)} axis_names {axis_names} for a {len(shape)}-D shape "
                             f"{shape}; give one name per axis.")
        if not all(isinstance(n, str) and n for n in axis_names) or len(set(axis_names)) != len(axis_names):
            raise ValueError(f"DeviceMesh: axis_names must be distinct non-empty strings, got {axis_names}.")
        present = list_devices()
        devices = present if devices is None else [str(d) for d in np.asarray(devices, dtype=object).reshape(-1)]
        size = int(np.prod(shape))
        if size > len(present):
            raise ValueError(f"DeviceMesh: shape {shape} needs {size} devices, but only {len(present)} are "
                             f"present: {present}.")
        unknown = [d for d in devices if d not in present]
        if unknown:
            raise ValueError(f"DeviceMesh: devices {unknown} are not present; present devices: {present}.")
        if len(set(devices)) != len(devices):
            raise ValueError(f"DeviceMesh: devices {devices} name a device twice.")
        if len(devices) != size:
            raise ValueError(f"DeviceMesh: shape {shape} holds {size} devices, but {len(devices)} were given: "
                             f"{devices}. Give as many devices as the shape holds.")
        self._shape = shape
        self._axis_names = axis_names
        self._devices = np.asarray(devices).reshape(shape)
        self._backend_mesh = None

    @property
    def shape(self):
        return self._shape

    @property
    def axis_names(self):
        return self._axis_names

    @property
    def devices(self):
        """The device names as an array of the mesh's shape."""
        return self._devices

    @property
    def backend_mesh(self):
        """The engine's form of this mesh (a jax Mesh, a tf.distribute strategy, a torch DeviceMesh), made
        once; it raises here when the engine cannot drive this mesh."""
        if self._backend_mesh is None:
            self._backend_mesh = backend_distribution.backend_mesh(self)
        return self._backend_mesh

    def axis_size(self, name):
        return self._shape[self._axis_names.index(name)]

    def __repr__(self):
        return f"<DeviceMesh shape={self._shape}, axis_names={self._axis_names}>"
