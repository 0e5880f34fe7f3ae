"""Masking: marks timesteps whose features all equal `mask_value` as padding.

The mask is `any(inputs != mask_value, axis=-1)`, shape (batch, steps) for
(batch, steps, features) inputs; masked timesteps are also zeroed in the
output. Downstream layers that take a `mask` receive it. Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Masking(Layer):
    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(mask_value, dict) and mask_value.get("config") is not None:
            mask_value = serialization_lib.deserialize_keras_object(mask_value)
        self.mask_value = mask_value
        self.supports_masking = True

    def _keep(self, inputs, keepdims):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=keepdims)

    def compute_mask(self, inputs, previous_mask=None):
        # On KerasTensors the ops record nodes: a layer that takes the mask gets it as a graph input.
        return self._keep(inputs, keepdims=False)

    def call(self, inputs):
        return ops.where(self._keep(inputs, keepdims=True), inputs, 0)

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config
