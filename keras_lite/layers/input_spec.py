"""InputSpec: what a layer accepts (rank, dtype, known axis sizes), checked at every call."""
import optree

from keras_lite.backends.common import dtypes
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class InputSpec:
    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = dtypes.standardize_dtype(dtype) if dtype is not None else None
        self.shape = tuple(shape) if shape is not None else None
        self.ndim = len(self.shape) if self.shape is not None else ndim
        self.max_ndim, self.min_ndim = max_ndim, min_ndim
        self.axes = {int(k): v for k, v in (axes or {}).items()}
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        self.name, self.optional = name, optional

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim, "max_ndim": self.max_ndim,
                "min_ndim": self.min_ndim, "axes": self.axes}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        fields = {k: v for k, v in self.get_config().items() if v}
        return "InputSpec(" + ", ".join(f"{k}={v}" for k, v in fields.items()) + ")"


def assert_input_compatibility(input_spec, inputs, layer_name):
    """ValueError naming the layer and the shape when an input breaks its spec."""
    if not input_spec:
        return
    specs = input_spec if isinstance(input_spec, (list, tuple)) else [input_spec]
    tensors = [inputs] if hasattr(inputs, "shape") else optree.tree_leaves(inputs)
    if len(specs) != len(tensors) and len(specs) != 1:
        raise ValueError(f"Layer {layer_name!r} expects {len(specs)} input(s), got {len(tensors)}.")
    for i, (spec, x) in enumerate(zip(specs * len(tensors) if len(specs) == 1 else specs, tensors)):
        if spec is None or not hasattr(x, "shape"):
            continue
        shape = tuple(x.shape)
        rank = len(shape)
        where = f"Input {i} of layer {layer_name!r}"
        if spec.ndim is not None and rank != spec.ndim and not (
                spec.allow_last_axis_squeeze and rank == spec.ndim + 1 and shape[-1] == 1):
            raise ValueError(f"{where} is incompatible with the layer: expected ndim={spec.ndim}, found "
                             f"ndim={rank}. Full shape received: {shape}.")
        if spec.max_ndim is not None and rank > spec.max_ndim:
            raise ValueError(f"{where}: expected at most ndim={spec.max_ndim}, found ndim={rank} (shape {shape}).")
        if spec.min_ndim is not None and rank < spec.min_ndim:
            raise ValueError(f"{where}: expected at least ndim={spec.min_ndim}, found ndim={rank} (shape {shape}).")
        if spec.dtype is not None and dtypes.standardize_dtype(x.dtype) != spec.dtype:
            raise ValueError(f"{where}: expected dtype {spec.dtype}, found {x.dtype} (shape {shape}).")
        for axis, size in spec.axes.items():
            if size is not None and -rank <= axis < rank and shape[axis] not in (None, size):
                raise ValueError(f"{where}: expected axis {axis} of size {size}, found shape {shape}.")
        if spec.shape is not None:
            for want, got in zip(spec.shape, shape):
                if want is not None and got is not None and want != got:
                    raise ValueError(f"{where}: expected shape {spec.shape}, found shape {shape}.")
