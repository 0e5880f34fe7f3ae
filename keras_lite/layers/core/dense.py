"""Dense: `activation(inputs @ kernel + bias)` over the last axis.

Owns `kernel` (input_dim, units) and `bias` (units,), both trainable and saved.
"""
from keras_lite import activations, constraints, initializers, ops, regularizers
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


def check_unsupported(layer, lora_rank, quantization_config):
    """LoRA and quantization are outside keras_lite's core; say so instead of ignoring them."""
    if lora_rank is not None:
        raise NotImplementedError(f"{type(layer).__name__}: LoRA (lora_rank) is not supported by keras_lite.")
    if quantization_config is not None:
        raise NotImplementedError(f"{type(layer).__name__}: quantization is not supported by keras_lite.")


@keras_class("keras.layers")
class Dense(Layer):
    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 quantization_config=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        check_unsupported(self, lora_rank, quantization_config)
        if not isinstance(units, int) or units <= 0:
            raise ValueError(f"Dense: units must be a positive integer, got {units!r}.")
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        if len(input_shape) < 2 or input_shape[-1] is None:
            raise ValueError(f"Dense {self.name!r} needs inputs of rank 2 or more with a known last dimension, "
                             f"got input shape {tuple(input_shape)}.")
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint,
                                      name="kernel")
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        name="bias")

    def call(self, inputs):
        shape = inputs.shape
        if len(shape) < 2 or shape[-1] != self.kernel.shape[0]:
            raise ValueError(f"Dense {self.name!r}: expected inputs of rank 2 or more with last dimension "
                             f"{self.kernel.shape[0]}, got input shape {tuple(shape)}.")
        x = ops.matmul(inputs, self.kernel)
        if self.bias is not None:
            x = ops.add(x, self.bias)
        return self.activation(x)

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        })
        return config
