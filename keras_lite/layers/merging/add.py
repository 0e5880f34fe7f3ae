"""Add: the element-wise sum of a list of tensors (rules in `_merge`)."""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Add(Merge):
    def _merge(self, inputs, masks):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return output


def add(inputs, **kwargs):
    """Functional form: `Add(**kwargs)(inputs)`."""
    return Add(**kwargs)(inputs)
