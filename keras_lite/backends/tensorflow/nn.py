"""TensorFlow: nn ops (tf.nn kernels on channels-last layouts; channels-first inputs are transposed).

Convolution and pooling functions receive normalized arguments from `keras_lite.ops.nn`:
tuples for strides / sizes / dilations, padding 'valid' or 'same', a data_format string.
TensorFlow's CPU kernels lack channels-first layouts, strides combined with dilation and
grouped 3-D convolutions; those cases are rewritten here into what the kernels support.
"""
import math

import numpy as np
import tensorflow as tf

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.tensorflow._host_ints import int_vector
from keras_lite.backends.tensorflow.core import convert_to_tensor
from keras_lite.backends.tensorflow.elementwise import _promote, _promote_float


def _float(x):
    x = convert_to_tensor(x)
    if x.dtype.is_floating:
        return x
    return tf.cast(x, dtypes.float_result_type(dtypes.standardize_dtype(x.dtype)))


def _const(value, x):
    return tf.constant(value, dtype=x.dtype)


# ---------------------------------------------------------------- activations


def relu(x):
    return tf.nn.relu(convert_to_tensor(x))


def relu6(x):
    return tf.nn.relu6(convert_to_tensor(x))


def hard_tanh(x):
    x = convert_to_tensor(x)
    return tf.clip_by_value(x, _const(-1, x), _const(1, x))


def sigmoid(x):
    return tf.nn.sigmoid(_float(x))


def sparse_sigmoid(x):
    x = _float(x)
    return tf.clip_by_value((x + 1) * 0.5, _const(0, x), _const(1, x))


def softplus(x):
    return tf.nn.softplus(_float(x))


def softsign(x):
    return tf.nn.softsign(_float(x))


def soft_shrink(x, threshold=0.5):
    x = _float(x)
    t = _const(threshold, x)
    return tf.where(x > t, x - t, tf.where(x < -t, x + t, tf.zeros_like(x)))


def sparse_plus(x):
    x = _float(x)
    return tf.where(x <= -1, tf.zeros_like(x), tf.where(x >= 1, x, tf.square(x + 1) * 0.25))


def silu(x):
    return tf.nn.silu(_float(x))


def squareplus(x, b=4):
    x = _float(x)
    return (x + tf.sqrt(tf.square(x) + _const(b, x))) * 0.5


def log_sigmoid(x):
    return tf.math.log_sigmoid(_float(x))


def leaky_relu(x, negative_slope=0.2):
    return tf.nn.leaky_relu(_float(x), alpha=negative_slope)


def hard_sigmoid(x):
    x = _float(x)
    return tf.nn.relu6(x + 3) / 6


def hard_silu(x):
    x = _float(x)
    return x * (tf.nn.relu6(x + 3) / 6)


def elu(x, alpha=1.0):
    x = _float(x)
    if alpha == 1.0:
        return tf.nn.elu(x)
    return tf.where(x > 0, x, _const(alpha, x) * tf.math.expm1(tf.minimum(x, 0)))


def selu(x):
    return tf.nn.selu(_float(x))


def gelu(x, approximate=True):
    return tf.nn.gelu(_float(x), approximate=approximate)


def celu(x, alpha=1.0):
    x = _float(x)
    a = _const(alpha, x)
    return tf.maximum(x, 0) + tf.minimum(a * tf.math.expm1(tf.minimum(x, 0) / a), 0)


def glu(x, axis=-1):
    x = _float(x)
    if x.shape[axis] is not None and x.shape[axis] % 2:
        raise ValueError(f"ops.glu: the size of axis {axis} must be even; got shape {tuple(x.shape)}.")
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.nn.sigmoid(b)


def tanh_shrink(x):
    x = _float(x)
    return x - tf.tanh(x)


def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return tf.where(tf.abs(x) > _const(threshold, x), x, tf.zeros_like(x))


def threshold(x, threshold, default_value):
    x, default_value = _promote(x, default_value)
    return tf.where(x > _const(threshold, x), x, default_value)


def softmax(x, axis=-1):
    x = _float(x)
    if isinstance(axis, int):
        return tf.nn.softmax(x, axis=axis)
    return tf.exp(x - tf.reduce_logsumexp(x, axis=axis, keepdims=True))


