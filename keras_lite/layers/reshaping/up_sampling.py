"""UpSampling1D/2D/3D: each spatial dim made `size` times longer. Owns no state.

Nearest-neighbour upsampling repeats every entry `size` times along its dim.
UpSampling2D may instead interpolate (`interpolation` = 'bilinear', 'bicubic',
'lanczos3' or 'lanczos5') through `ops.image.resize`, which needs known
height and width on data; a symbolic call with unknown ones still gets its shape.
"""
from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.reshaping._spatial_args import int_tuple, spatial_axes
from keras_lite.ops.image import INTERPOLATIONS
from keras_lite.saving.object_registration import keras_class


class _UpSampling(Layer):
    rank = None

    def __init__(self, size, data_format, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format
        self._factors = int_tuple(size, self.rank, "size", type(self).__name__)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs):
        for axis, factor in zip(spatial_axes(self.rank, self.data_format), self._factors):
            inputs = ops.repeat(inputs, factor, axis=axis)
        return inputs


@keras_class("keras.layers")
class UpSampling1D(_UpSampling):
    """Inputs (batch, steps, features) -> (batch, steps * size, features)."""
    rank = 1

    def __init__(self, size=2, **kwargs):
        super().__init__(size, "channels_last", **kwargs)
        self.size = self._factors[0]

    def get_config(self):
        config = super().get_config()
        config["size"] = self.size
        return config


@keras_class("keras.layers")
class UpSampling2D(_UpSampling):
    rank = 2

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(size, backend_config.standardize_data_format(data_format), **kwargs)
        self.size = self._factors
        self.interpolation = str(interpolation).lower()
        if self.interpolation not in INTERPOLATIONS:
            raise ValueError(f"UpSampling2D: `interpolation` must be one of {INTERPOLATIONS}; got "
                             f"{interpolation!r}.")

    def call(self, inputs):
        if self.interpolation == "nearest":
            return super().call(inputs)
        shape = tuple(inputs.shape)
        axes = spatial_axes(2, self.data_format)
        new = [None if shape[a] is None else shape[a] * f for a, f in zip(axes, self.size)]
        if None in new:
            if isinstance(inputs, KerasTensor):
                out = list(shape)
                for a, n in zip(axes, new):
                    out[a] = n
                return KerasTensor(tuple(out), inputs.dtype)
            raise ValueError(f"UpSampling2D {self.name!r}: interpolation {self.interpolation!r} needs a known height "
                             f"and width; got input shape {shape}.")
        return ops.image.resize(inputs, tuple(new), interpolation=self.interpolation, data_format=self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format, "interpolation": self.interpolation})
        return config


@keras_class("keras.layers")
class UpSampling3D(_UpSampling):
    rank = 3

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(size, backend_config.standardize_data_format(data_format), **kwargs)
        self.size = self._factors

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format})
        return config
