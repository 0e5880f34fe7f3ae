"""Neural-network ops: activations, convolution and pooling, losses, normalization, attention, CTC.

Convolution and pooling bodies normalize their arguments (ints to tuples,
data_format None to the global setting) and hand the backend tuples; their
specs are the hand-written rules of `_nn_shapes`.
"""
import warnings

from keras_lite.backends import engine
from keras_lite.backends.common import config, dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops import _nn_shapes as rules
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import broadcast_shapes, float_dtype, normalize_axes, reduced_shape, same_dtype, shape_of

__all__ = [
    "celu", "elu", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh",
    "leaky_relu", "log_sigmoid", "log_softmax", "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink",
    "softmax", "softplus", "softsign", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish",
    "tanh_shrink", "threshold",
    "conv", "conv_transpose", "depthwise_conv", "separable_conv", "max_pool", "average_pool",
    "adaptive_average_pool", "adaptive_max_pool", "depth_to_space", "space_to_depth", "fold", "unfold",
    "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy", "one_hot",
    "multi_hot", "moments", "batch_normalization", "layer_normalization", "rms_normalization", "normalize",
    "dot_product_attention", "psnr", "polar", "ctc_loss", "ctc_decode",
]


def _like_x(dtype_rule):
    """Spec of an op whose output has the shape of its first argument."""
    return lambda x, *args, **kwargs: KerasTensor(shape_of(x), dtype_rule(dtype_of(x)))


_float_like_x = _like_x(float_dtype)

# ---------------------------------------------------------------- activations
# relu, relu6 and hard_tanh keep integer dtypes; every other activation computes in floats.


@keras_op(spec=_like_x(same_dtype))
def relu(x):
    return engine.nn.relu(x)


@keras_op(spec=_like_x(same_dtype))
def relu6(x):
    return engine.nn.relu6(x)


@keras_op(spec=_like_x(same_dtype))
def hard_tanh(x):
    return engine.nn.hard_tanh(x)


@keras_op(spec=_float_like_x)
def sigmoid(x):
    return engine.nn.sigmoid(x)


@keras_op(spec=_float_like_x)
def sparse_sigmoid(x):
    return engine.nn.sparse_sigmoid(x)


@keras_op(spec=_float_like_x)
def softplus(x):
    return engine.nn.softplus(x)


@keras_op(spec=_float_like_x)
def softsign(x):
    return engine.nn.softsign(x)


@keras_op(spec=_float_like_x)
def soft_shrink(x, threshold=0.5):
    return engine.nn.soft_shrink(x, threshold=threshold)


@keras_op(spec=_float_like_x)
def sparse_plus(x):
    return engine.nn.sparse_plus(x)


@keras_op(spec=_float_like_x)
def silu(x):
    return engine.nn.silu(x)


@keras_op(spec=_float_like_x)
def swish(x):
    """Another name of silu: `x * sigmoid(x)`."""
    return engine.nn.silu(x)


@keras_op(spec=_float_like_x)
def squareplus(x, b=4):
    return engine.nn.squareplus(x, b=b)


@keras_op(spec=_float_like_x)
def log_sigmoid(x):
    return engine.nn.log_sigmoid(x)


@keras_op(spec=_float_like_x)
def leaky_relu(x, negative_slope=0.2):
    return engine.nn.leaky_relu(x, negative_slope=negative_slope)


@keras_op(spec=_float_like_x)
def hard_sigmoid(x):
    """`relu6(x + 3) / 6`."""
    return engine.nn.hard_sigmoid(x)


@keras_op(spec=_float_like_x)
def hard_silu(x):
    return engine.nn.hard_silu(x)


@keras_op(spec=_float_like_x)
def hard_swish(x):
    """Another name of hard_silu: `x * relu6(x + 3) / 6`."""
    return engine.nn.hard_silu(x)


@keras_op(spec=_float_like_x)
def elu(x, alpha=1.0):
    return engine.nn.elu(x, alpha=alpha)


@keras_op(spec=_float_like_x)
def selu(x):
    return engine.nn.selu(x)


@keras_op(spec=_float_like_x)
def gelu(x, approximate=True):
    return engine.nn.gelu(x, approximate=approximate)