def log_softmax(x, axis=-1):
    x = _float(x)
    if isinstance(axis, int):
        return tf.nn.log_softmax(x, axis=axis)
    return x - tf.reduce_logsumexp(x, axis=axis, keepdims=True)


def sparsemax(x, axis=-1):
    x = _float(x)
    rank = len(x.shape)
    axis %= rank
    perm = [i for i in range(rank) if i != axis] + [axis]
    z = tf.transpose(x, perm)
    ranked = -tf.sort(-z, axis=-1)
    k = tf.cast(tf.range(1, tf.shape(z)[-1] + 1), x.dtype)
    cumulative = tf.cumsum(ranked, axis=-1)
    support = tf.reduce_sum(tf.cast(1 + k * ranked > cumulative, tf.int32), axis=-1, keepdims=True)
    tau = (tf.gather(cumulative, support - 1, batch_dims=rank - 1) - 1) / tf.cast(support, x.dtype)
    return tf.transpose(tf.maximum(z - tau, 0), np.argsort(perm))


# ---------------------------------------------------------- convolution & pooling


def _channels_last(x, data_format):
    if data_format == "channels_first":
        rank = len(x.shape)
        return tf.transpose(x, [0, *range(2, rank), 1])
    return x


def _restore(y, data_format):
    if data_format == "channels_first":
        rank = len(y.shape)
        return tf.transpose(y, [0, rank - 1, *range(1, rank - 1)])
    return y


