"""ELU: `x` for x > 0, `alpha * (exp(x) - 1)` below.

Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class ELU(Layer):
    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True

    def call(self, inputs):
        return ops.elu(inputs, alpha=self.alpha)

    def get_config(self):
        config = super().get_config()
        config["alpha"] = self.alpha
        return config
