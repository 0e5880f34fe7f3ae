"""Cropping1D/2D/3D: entries removed from the start and end of each spatial dim. Owns no state.

`cropping` takes the forms ZeroPadding's `padding` does. Cropping1D works on
(batch, steps, features) only; 2D and 3D honour `data_format`. Cropping a dim
down to nothing is an error.
"""
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.reshaping._spatial_args import int_tuple, pairs, spatial_axes
from keras_lite.saving.object_registration import keras_class


class _Cropping(Layer):
    rank = None

    def __init__(self, cropping, data_format, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format
        self._pairs = pairs(cropping, self.rank, "cropping", type(self).__name__)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    @property
    def cropping(self):
        return self._pairs

    def call(self, inputs):
        shape = tuple(inputs.shape)
        index = [slice(None)] * len(shape)
        for axis, (before, after) in zip(spatial_axes(self.rank, self.data_format), self._pairs):
            if shape[axis] is not None and before + after >= shape[axis]:
                raise ValueError(
                    f"{type(self).__name__} {self.name!r}: cropping {self.cropping} leaves nothing of axis {axis} "
                    f"of the input shape {shape} (data_format={self.data_format!r}).")
            index[axis] = slice(before, -after if after else None)
        return inputs[tuple(index)]

    def get_config(self):
        config = super().get_config()
        config["cropping"] = self.cropping
        return config


@keras_class("keras.layers")
class Cropping1D(_Cropping):
    """Inputs (batch, steps, features); `cropping` an int or (start, end)."""
    rank = 1

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__((int_tuple(cropping, 2, "cropping", "Cropping1D", minimum=0),), "channels_last", **kwargs)

    @property
    def cropping(self):
        return self._pairs[0]


class _CroppingND(_Cropping):
    def __init__(self, cropping, data_format=None, **kwargs):
        super().__init__(cropping, backend_config.standardize_data_format(data_format), **kwargs)

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config


@keras_class("keras.layers")
class Cropping2D(_CroppingND):
    rank = 2

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format, **kwargs)


@keras_class("keras.layers")
class Cropping3D(_CroppingND):
    rank = 3

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format, **kwargs)
