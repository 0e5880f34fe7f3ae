"""TensorLayout: how the dimensions of a tensor lie on a DeviceMesh."""
from keras_lite.distribution._engine import backend_distribution


class TensorLayout:
    """One entry per tensor dimension: a mesh axis name (the dimension is split along that axis) or None
    (each device of that axis holds the whole dimension). The mesh may be given later (a LayoutMap
    gives its own)."""

    def __init__(self, axes, device_mesh=None):
        if isinstance(axes, str):
            axes = (axes,)
        self._axes = tuple(axes)
        for axis in self._axes:
            if axis is not None and not isinstance(axis, str):
                raise ValueError(f"TensorLayout: each axis is a mesh axis name or None, got {axis!r} in "
                                 f"{self._axes}.")
        named = [a for a in self._axes if a is not None]
        if len(set(named)) != len(named):
            raise ValueError(f"TensorLayout: axes {self._axes} split two dimensions along the same mesh axis.")
        self._device_mesh = None
        self._backend_layout = None
        if device_mesh is not None:
            self.device_mesh = device_mesh

    @property
    def axes(self):
        return self._axes

    @property
    def device_mesh(self):
        return self._device_mesh

    @device_mesh.setter
    def device_mesh(self, device_mesh):
        if self._device_mesh is not None and self._device_mesh is not device_mesh:
            raise ValueError(f"{self!r} already has a device mesh; a layout belongs to one mesh.")
        unknown = sorted({a for a in self._axes if a is not None} - set(device_mesh.axis_names))
        if unknown:
            raise ValueError(f"TensorLayout: axes {unknown} of {self._axes} are not axes of {device_mesh!r}.")
        self._device_mesh = device_mesh

    @property
    def is_replicated(self):
        """True when every device holds the whole tensor."""
        return all(a is None for a in self._axes)

    @property
    def backend_layout(self):
        """The engine's form of this layout (a jax NamedSharding, torch DTensor placements, ...)."""
        if self._device_mesh is None:
            raise ValueError(f"{self!r} has no device mesh yet: give one, or put the layout in a LayoutMap.")
        if self._backend_layout is None:
            self._backend_layout = backend_distribution.backend_layout(self)
        return self._backend_layout

    def __repr__(self):
        return f"<TensorLayout axes={self._axes}, device_mesh={self._device_mesh!r}>"


def distribute_tensor(tensor, layout):
    """`tensor` laid out as `layout` (a TensorLayout) says: placed on the mesh eagerly; inside a compiled
    function, a layout constraint where the engine has one (JAX)."""
    if not isinstance(layout, TensorLayout):
        raise TypeError(f"distribute_tensor: layout must be a keras_lite.distribution.TensorLayout, got "
                        f"{type(layout).__name__}.")
    rank = len(getattr(tensor, "shape", ()))
    if len(layout.axes) != rank:
        raise ValueError(f"distribute_tensor: layout axes {layout.axes} have {len(layout.axes)} entries, but the "
                         f"tensor has rank {rank} (shape {tuple(tensor.shape)}).")
    return backend_distribution.distribute_tensor(tensor, layout)
