"""Embedding: integer indices -> rows of a trainable lookup table.

Owns `embeddings` (input_dim, output_dim), trainable and saved. Inputs of any
shape (a variable-length `Input(shape=(None,))` included) map to
`inputs.shape + (output_dim,)`. With `mask_zero=True` index 0 is padding and the
layer emits the mask `inputs != 0`.
"""
import warnings

from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.backends.common import naming
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.core.dense import check_unsupported
from keras_lite.layers.layer import Layer
from keras_lite.ops._dispatch import no_recording
from keras_lite.saving.object_registration import keras_class


def _positive_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


@keras_class("keras.layers")
class Embedding(Layer):
    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform", embeddings_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, weights=None, lora_rank=None, lora_alpha=None,
                 quantization_config=None, **kwargs):
        if kwargs.pop("input_length", None) is not None:  # Keras 2 argument, ignored by Keras 3 too
            warnings.warn("Embedding: `input_length` is deprecated and ignored; remove it.", stacklevel=2)
        super().__init__(**kwargs)
        check_unsupported(self, lora_rank, quantization_config)
        for arg, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not _positive_int(value):
                raise ValueError(f"Embedding: {arg} must be a positive integer, got {value!r}.")
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        # Indices are never cast to the compute dtype, and the table is read at full precision;
        # only the looked-up rows are cast (mixed precision).
        self.autocast = False
        if weights is not None:
            with naming.name_scope(self.name, owner=self):
                self.build()
            self.built = True
            if not (isinstance(weights, list) and len(weights) == 1):
                weights = [weights]
            self.set_weights(weights)

    def build(self, input_shape=None):
        if getattr(self, "embeddings", None) is not None:
            return
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint, name="embeddings")

    def call(self, inputs):
        if ops.dtype(inputs) not in ("int32", "int64"):
            inputs = ops.cast(inputs, "int32")
        return ops.cast(ops.take(self.embeddings, inputs, axis=0), self.compute_dtype)

    def compute_output_spec(self, inputs):
        # Written out (as Keras does) rather than traced: the lookup's symbolic inference is not needed here.
        return KerasTensor(tuple(inputs.shape) + (self.output_dim,), self.compute_dtype)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        with no_recording():  # the mask is graph metadata, not a node of the model
            return ops.not_equal(inputs, 0)

    def get_config(self):
        config = super().get_config()
        config.update({
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "quantization_config": None,
        })
        return config
