"""Distribution: what DataParallel and ModelParallel share — a mesh, a batch axis, the layouts."""
import contextlib

from keras_lite.distribution import global_distribution
from keras_lite.distribution.tensor_layout import TensorLayout


class Distribution:
    """How a run uses a DeviceMesh: each global batch is split along `batch_dim_name` (one slice per
    replica) and each variable lies as `get_variable_layout` says."""

    def __init__(self, device_mesh, batch_dim_name, auto_shard_dataset=True):
        self._device_mesh = device_mesh
        self._batch_dim_name = batch_dim_name
        self._auto_shard_dataset = bool(auto_shard_dataset)

    @property
    def device_mesh(self):
        return self._device_mesh

    @property
    def batch_dim_name(self):
        return self._batch_dim_name

    @property
    def auto_shard_dataset(self):
        """True: every process reads the same global batches and keeps its share of each. False: each
        process's data already is its share (the global batch joins the processes' batches)."""
        return self._auto_shard_dataset

    @property
    def num_replicas(self):
        """How many slices a global batch is cut into (the size of the batch axis)."""
        return self._device_mesh.axis_size(self._batch_dim_name)

    def get_data_layout(self, data_shape):
        """Batches are split along their first dimension over the batch axis."""
        return TensorLayout((self._batch_dim_name,) + (None,) * (len(data_shape) - 1), self._device_mesh)

    def get_variable_layout(self, variable):
        """The layout `variable` takes, checked against its shape: its own, else this distribution's
        choice (`_choose_variable_layout`)."""
        layout, source = variable.layout, "its own layout"
        if layout is None:
            layout, source = self._choose_variable_layout(variable)
        if layout is None:
            return TensorLayout((None,) * len(variable.shape), self._device_mesh)
        _check_fits(layout, variable, source)
        return layout

    def _choose_variable_layout(self, variable):
        """(layout or None for replicated, where it came from)."""
        return None, None

    def get_tensor_layout(self, path):
        """The layout for an intermediate tensor named `path`, or None."""
        return None

    @contextlib.contextmanager
    def scope(self):
        """Use this distribution for the block, then restore the one in effect before."""
        previous = global_distribution.distribution()
        global_distribution.set_distribution(self)
        try:
            yield self
        finally:
            global_distribution.set_distribution(previous)

    def __repr__(self):
        return f"<{type(self).__name__} device_mesh={self._device_mesh!r}, batch_dim_name={self._batch_dim_name!r}>"


def _check_fits(layout, variable, source):
    shape = tuple(variable.shape)
    if len(layout.axes) != len(shape):
        raise ValueError(f"The layout {layout.axes} ({source}) for variable {variable.path!r} has {len(layout.axes)} "
                         f"axes, but the variable has rank {len(shape)} (shape {shape}): give one axis (a mesh axis "
                         "name or None) per dimension.")
    mesh = layout.device_mesh
    for dim, (axis, size) in enumerate(zip(layout.axes, shape)):
        if axis is not None and size % mesh.axis_size(axis):
            raise ValueError(f"Variable {variable.path!r} of shape {shape} cannot be split as {layout.axes} "
                             f"({source}): dimension {dim} has size {size}, not a multiple of mesh axis {axis!r} of "
                             f"size {mesh.axis_size(axis)}.")
