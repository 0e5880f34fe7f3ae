"""GaussianDropout: in training, multiplies by normal noise of mean 1 and variance rate / (1 - rate).

Owns a SeedGenerator (`seed_generator`, when rate > 0) whose state is not
saved. Outside training it is the identity.
"""
import math

from keras_lite import ops, random
from keras_lite.backends.common import dtypes
from keras_lite.layers.core._spec import spec_like
from keras_lite.layers.layer import Layer
from keras_lite.layers.regularization.dropout import check_rate
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class GaussianDropout(Layer):
    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate("GaussianDropout", rate)
        self.rate = rate
        self.seed = seed
        if rate > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            if self.rate >= 1:
                raise ValueError(f"GaussianDropout {self.name!r}: rate 1 gives noise of infinite variance; "
                                 "use a rate below 1 in training.")
            stddev = math.sqrt(self.rate / (1.0 - self.rate))
            noise = random.normal(ops.shape(inputs), mean=1.0, stddev=stddev, dtype=self.compute_dtype,
                                  seed=self.seed_generator)
            return ops.multiply(inputs, noise)
        return inputs

    def compute_output_spec(self, inputs, training=False):
        if training and self.rate > 0:
            return spec_like(inputs, dtypes.result_type(inputs.dtype, self.compute_dtype))
        return spec_like(inputs)

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config
