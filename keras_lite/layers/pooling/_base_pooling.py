"""What the windowed and the global pooling layers share: argument checks, spatial axes, config.

Pooling layers own no state.
"""
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer


def int_tuple(value, n, name, layer, minimum=1):
    """An int or n ints (each >= minimum) -> a tuple of n ints; else a ValueError naming the layer."""
    try:
        values = (value,) * n if isinstance(value, int) else tuple(value)
    except TypeError:
        values = ()
    if len(values) != n or not all(isinstance(v, int) and not isinstance(v, bool) and v >= minimum
                                   for v in values):
        raise ValueError(f"{layer}: `{name}` must be an int or a tuple of {n} ints >= {minimum}; got {value!r}.")
    return values


def spatial_axes(rank, data_format):
    """The axes of the `rank` spatial dims of a (batch, ..., channels) or (batch, channels, ...) input."""
    first = 1 if data_format == "channels_last" else 2
    return tuple(range(first, first + rank))


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