@keras_op(spec=_float_like_x)
def celu(x, alpha=1.0):
    return engine.nn.celu(x, alpha=alpha)


def _glu_spec(x, axis=-1):
    shape = list(shape_of(x))
    (a,) = normalize_axes(axis, len(shape), "glu")
    if shape[a] is not None:
        if shape[a] % 2:
            raise ValueError(f"ops.glu: the size of axis {axis} must be even; got shape {tuple(shape)}.")
        shape[a] //= 2
    return KerasTensor(tuple(shape), float_dtype(dtype_of(x)))


@keras_op(spec=_glu_spec)
def glu(x, axis=-1):
    """Gated linear unit: the first half of `axis` times the sigmoid of the second half."""
    return engine.nn.glu(x, axis=axis)


@keras_op(spec=_float_like_x)
def tanh_shrink(x):
    return engine.nn.tanh_shrink(x)


@keras_op(spec=_float_like_x)
def hard_shrink(x, threshold=0.5):
    return engine.nn.hard_shrink(x, threshold=threshold)


@keras_op(spec=lambda x, threshold, default_value: KerasTensor(
    shape_of(x), dtypes.result_type(dtype_of(x), dtype_of(default_value))))
def threshold(x, threshold, default_value):
    """`x` where `x > threshold`, else `default_value`."""
    return engine.nn.threshold(x, threshold, default_value)


def _axis_spec(op):
    def spec(x, axis=-1):
        if axis is not None:
            normalize_axes(axis, len(shape_of(x)), op)
        return KerasTensor(shape_of(x), float_dtype(dtype_of(x)))

    return spec


@keras_op(spec=_axis_spec("softmax"))
def softmax(x, axis=-1):
    return engine.nn.softmax(x, axis=axis)


@keras_op(spec=_axis_spec("log_softmax"))
def log_softmax(x, axis=-1):
    return engine.nn.log_softmax(x, axis=axis)


@keras_op(spec=_axis_spec("sparsemax"))
def sparsemax(x, axis=-1):
    """Euclidean projection onto the probability simplex along `axis` (sparse softmax)."""
    return engine.nn.sparsemax(x, axis=axis)


# ---------------------------------------------------------- convolution & pooling


@keras_op(spec=rules.conv_spec)
def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """N-D convolution; kernel (spatial..., in_channels / groups, out_channels)."""
    strides, padding, data_format, dilation_rate = rules.conv_args(
        "conv", inputs, strides, padding, data_format, dilation_rate)
    return engine.nn.conv(inputs, kernel, strides, padding, data_format, dilation_rate)


@keras_op(spec=rules.depthwise_conv_spec)
def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """Per-channel convolution; kernel (spatial..., channels, multiplier)."""
    strides, padding, data_format, dilation_rate = rules.conv_args(
        "depthwise_conv", inputs, strides, padding, data_format, dilation_rate)
    return engine.nn.depthwise_conv(inputs, kernel, strides, padding, data_format, dilation_rate)


@keras_op(spec=rules.separable_conv_spec)
def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid", data_format=None,
                   dilation_rate=1):
    """A depthwise convolution followed by a 1x1 convolution with `pointwise_kernel`."""
    strides, padding, data_format, dilation_rate = rules.conv_args(
        "separable_conv", inputs, strides, padding, data_format, dilation_rate)
    return engine.nn.separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides, padding, data_format,
                                    dilation_rate)


@keras_op(spec=rules.conv_transpose_spec)
def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None, data_format=None,
                   dilation_rate=1):
    """Transposed convolution; kernel (spatial..., out_channels, in_channels)."""
    strides, padding, output_padding, data_format, dilation_rate = rules.conv_transpose_args(
        inputs, strides, padding, output_padding, data_format, dilation_rate)
    return engine.nn.conv_transpose(inputs, kernel, strides, padding, output_padding, data_format, dilation_rate)


@keras_op(spec=rules.pool_spec(same_dtype, "max_pool"))
def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    pool_size, strides, padding, data_format = rules.pool_args(
        "max_pool", inputs, pool_size, strides, padding, data_format)
    return engine.nn.max_pool(inputs, pool_size, strides, padding, data_format)


