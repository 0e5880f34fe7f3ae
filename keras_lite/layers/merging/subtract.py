"""Subtract: `inputs[0] - inputs[1]`, for exactly two tensors (rules in `_merge`)."""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Subtract(Merge):
    exact_inputs = 2

    def _merge(self, inputs, masks):
        return ops.subtract(inputs[0], inputs[1])


def subtract(inputs, **kwargs):
    """Functional form: `Subtract(**kwargs)(inputs)`."""
    return Subtract(**kwargs)(inputs)
