"""AlphaDropout: dropout for SELU networks that keeps the inputs' mean and variance.

In training, dropped entries are set to SELU's negative saturation value
`-scale * alpha`, then an affine map `a * x + b` restores zero mean and unit
variance for standardized inputs. Owns a SeedGenerator (`seed_generator`,
when rate > 0) whose state is not saved. Outside training it is the identity.
"""
from keras_lite import ops, random
from keras_lite.backends.common import dtypes
from keras_lite.layers.core._spec import spec_like
from keras_lite.layers.layer import Layer
from keras_lite.layers.regularization.dropout import check_rate
from keras_lite.saving.object_registration import keras_class

_SELU_ALPHA = 1.6732632423543772
_SELU_SCALE = 1.0507009873554805


@keras_class("keras.layers")
class AlphaDropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate("AlphaDropout", rate)
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        if rate > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True

    def _mask_shape(self, inputs):
        shape = ops.shape(inputs)
        if self.noise_shape is None:
            return shape
        if len(self.noise_shape) != len(shape):
            raise ValueError(f"AlphaDropout {self.name!r}: noise_shape {tuple(self.noise_shape)} and input shape "
                             f"{tuple(shape)} differ in rank.")
        return tuple(d if n is None else n for n, d in zip(self.noise_shape, shape))

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            if self.rate >= 1:
                raise ValueError(f"AlphaDropout {self.name!r}: rate 1 drops everything and has no variance-"
                                 "preserving scale; use a rate below 1 in training.")
            saturation = -_SELU_ALPHA * _SELU_SCALE
            kept = ops.greater_equal(random.uniform(self._mask_shape(inputs), seed=self.seed_generator), self.rate)
            kept = ops.cast(kept, inputs.dtype)
            a = ((1 - self.rate) * (1 + self.rate * saturation ** 2)) ** -0.5
            b = -a * saturation * self.rate
            x = ops.add(ops.multiply(inputs, kept), ops.multiply(saturation, ops.subtract(1.0, kept)))
            return ops.add(ops.multiply(a, x), b)
        return inputs

    def compute_output_spec(self, inputs, training=False):
        if training and self.rate > 0:
            return spec_like(inputs, dtypes.float_result_type(inputs.dtype))
        return spec_like(inputs)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape})
        return config