@keras_op(spec=rules.pool_spec(float_dtype, "average_pool"))
def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    """Mean over each window; with 'same' padding the padded positions are not counted."""
    pool_size, strides, padding, data_format = rules.pool_args(
        "average_pool", inputs, pool_size, strides, padding, data_format)
    return engine.nn.average_pool(inputs, pool_size, strides, padding, data_format)


@keras_op(spec=rules.adaptive_pool_spec(float_dtype, "adaptive_average_pool"))
def adaptive_average_pool(inputs, output_size, data_format=None):
    """Average pooling to a fixed output size; window i spans [floor(i*L/n), ceil((i+1)*L/n))."""
    output_size, data_format = rules.adaptive_pool_args("adaptive_average_pool", inputs, output_size, data_format)
    return engine.nn.adaptive_average_pool(inputs, output_size, data_format)


@keras_op(spec=rules.adaptive_pool_spec(same_dtype, "adaptive_max_pool"))
def adaptive_max_pool(inputs, output_size, data_format=None):
    output_size, data_format = rules.adaptive_pool_args("adaptive_max_pool", inputs, output_size, data_format)
    return engine.nn.adaptive_max_pool(inputs, output_size, data_format)


def _block_size(block_size, op):
    if not isinstance(block_size, int) or block_size < 2:
        raise ValueError(f"ops.{op}: `block_size` must be an int >= 2; got {block_size!r}.")
    return block_size


@keras_op(spec=rules.depth_to_space_spec)
def depth_to_space(x, block_size, data_format="channels_last"):
    """(N, H, W, C*b*b) -> (N, H*b, W*b, C); channels_first takes the channels in (C, b, b) order."""
    data_format = config.standardize_data_format(data_format)
    return engine.nn.depth_to_space(x, _block_size(block_size, "depth_to_space"), data_format)


@keras_op(spec=rules.space_to_depth_spec)
def space_to_depth(x, block_size, data_format="channels_last"):
    """The inverse of depth_to_space."""
    data_format = config.standardize_data_format(data_format)
    return engine.nn.space_to_depth(x, _block_size(block_size, "space_to_depth"), data_format)


@keras_op(spec=rules.unfold_spec)
def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    """im2col of a (N, C, H, W) batch: (N, C * kH * kW, number of blocks)."""
    if len(shape_of(x)) != 4:
        raise ValueError(f"ops.unfold: `x` must have rank 4 (N, C, H, W); got shape {tuple(shape_of(x))}.")
    kernel_size, dilation, padding, stride = rules.patch_args("unfold", kernel_size, dilation, padding, stride)
    return engine.nn.unfold(x, kernel_size, dilation, padding, stride)


@keras_op(spec=rules.fold_spec)
def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """col2im, the adjoint of unfold: overlapping blocks are summed into (N, C, oH, oW)."""
    if len(shape_of(x)) != 3:
        raise ValueError(f"ops.fold: `x` must have rank 3 (N, C * kH * kW, L); got shape {tuple(shape_of(x))}.")
    output_size = rules.as_tuple(output_size, 2, "output_size", "fold")
    kernel_size, dilation, padding, stride = rules.patch_args("fold", kernel_size, dilation, padding, stride)
    return engine.nn.fold(x, output_size, kernel_size, dilation, padding, stride)


# ------------------------------------------------------------------- losses


def _same_shape(op, target, output):
    t, o = shape_of(target), shape_of(output)
    if len(t) != len(o) or any(a is not None and b is not None and a != b for a, b in zip(t, o)):
        raise ValueError(f"ops.{op}: `target` and `output` must have the same shape; got {tuple(t)} and {tuple(o)}.")
    return broadcast_shapes(t, o)


def _binary_crossentropy_spec(target, output, from_logits=False):
    shape = _same_shape("binary_crossentropy", target, output)
    return KerasTensor(shape, float_dtype(dtype_of(target), dtype_of(output)))


