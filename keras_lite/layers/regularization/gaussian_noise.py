"""GaussianNoise: in training, adds zero-mean normal noise of standard deviation `stddev`.

Owns a SeedGenerator (`seed_generator`, when stddev > 0) whose state is not
saved. Outside training it is the identity.
"""
from keras_lite import ops, random
from keras_lite.backends.common import dtypes
from keras_lite.layers.core._spec import spec_like
from keras_lite.layers.layer import Layer
from keras_lite.layers.regularization.dropout import check_rate
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class GaussianNoise(Layer):
    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        check_rate("GaussianNoise", stddev, "stddev")
        self.stddev = stddev
        self.seed = seed
        if stddev > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            noise = random.normal(ops.shape(inputs), mean=0.0, stddev=self.stddev, dtype=self.compute_dtype,
                                  seed=self.seed_generator)
            return ops.add(inputs, noise)
        return inputs

    def compute_output_spec(self, inputs, training=False):
        if training and self.stddev > 0:
            return spec_like(inputs, dtypes.result_type(inputs.dtype, self.compute_dtype))
        return spec_like(inputs)

    def get_config(self):
        config = super().get_config()
        config.update({"stddev": self.stddev, "seed": self.seed})
        return config
