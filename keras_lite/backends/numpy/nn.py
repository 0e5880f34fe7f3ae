"""NumPy: nn ops (activations, convolution and pooling by sliding windows, losses, attention, CTC).

Convolution and pooling functions receive normalized arguments from `keras_lite.ops.nn`:
tuples for strides / sizes / dilations, padding 'valid' or 'same', a data_format string.
"""
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from keras_lite.backends.common import config, ctc, dtypes
from keras_lite.backends.numpy.core import convert_to_tensor


def _np_dtype(name):
    return dtypes.to_numpy_dtype(name)


def _float(x):
    """x as an array of its float result dtype (ints and bools become floatx)."""
    x = convert_to_tensor(x)
    name = dtypes.float_result_type(dtypes.standardize_dtype(x.dtype))
    return x if dtypes.standardize_dtype(x.dtype) == name else x.astype(_np_dtype(name))


def _promote(*xs):
    name = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, name) for x in xs]


def _promote_float(*xs):
    name = dtypes.float_result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, name) for x in xs]


def _scalar(value, x):
    return np.asarray(value, dtype=x.dtype)


# ---------------------------------------------------------------- activations


def relu(x):
    x = convert_to_tensor(x)
    return np.maximum(x, _scalar(0, x))


def relu6(x):
    x = convert_to_tensor(x)
    return np.clip(x, _scalar(0, x), _scalar(6, x))


def hard_tanh(x):
    x = convert_to_tensor(x)
    return np.clip(x, _scalar(-1, x), _scalar(1, x))


def sigmoid(x):
    x = _float(x)
    with np.errstate(over="ignore"):
        return (0.5 * (1 + np.tanh(x * 0.5))).astype(x.dtype)


def sparse_sigmoid(x):
    x = _float(x)
    return np.clip((x + 1) * 0.5, _scalar(0, x), _scalar(1, x))


def softplus(x):
    x = _float(x)
    return np.logaddexp(x, _scalar(0, x))


def softsign(x):
    x = _float(x)
    return x / (1 + np.abs(x))


def soft_shrink(x, threshold=0.5):
    x = _float(x)
    t = _scalar(threshold, x)
    return np.where(x > t, x - t, np.where(x < -t, x + t, _scalar(0, x)))


def sparse_plus(x):
    x = _float(x)
    return np.where(x <= -1, _scalar(0, x), np.where(x >= 1, x, np.square(x + 1) * _scalar(0.25, x)))


def silu(x):
    x = _float(x)
    return x * sigmoid(x)


def squareplus(x, b=4):
    x = _float(x)
    return (x + np.sqrt(np.square(x) + _scalar(b, x))) * _scalar(0.5, x)


def log_sigmoid(x):
    x = _float(x)
    return -np.logaddexp(-x, _scalar(0, x))


def leaky_relu(x, negative_slope=0.2):
    x = _float(x)
    return np.where(x >= 0, x, x * _scalar(negative_slope, x))


def hard_sigmoid(x):
    x = _float(x)
    return np.clip(x / 6 + _scalar(0.5, x), _scalar(0, x), _scalar(1, x))


def hard_silu(x):
    x = _float(x)
    return x * hard_sigmoid(x)


def elu(x, alpha=1.0):
    x = _float(x)
    return np.where(x > 0, x, _scalar(alpha, x) * np.expm1(np.minimum(x, 0)))


def selu(x):
    x = _float(x)
    return _scalar(1.0507009873554805, x) * elu(x, 1.6732632423543772)


_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
_erf_exact = np.frompyfunc(math.erf, 1, 1)


def _erf(x):
    """erf without scipy: exact (math.erf) in float64, Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7) below."""
    if x.dtype == np.float64:
        return _erf_exact(x).astype(np.float64)
    z = np.abs(x.astype(np.float32))
    t = 1 / (1 + _ERF_P * z)
    poly = t * (_ERF_A[0] + t * (_ERF_A[1] + t * (_ERF_A[2] + t * (_ERF_A[3] + t * _ERF_A[4]))))
    return (np.sign(x) * (1 - poly * np.exp(-z * z))).astype(x.dtype)


def gelu(x, approximate=True):
    x = _float(x)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + _scalar(0.044715, x) * x ** 3)
        return _scalar(0.5, x) * x * (1 + np.tanh(inner))
    return _scalar(0.5, x) * x * (1 + _erf(x / _scalar(math.sqrt(2), x)))


