"""MultiHeadAttention: project query, key and value into heads, attend, project back.

State: EinsumDense sub-layers created in `build`, in the order Keras creates
them, so `set_weights(keras_layer.get_weights())` works unchanged:
`_query_dense` ("query"), `_key_dense` ("key"), `_gate_dense` ("gate", only
with `use_gate`), `_value_dense` ("value") and `_output_dense`
("attention_output"); each owns a trainable, saved `kernel` and, with
`use_bias`, `bias`. A Softmax and a Dropout sub-layer own no weights; the
Dropout's SeedGenerator state is not saved.

Masks: `query_mask`, `value_mask` and `key_mask` default to the masks the
inputs carry (Embedding(mask_zero=True), Masking), whether they arrive on the
tensors or from a graph run as `mask=[query_mask, value_mask, key_mask]`.
They, the causal and sliding-window bands and `attention_mask` are ANDed into
one (B, T, S) mask; the output carries the query mask. A mask that does not fit
its input's shape is a ValueError naming the layer and both shapes.
"""
import math
import string

from keras_lite import config as keras_config
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.backends.common import naming
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.activations.softmax import Softmax
from keras_lite.layers.attention import _masks
from keras_lite.layers.core.einsum_dense import EinsumDense
from keras_lite.layers.layer import Layer
from keras_lite.layers.regularization.dropout import Dropout, check_rate
from keras_lite.saving.object_registration import keras_class


def _positive_int(name, value, allow_none=False):
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"MultiHeadAttention: `{name}` must be a positive integer"
                         f"{' or None' if allow_none else ''}, got {value!r}.")


def _projection_equation(free, bound, new):
    """An EinsumDense equation keeping `free` axes, contracting `bound` and adding `new`; with its bias axes."""
    letters = string.ascii_lowercase
    kept, contracted, added = letters[:free], letters[free:free + bound], letters[free + bound:free + bound + new]
    return f"{kept}{contracted},{contracted}{added}->{kept}{added}", added


def _attention_equations(rank, attention_axes):
    """(scores equation, combine equation, scores rank) for projected tensors of `rank`.

    Projected tensors are (batch, <other axes>, <attention axes>, heads, channels). The
    scores keep the non-attention axes (heads included), then the query's and the key's
    attention axes: einsum(scores_eq, key, query) and einsum(combine_eq, scores, value).
    """
    letters = string.ascii_lowercase
    query = letters[:rank]
    key = "".join(letters[rank + attention_axes.index(i)] if i in attention_axes else query[i]
                  for i in range(rank))
    kept = [i for i in range(rank - 1) if i not in attention_axes]
    scores = ("".join(query[i] for i in kept) + "".join(query[i] for i in attention_axes)
              + "".join(key[i] for i in attention_axes))
    return f"{key},{query}->{scores}", f"{scores},{key}->{query}", len(scores)


def _clone(obj):
    return None if obj is None else type(obj).from_config(obj.get_config())


def _shape(x):
    return None if x is None else tuple(ops.shape(x))