def _same_pads(length, span, stride):
    total = max((-(-length // stride) - 1) * stride + span - length, 0)
    return total // 2, total - total // 2


def _pad_same(x, sizes, strides, dilation, value=0):
    spans = [(k - 1) * d + 1 for k, d in zip(sizes, dilation)]
    pads = [_same_pads(x.shape[1 + i], spans[i], strides[i]) for i in range(len(sizes))]
    return tf.pad(x, [(0, 0), *pads, (0, 0)], constant_values=value)


def _subsample(y, strides):
    return y[(slice(None), *(slice(None, None, s) for s in strides))]


def _windowed(kernel_op, x, sizes, strides, padding, dilation):
    """Run kernel_op(x, strides, padding, dilation) on channels-last x, rewriting what TF lacks:
    strides together with dilation (stride 1, then subsample) and unequal 2-D depthwise strides."""
    if any(s > 1 for s in strides) and (any(d > 1 for d in dilation) or len(set(strides)) > 1):
        if padding == "same":
            x = _pad_same(x, sizes, strides, dilation)
        return _subsample(kernel_op(x, (1,) * len(strides), "VALID", dilation), strides)
    return kernel_op(x, strides, padding.upper(), dilation)


def _convolution(x, kernel, strides, padding, dilation):
    """Channels-last convolution; groups follow from the kernel's in-channels."""
    groups = x.shape[-1] // kernel.shape[-2]

    def single(a, k, steps, pad, rate):
        if len(steps) == 3:  # tf.nn.convolution's eager 3-D gradient fails on TF 2.21; conv3d's works
            return tf.nn.conv3d(a, k, (1, *steps, 1), pad, dilations=(1, *rate, 1))
        if len(steps) == 2 and set(rate) == {1}:
            # The kernel tf.nn.convolution runs here, without its Python layers (~50 µs per eager call).
            return tf.raw_ops.Conv2D(input=a, filter=k, strides=(1, *steps, 1), padding=pad)
        return tf.nn.convolution(a, k, steps, pad, dilations=rate)

    def run(inputs, steps, pad, rate):
        if groups == 1 or len(steps) < 3:  # TF's CPU kernels group 1-D and 2-D convolutions only
            return single(inputs, kernel, steps, pad, rate)
        parts = zip(tf.split(inputs, groups, axis=-1), tf.split(kernel, groups, axis=-1))
        return tf.concat([single(a, k, steps, pad, rate) for a, k in parts], axis=-1)

    if any(s > 1 for s in strides) and any(d > 1 for d in dilation):
        return _windowed(run, x, kernel.shape[:-2], strides, padding, dilation)
    return run(x, strides, padding.upper(), dilation)


def conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_last(inputs, data_format)
    k_in = kernel.shape[-2]
    if k_in == 0 or x.shape[-1] % k_in:
        raise ValueError(
            f"ops.conv: the input channels ({x.shape[-1]}) must be a multiple of the kernel's input channels "
            f"({k_in}); got inputs {tuple(inputs.shape)} and kernel {tuple(kernel.shape)}.")
    return _restore(_convolution(x, kernel, strides, padding, dilation_rate), data_format)


def depthwise_conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_last(inputs, data_format)
    n = len(strides)
    if n == 3:
        grouped = tf.reshape(kernel, (*kernel.shape[:3], 1, kernel.shape[-2] * kernel.shape[-1]))
        return _restore(_convolution(x, grouped, strides, padding, dilation_rate), data_format)
    if n == 1:  # as a 2-D depthwise convolution over (1, width)
        y = depthwise_conv(x[:, None], kernel[None], (1, *strides), padding, "channels_last", (1, *dilation_rate))
        return _restore(y[:, 0], data_format)

    def run(inputs, steps, pad, rate):
        return tf.nn.depthwise_conv2d(inputs, kernel, (1, *steps, 1), pad, dilations=rate)

    return _restore(_windowed(run, x, kernel.shape[:2], strides, padding, dilation_rate), data_format)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides, padding, data_format, dilation_rate):
    inputs, depthwise_kernel, pointwise_kernel = _promote(inputs, depthwise_kernel, pointwise_kernel)
    mid = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    ones = (1,) * len(strides)
    return conv(mid, pointwise_kernel, ones, "valid", data_format, ones)


def _transpose_geometry(length, kernel, stride, padding, output_padding, dilation):
    """(output length, offset of the output in the full scatter) of one transposed-conv dim."""
    span = (kernel - 1) * dilation + 1
    if output_padding is None:
        out = length * stride + max(span - stride, 0) if padding == "valid" else length * stride
    else:
        pad = span // 2 if padding == "same" else 0
        out = (length - 1) * stride + span - 2 * pad + output_padding
    start = max((length - 1) * stride + span - out, 0) // 2 if padding == "same" else 0
    return out, start


def _dilate_kernel(kernel, dilation, n):
    """Insert (d - 1) zeros between kernel taps (TF's CPU transposed convolutions reject dilations)."""
    for axis, d in enumerate(dilation):
        if d > 1:
            size = kernel.shape[axis]
            moved = tf.experimental.numpy.moveaxis(kernel, axis, 0)
            zeros = tf.zeros((size, d - 1, *moved.shape[1:]), kernel.dtype)
            spread = tf.reshape(tf.concat([moved[:, None], zeros], axis=1), (size * d, *moved.shape[1:]))
            kernel = tf.experimental.numpy.moveaxis(spread[:(size - 1) * d + 1], 0, axis)
    return kernel


def conv_transpose(inputs, kernel, strides, padding, output_padding, data_format, dilation_rate):
    """The full ('VALID') transposed convolution, then cropped / zero-extended to Keras's geometry.

    The crop offset and the zero extension do not depend on the input length, so spatial dims
    unknown while tracing (None) work too."""
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_last(inputs, data_format)
    n = len(strides)
    kernel = _dilate_kernel(kernel, dilation_rate, n)  # keeps the span: the geometry is unchanged
    dynamic = tf.shape(x)
    lengths = [x.shape[1 + i] if x.shape[1 + i] is not None else dynamic[1 + i] for i in range(n)]
    full = [(lengths[i] - 1) * strides[i] + kernel.shape[i] for i in range(n)]
    y = tf.nn.conv_transpose(x, kernel, tf.stack([dynamic[0], *full, kernel.shape[-2]]), strides, "VALID")
    crop, extra = [slice(None)], [(0, 0)]
    for i in range(n):
        span = kernel.shape[i]
        out_of_one, start = _transpose_geometry(1, span, strides[i], padding,
                                                None if output_padding is None else output_padding[i], 1)
        crop.append(slice(start, start + out_of_one + (lengths[i] - 1) * strides[i]))
        extra.append((0, max(start + out_of_one - span, 0)))
    y = y[tuple(crop)]
    if any(e != (0, 0) for e in extra):
        y = tf.pad(y, extra + [(0, 0)])
    return _restore(y, data_format)


def max_pool(inputs, pool_size, strides, padding, data_format):
    x = _channels_last(convert_to_tensor(inputs), data_format)
    if len(pool_size) == 3 and not x.dtype.is_floating:  # MaxPool3D takes floats only
        wide = tf.cast(x, tf.float64)
        return _restore(tf.cast(tf.nn.max_pool(wide, pool_size, strides, padding.upper()), x.dtype), data_format)
    return _restore(tf.nn.max_pool(x, pool_size, strides, padding.upper()), data_format)


def average_pool(inputs, pool_size, strides, padding, data_format):
    x = _channels_last(_float(inputs), data_format)
    return _restore(tf.nn.avg_pool(x, pool_size, strides, padding.upper()), data_format)


def _adaptive_pool(x, output_size, data_format, reduce):
    first = 1 if data_format == "channels_last" else 2
    rank = len(x.shape)
    for i, size in enumerate(output_size):
        axis, length = first + i, x.shape[first + i]
        parts = []
        for j in range(size):
            start, stop = (j * length) // size, -((-(j + 1) * length) // size)
            index = tuple(slice(start, stop) if a == axis else slice(None) for a in range(rank))
            parts.append(reduce(x[index], axis=axis))
        x = tf.stack(parts, axis=axis)
    return x


def adaptive_average_pool(inputs, output_size, data_format):
    return _adaptive_pool(_float(inputs), output_size, data_format, tf.reduce_mean)


def adaptive_max_pool(inputs, output_size, data_format):
    return _adaptive_pool(convert_to_tensor(inputs), output_size, data_format, tf.reduce_max)


def depth_to_space(x, block_size, data_format):
    x = convert_to_tensor(x)
    if data_format == "channels_last":
        return tf.nn.depth_to_space(x, block_size)
    b = block_size
    c = x.shape[1]
    n, _, h, w = tf.unstack(tf.shape(x))
    x = tf.transpose(tf.reshape(x, (n, c // (b * b), b, b, h, w)), (0, 1, 4, 2, 5, 3))
    return tf.reshape(x, (n, c // (b * b), h * b, w * b))


def space_to_depth(x, block_size, data_format):
    x = convert_to_tensor(x)
    if data_format == "channels_last":
        return tf.nn.space_to_depth(x, block_size)
    b = block_size
    c = x.shape[1]
    n, _, h, w = tf.unstack(tf.shape(x))
    x = tf.transpose(tf.reshape(x, (n, c, h // b, b, w // b, b)), (0, 1, 3, 5, 2, 4))
    return tf.reshape(x, (n, c * b * b, h // b, w // b))


def _block_positions(size, kernel_size, dilation, padding, stride):
    """Flat (padded) image position of each (kernel offset, block) pair, in unfold's order."""
    padded = [s + 2 * p for s, p in zip(size, padding)]
    counts = [(length - (k - 1) * d - 1) // s + 1 for length, k, d, s in zip(padded, kernel_size, dilation, stride)]
    rows = (np.arange(kernel_size[0])[:, None] * dilation[0] + np.arange(counts[0])[None] * stride[0])
    cols = (np.arange(kernel_size[1])[:, None] * dilation[1] + np.arange(counts[1])[None] * stride[1])
    flat = rows[:, None, :, None] * padded[1] + cols[None, :, None, :]  # (kh, kw, oh, ow)
    return flat.reshape(-1), padded


def unfold(x, kernel_size, dilation, padding, stride):
    x = convert_to_tensor(x)
    _, c, h, w = x.shape
    n = tf.shape(x)[0]
    positions, _ = _block_positions((h, w), kernel_size, dilation, padding, stride)
    x = tf.reshape(tf.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2)), (n, c, -1))
    kk = kernel_size[0] * kernel_size[1]
    return tf.reshape(tf.gather(x, positions, axis=2), (n, c * kk, -1))


def fold(x, output_size, kernel_size, dilation, padding, stride):
    x = convert_to_tensor(x)
    ckk = x.shape[1]
    n = tf.shape(x)[0]
    c = ckk // (kernel_size[0] * kernel_size[1])
    positions, padded = _block_positions(output_size, kernel_size, dilation, padding, stride)
    blocks = tf.transpose(tf.reshape(x, (n, c, -1)), (2, 0, 1))  # (kk * L, N, C)
    y = tf.math.unsorted_segment_sum(blocks, positions, padded[0] * padded[1])
    y = tf.reshape(tf.transpose(y, (1, 2, 0)), (n, c, *padded))
    return y[:, :, padding[0]:padding[0] + output_size[0], padding[1]:padding[1] + output_size[1]]


# ------------------------------------------------------------------- losses


def _check_same_shape(op, target, output):
    if not target.shape.is_compatible_with(output.shape) or len(target.shape) != len(output.shape):
        raise ValueError(f"ops.{op}: `target` and `output` must have the same shape; "
                         f"got {tuple(target.shape)} and {tuple(output.shape)}.")


def binary_crossentropy(target, output, from_logits=False):
    target, output = _promote_float(target, output)
    _check_same_shape("binary_crossentropy", target, output)
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target, logits=output)
    eps = config.epsilon()
    output = tf.clip_by_value(output, _const(eps, output), _const(1 - eps, output))
    return -(target * tf.math.log(output) + (1 - target) * tf.math.log(1 - output))


def _log_probs(output, from_logits, axis):
    if from_logits:
        return tf.nn.log_softmax(output, axis=axis)
    eps = config.epsilon()
    output = output / tf.reduce_sum(output, axis=axis, keepdims=True)
    return tf.math.log(tf.clip_by_value(output, _const(eps, output), _const(1 - eps, output)))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _promote_float(target, output)
    _check_same_shape("categorical_crossentropy", target, output)
    return -tf.reduce_sum(target * _log_probs(output, from_logits, axis), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = tf.cast(convert_to_tensor(target), tf.int64)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf.squeeze(target, -1)
    hits = one_hot(target, output.shape[axis], axis=axis, dtype=dtypes.standardize_dtype(output.dtype))
    return -tf.reduce_sum(hits * _log_probs(output, from_logits, axis), axis=axis)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    x = convert_to_tensor(x)
    if not x.dtype.is_integer:
        x = tf.cast(x, tf.int64)
    axis = axis % (len(x.shape) + 1)
    dense = tf.one_hot(x, num_classes, axis=axis, dtype=dtype)
    return tf.sparse.from_dense(dense) if sparse else dense


def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    inputs = tf.cast(convert_to_tensor(inputs), tf.int32)
    encoded = one_hot(inputs, num_classes, axis=axis, dtype=dtype)
    dense = tf.reduce_max(encoded, axis=1 if len(inputs.shape) > 1 else 0)
    return tf.sparse.from_dense(dense) if sparse else dense


# ------------------------------------------------------------- normalization


def moments(x, axes, keepdims=False, synchronized=False):
    x = _float(x)
    compute = tf.cast(x, tf.float32) if x.dtype == tf.float16 else x
    if synchronized:
        return _synchronized_moments(compute, x.dtype, axes, keepdims)
    axis = int_vector(axes)
    mean = tf.reduce_mean(compute, axis=axis, keepdims=True)
    variance = tf.reduce_mean(tf.square(compute - mean), axis=axis, keepdims=True)
    if not keepdims:
        mean, variance = tf.squeeze(mean, axes), tf.squeeze(variance, axes)
    return tf.cast(mean, x.dtype), tf.cast(variance, x.dtype)


def _synchronized_moments(x, dtype, axes, keepdims):
    """Mean and variance over `axes` of the batch of every replica (tf.distribute all-reduce)."""
    context = tf.distribute.get_replica_context()
    sums = [tf.reduce_sum(x, axis=axes, keepdims=True), tf.reduce_sum(tf.square(x), axis=axes, keepdims=True)]
    count = tf.cast(tf.reduce_prod(tf.gather(tf.shape(x), axes)), x.dtype)
    if context is not None:
        sums, count = context.all_reduce(tf.distribute.ReduceOp.SUM, (sums, count))
    mean = sums[0] / count
    variance = tf.maximum(sums[1] / count - tf.square(mean), 0)
    if not keepdims:
        mean, variance = tf.squeeze(mean, axes), tf.squeeze(variance, axes)
    return tf.cast(mean, dtype), tf.cast(variance, dtype)


def _along(v, axis, rank):
    if v is None or len(v.shape) != 1:
        return v
    shape = [1] * rank
    shape[axis] = v.shape[0]
    return tf.reshape(v, int_vector(shape))


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    args = [a for a in (x, mean, variance, offset, scale) if a is not None]
    name = dtypes.float_result_type(*map(dtypes.dtype_of, args))
    x, mean, variance = (convert_to_tensor(a, name) for a in (x, mean, variance))
    rank = len(x.shape)
    mean, variance = _along(mean, axis, rank), _along(variance, axis, rank)
    inv = tf.math.rsqrt(variance + epsilon)
    if scale is not None:
        inv = inv * _along(convert_to_tensor(scale, name), axis, rank)
    shift = -mean * inv
    if offset is not None:
        shift = shift + _along(convert_to_tensor(offset, name), axis, rank)
    return x * inv + shift


def _compute(x):
    return tf.cast(x, tf.float32) if x.dtype in (tf.float16, tf.bfloat16) else x


def _spread(v, axis, shape, dtype):
    if v is None:
        return None
    v = tf.cast(convert_to_tensor(v), dtype)
    if len(v.shape) == len(shape) or tuple(axis) == (len(shape) - 1,):
        return v
    return tf.reshape(v, [shape[a] if a in axis else 1 for a in range(len(shape))])


def layer_normalization(x, gamma, beta, axis, epsilon, rms_scaling=False):
    """rms_scaling (deprecated in Keras): x / sqrt(variance + epsilon) * gamma, no centering, no beta."""
    x = _float(x)
    compute = _compute(x)
    mean, variance = tf.nn.moments(compute, axes=int_vector(list(axis)), keepdims=True)
    out = (compute if rms_scaling else compute - mean) * tf.math.rsqrt(variance + epsilon)
    beta = None if rms_scaling else beta
    gamma, beta = _spread(gamma, axis, x.shape, compute.dtype), _spread(beta, axis, x.shape, compute.dtype)
    if gamma is not None:
        out = out * gamma
    if beta is not None:
        out = out + beta
    return tf.cast(out, x.dtype)


def rms_normalization(x, scale, axis, epsilon):
    x = _float(x)
    compute = _compute(x)
    out = compute * tf.math.rsqrt(tf.reduce_mean(tf.square(compute), axis=axis, keepdims=True) + epsilon)
    scale = _spread(scale, axis, x.shape, compute.dtype)
    if scale is not None:
        out = out * scale
    return tf.cast(out, x.dtype)


def normalize(x, axis, order, epsilon):
    x = _float(x)
    if len(x.shape) == 0:
        x = tf.reshape(x, (1,))
    if order == 2:
        norm = tf.sqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))
    else:
        norm = tf.reduce_sum(tf.abs(x) ** order, axis=axis, keepdims=True) ** (1 / order)
    return x / tf.maximum(norm, _const(epsilon, x))


# ------------------------------------------------------------------ attention


def dot_product_attention(query, key, value, bias, mask, scale, is_causal, flash_attention, attn_logits_soft_cap):
    if flash_attention:
        raise NotImplementedError("ops.dot_product_attention: the tensorflow backend has no flash attention.")
    query, key, value = _promote(query, key, value)
    unbatched = len(query.shape) == 3
    if unbatched:
        query, key, value = query[None], key[None], value[None]
    dtype = query.dtype
    heads, kv_heads = query.shape[2], key.shape[2]
    if heads != kv_heads:
        key, value = tf.repeat(key, heads // kv_heads, axis=2), tf.repeat(value, heads // kv_heads, axis=2)
    scale = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    compute = tf.float64 if dtype == tf.float64 else tf.float32
    q, k = tf.cast(query, compute), tf.cast(key, compute)
    logits = tf.einsum("btnh,bsnh->bnts", q, k) * tf.cast(scale, compute)
    if attn_logits_soft_cap is not None:
        logits = tf.tanh(logits / attn_logits_soft_cap) * attn_logits_soft_cap
    if bias is not None:
        logits = logits + tf.cast(convert_to_tensor(bias), compute)
    keep = None if mask is None else tf.cast(convert_to_tensor(mask), tf.bool)
    if is_causal:
        t, s = tf.shape(logits)[-2], tf.shape(logits)[-1]
        causal = tf.linalg.band_part(tf.ones((t, s), tf.bool), -1, 0)
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        logits = tf.where(keep, logits, tf.constant(-0.7 * np.finfo(np.float32).max, compute))
    probs = tf.cast(tf.nn.softmax(tf.cast(logits, tf.float32) if compute == tf.float32 else logits, axis=-1), dtype)
    out = tf.einsum("bnts,bsnh->btnh", probs, value)
    return out[0] if unbatched else out


# --------------------------------------------------------------------- misc


def psnr(x1, x2, max_val):
    x1, x2 = _promote_float(x1, x2)
    if x1.shape != x2.shape:
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape; got {tuple(x1.shape)} and "
                         f"{tuple(x2.shape)}.")
    mse = tf.reduce_mean(tf.square(x1 - x2))
    log10 = math.log(10)
    return 20 * tf.math.log(_const(max_val, x1)) / log10 - 10 * tf.math.log(mse) / log10


def polar(abs_, angle):
    abs_, angle = _promote_float(abs_, angle)
    if abs_.dtype in (tf.float16, tf.bfloat16):
        abs_, angle = tf.cast(abs_, tf.float32), tf.cast(angle, tf.float32)
    return tf.complex(abs_ * tf.cos(angle), abs_ * tf.sin(angle))


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = convert_to_tensor(output)
    if output.dtype != tf.float64:
        output = tf.cast(output, tf.float32)
    return tf.nn.ctc_loss(
        labels=tf.cast(convert_to_tensor(target), tf.int32), logits=output,
        label_length=tf.reshape(tf.cast(convert_to_tensor(target_length), tf.int32), (-1,)),
        logit_length=tf.reshape(tf.cast(convert_to_tensor(output_length), tf.int32), (-1,)),
        logits_time_major=False, blank_index=mask_index)


def _greedy_decode(inputs, lengths, merge_repeated, mask_index):
    time = tf.shape(inputs)[1]
    steps = tf.range(time)[None, :]
    inside = steps < lengths[:, None]
    best = tf.where(inside, tf.argmax(inputs, axis=-1, output_type=tf.int32), mask_index)
    scores = -tf.reduce_sum(tf.where(inside, tf.reduce_max(inputs, axis=-1), tf.zeros((), inputs.dtype)),
                            axis=1, keepdims=True)
    keep = best != mask_index
    if merge_repeated:
        first = tf.ones_like(keep[:, :1])
        keep = tf.logical_and(keep, tf.concat([first, best[:, 1:] != best[:, :-1]], axis=1))
    order = tf.argsort(tf.where(keep, steps, time), axis=1, stable=True)
    paths = tf.where(tf.gather(keep, order, batch_dims=1), tf.gather(best, order, batch_dims=1), -1)
    return paths[None], scores


def ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths, merge_repeated, mask_index):
    inputs = convert_to_tensor(inputs)
    if inputs.dtype != tf.float64:
        inputs = tf.cast(inputs, tf.float32)
    lengths = tf.reshape(tf.cast(convert_to_tensor(sequence_lengths), tf.int32), (-1,))
    if strategy == "greedy":
        return _greedy_decode(inputs, lengths, merge_repeated, mask_index)
    # TF's decoder takes the blank as the last class: rotate `mask_index` to the end and back.
    classes = inputs.shape[-1]
    order = [c for c in range(classes) if c != mask_index] + [mask_index]
    logp = tf.nn.log_softmax(tf.gather(inputs, order, axis=-1), axis=-1)
    decoded, scores = tf.nn.ctc_beam_search_decoder(tf.transpose(logp, (1, 0, 2)), lengths, beam_width, top_paths)
    back = tf.constant(order, tf.int64)
    time = tf.shape(inputs)[1]
    paths = []
    for sparse in decoded:
        dense = tf.sparse.to_dense(tf.SparseTensor(sparse.indices, tf.gather(back, sparse.values),
                                                   sparse.dense_shape), default_value=-1)
        paths.append(tf.pad(dense, [(0, 0), (0, time - tf.shape(dense)[1])], constant_values=-1))
    return tf.cast(tf.stack(paths), tf.int32), tf.cast(scores, inputs.dtype)
