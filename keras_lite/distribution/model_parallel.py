"""ModelParallel: weights split over one mesh axis as a LayoutMap says, batches over another."""
from keras_lite.distribution.distribution_base import Distribution
from keras_lite.distribution.layout_map import LayoutMap


class ModelParallel(Distribution):
    """Lay out each variable as `layout_map` says (variables it does not name are replicated) and split
    each global batch along `batch_dim_name` (default: the mesh's first axis). With a (2, 2) mesh over
    ("batch", "model") and `layout_map["dense.*kernel"] = (None, "model")`, each Dense kernel's columns
    are split over the "model" axis while the batch is split over "batch"."""

    def __init__(self, *, layout_map=None, batch_dim_name=None, auto_shard_dataset=True, **kwargs):
        device_mesh = kwargs.pop("device_mesh", None)  # Keras's older spelling: the mesh given apart
        if kwargs:
            raise TypeError(f"ModelParallel got unexpected keyword arguments {sorted(kwargs)}.")
        if not isinstance(layout_map, LayoutMap):
            raise ValueError(f"ModelParallel needs a layout_map (a keras_lite.distribution.LayoutMap), got "
                             f"{layout_map!r}.")
        if device_mesh is not None and device_mesh is not layout_map.device_mesh:
            raise ValueError(f"ModelParallel: device_mesh {device_mesh!r} is not the layout_map's mesh "
                             f"{layout_map.device_mesh!r}.")
        device_mesh = layout_map.device_mesh
        batch_dim_name = batch_dim_name or device_mesh.axis_names[0]
        if batch_dim_name not in device_mesh.axis_names:
            raise ValueError(f"ModelParallel: batch_dim_name {batch_dim_name!r} is not an axis of {device_mesh!r}.")
        super().__init__(device_mesh, batch_dim_name, auto_shard_dataset)
        self._layout_map = layout_map

    @property
    def layout_map(self):
        return self._layout_map

    def _choose_variable_layout(self, variable):
        key, layout = self._layout_map.match(variable.path)
        return layout, f"LayoutMap key {key!r}"

    def get_tensor_layout(self, path):
        return self._layout_map[path]
