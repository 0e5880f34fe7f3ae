"""Dropout: in training, zeroes each entry with probability `rate` and scales the rest by 1 / (1 - rate).

Owns a SeedGenerator (`seed_generator`, when rate > 0) whose state is not
saved. With `noise_shape` the keep/drop mask is shared along its size-1
dims (None dims take the input's). Outside training it is the identity.
"""
from keras_lite import random
from keras_lite.backends.common import dtypes
from keras_lite.layers.core._spec import spec_like
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


def check_rate(layer, rate, argument="rate"):
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ValueError(f"{layer}: `{argument}` must be a number between 0 and 1, got {rate!r}.")


def _noise_shape(noise_shape):
    if noise_shape is None:
        return None
    if isinstance(noise_shape, str):
        raise ValueError(f"Dropout: `noise_shape` must be a tuple of integers or None, got {noise_shape!r}.")
    try:
        noise_shape = tuple(noise_shape)
    except TypeError:
        raise ValueError(f"Dropout: `noise_shape` must be a tuple of integers or None, got {noise_shape!r}.") from None
    for dim in noise_shape:
        if dim is not None and (isinstance(dim, bool) or not isinstance(dim, int) or dim <= 0):
            raise ValueError(f"Dropout: every `noise_shape` dim must be a positive integer or None, got "
                             f"{noise_shape!r}.")
    return noise_shape


@keras_class("keras.layers")
class Dropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate(type(self).__name__, rate)
        self.rate = rate
        self.seed = seed
        self.noise_shape = _noise_shape(noise_shape)
        if rate > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True

    def _mask_shape(self, inputs):
        return self.noise_shape

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return random.dropout(inputs, self.rate, noise_shape=self._mask_shape(inputs), seed=self.seed_generator)
        return inputs

    def compute_output_spec(self, inputs, training=False):
        if training and self.rate > 0:
            return spec_like(inputs, dtypes.float_result_type(inputs.dtype))
        return spec_like(inputs)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape})
        return config
