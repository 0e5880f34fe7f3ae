"""Maximum: the element-wise maximum of a list of tensors (rules in `_merge`).

Where an input is masked out, the other inputs decide the value (as Keras).
"""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge, masked_fold
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Maximum(Merge):
    def _merge(self, inputs, masks):
        return masked_fold(ops.maximum, inputs, masks)


def maximum(inputs, **kwargs):
    """Functional form: `Maximum(**kwargs)(inputs)`."""
    return Maximum(**kwargs)(inputs)