def _categorical_crossentropy_spec(target, output, from_logits=False, axis=-1):
    shape = _same_shape("categorical_crossentropy", target, output)
    if len(shape) < 1:
        raise ValueError("ops.categorical_crossentropy: `target` and `output` must have rank >= 1.")
    return KerasTensor(reduced_shape(shape, axis, False, "categorical_crossentropy"),
                       float_dtype(dtype_of(target), dtype_of(output)))


def _sparse_categorical_crossentropy_spec(target, output, from_logits=False, axis=-1):
    t, o = shape_of(target), shape_of(output)
    if len(o) < 1:
        raise ValueError("ops.sparse_categorical_crossentropy: `output` must have rank >= 1.")
    want = reduced_shape(o, axis, False, "sparse_categorical_crossentropy")
    if len(t) == len(o) and t[-1] == 1:
        t = t[:-1]
    if len(t) != len(want) or any(a is not None and b is not None and a != b for a, b in zip(t, want)):
        raise ValueError(
            f"ops.sparse_categorical_crossentropy: `target` must have the shape of `output` without `axis`; "
            f"got target {tuple(shape_of(target))} and output {tuple(o)}.")
    return KerasTensor(broadcast_shapes(t, want), float_dtype(dtype_of(output)))


@keras_op(spec=_binary_crossentropy_spec)
def binary_crossentropy(target, output, from_logits=False):
    """Elementwise; probabilities are clipped to [epsilon, 1 - epsilon]."""
    return engine.nn.binary_crossentropy(target, output, from_logits=from_logits)


@keras_op(spec=_categorical_crossentropy_spec)
def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Probabilities are rescaled to sum to 1 along `axis`, then clipped to [epsilon, 1 - epsilon]."""
    return engine.nn.categorical_crossentropy(target, output, from_logits=from_logits, axis=axis)


@keras_op(spec=_sparse_categorical_crossentropy_spec)
def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Integer targets (a trailing dim of 1 is dropped); targets out of range give a loss of 0."""
    return engine.nn.sparse_categorical_crossentropy(target, output, from_logits=from_logits, axis=axis)


def _one_hot_spec(x, num_classes, axis=-1, dtype=None, sparse=False):
    shape = rules.one_hot_shape(shape_of(x), num_classes, axis)
    return KerasTensor(shape, dtypes.standardize_dtype(dtype), sparse=sparse)


@keras_op(spec=_one_hot_spec)
def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    """Negative or out-of-range indices give all-zero rows."""
    return engine.nn.one_hot(x, num_classes, axis=axis, dtype=dtypes.standardize_dtype(dtype), sparse=sparse)


def _multi_hot_classes(num_classes, kwargs):
    if num_classes is None:
        num_classes = kwargs.pop("num_tokens", None)
    if kwargs:
        raise TypeError(f"ops.multi_hot: unexpected arguments {sorted(kwargs)}.")
    if num_classes is None:
        raise ValueError("ops.multi_hot: `num_classes` is required.")
    return num_classes


def _multi_hot_spec(inputs, num_classes=None, axis=-1, dtype=None, sparse=False, **kwargs):
    num_classes = _multi_hot_classes(num_classes, dict(kwargs))
    shape = shape_of(inputs)
    out = rules.one_hot_shape(shape, num_classes, axis, "multi_hot")
    drop = 1 if len(shape) > 1 else 0
    return KerasTensor(out[:drop] + out[drop + 1:], dtypes.standardize_dtype(dtype), sparse=sparse)


@keras_op(spec=_multi_hot_spec)
def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False, **kwargs):
    """One-hot encodings of a batch of index lists, combined by max: (batch, n) -> (batch, num_classes)."""
    num_classes = _multi_hot_classes(num_classes, kwargs)
    return engine.nn.multi_hot(inputs, num_classes, axis=axis, dtype=dtypes.standardize_dtype(dtype),
                               sparse=sparse)


# ------------------------------------------------------------- normalization


def _moments_spec(x, axes, keepdims=False, synchronized=False):
    shape = reduced_shape(shape_of(x), rules.moments_axes(x, axes), keepdims, "moments")
    dtype = float_dtype(dtype_of(x))
    return KerasTensor(shape, dtype), KerasTensor(shape, dtype)


