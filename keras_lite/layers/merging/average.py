"""Average: the element-wise mean of a list of tensors (rules in `_merge`)."""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Average(Merge):
    def _merge(self, inputs, masks):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return ops.divide(output, len(inputs))


def average(inputs, **kwargs):
    """Functional form: `Average(**kwargs)(inputs)`."""
    return Average(**kwargs)(inputs)
