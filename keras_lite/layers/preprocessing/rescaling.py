"""Rescaling: `inputs * scale + offset`, computed in the layer's compute dtype. Owns no state.

`scale` and `offset` may be numbers or per-channel sequences; with the global
image_data_format 'channels_first' a sequence is aligned with the channels
axis of (channels, height, width) images, as Keras does.
"""
from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.layer import Layer
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Rescaling(Layer):
    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def _as_tensor(self, value):
        value = ops.convert_to_tensor(value, dtype=self.compute_dtype)
        rank = len(value.shape)
        if 0 < rank < 3 and backend_config.image_data_format() == "channels_first":
            value = ops.reshape(value, tuple(value.shape) + (1,) * (3 - rank))
        return value

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        return ops.add(ops.multiply(inputs, self._as_tensor(self.scale)), self._as_tensor(self.offset))

    def get_config(self):
        config = super().get_config()
        config.update({"scale": serialization_lib.serialize_keras_object(self.scale),
                       "offset": serialization_lib.serialize_keras_object(self.offset)})
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in ("scale", "offset"):
            if key in config:
                config[key] = serialization_lib.deserialize_keras_object(config[key])
        return super().from_config(config)
