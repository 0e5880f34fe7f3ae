"""Flatten: (batch, d1, ..., dn) -> (batch, d1 * ... * dn); unknown dims give an unknown size.

With data_format="channels_first" the channels axis is moved last before
flattening, so the element order matches the channels_last layout. Owns no state.
"""
import math

from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Flatten(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = backend_config.standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        shape = tuple(inputs.shape)
        if self.data_format == "channels_first" and len(shape) > 2:
            inputs = ops.transpose(inputs, (0, *range(2, len(shape)), 1))
        rest = shape[1:]
        if any(d is None for d in rest):
            size = -1
        else:
            size = math.prod(rest)
        return ops.reshape(inputs, (ops.shape(inputs)[0], size))

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config
