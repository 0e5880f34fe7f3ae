"""Permute: reorders the non-batch axes; `dims` is a permutation of 1..n (the batch axis is 0).

Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Permute(Layer):
    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        try:
            dims = tuple(dims)
        except TypeError:
            raise ValueError(f"Permute: dims must be a tuple of axis indices, got {dims!r}.") from None
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError(f"Permute: dims must be a permutation of 1..{len(dims)} (axes after the batch axis), "
                             f"got {dims!r}.")
        self.dims = dims
        self.input_spec = InputSpec(ndim=len(dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0,) + self.dims)

    def get_config(self):
        config = super().get_config()
        config["dims"] = self.dims
        return config
