"""GlobalMaxPooling1D/2D/3D (aliases GlobalMaxPool1D/2D/3D): the maximum over all spatial dims.

(batch, spatial..., channels) -> (batch, channels), or (batch, 1..., channels) with keepdims.
Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.pooling._base_pooling import BaseGlobalPooling
from keras_lite.saving.object_registration import keras_class


class _GlobalMaxPooling(BaseGlobalPooling):
    def call(self, inputs):
        return ops.max(inputs, axis=self._axes, keepdims=self.keepdims)


@keras_class("keras.layers", "GlobalMaxPool1D")
class GlobalMaxPooling1D(_GlobalMaxPooling):
    rank = 1


@keras_class("keras.layers", "GlobalMaxPool2D")
class GlobalMaxPooling2D(_GlobalMaxPooling):
    rank = 2


@keras_class("keras.layers", "GlobalMaxPool3D")
class GlobalMaxPooling3D(_GlobalMaxPooling):
    rank = 3


GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D = GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D