def celu(x, alpha=1.0):
    x = _float(x)
    a = _scalar(alpha, x)
    return np.maximum(x, 0) + np.minimum(a * np.expm1(np.minimum(x, 0) / a), 0)


def glu(x, axis=-1):
    x = _float(x)
    if x.shape[axis] % 2:
        raise ValueError(f"ops.glu: the size of axis {axis} must be even; got shape {x.shape}.")
    a, b = np.split(x, 2, axis=axis)
    return a * sigmoid(b)


def tanh_shrink(x):
    x = _float(x)
    return x - np.tanh(x)


def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return np.where(np.abs(x) > threshold, x, _scalar(0, x))


def threshold(x, threshold, default_value):
    x, default_value = _promote(x, default_value)
    return np.where(x > threshold, x, default_value)


def _axes(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def softmax(x, axis=-1):
    x = _float(x)
    axis = _axes(axis)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    x = _float(x)
    axis = _axes(axis)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def sparsemax(x, axis=-1):
    x = _float(x)
    z = np.moveaxis(x, axis, -1)
    ranked = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=x.dtype)
    cumulative = np.cumsum(ranked, axis=-1)
    support = np.sum(1 + k * ranked > cumulative, axis=-1, keepdims=True)
    tau = (np.take_along_axis(cumulative, support - 1, axis=-1) - 1) / support.astype(x.dtype)
    return np.moveaxis(np.maximum(z - tau, 0), -1, axis)


# ---------------------------------------------------------- convolution & pooling


def _channels_last(x, data_format):
    return np.moveaxis(x, 1, -1) if data_format == "channels_first" else x


