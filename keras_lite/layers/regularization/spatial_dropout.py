"""SpatialDropout1D/2D/3D: dropout of whole feature maps (channels) rather than single entries.

The keep/drop mask has size 1 along the steps (1D) or spatial axes (2D, 3D),
so a channel is dropped everywhere at once. Owns a SeedGenerator, like
Dropout; outside training it is the identity.
"""
from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.regularization.dropout import Dropout
from keras_lite.saving.object_registration import keras_class


class _SpatialDropout(Dropout):
    rank = None  # the input rank, batch axis included

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.input_spec = InputSpec(ndim=self.rank)

    def get_config(self):
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype_policy.name}


@keras_class("keras.layers")
class SpatialDropout1D(_SpatialDropout):
    """Inputs (batch, steps, channels)."""
    rank = 3

    def _mask_shape(self, inputs):
        shape = ops.shape(inputs)
        return (shape[0], 1, shape[2])


class _ChannelsDropout(_SpatialDropout):
    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = backend_config.standardize_data_format(data_format)

    def _mask_shape(self, inputs):
        shape = ops.shape(inputs)
        ones = (1,) * (self.rank - 2)
        if self.data_format == "channels_first":
            return (shape[0], shape[1]) + ones
        return (shape[0],) + ones + (shape[-1],)

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config


@keras_class("keras.layers")
class SpatialDropout2D(_ChannelsDropout):
    """Inputs (batch, rows, cols, channels), or (batch, channels, rows, cols) with channels_first."""
    rank = 4


@keras_class("keras.layers")
class SpatialDropout3D(_ChannelsDropout):
    """Inputs (batch, d1, d2, d3, channels), or (batch, channels, d1, d2, d3) with channels_first."""
    rank = 5