@keras_class("keras.layers")
class MultiHeadAttention(Layer):
    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None,
                 attention_axes=None, sliding_window=None, flash_attention=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 use_gate=False, seed=None, **kwargs):
        # activity_regularizer goes to the projections (as in Keras), not to this layer's own output.
        super().__init__(**kwargs)
        _positive_int("num_heads", num_heads)
        _positive_int("key_dim", key_dim)
        _positive_int("value_dim", value_dim, allow_none=True)
        _positive_int("sliding_window", sliding_window, allow_none=True)
        check_rate("MultiHeadAttention", dropout, "dropout")
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim or key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        self._output_shape = self._standardize_output_shape(output_shape)
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes is not None:
            if not isinstance(attention_axes, (list, tuple)) or not all(isinstance(a, int) for a in attention_axes):
                raise ValueError("MultiHeadAttention: `attention_axes` must be an int or a list/tuple of ints, "
                                 f"got {attention_axes!r}.")
            attention_axes = tuple(attention_axes)
        self._attention_axes = attention_axes
        self._sliding_window = sliding_window
        self._flash_attention = flash_attention or keras_config.is_flash_attention_enabled()
        if self._flash_attention and dropout > 0:
            raise ValueError("MultiHeadAttention: flash attention does not support dropout; set dropout=0.0 or "
                             "flash_attention=False.")
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(key_dim))
        self._shapes_dict = None

    @staticmethod
    def _standardize_output_shape(output_shape):
        if not output_shape:
            return output_shape
        if isinstance(output_shape, int):
            output_shape = (output_shape,)
        try:
            output_shape = tuple(output_shape)
        except TypeError:
            raise ValueError("MultiHeadAttention: `output_shape` must be an int, a tuple or a list, got "
                             f"{output_shape!r}.") from None
        if not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in output_shape):
            raise ValueError(f"MultiHeadAttention: `output_shape` must hold positive integers, got {output_shape!r}.")
        return output_shape

    # -- read-only views (Keras names) -----------------------------------------------
    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    # -- building --------------------------------------------------------------------
    def _check_shapes(self, query_shape, value_shape, key_shape):
        key_shape = value_shape if key_shape is None else key_shape
        where = (f"MultiHeadAttention {self.name!r}: query shape {query_shape}, value shape {value_shape}, key "
                 f"shape {key_shape}")
        if not (len(query_shape) == len(value_shape) == len(key_shape)) or len(query_shape) < 3:
            raise ValueError(f"{where}: query, value and key must have the same rank, at least 3 "
                             "(batch, positions..., features).")
        if any(a is not None and b is not None and a != b for a, b in zip(value_shape[1:-1], key_shape[1:-1])):
            raise ValueError(f"{where}: value and key must agree in every dimension but the last.")
        for name, shape in (("query", query_shape), ("value", value_shape), ("key", key_shape)):
            if shape[-1] is None:
                raise ValueError(f"{where}: the {name}'s last (feature) dimension must be known.")
        return key_shape

    def _normalized_axes(self, query_rank):
        """Attention axes as non-negative input axes (the same indices in the projected tensors)."""
        if self._attention_axes is None:
            return tuple(range(1, query_rank - 1))
        axes = tuple(a + query_rank if a < 0 else a for a in self._attention_axes)
        bad = [a for a, n in zip(self._attention_axes, axes) if not 1 <= n <= query_rank - 2]
        if bad or len(set(axes)) != len(axes):
            raise ValueError(f"MultiHeadAttention {self.name!r}: attention_axes {self._attention_axes} must name "
                             f"distinct axes between the batch and the feature axis of rank-{query_rank} inputs.")
        return axes

    def _sublayer_kwargs(self):
        return dict(kernel_initializer=_clone(self._kernel_initializer),
                    bias_initializer=_clone(self._bias_initializer), kernel_regularizer=self._kernel_regularizer,
                    bias_regularizer=self._bias_regularizer, activity_regularizer=self._activity_regularizer,
                    kernel_constraint=self._kernel_constraint, bias_constraint=self._bias_constraint,
                    dtype=self.dtype_policy)

    def _projection(self, input_shape, bound, new_shape, name, activation=None):
        rank = len(input_shape)
        equation, bias_axes = _projection_equation(rank - bound, bound, len(new_shape))
        layer = EinsumDense(equation, output_shape=[None] * (rank - bound - 1) + list(new_shape),
                            bias_axes=bias_axes if self._use_bias else None, activation=activation, name=name,
                            **self._sublayer_kwargs())
        layer.build(input_shape)
        layer.built = True
        return layer

    def build(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = None if key_shape is None else tuple(key_shape)
        self._shapes_dict = {"query_shape": query_shape, "value_shape": value_shape}
        if key_shape is not None:
            self._shapes_dict["key_shape"] = key_shape
        full_key_shape = self._check_shapes(query_shape, value_shape, key_shape)
        with naming.name_scope(self.name, owner=self):  # sub-layer weights: `<this layer>/query/kernel`
            self._build_sublayers(query_shape, value_shape, full_key_shape)
        self.built = True

    def _build_sublayers(self, query_shape, value_shape, key_shape):
        heads = self._num_heads
        # Created in Keras's order: the weights list (and so set_weights) follows it.
        self._query_dense = self._projection(query_shape, 1, (heads, self._key_dim), "query")
        self._key_dense = self._projection(key_shape, 1, (heads, self._key_dim), "key")
        if self._use_gate:
            self._gate_dense = self._projection(query_shape, 1, (heads, self._value_dim), "gate",
                                                activation="sigmoid")
        self._value_dense = self._projection(value_shape, 1, (heads, self._value_dim), "value")
        self._build_attention(len(query_shape) + 1)
        output_shape = self._output_shape or (query_shape[-1],)
        self._output_dense = self._projection(query_shape[:-1] + (heads, self._value_dim), 2, output_shape,
                                              "attention_output")

    def _build_attention(self, rank):
        """Equations, softmax and dropout for projected tensors of `rank` (Keras's hook of the same name)."""
        self._attention_axes = self._normalized_axes(rank - 1)  # Keras keeps the normalized axes (get_config)
        self._dot_product_equation, self._combine_equation, scores_rank = _attention_equations(
            rank, self._attention_axes)
        norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        self._softmax = Softmax(axis=norm_axes, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(rate=self._dropout, dtype=self.dtype_policy, seed=self.seed)

    def get_build_config(self):
        return None if self._shapes_dict is None else {"shapes_dict": dict(self._shapes_dict)}

    def build_from_config(self, config):
        shapes = (config or {}).get("shapes_dict")
        if shapes and not self.built:
            self.build(**shapes)

    # -- calling ---------------------------------------------------------------------
    _call_override_only_binds = True

    def __call__(self, *args, **kwargs):
        """Build from the query, value and key shapes (Keras's multi-input build), and pass query, value
        and key positionally so a graph run hands their masks over as `mask=[q, v, k]`."""
        try:
            bound = self._call_signature.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"MultiHeadAttention {self.name!r}: {e}.") from None
        arguments = dict(bound.arguments)
        query, value, key = arguments.pop("query"), arguments.pop("value"), arguments.pop("key", None)
        if not self.built:
            self.build(_shape(query), _shape(value), _shape(key))
        inputs = (query, value) if key is None else (query, value, key)
        return super().__call__(*inputs, **arguments)

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None, attention_mask=None,
             return_attention_scores=False, training=None, use_causal_mask=False, mask=None):
        """`mask` is keras_lite's hand-over of the masks the inputs carry ([query, value, key], or the
        query's alone); explicit `*_mask` arguments take precedence."""
        query_mask, value_mask, key_mask = self._carried_masks(query, value, key, query_mask, value_mask,
                                                               key_mask, mask)
        if key is None:
            key = value
        if not (query_mask is None and value_mask is None and key_mask is None and attention_mask is None):
            self._check_masks(query, value, key, query_mask, value_mask, key_mask, attention_mask)
        causal_only = (use_causal_mask and query_mask is None and value_mask is None and key_mask is None
                       and attention_mask is None and self._sliding_window is None
                       and type(self)._compute_attention is MultiHeadAttention._compute_attention)
        if not causal_only:
            attention_mask = self._compute_attention_mask(query, value, query_mask=query_mask,
                                                          value_mask=value_mask, key_mask=key_mask,
                                                          attention_mask=attention_mask,
                                                          use_causal_mask=use_causal_mask)
        gate = self._gate_dense(query) if self._use_gate else None
        query = self._query_dense(query)  # (B, T, N, key_dim)
        key = self._key_dense(key)  # (B, S, N, key_dim)
        value = self._value_dense(value)  # (B, S, N, value_dim)
        extra = {"use_causal_mask": True} if causal_only else {}
        output, scores = self._compute_attention(query, key, value, attention_mask, training,
                                                 return_attention_scores, **extra)
        if gate is not None:
            output = ops.multiply(output, gate)
        output = self._output_dense(output)
        if return_attention_scores:
            return output, scores
        return output

    @staticmethod
    def _carried_masks(query, value, key, query_mask, value_mask, key_mask, mask):
        carried = list(mask) if isinstance(mask, (list, tuple)) else [mask]
        carried += [None] * (3 - len(carried))

        def pick(explicit, index, tensor):
            if explicit is not None:
                return explicit
            if carried[index] is not None:
                return carried[index]
            return getattr(tensor, "_keras_mask", None)

        # Without a key, the value's mask serves it; an explicit key_mask still applies.
        return (pick(query_mask, 0, query), pick(value_mask, 1, value),
                key_mask if key is None else pick(key_mask, 2, key))

    def _check_masks(self, query, value, key, query_mask, value_mask, key_mask, attention_mask):
        """Each mask against its input: query_mask (B, T), value_mask and key_mask (B, S) (the input's shape
        without its features), attention_mask broadcastable to (B, T, S) (at least (T, S)), or to
        (B, heads, T, S) when it has the scores' rank."""
        shapes = {"query": tuple(query.shape), "value": tuple(value.shape)}
        for argument, m, name in (("query_mask", query_mask, "query"), ("value_mask", value_mask, "value"),
                                  ("key_mask", key_mask, "key")):
            if m is not None:
                shape = tuple(key.shape) if name == "key" else shapes[name]
                check_mask_shape(self, argument, m, shape[:-1], {name: shape})
        if attention_mask is not None:
            q, v, axes = shapes["query"], shapes["value"], self._attention_axes
            lead = tuple(d for i, d in enumerate(q[:-1]) if i not in axes)  # batch and any other axes
            span = tuple(q[i] for i in axes) + tuple(v[i] for i in axes)  # (T..., S...)
            with_heads = len(attention_mask.shape) == len(lead) + 1 + len(span)
            expected = lead + (self._num_heads,) + span if with_heads else lead + span
            check_mask_shape(self, "attention_mask", attention_mask, expected, shapes, broadcast=True,
                             min_rank=len(span))

    def _compute_attention_mask(self, query, value, query_mask=None, value_mask=None, key_mask=None,
                                attention_mask=None, use_causal_mask=False):
        """AND of the input masks (query as [B, T, 1], value and key as [B, 1, S]), the causal and
        sliding-window bands ([1, T, S]) and `attention_mask`; None when there is none."""
        parts = []
        if query_mask is not None:
            parts.append(ops.expand_dims(ops.cast(query_mask, "bool"), -1))
        for m in (value_mask, key_mask):
            if m is not None:
                parts.append(ops.expand_dims(ops.cast(m, "bool"), -2))
        if use_causal_mask:
            parts.append(self._compute_causal_mask(query, value))
        if self._sliding_window is not None:
            parts.append(_masks.band_mask(query, value, self._sliding_window))
        if attention_mask is not None:
            parts.insert(0, ops.cast(attention_mask, "bool"))
        if not parts:
            return None
        combined = parts[0]
        for part in parts[1:]:
            combined = ops.logical_and(combined, part)
        return combined

    def _compute_causal_mask(self, query, value=None):
        """(1, T, S) bool, True where key position <= query position."""
        return _masks.causal_mask(query, query if value is None else value)

    def _masked_softmax(self, attention_scores, attention_mask=None):
        if attention_mask is not None:
            # Missing leading dims of the mask are the heads (and batch): insert them before the T, S axes.
            axis = -2 * len(self._attention_axes) - 1
            for _ in range(len(attention_scores.shape) - len(attention_mask.shape)):
                attention_mask = ops.expand_dims(attention_mask, axis)
        return self._softmax(attention_scores, mask=attention_mask)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False, use_causal_mask=False):
        """Attention over projected (B, T, N, H) tensors: (output, scores or None).

        The fused `ops.dot_product_attention` serves rank-4 projections without dropout or
        returned scores (as in Keras, a fully masked query row then averages all values); the
        explicit path (einsum, masked softmax, dropout) serves the rest and gives such rows zero
        weights.
        """
        if self._flash_attention and return_attention_scores:
            raise ValueError(f"MultiHeadAttention {self.name!r}: attention scores cannot be returned with flash "
                             "attention; set flash_attention=False.")
        if not (self._dropout > 0 or return_attention_scores or len(query.shape) != 4):
            if attention_mask is not None:
                for _ in range(4 - len(attention_mask.shape)):
                    attention_mask = ops.expand_dims(attention_mask, -3)
                attention_mask = ops.cast(attention_mask, "bool")
            output = ops.dot_product_attention(query, key, value, mask=attention_mask,
                                               scale=self._inverse_sqrt_key_dim,
                                               is_causal=bool(use_causal_mask and attention_mask is None),
                                               flash_attention=self._flash_attention)
            return output, None
        if use_causal_mask:
            causal = self._compute_causal_mask(query, value)
            attention_mask = causal if attention_mask is None else ops.logical_and(
                ops.cast(attention_mask, "bool"), causal)
        query = ops.multiply(query, ops.cast(self._inverse_sqrt_key_dim, query.dtype))
        scores = ops.einsum(self._dot_product_equation, key, query)
        scores = self._masked_softmax(scores, attention_mask)
        weights = self._dropout_layer(scores, training=training) if self._dropout > 0 else scores
        output = ops.einsum(self._combine_equation, weights, value)
        return output, scores

    def compute_mask(self, inputs, previous_mask=None):
        """The output carries the query's mask."""
        if isinstance(previous_mask, (list, tuple)):
            return previous_mask[0] if previous_mask else None
        return previous_mask

    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        self._check_shapes(query_shape, value_shape, None if key_shape is None else tuple(key_shape))
        if self._output_shape:
            return query_shape[:-1] + tuple(self._output_shape)
        return query_shape

    # -- config --------------------------------------------------------------------
    def get_config(self):
        config = super().get_config()
        config.update({
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "use_gate": self._use_gate,
            "output_shape": self._output_shape,
            "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            "kernel_initializer": initializers.serialize(self._kernel_initializer),
            "bias_initializer": initializers.serialize(self._bias_initializer),
            "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self._bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "kernel_constraint": constraints.serialize(self._kernel_constraint),
            "bias_constraint": constraints.serialize(self._bias_constraint),
            "seed": self.seed,
        })
        return config
