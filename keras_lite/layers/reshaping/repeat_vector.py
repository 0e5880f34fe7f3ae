"""RepeatVector: (batch, features) -> (batch, n, features), the input repeated n times.

Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class RepeatVector(Layer):
    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(f"RepeatVector: n must be an integer, got {type(n).__name__}: {n!r}.")
        if n <= 0:
            raise ValueError(f"RepeatVector: n must be a positive integer, got {n}.")
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def get_config(self):
        config = super().get_config()
        config["n"] = self.n
        return config
