"""Attention: dot-product (Luong-style) attention over `[query, value]` or `[query, value, key]`.

scores = query . key^T (times `scale` when `use_scale`), or with
score_mode="concat" `concat_score_weight * sum(tanh(scale * (query + key)))`;
masked softmax over the value positions; output = weights @ value, zeroed at
masked query positions. Owns `scale` (shape (), with `use_scale`) and
`concat_score_weight` (shape (), with score_mode="concat"), trainable and
saved, in that order; with dropout a SeedGenerator whose state is not saved.

Masks arrive as `mask=[query_mask, value_mask]` (from the inputs' masks when
not given); the output carries the query mask.
"""
from keras_lite import ops, random
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.attention import _masks
from keras_lite.layers.layer import Layer
from keras_lite.layers.regularization.dropout import check_rate
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Attention(Layer):
    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if score_mode not in ("dot", "concat"):
            raise ValueError(f"{type(self).__name__}: score_mode must be 'dot' or 'concat', got {score_mode!r}.")
        check_rate(type(self).__name__, dropout, "dropout")
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if dropout > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True

    # -- checks ------------------------------------------------------------------------
    def _split(self, inputs):
        """(query, value, key) from the list; key defaults to value."""
        if (not isinstance(inputs, (list, tuple)) or not 2 <= len(inputs) <= 3
                or any(x is None or isinstance(x, int) for x in inputs)):  # (a single shape is a tuple too)
            raise ValueError(f"{type(self).__name__} layer {self.name!r} must be called on a list [query, value] "
                             f"or [query, value, key], got {inputs!r}.")
        return inputs[0], inputs[1], inputs[2] if len(inputs) == 3 else inputs[1]

    def _split_masks(self, mask, query, value):
        """(query_mask, value_mask), checked against query and value (their shapes without the features);
        the key's mask, if any, is not used (as in Keras)."""
        if mask is None:
            return None, None
        if not isinstance(mask, (list, tuple)) or not 2 <= len(mask) <= 3:
            raise ValueError(f"{type(self).__name__} layer {self.name!r}: mask must be a list [query_mask, "
                             f"value_mask], got {mask!r}.")
        for argument, m, name, x in (("query_mask", mask[0], "query", query), ("value_mask", mask[1], "value", value)):
            if m is not None:
                check_mask_shape(self, argument, m, x.shape[:-1], {name: x.shape})
        return mask[0], mask[1]

    def _check_shapes(self, query_shape, value_shape, key_shape):
        where = (f"{type(self).__name__} layer {self.name!r}: query shape {tuple(query_shape)}, value shape "
                 f"{tuple(value_shape)}, key shape {tuple(key_shape)}")
        if not len(query_shape) == len(value_shape) == len(key_shape) or len(query_shape) < 3:
            raise ValueError(f"{where}: query, value and key must have the same rank, at least 3 "
                             "(batch, steps, features).")

        def clash(a, b):
            return a is not None and b is not None and a != b

        if clash(query_shape[-1], key_shape[-1]):
            raise ValueError(f"{where}: query and key must have the same last (feature) dimension.")
        if clash(value_shape[-2], key_shape[-2]):
            raise ValueError(f"{where}: value and key must have the same number of steps.")

    # -- building ------------------------------------------------------------------------
    def build(self, input_shape):
        query_shape, value_shape, key_shape = self._split(input_shape)
        self._check_shapes(query_shape, value_shape, key_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(shape=(), initializer="ones", name="scale")
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(shape=(), initializer="ones", name="concat_score_weight")

    # -- calling -------------------------------------------------------------------------
    def _calculate_scores(self, query, key):
        """(batch, Tq, Tv) scores."""
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -2, -1))
            return scores if self.scale is None else ops.multiply(scores, self.scale)
        pairs = ops.add(ops.expand_dims(query, -2), ops.expand_dims(key, -3))  # (batch, Tq, Tv, dim)
        if self.scale is not None:
            pairs = ops.multiply(self.scale, pairs)
        return ops.multiply(self.concat_score_weight, ops.sum(ops.tanh(pairs), axis=-1))

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        """(weights @ value, weights): masked positions get a large negative score before the softmax."""
        if scores_mask is not None:
            if len(scores_mask.shape) == 2:
                scores_mask = ops.expand_dims(scores_mask, -2)
            big = 65504.0 if ops.dtype(scores) == "float16" else 1.0e9
            scores = ops.where(scores_mask, scores, ops.subtract(scores, big))
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = random.dropout(weights, self.dropout, seed=self.seed_generator)
        return ops.matmul(weights, value), weights

    def _calculate_score_mask(self, scores, value_mask, use_causal_mask):
        if value_mask is not None:
            value_mask = ops.cast(value_mask, "bool")
        if not use_causal_mask:
            return value_mask
        rank = len(scores.shape)
        causal = _masks.causal_mask(scores, scores, rank - 2, rank - 1)  # over the scores' (Tq, Tv): (1, Tq, Tv)
        if value_mask is None:
            return causal
        return ops.logical_and(ops.expand_dims(value_mask, -2), causal)

    def call(self, inputs, mask=None, training=False, return_attention_scores=False, use_causal_mask=False):
        query, value, key = self._split(inputs)
        query_mask, value_mask = self._split_masks(mask, query, value)
        scores = self._calculate_scores(query, key)
        scores_mask = self._calculate_score_mask(scores, value_mask, use_causal_mask)
        output, weights = self._apply_scores(scores, value, scores_mask=scores_mask, training=training)
        if query_mask is not None:
            output = ops.where(ops.expand_dims(ops.cast(query_mask, "bool"), -1), output, 0)
        if return_attention_scores:
            return output, weights
        return output

    def compute_mask(self, inputs, mask=None):
        query, value, _ = self._split(inputs)
        query_mask, _ = self._split_masks(mask, query, value)
        return query_mask

    def compute_output_shape(self, input_shape):
        query_shape, value_shape, key_shape = self._split(input_shape)
        self._check_shapes(query_shape, value_shape, key_shape)
        return tuple(query_shape[:-1]) + (value_shape[-1],)

    def get_config(self):
        config = super().get_config()
        config.update({"use_scale": self.use_scale, "score_mode": self.score_mode, "dropout": self.dropout,
                       "seed": self.seed})
        return config
