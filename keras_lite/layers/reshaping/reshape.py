"""Reshape: (batch, ...) -> (batch, *target_shape); one target dim may be -1 (inferred).

An incompatible target raises ValueError when the sizes are known: at graph
building for symbolic inputs, else at the call. Owns no state.
"""
import math
import numbers

from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        if isinstance(target_shape, numbers.Integral):
            target_shape = (target_shape,)
        try:
            target_shape = tuple(target_shape)
        except TypeError:
            raise ValueError(f"Reshape: target_shape must be a tuple of integers, got {target_shape!r}.") from None
        if any(isinstance(d, bool) or not isinstance(d, numbers.Integral) or d < -1 for d in target_shape):
            raise ValueError(f"Reshape: each target_shape dim must be a non-negative integer or -1, got "
                             f"{target_shape!r}.")
        if target_shape.count(-1) > 1:
            raise ValueError(f"Reshape: target_shape may have at most one -1 (inferred) dim, got {target_shape!r}.")
        self.target_shape = tuple(int(d) for d in target_shape)

    def _resolve(self, input_shape):
        """The target dims for inputs (batch,) + input_shape: -1 resolved where the sizes are known."""
        target = self.target_shape
        if any(d is None for d in input_shape):
            return target
        size = math.prod(input_shape)
        known = math.prod(d for d in target if d != -1)
        if -1 in target:
            if known == 0 or size % known:
                raise ValueError(f"Reshape {self.name!r}: cannot reshape inputs of shape (batch, "
                                 f"{', '.join(map(str, input_shape))}) ({size} values per sample) to target_shape "
                                 f"{target}.")
            return tuple(size // known if d == -1 else d for d in target)
        if known != size:
            raise ValueError(f"Reshape {self.name!r}: the total size must not change, but inputs of shape (batch, "
                             f"{', '.join(map(str, input_shape))}) have {size} values per sample and target_shape "
                             f"{target} has {known}.")
        return target

    def call(self, inputs):
        shape = tuple(inputs.shape)
        if not shape:
            raise ValueError(f"Reshape {self.name!r} needs inputs with a batch axis, got a scalar.")
        return ops.reshape(inputs, (ops.shape(inputs)[0],) + self._resolve(shape[1:]))

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = self.target_shape
        return config
