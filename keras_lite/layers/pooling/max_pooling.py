"""MaxPooling1D/2D/3D (aliases MaxPool1D/2D/3D): the maximum of each window. Owns no state."""
from keras_lite import ops
from keras_lite.layers.pooling._base_pooling import BasePooling
from keras_lite.saving.object_registration import keras_class


class _MaxPooling(BasePooling):
    def _pool(self, inputs):
        return ops.max_pool(inputs, self.pool_size, self.strides, self.padding, self.data_format)


@keras_class("keras.layers", "MaxPool1D")
class MaxPooling1D(_MaxPooling):
    """Inputs (batch, steps, features) or, channels_first, (batch, features, steps)."""
    rank = 1

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, padding, data_format, name=name, **kwargs)


@keras_class("keras.layers", "MaxPool2D")
class MaxPooling2D(_MaxPooling):
    rank = 2

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, padding, data_format, name=name, **kwargs)


@keras_class("keras.layers", "MaxPool3D")
class MaxPooling3D(_MaxPooling):
    rank = 3

    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, padding, data_format, name=name, **kwargs)


MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
