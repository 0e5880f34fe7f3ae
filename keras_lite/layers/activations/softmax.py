"""Softmax over `axis` (an int, or several axes normalised together), honouring a mask.

Masked positions (mask False or <= 0.5) get a large negative logit before the
softmax and 0 after it. The mask must broadcast to the inputs (its dims
aligned from the right, each 1 or equal). Owns no state.
"""
from keras_lite import ops
from keras_lite.backends.common import dtypes
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


def _large_negative(dtype):
    """Far below any real logit, yet finite in `dtype`."""
    return -3e4 if dtypes.standardize_dtype(dtype) == "float16" else -1e9


@keras_class("keras.layers")
class Softmax(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is not None:
            check_mask_shape(self, "mask", mask, inputs.shape, {"input": inputs.shape}, broadcast=True)
            if ops.dtype(mask) != "bool":
                mask = ops.greater(mask, 0.5)
            inputs = ops.where(mask, inputs, _large_negative(inputs.dtype))
        axis = self.axis
        if isinstance(axis, (list, tuple)) and len(axis) > 1:
            outputs = ops.exp(ops.subtract(inputs, ops.logsumexp(inputs, axis=tuple(axis), keepdims=True)))
        else:
            outputs = ops.softmax(inputs, axis=axis[0] if isinstance(axis, (list, tuple)) else axis)
        if mask is not None:
            outputs = ops.where(mask, outputs, 0.0)
        return outputs

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