def _restore(y, data_format):
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def _same_pads(length, span, stride):
    total = max((-(-length // stride) - 1) * stride + span - length, 0)
    return total // 2, total - total // 2


def _windows(x, sizes, strides, dilation, padding, pad_value=0):
    """A view (N, *out_spatial, C, *sizes) of the windows of a channels-last x."""
    n = x.ndim - 2
    spans = [(k - 1) * d + 1 for k, d in zip(sizes, dilation)]
    if padding == "same":
        pads = [(0, 0)] + [_same_pads(x.shape[i + 1], spans[i], strides[i]) for i in range(n)] + [(0, 0)]
        if any(p != (0, 0) for p in pads):
            x = np.pad(x, pads, constant_values=pad_value)
    windows = sliding_window_view(x, spans, axis=tuple(range(1, n + 1)))
    index = ((slice(None),) + tuple(slice(None, None, s) for s in strides) + (slice(None),)
             + tuple(slice(None, None, d) for d in dilation))
    return windows[index]


def _conv_channels_last(x, kernel, strides, padding, dilation):
    n = x.ndim - 2
    k_in, k_out = kernel.shape[-2:]
    groups = x.shape[-1] // k_in
    windows = _windows(x, kernel.shape[:n], strides, padding=padding, dilation=dilation)
    if groups == 1:
        kernel = np.moveaxis(kernel, -2, 0)  # (in, *k, out)
        return np.tensordot(windows, kernel, axes=(list(range(n + 1, 2 * n + 2)), list(range(n + 1))))
    windows = windows.reshape(windows.shape[:n + 1] + (groups, k_in) + windows.shape[n + 2:])
    kernel = kernel.reshape(kernel.shape[:n] + (k_in, groups, k_out // groups))
    sp, ks = "abc"[:n], "klm"[:n]
    compute = np.float32 if x.dtype.kind == "V" else x.dtype  # einsum has no bfloat16
    out = np.einsum(f"z{sp}GC{ks},{ks}CGO->z{sp}GO", windows.astype(compute, copy=False),
                    kernel.astype(compute, copy=False), optimize=True)
    return out.reshape(out.shape[:n + 1] + (k_out,)).astype(x.dtype)


def conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_last(inputs, data_format)
    if kernel.shape[-2] == 0 or x.shape[-1] % kernel.shape[-2]:
        raise ValueError(
            f"ops.conv: the input channels ({x.shape[-1]}) must be a multiple of the kernel's input channels "
            f"({kernel.shape[-2]}); got inputs {inputs.shape} and kernel {kernel.shape}.")
    return _restore(_conv_channels_last(x, kernel, strides, padding, dilation_rate), data_format)


def _depthwise_as_grouped(kernel):
    """(*k, C, M) -> (*k, 1, C * M): a conv with C groups of one input channel each."""
    return kernel.reshape(kernel.shape[:-2] + (1, kernel.shape[-2] * kernel.shape[-1]))


def depthwise_conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    return conv(inputs, _depthwise_as_grouped(kernel), strides, padding, data_format, dilation_rate)


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


def conv_transpose(inputs, kernel, strides, padding, output_padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_last(inputs, data_format)
    n = x.ndim - 2
    sizes = kernel.shape[:n]
    full = [(length - 1) * s + (k - 1) * d + 1 for length, k, s, d in zip(x.shape[1:-1], sizes, strides, dilation_rate)]
    y = np.zeros((x.shape[0], *full, kernel.shape[-2]), dtype=x.dtype)
    for offset in np.ndindex(*sizes):
        contribution = np.tensordot(x, kernel[offset], axes=([-1], [1]))  # (N, *in, out)
        index = tuple(slice(o * d, o * d + (length - 1) * s + 1, s)
                      for o, d, s, length in zip(offset, dilation_rate, strides, x.shape[1:-1]))
        y[(slice(None),) + index] += contribution
    pads = output_padding or (None,) * n
    crop, extra = [slice(None)], [(0, 0)]
    for i in range(n):
        out, start = _transpose_geometry(x.shape[i + 1], sizes[i], strides[i], padding, pads[i], dilation_rate[i])
        crop.append(slice(start, start + out))
        extra.append((0, max(start + out - full[i], 0)))
    y = y[tuple(crop)]
    if any(e != (0, 0) for e in extra):
        y = np.pad(y, extra + [(0, 0)])
    return _restore(y, data_format)


def _lowest(dtype):
    if dtype.kind == "f" or dtypes.standardize_dtype(dtype) == "bfloat16":
        return -np.inf
    if dtype.kind == "b":
        return False
    return np.iinfo(dtype).min


def max_pool(inputs, pool_size, strides, padding, data_format):
    x = _channels_last(convert_to_tensor(inputs), data_format)
    n = x.ndim - 2
    windows = _windows(x, pool_size, strides, (1,) * n, padding, _lowest(x.dtype))
    return _restore(np.max(windows, axis=tuple(range(-n, 0))), data_format)


def average_pool(inputs, pool_size, strides, padding, data_format):
    x = _channels_last(_float(inputs), data_format)
    n = x.ndim - 2
    ones = (1,) * n
    sums = np.sum(_windows(x, pool_size, strides, ones, padding), axis=tuple(range(-n, 0)))
    if padding == "valid":
        return _restore(sums / _scalar(math.prod(pool_size), x), data_format)
    counts = np.ones((1, *x.shape[1:-1], 1), dtype=x.dtype)
    counts = np.sum(_windows(counts, pool_size, strides, ones, padding), axis=tuple(range(-n, 0)))
    return _restore(sums / counts, data_format)


def _adaptive_pool(x, output_size, data_format, reduce):
    first = 1 if data_format == "channels_last" else 2
    for i, size in enumerate(output_size):
        axis, length = first + i, x.shape[first + i]
        parts = []
        for j in range(size):
            start, stop = (j * length) // size, -((-(j + 1) * length) // size)
            parts.append(reduce(np.take(x, np.arange(start, stop), axis=axis), axis=axis))
        x = np.stack(parts, axis=axis)
    return x


def adaptive_average_pool(inputs, output_size, data_format):
    return _adaptive_pool(_float(inputs), output_size, data_format, np.mean)


def adaptive_max_pool(inputs, output_size, data_format):
    return _adaptive_pool(convert_to_tensor(inputs), output_size, data_format, np.max)


def depth_to_space(x, block_size, data_format):
    x = convert_to_tensor(x)
    b = block_size
    if data_format == "channels_last":
        n, h, w, c = x.shape
        x = x.reshape(n, h, w, b, b, c // (b * b)).transpose(0, 1, 3, 2, 4, 5)
        return x.reshape(n, h * b, w * b, c // (b * b))
    n, c, h, w = x.shape
    x = x.reshape(n, c // (b * b), b, b, h, w).transpose(0, 1, 4, 2, 5, 3)
    return x.reshape(n, c // (b * b), h * b, w * b)


def space_to_depth(x, block_size, data_format):
    x = convert_to_tensor(x)
    b = block_size
    if data_format == "channels_last":
        n, h, w, c = x.shape
        x = x.reshape(n, h // b, b, w // b, b, c).transpose(0, 1, 3, 2, 4, 5)
        return x.reshape(n, h // b, w // b, c * b * b)
    n, c, h, w = x.shape
    x = x.reshape(n, c, h // b, b, w // b, b).transpose(0, 1, 3, 5, 2, 4)
    return x.reshape(n, c * b * b, h // b, w // b)


def unfold(x, kernel_size, dilation, padding, stride):
    x = convert_to_tensor(x)
    n, c = x.shape[:2]
    x = np.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2))
    windows = _windows(np.moveaxis(x, 1, -1), kernel_size, stride, dilation, "valid")  # (N, oH, oW, C, kH, kW)
    blocks = windows.shape[1] * windows.shape[2]
    return np.moveaxis(windows.reshape(n, blocks, -1), 1, 2)


def fold(x, output_size, kernel_size, dilation, padding, stride):
    x = convert_to_tensor(x)
    n, ckk, _ = x.shape
    kh, kw = kernel_size
    padded = [o + 2 * p for o, p in zip(output_size, padding)]
    counts = [(length - (k - 1) * d - 1) // s + 1 for length, k, d, s in zip(padded, kernel_size, dilation, stride)]
    blocks = x.reshape(n, ckk // (kh * kw), kh, kw, counts[0], counts[1])
    y = np.zeros((n, ckk // (kh * kw), *padded), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            top, left = i * dilation[0], j * dilation[1]
            y[:, :, top:top + (counts[0] - 1) * stride[0] + 1:stride[0],
              left:left + (counts[1] - 1) * stride[1] + 1:stride[1]] += blocks[:, :, i, j]
    return y[:, :, padding[0]:padding[0] + output_size[0], padding[1]:padding[1] + output_size[1]]


# ------------------------------------------------------------------- losses


def _check_same_shape(op, target, output):
    if target.shape != output.shape:
        raise ValueError(
            f"ops.{op}: `target` and `output` must have the same shape; got {target.shape} and {output.shape}.")


def binary_crossentropy(target, output, from_logits=False):
    target, output = _promote_float(target, output)
    _check_same_shape("binary_crossentropy", target, output)
    if from_logits:
        return np.maximum(output, 0) - output * target + np.log1p(np.exp(-np.abs(output)))
    eps = config.epsilon()
    output = np.clip(output, _scalar(eps, output), _scalar(1 - eps, output))
    return -(target * np.log(output) + (1 - target) * np.log(1 - output))


def _log_probs(output, from_logits, axis):
    if from_logits:
        return log_softmax(output, axis=axis)
    eps = config.epsilon()
    output = output / np.sum(output, axis=axis, keepdims=True)
    return np.log(np.clip(output, _scalar(eps, output), _scalar(1 - eps, output)))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _promote_float(target, output)
    _check_same_shape("categorical_crossentropy", target, output)
    return -np.sum(target * _log_probs(output, from_logits, axis), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = convert_to_tensor(target).astype(np.int64)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = np.squeeze(target, -1)
    log_probs = _log_probs(output, from_logits, axis)
    hits = one_hot(target, output.shape[axis], axis=axis, dtype=dtypes.standardize_dtype(output.dtype))
    return -np.sum(hits * log_probs, axis=axis)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise NotImplementedError("ops.one_hot: the numpy backend does not support sparse tensors (sparse=True).")
    x = convert_to_tensor(x)
    hits = x[..., None] == np.arange(num_classes)
    return np.moveaxis(hits.astype(_np_dtype(dtype)), -1, axis)


def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise NotImplementedError("ops.multi_hot: the numpy backend does not support sparse tensors (sparse=True).")
    inputs = convert_to_tensor(inputs)
    encoded = one_hot(inputs.astype(np.int64), num_classes, axis=axis, dtype=dtype)
    return np.max(encoded, axis=1 if inputs.ndim > 1 else 0)


# ------------------------------------------------------------- normalization


def moments(x, axes, keepdims=False, synchronized=False):
    if synchronized:
        raise NotImplementedError("ops.moments: the numpy backend has no replicas to synchronize (synchronized=True).")
    x = _float(x)
    compute = x.astype(np.float32) if x.dtype == np.float16 else x
    mean = np.mean(compute, axis=axes, keepdims=True)
    variance = np.mean(np.square(compute - mean), axis=axes, keepdims=True)
    if not keepdims:
        mean, variance = np.squeeze(mean, axes), np.squeeze(variance, axes)
    return np.asarray(mean).astype(x.dtype), np.asarray(variance).astype(x.dtype)


def _along(v, axis, rank):
    """A 1-D statistic reshaped to broadcast along `axis` of a rank-`rank` tensor."""
    if v is None or v.ndim != 1:
        return v
    shape = [1] * rank
    shape[axis] = v.shape[0]
    return v.reshape(shape)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    args = [a for a in (x, mean, variance, offset, scale) if a is not None]
    name = dtypes.float_result_type(*map(dtypes.dtype_of, args))
    x, mean, variance = (convert_to_tensor(a, name) for a in (x, mean, variance))
    mean, variance = _along(mean, axis, x.ndim), _along(variance, axis, x.ndim)
    inv = 1 / np.sqrt(variance + _scalar(epsilon, x))
    if scale is not None:
        inv = inv * _along(convert_to_tensor(scale, name), axis, x.ndim)
    shift = -mean * inv
    if offset is not None:
        shift = shift + _along(convert_to_tensor(offset, name), axis, x.ndim)
    return x * inv + shift


def _compute_dtype(x):
    """Half-precision inputs normalize in float32."""
    return np.float32 if x.dtype in (np.float16,) or dtypes.standardize_dtype(x.dtype) == "bfloat16" else x.dtype


def _spread(v, axis, shape, dtype):
    """gamma / beta / scale of the normalized axes' shape -> broadcastable against x."""
    if v is None:
        return None
    v = convert_to_tensor(v).astype(dtype)
    if v.ndim == len(shape) or tuple(axis) == (len(shape) - 1,):
        return v
    return v.reshape([shape[a] if a in axis else 1 for a in range(len(shape))])


def layer_normalization(x, gamma, beta, axis, epsilon, rms_scaling=False):
    """rms_scaling (deprecated in Keras): x / sqrt(variance + epsilon) * gamma, no centering, no beta."""
    x = _float(x)
    compute = x.astype(_compute_dtype(x))
    mean = np.mean(compute, axis=axis, keepdims=True)
    variance = np.mean(np.square(compute - mean), axis=axis, keepdims=True)
    out = (compute if rms_scaling else compute - mean) / np.sqrt(variance + epsilon)
    beta = None if rms_scaling else beta
    gamma, beta = _spread(gamma, axis, x.shape, compute.dtype), _spread(beta, axis, x.shape, compute.dtype)
    if gamma is not None:
        out = out * gamma
    if beta is not None:
        out = out + beta
    return out.astype(x.dtype)


def rms_normalization(x, scale, axis, epsilon):
    x = _float(x)
    compute = x.astype(_compute_dtype(x))
    out = compute / np.sqrt(np.mean(np.square(compute), axis=axis, keepdims=True) + epsilon)
    scale = _spread(scale, axis, x.shape, compute.dtype)
    if scale is not None:
        out = out * scale
    return out.astype(x.dtype)


def normalize(x, axis, order, epsilon):
    x = _float(x)
    if x.ndim == 0:
        x = x.reshape(1)
    if order == 2:
        norm = np.sqrt(np.sum(np.square(x), axis=axis, keepdims=True))
    else:
        norm = np.sum(np.abs(x) ** order, axis=axis, keepdims=True) ** (1 / order)
    return x / np.maximum(norm, _scalar(epsilon, x))


# ------------------------------------------------------------------ attention


def dot_product_attention(query, key, value, bias, mask, scale, is_causal, flash_attention, attn_logits_soft_cap):
    if flash_attention:
        raise NotImplementedError("ops.dot_product_attention: the numpy backend has no flash attention.")
    query, key, value = _promote(query, key, value)
    unbatched = query.ndim == 3
    if unbatched:
        query, key, value = query[None], key[None], value[None]
    dtype = query.dtype
    heads, kv_heads = query.shape[2], key.shape[2]
    if heads != kv_heads:
        key, value = np.repeat(key, heads // kv_heads, axis=2), np.repeat(value, heads // kv_heads, axis=2)
    scale = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    q, k, v = (a.astype(np.promote_types(dtype, np.float32)) for a in (query, key, value))
    logits = np.einsum("btnh,bsnh->bnts", q, k) * scale
    if attn_logits_soft_cap is not None:
        logits = np.tanh(logits / attn_logits_soft_cap) * attn_logits_soft_cap
    if bias is not None:
        logits = logits + convert_to_tensor(bias).astype(logits.dtype)
    keep = None if mask is None else convert_to_tensor(mask).astype(bool)
    if is_causal:
        causal = np.tril(np.ones(logits.shape[-2:], dtype=bool))
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = np.where(keep, logits, np.asarray(-0.7 * np.finfo(np.float32).max, logits.dtype))
    probs = softmax(logits.astype(np.float32), axis=-1).astype(dtype).astype(v.dtype)
    out = np.einsum("bnts,bsnh->btnh", probs, v).astype(dtype)
    return out[0] if unbatched else out


# --------------------------------------------------------------------- misc


def psnr(x1, x2, max_val):
    x1, x2 = _promote_float(x1, x2)
    if x1.shape != x2.shape:
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape; got {x1.shape} and {x2.shape}.")
    mse = np.mean(np.square(x1 - x2))
    return np.asarray(20 * np.log10(_scalar(max_val, x1)) - 10 * np.log10(mse), dtype=x1.dtype)


def polar(abs_, angle):
    abs_, angle = _promote_float(abs_, angle)
    complex_dtype = np.complex128 if abs_.dtype == np.float64 else np.complex64
    return (abs_ * np.cos(angle) + 1j * (abs_ * np.sin(angle))).astype(complex_dtype)


def _logsumexp(*xs):
    top = np.maximum.reduce(xs)
    safe = np.where(np.isfinite(top), top, 0)
    with np.errstate(divide="ignore"):
        return safe + np.log(sum(np.exp(x - safe) for x in xs))


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """The CTC forward algorithm in log space over blank-interleaved labels, vectorized over the batch."""
    name = dtypes.result_type(dtypes.dtype_of(output), "float32")
    logp = log_softmax(convert_to_tensor(output, name), axis=-1)
    target = convert_to_tensor(target).astype(np.int64)
    target_length = convert_to_tensor(target_length).astype(np.int64).reshape(-1)
    output_length = convert_to_tensor(output_length).astype(np.int64).reshape(-1)
    batch, time, _ = logp.shape
    labels = np.full((batch, 2 * target.shape[1] + 1), mask_index, dtype=np.int64)
    labels[:, 1::2] = target
    skip = np.zeros(labels.shape, dtype=bool)  # may jump from s - 2 to s
    skip[:, 2:] = (labels[:, 2:] != mask_index) & (labels[:, 2:] != labels[:, :-2])
    neg_inf = np.asarray(-np.inf, logp.dtype)
    emit = np.take_along_axis(logp, np.broadcast_to(labels[:, None, :], (batch, time, labels.shape[1])), axis=2)
    alpha = np.full(labels.shape, neg_inf)
    alpha[:, :2] = emit[:, 0, :2]
    for t in range(1, time):
        prev1 = np.concatenate([np.full((batch, 1), neg_inf), alpha[:, :-1]], axis=1)
        prev2 = np.where(skip, np.concatenate([np.full((batch, 2), neg_inf), alpha[:, :-2]], axis=1), neg_inf)
        stepped = _logsumexp(alpha, prev1, prev2) + emit[:, t]
        alpha = np.where((t < output_length)[:, None], stepped, alpha)
    rows = np.arange(batch)
    last = alpha[rows, 2 * target_length]
    before = np.where(target_length > 0, alpha[rows, np.maximum(2 * target_length - 1, 0)], neg_inf)
    return (-_logsumexp(last, before)).astype(logp.dtype)


def ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths, merge_repeated, mask_index):
    name = dtypes.result_type(dtypes.dtype_of(inputs), "float32")
    inputs = convert_to_tensor(inputs, name)
    lengths = convert_to_tensor(sequence_lengths).astype(np.int64).reshape(-1)
    return ctc.decode(inputs, lengths, strategy, beam_width, top_paths, merge_repeated, mask_index)
