"""Activation: applies an activation function (a name, a config or a callable) elementwise.

Owns no state.
"""
from keras_lite import activations
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True

    def call(self, inputs):
        return self.activation(inputs)

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config
