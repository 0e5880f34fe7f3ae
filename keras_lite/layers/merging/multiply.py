"""Multiply: the element-wise product of a list of tensors (rules in `_merge`).

Masked-out entries count as 1 in the product; when every input has a mask,
entries masked out in all of them are 0 in the output (as Keras).
"""
from keras_lite import ops
from keras_lite.layers.merging._merge import Merge, expand_mask
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Multiply(Merge):
    def _merge(self, inputs, masks):
        all_masked = all(m is not None for m in masks)
        output, output_mask = None, None
        for x, mask in zip(inputs, masks):
            if mask is not None:
                mask = expand_mask(mask, x)
                x = ops.where(mask, x, ops.ones_like(x))
                if all_masked:
                    output_mask = mask if output_mask is None else ops.logical_or(output_mask, mask)
            output = x if output is None else ops.multiply(output, x)
        if all_masked:
            output = ops.where(output_mask, output, ops.zeros_like(output))
        return output


def multiply(inputs, **kwargs):
    """Functional form: `Multiply(**kwargs)(inputs)`."""
    return Multiply(**kwargs)(inputs)
