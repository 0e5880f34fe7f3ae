"""GlobalAveragePooling1D/2D/3D (aliases GlobalAvgPool1D/2D/3D): the mean over all spatial dims.

(batch, spatial..., channels) -> (batch, channels), or (batch, 1..., channels) with keepdims.
GlobalAveragePooling1D takes a (batch, steps) mask: masked steps are left out of the
mean, and no mask comes out. Owns no state.
"""
from keras_lite import ops
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.pooling._base_pooling import BaseGlobalPooling
from keras_lite.saving.object_registration import keras_class


class _GlobalAveragePooling(BaseGlobalPooling):
    def call(self, inputs):
        return ops.mean(inputs, axis=self._axes, keepdims=self.keepdims)


@keras_class("keras.layers", "GlobalAvgPool1D")
class GlobalAveragePooling1D(_GlobalAveragePooling):
    rank = 1

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(data_format=data_format, keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return super().call(inputs)
        steps = self._axes[0]
        check_mask_shape(self, "mask", mask, (inputs.shape[0], inputs.shape[steps]), {"input": inputs.shape})
        keep = ops.expand_dims(ops.cast(mask, "bool"), 2 if steps == 1 else 1)
        weights = ops.cast(keep, inputs.dtype)
        total = ops.sum(ops.where(keep, inputs, ops.zeros_like(inputs)), axis=steps, keepdims=self.keepdims)
        return ops.divide(total, ops.sum(weights, axis=steps, keepdims=self.keepdims))

    def compute_mask(self, inputs, previous_mask=None):
        return None


@keras_class("keras.layers", "GlobalAvgPool2D")
class GlobalAveragePooling2D(_GlobalAveragePooling):
    rank = 2


@keras_class("keras.layers", "GlobalAvgPool3D")
class GlobalAveragePooling3D(_GlobalAveragePooling):
    rank = 3


GlobalAvgPool1D, GlobalAvgPool2D, GlobalAvgPool3D = (GlobalAveragePooling1D, GlobalAveragePooling2D,
                                                     GlobalAveragePooling3D)
