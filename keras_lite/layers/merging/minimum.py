"""Minimum: the element-wise minimum of a list of tensors (rules in `_merge`).

Where an input is masked out, the other inputs decide the value (as Keras).
"""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge, masked_fold
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Minimum(Merge):
    def _merge(self, inputs, masks):
        return masked_fold(ops.minimum, inputs, masks)


def minimum(inputs, **kwargs):
    """Functional form: `Minimum(**kwargs)(inputs)`."""
    return Minimum(**kwargs)(inputs)
