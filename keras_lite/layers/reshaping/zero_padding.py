"""ZeroPadding1D/2D/3D: zeros added before and after each spatial dim. Owns no state.

`padding`: an int (every side), one int per spatial dim (both sides of it), or one
(before, after) pair per spatial dim. ZeroPadding1D takes an int or one pair.
"""
from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.reshaping._spatial_args import int_tuple, pairs, spatial_axes
from keras_lite.saving.object_registration import keras_class


class _ZeroPadding(Layer):
    rank = None

    def __init__(self, padding, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = backend_config.standardize_data_format(data_format)
        self._pairs = pairs(padding, self.rank, "padding", type(self).__name__)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def padding(self):
        return self._pairs

    def call(self, inputs):
        pad_width = [(0, 0)] * (self.rank + 2)
        for axis, pair in zip(spatial_axes(self.rank, self.data_format), self._pairs):
            pad_width[axis] = pair
        return ops.pad(inputs, pad_width)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config


@keras_class("keras.layers")
class ZeroPadding1D(_ZeroPadding):
    """Inputs (batch, steps, features); `padding` an int or (before, after)."""
    rank = 1

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__((int_tuple(padding, 2, "padding", "ZeroPadding1D", minimum=0),), data_format, **kwargs)

    @property
    def padding(self):
        return self._pairs[0]


@keras_class("keras.layers")
class ZeroPadding2D(_ZeroPadding):
    rank = 2

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(padding, data_format, **kwargs)


@keras_class("keras.layers")
class ZeroPadding3D(_ZeroPadding):
    rank = 3

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(padding, data_format, **kwargs)
