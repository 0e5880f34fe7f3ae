"""What the windowed and the global pooling layers share: argument checks, spatial axes, config.

Pooling layers own no state.
"""
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.reshaping._spatial_args import int_tuple, spatial_axes


class BasePooling(Layer):
    """Max or average over windows of `pool_size`, moved by `strides` (default: `pool_size`)."""
    rank = None

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        layer = type(self).__name__
        self.pool_size = int_tuple(pool_size, self.rank, "pool_size", layer)
        self.strides = self.pool_size if strides is None else int_tuple(strides, self.rank, "strides", layer)
        self.padding = str(padding).lower()
        if self.padding not in ("valid", "same"):
            raise ValueError(f"{layer}: `padding` must be 'valid' or 'same'; got {padding!r}.")
        self.data_format = backend_config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _pool(self, inputs):
        raise NotImplementedError

    def call(self, inputs):
        shape = tuple(inputs.shape)
        if self.padding == "valid":
            spatial = [shape[a] for a in spatial_axes(self.rank, self.data_format)]
            if any(d is not None and d < k for d, k in zip(spatial, self.pool_size)):
                raise ValueError(
                    f"{type(self).__name__} {self.name!r}: pool_size {self.pool_size} with padding='valid' does "
                    f"not fit the spatial dims {tuple(spatial)} of the input shape {shape} "
                    f"(data_format={self.data_format!r}).")
        return self._pool(inputs)

    def get_config(self):
        config = super().get_config()
        config.update({"pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
                       "data_format": self.data_format})
        return config


class BaseGlobalPooling(Layer):
    """Reduces all spatial dims; `keepdims=True` keeps them with size 1."""
    rank = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = backend_config.standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def _axes(self):
        return spatial_axes(self.rank, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config
