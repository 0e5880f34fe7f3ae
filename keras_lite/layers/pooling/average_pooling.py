"""AveragePooling1D/2D/3D (aliases AvgPool1D/2D/3D): the mean of each window.

With padding='same' the padded positions are left out of the mean. Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.pooling._base_pooling import BasePooling
from keras_lite.saving.object_registration import keras_class


class _AveragePooling(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, padding, data_format, name=name, **kwargs)

    def _pool(self, inputs):
        return ops.average_pool(inputs, self.pool_size, self.strides, self.padding, self.data_format)


@keras_class("keras.layers", "AvgPool1D")
class AveragePooling1D(_AveragePooling):
    rank = 1


@keras_class("keras.layers", "AvgPool2D")
class AveragePooling2D(_AveragePooling):
    rank = 2


@keras_class("keras.layers", "AvgPool3D")
class AveragePooling3D(_AveragePooling):
    rank = 3


AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D