@keras_op(spec=_moments_spec)
def moments(x, axes, keepdims=False, synchronized=False):
    """(mean, variance) over `axes`; float16 inputs are reduced in float32.

    `synchronized=True` all-reduces across replicas (TensorFlow distribution only)."""
    return engine.nn.moments(x, rules.moments_axes(x, axes), keepdims=keepdims, synchronized=synchronized)


def _batch_normalization_spec(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    normalize_axes(axis, len(shape_of(x)), "batch_normalization")
    args = [a for a in (x, mean, variance, offset, scale) if a is not None]
    return KerasTensor(shape_of(x), float_dtype(*map(dtype_of, args)))


@keras_op(spec=_batch_normalization_spec)
def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    """`(x - mean) / sqrt(variance + epsilon) * scale + offset`; 1-D statistics lie along `axis`."""
    return engine.nn.batch_normalization(x, mean, variance, axis, offset=offset, scale=scale, epsilon=epsilon)


def _norm_axes(x, axis, op):
    return normalize_axes(axis, max(len(shape_of(x)), 1), op)


@keras_op(spec=lambda x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs: KerasTensor(
    shape_of(x), float_dtype(dtype_of(x))))
def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    """Normalizes over `axis` (computed in float32 at least); gamma and beta lie along `axis`.

    The deprecated `rms_scaling=True` (kept for old Keras configs) divides by sqrt(variance + epsilon)
    without centering and ignores beta."""
    rms_scaling = bool(kwargs.pop("rms_scaling", False))
    if kwargs:
        raise TypeError(f"ops.layer_normalization: unexpected arguments {sorted(kwargs)}.")
    if rms_scaling:
        warnings.warn("ops.layer_normalization: rms_scaling=True is deprecated (it scales by the variance, not "
                      "the root mean square); use ops.rms_normalization.", DeprecationWarning, stacklevel=2)
    epsilon = config.epsilon() if epsilon is None else epsilon
    return engine.nn.layer_normalization(x, gamma, beta, _norm_axes(x, axis, "layer_normalization"), epsilon,
                                         rms_scaling)


@keras_op(spec=lambda x, scale=None, axis=-1, epsilon=None: KerasTensor(shape_of(x), float_dtype(dtype_of(x))))
def rms_normalization(x, scale=None, axis=-1, epsilon=None):
    """`x / sqrt(mean(x**2, axis) + epsilon) * scale`."""
    epsilon = config.epsilon() if epsilon is None else epsilon
    return engine.nn.rms_normalization(x, scale, _norm_axes(x, axis, "rms_normalization"), epsilon)


def _normalize_spec(x, axis=-1, order=2, epsilon=None):
    shape = shape_of(x)
    _norm_axes(x, axis, "normalize")
    return KerasTensor(shape if shape else (1,), float_dtype(dtype_of(x)))


@keras_op(spec=_normalize_spec)
def normalize(x, axis=-1, order=2, epsilon=None):
    """`x / max(norm(x, order, axis), epsilon)`; a scalar becomes shape (1,)."""
    if not isinstance(order, int) or isinstance(order, bool) or order < 1:
        raise ValueError(f"ops.normalize: `order` must be an int >= 1; got {order!r}.")
    epsilon = config.epsilon() if epsilon is None else epsilon
    return engine.nn.normalize(x, _norm_axes(x, axis, "normalize"), order, epsilon)


# ------------------------------------------------------------------ attention


def _attention_spec(query, key, value, bias=None, mask=None, scale=None, is_causal=False, flash_attention=None,
                    attn_logits_soft_cap=None):
    q, k, v = shape_of(query), shape_of(key), shape_of(value)
    _check_attention(q, k, v)
    return KerasTensor((*q[:-1], v[-1]), dtypes.result_type(dtype_of(query), dtype_of(key), dtype_of(value)))


def _check_attention(q, k, v):
    if not (len(q) == len(k) == len(v)) or len(q) not in (3, 4):
        raise ValueError(
            "ops.dot_product_attention: query, key and value must all have rank 3 (T, N, H) or 4 (B, T, N, H); "
            f"got {tuple(q)}, {tuple(k)} and {tuple(v)}.")
    heads, kv_heads = q[-2], k[-2]
    if heads is not None and kv_heads is not None and heads % kv_heads:
        raise ValueError(
            f"ops.dot_product_attention: the query heads ({heads}) must be a multiple of the key heads "
            f"({kv_heads}).")


@keras_op(spec=_attention_spec)
def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    """softmax(q k^T * scale + bias, masked) v over (batch, seq, heads, head_dim) inputs.

    `mask` (bool, broadcast to (B, N, T, S)) keeps positions where True; `is_causal` keeps
    key positions <= query position; key/value may have fewer heads than query (grouped).
    `flash_attention=True` asks the engine's fused kernel (a GPU with jax or torch).
    """
    _check_attention(shape_of(query), shape_of(key), shape_of(value))
    return engine.nn.dot_product_attention(query, key, value, bias, mask, scale, is_causal, flash_attention,
                                           attn_logits_soft_cap)


# --------------------------------------------------------------------- misc


@keras_op(spec=lambda x1, x2, max_val: KerasTensor((), float_dtype(dtype_of(x1), dtype_of(x2))))
def psnr(x1, x2, max_val):
    """Peak signal-to-noise ratio over all elements, in dB."""
    if len(shape_of(x1)) != len(shape_of(x2)):
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape; got {shape_of(x1)} and {shape_of(x2)}.")
    return engine.nn.psnr(x1, x2, max_val)


def _complex_of(*args):
    return "complex128" if float_dtype(*args) == "float64" else "complex64"


@keras_op(spec=lambda abs_, angle: KerasTensor(broadcast_shapes(shape_of(abs_), shape_of(angle)),
                                               _complex_of(dtype_of(abs_), dtype_of(angle))))
def polar(abs_, angle):
    """`abs_ * (cos(angle) + 1j * sin(angle))`."""
    return engine.nn.polar(abs_, angle)


def _ctc_loss_spec(target, output, target_length, output_length, mask_index=0):
    return KerasTensor((shape_of(output)[0],), dtypes.result_type(dtype_of(output), "float32"))


@keras_op(spec=_ctc_loss_spec)
def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """Per-sequence CTC loss. target (B, L) int, output (B, T, C) logits, `mask_index` the blank class."""
    if len(shape_of(target)) != 2 or len(shape_of(output)) != 3:
        raise ValueError(
            f"ops.ctc_loss: `target` must have rank 2 (batch, max_label_length) and `output` rank 3 "
            f"(batch, time, classes); got {tuple(shape_of(target))} and {tuple(shape_of(output))}.")
    return engine.nn.ctc_loss(target, output, target_length, output_length, mask_index)


def _ctc_decode_spec(inputs, sequence_lengths, strategy="greedy", beam_width=100, top_paths=1,
                     merge_repeated=True, mask_index=0):
    batch, time, _ = shape_of(inputs)
    paths = 1 if strategy == "greedy" else top_paths
    return (KerasTensor((paths, batch, time), "int32"),
            KerasTensor((batch, paths), dtypes.result_type(dtype_of(inputs), "float32")))


@keras_op(spec=_ctc_decode_spec)
def ctc_decode(inputs, sequence_lengths, strategy="greedy", beam_width=100, top_paths=1, merge_repeated=True,
               mask_index=0):
    """Decode (B, T, C) scores: (paths (top_paths, B, T) padded with -1, scores (B, top_paths)).

    'greedy' takes the best class per step (score: minus the sum of the best inputs);
    'beam_search' runs a CTC prefix beam search on log-softmaxed inputs (score: log-probability).
    """
    if len(shape_of(inputs)) != 3:
        raise ValueError(f"ops.ctc_decode: `inputs` must have rank 3 (batch, time, classes); "
                         f"got {tuple(shape_of(inputs))}.")
    if strategy not in ("greedy", "beam_search"):
        raise ValueError(f"ops.ctc_decode: `strategy` must be 'greedy' or 'beam_search'; got {strategy!r}.")
    if strategy == "beam_search" and not 1 <= top_paths <= beam_width:
        raise ValueError(f"ops.ctc_decode: need 1 <= top_paths <= beam_width; got {top_paths} and {beam_width}.")
    return engine.nn.ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths, merge_repeated,
                                mask_index)
