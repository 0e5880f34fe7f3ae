"""AdditiveAttention: Bahdanau-style attention, scores = sum(scale * tanh(query + key)) over features.

The rest (masks, softmax, dropout, outputs) is Attention's. Owns `scale` of
shape (dim,) when `use_scale` (glorot_uniform, trainable, saved); with dropout
a SeedGenerator whose state is not saved.
"""
from keras_lite import ops
from keras_lite.layers.attention.attention import Attention
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class AdditiveAttention(Attention):
    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        query_shape, value_shape, key_shape = self._split(input_shape)
        self._check_shapes(query_shape, value_shape, key_shape)
        if query_shape[-1] is None:
            raise ValueError(f"AdditiveAttention layer {self.name!r}: the query's last dimension must be known, "
                             f"got query shape {tuple(query_shape)}.")
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(shape=(query_shape[-1],), initializer="glorot_uniform", name="scale")

    def _calculate_scores(self, query, key):
        pairs = ops.tanh(ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3)))  # (batch, Tq, Tv, dim)
        if self.scale is not None:
            pairs = ops.multiply(self.scale, pairs)
        return ops.sum(pairs, axis=-1)

    def get_config(self):
        config = super().get_config()
        del config["score_mode"]
        return config
