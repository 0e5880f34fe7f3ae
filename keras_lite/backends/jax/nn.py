"""JAX: nn ops (jax.nn activations, lax convolutions and reduce_window pools, losses, attention, CTC).

Convolution and pooling functions receive normalized arguments from `keras_lite.ops.nn`:
tuples for strides / sizes / dilations, padding 'valid' or 'same', a data_format string.
"""
import functools
import inspect
import math

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from keras_lite.backends.common import config, ctc, dtypes
from keras_lite.backends.jax.core import _jax_dtype, convert_to_tensor


def _compiled(*traced):
    """Compile a composite op once per shapes and static values instead of dispatching it op by op.

    Parameters named in `traced` are tensors; the others are static Python values (an argument
    that cannot be hashed, such as a tensor where a scalar is usual, runs the op eagerly)."""

    def wrap(fn):
        params = list(inspect.signature(fn).parameters)
        static = tuple(p for p in params if p not in traced)
        jitted = jax.jit(fn, static_argnames=static)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            kwargs.update(zip(params, args))
            for name in static:
                value = kwargs.get(name)
                if isinstance(value, list):
                    kwargs[name] = value = tuple(value)
                try:
                    hash(value)
                except TypeError:
                    return fn(**kwargs)
            for name in traced:
                if kwargs.get(name) is not None:
                    kwargs[name] = convert_to_tensor(kwargs[name])
            return jitted(**kwargs)

        return call

    return wrap


def _float(x):
    x = convert_to_tensor(x)
    name = dtypes.float_result_type(dtypes.standardize_dtype(x.dtype))
    return convert_to_tensor(x, name)


def _promote(*xs):
    name = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, name) for x in xs]


def _promote_float(*xs):
    name = dtypes.float_result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, name) for x in xs]


# ---------------------------------------------------------------- activations


# jax.nn.relu is a custom_jvp function: called eagerly, each call traces its rule anew (~100 us).
# Compiled once, it runs as one cached kernel; inside a traced step it inlines to the same program.
_relu = jax.jit(jax.nn.relu)


def relu(x):
    return _relu(convert_to_tensor(x))


def relu6(x):
    x = convert_to_tensor(x)
    return jnp.clip(x, 0, 6).astype(x.dtype)


def hard_tanh(x):
    x = convert_to_tensor(x)
    return jnp.clip(x, -1, 1).astype(x.dtype)


def sigmoid(x):
    return jax.nn.sigmoid(_float(x))


def sparse_sigmoid(x):
    return jax.nn.sparse_sigmoid(_float(x))


def softplus(x):
    return jax.nn.softplus(_float(x))


def softsign(x):
    return jax.nn.soft_sign(_float(x))


@_compiled("x")
def soft_shrink(x, threshold=0.5):
    x = _float(x)
    return jnp.where(x > threshold, x - threshold, jnp.where(x < -threshold, x + threshold, jnp.zeros_like(x)))


@_compiled("x")
def sparse_plus(x):
    return jax.nn.sparse_plus(_float(x))


def silu(x):
    return jax.nn.silu(_float(x))


def squareplus(x, b=4):
    return jax.nn.squareplus(_float(x), b=b)


def log_sigmoid(x):
    return jax.nn.log_sigmoid(_float(x))


def leaky_relu(x, negative_slope=0.2):
    return jax.nn.leaky_relu(_float(x), negative_slope=negative_slope)


def hard_sigmoid(x):
    return jax.nn.hard_sigmoid(_float(x))


def hard_silu(x):
    return jax.nn.hard_silu(_float(x))


def elu(x, alpha=1.0):
    return jax.nn.elu(_float(x), alpha=alpha)


def selu(x):
    return jax.nn.selu(_float(x))


def gelu(x, approximate=True):
    return jax.nn.gelu(_float(x), approximate=approximate)


def celu(x, alpha=1.0):
    return jax.nn.celu(_float(x), alpha=alpha)


def glu(x, axis=-1):
    x = _float(x)
    if x.shape[axis] % 2:
        raise ValueError(f"ops.glu: the size of axis {axis} must be even; got shape {x.shape}.")
    return jax.nn.glu(x, axis=axis)


@_compiled("x")
def tanh_shrink(x):
    x = _float(x)
    return x - jnp.tanh(x)


@_compiled("x")
def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return jnp.where(jnp.abs(x) > threshold, x, jnp.zeros_like(x))


@_compiled("x")
def threshold(x, threshold, default_value):
    x, default_value = _promote(x, default_value)
    return jnp.where(x > threshold, x, default_value)


def _axes(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def softmax(x, axis=-1):
    return jax.nn.softmax(_float(x), axis=_axes(axis))


def log_softmax(x, axis=-1):
    return jax.nn.log_softmax(_float(x), axis=_axes(axis))


@_compiled("x")
def sparsemax(x, axis=-1):
    x = _float(x)
    z = jnp.moveaxis(x, axis, -1)
    ranked = -jnp.sort(-z, axis=-1)
    k = jnp.arange(1, z.shape[-1] + 1, dtype=x.dtype)
    cumulative = jnp.cumsum(ranked, axis=-1)
    support = jnp.sum(1 + k * ranked > cumulative, axis=-1, keepdims=True)
    tau = (jnp.take_along_axis(cumulative, support - 1, axis=-1) - 1) / support.astype(x.dtype)
    return jnp.moveaxis(jnp.maximum(z - tau, 0), -1, axis)


# ---------------------------------------------------------- convolution & pooling

_SPATIAL = {1: "W", 2: "HW", 3: "DHW"}


def _dimension_numbers(n, data_format, kernel="IO"):
    s = _SPATIAL[n]
    lhs = f"N{s}C" if data_format == "channels_last" else f"NC{s}"
    return lhs, s + kernel, lhs


def _channels(x, data_format):
    return x.shape[-1] if data_format == "channels_last" else x.shape[1]


def conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    channels, k_in = _channels(inputs, data_format), kernel.shape[-2]
    if k_in == 0 or channels % k_in:
        raise ValueError(
            f"ops.conv: the input channels ({channels}) must be a multiple of the kernel's input channels "
            f"({k_in}); got inputs {inputs.shape} and kernel {kernel.shape}.")
    return lax.conv_general_dilated(
        inputs, kernel, strides, padding.upper(), rhs_dilation=dilation_rate,
        dimension_numbers=_dimension_numbers(len(strides), data_format), feature_group_count=channels // k_in)


def depthwise_conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    grouped = kernel.reshape(kernel.shape[:-2] + (1, kernel.shape[-2] * kernel.shape[-1]))
    return lax.conv_general_dilated(
        inputs, grouped, strides, padding.upper(), rhs_dilation=dilation_rate,
        dimension_numbers=_dimension_numbers(len(strides), data_format), feature_group_count=kernel.shape[-2])


@_compiled("inputs", "depthwise_kernel", "pointwise_kernel")
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


@_compiled("inputs", "kernel")
def conv_transpose(inputs, kernel, strides, padding, output_padding, data_format, dilation_rate):
    """A convolution of the stride-dilated input with the flipped kernel, padded to crop the full scatter."""
    inputs, kernel = _promote(inputs, kernel)
    n = len(strides)
    spatial = inputs.shape[1:-1] if data_format == "channels_last" else inputs.shape[2:]
    pads = []
    for i in range(n):
        span = (kernel.shape[i] - 1) * dilation_rate[i] + 1
        out, start = _transpose_geometry(spatial[i], kernel.shape[i], strides[i], padding,
                                         None if output_padding is None else output_padding[i], dilation_rate[i])
        low = span - 1 - start
        pads.append((low, out - (spatial[i] - 1) * strides[i] - 1 - low + span - 1))
    flipped = jnp.flip(kernel, axis=tuple(range(n)))
    return lax.conv_general_dilated(
        inputs, flipped, (1,) * n, pads, lhs_dilation=strides, rhs_dilation=dilation_rate,
        dimension_numbers=_dimension_numbers(n, data_format, "OI"))


def _window(sizes, data_format):
    return (1, *sizes, 1) if data_format == "channels_last" else (1, 1, *sizes)


@_compiled("inputs")  # eagerly, a reduce_window is traced anew at each call
def max_pool(inputs, pool_size, strides, padding, data_format):
    x = convert_to_tensor(inputs)
    lowest = -np.inf if jnp.issubdtype(x.dtype, jnp.floating) else np.iinfo(x.dtype).min
    # A NumPy init value stays a constant under tracing, so JAX sees a max-pool it can differentiate.
    return lax.reduce_window(x, np.array(lowest, x.dtype), lax.max, _window(pool_size, data_format),
                             _window(strides, data_format), padding.upper())


@_compiled("inputs")
def average_pool(inputs, pool_size, strides, padding, data_format):
    x = _float(inputs)
    window, step = _window(pool_size, data_format), _window(strides, data_format)
    sums = lax.reduce_window(x, np.array(0, x.dtype), lax.add, window, step, padding.upper())
    if padding == "valid":
        return sums / math.prod(pool_size)
    channel_axis = x.ndim - 1 if data_format == "channels_last" else 1
    ones_shape = tuple(1 if i in (0, channel_axis) else d for i, d in enumerate(x.shape))
    counts = lax.reduce_window(jnp.ones(ones_shape, x.dtype), np.array(0, x.dtype), lax.add, window, step,
                               padding.upper())
    return sums / counts


def _adaptive_pool(x, output_size, data_format, reduce):
    first = 1 if data_format == "channels_last" else 2
    for i, size in enumerate(output_size):
        axis, length = first + i, x.shape[first + i]
        parts = [reduce(lax.slice_in_dim(x, (j * length) // size, -((-(j + 1) * length) // size), axis=axis),
                        axis=axis) for j in range(size)]
        x = jnp.stack(parts, axis=axis)
    return x


@_compiled("inputs")
def adaptive_average_pool(inputs, output_size, data_format):
    return _adaptive_pool(_float(inputs), output_size, data_format, jnp.mean)


@_compiled("inputs")
def adaptive_max_pool(inputs, output_size, data_format):
    return _adaptive_pool(convert_to_tensor(inputs), output_size, data_format, jnp.max)


@_compiled("x")
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


@_compiled("x")
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


def _block_positions(size, kernel_size, dilation, padding, stride):
    """Flat (padded) image position of each (kernel offset, block) pair, in unfold's order."""
    padded = [s + 2 * p for s, p in zip(size, padding)]
    counts = [(length - (k - 1) * d - 1) // s + 1 for length, k, d, s in zip(padded, kernel_size, dilation, stride)]
    rows = (np.arange(kernel_size[0])[:, None] * dilation[0] + np.arange(counts[0])[None] * stride[0])
    cols = (np.arange(kernel_size[1])[:, None] * dilation[1] + np.arange(counts[1])[None] * stride[1])
    flat = rows[:, None, :, None] * padded[1] + cols[None, :, None, :]  # (kh, kw, oh, ow)
    return flat.reshape(-1), padded


@_compiled("x")
def unfold(x, kernel_size, dilation, padding, stride):
    x = convert_to_tensor(x)
    n, c, h, w = x.shape
    positions, padded = _block_positions((h, w), kernel_size, dilation, padding, stride)
    x = jnp.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2)).reshape(n, c, -1)
    kk = kernel_size[0] * kernel_size[1]
    return jnp.take(x, jnp.asarray(positions), axis=2).reshape(n, c * kk, -1)


@_compiled("x")
def fold(x, output_size, kernel_size, dilation, padding, stride):
    x = convert_to_tensor(x)
    n, ckk, _ = x.shape
    c = ckk // (kernel_size[0] * kernel_size[1])
    positions, padded = _block_positions(output_size, kernel_size, dilation, padding, stride)
    y = jnp.zeros((n, c, padded[0] * padded[1]), x.dtype).at[:, :, positions].add(x.reshape(n, c, -1))
    y = y.reshape(n, c, *padded)
    return y[:, :, padding[0]:padding[0] + output_size[0], padding[1]:padding[1] + output_size[1]]


# ------------------------------------------------------------------- losses


def _check_same_shape(op, target, output):
    if target.shape != output.shape:
        raise ValueError(
            f"ops.{op}: `target` and `output` must have the same shape; got {target.shape} and {output.shape}.")


def binary_crossentropy(target, output, from_logits=False):
    return _binary_crossentropy(target, output, from_logits, config.epsilon())


@_compiled("target", "output")
def _binary_crossentropy(target, output, from_logits, eps):
    target, output = _promote_float(target, output)
    _check_same_shape("binary_crossentropy", target, output)
    if from_logits:
        return jnp.maximum(output, 0) - output * target + jnp.log1p(jnp.exp(-jnp.abs(output)))
    output = jnp.clip(output, eps, 1 - eps)
    return -(target * jnp.log(output) + (1 - target) * jnp.log(1 - output))


def _log_probs(output, from_logits, axis, eps):
    if from_logits:
        return jax.nn.log_softmax(output, axis=axis)
    output = output / jnp.sum(output, axis=axis, keepdims=True)
    return jnp.log(jnp.clip(output, eps, 1 - eps))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return _categorical_crossentropy(target, output, from_logits, axis, config.epsilon())


@_compiled("target", "output")
def _categorical_crossentropy(target, output, from_logits, axis, eps):
    target, output = _promote_float(target, output)
    _check_same_shape("categorical_crossentropy", target, output)
    return -jnp.sum(target * _log_probs(output, from_logits, axis, eps), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return _sparse_categorical_crossentropy(target, output, from_logits, axis, config.epsilon())


@_compiled("target", "output")
def _sparse_categorical_crossentropy(target, output, from_logits, axis, eps):
    output = _float(output)
    target = convert_to_tensor(target, "int32")
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, -1)
    hits = one_hot(target, output.shape[axis], axis=axis, dtype=dtypes.standardize_dtype(output.dtype))
    return -jnp.sum(hits * _log_probs(output, from_logits, axis, eps), axis=axis)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise NotImplementedError("ops.one_hot: the jax backend does not support sparse tensors (sparse=True).")
    x = convert_to_tensor(x)
    return jax.nn.one_hot(x, num_classes, axis=axis, dtype=_jax_dtype(dtype))


@_compiled("inputs")
def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise NotImplementedError("ops.multi_hot: the jax backend does not support sparse tensors (sparse=True).")
    inputs = convert_to_tensor(inputs, "int32")
    return jnp.max(one_hot(inputs, num_classes, axis=axis, dtype=dtype), axis=1 if inputs.ndim > 1 else 0)


# ------------------------------------------------------------- normalization


@_compiled("x")
def moments(x, axes, keepdims=False, synchronized=False):
    if synchronized:
        raise NotImplementedError(
            "ops.moments: the jax backend does not support synchronized=True (only TensorFlow's distribution "
            "all-reduces the statistics).")
    x = _float(x)
    compute = x.astype(jnp.float32) if x.dtype == jnp.float16 else x
    mean = jnp.mean(compute, axis=axes, keepdims=True)
    variance = jnp.mean(jnp.square(compute - mean), axis=axes, keepdims=True)
    if not keepdims:
        mean, variance = jnp.squeeze(mean, axes), jnp.squeeze(variance, axes)
    return mean.astype(x.dtype), variance.astype(x.dtype)


def _along(v, axis, rank):
    if v is None or v.ndim != 1:
        return v
    shape = [1] * rank
    shape[axis] = v.shape[0]
    return v.reshape(shape)


@_compiled("x", "mean", "variance", "offset", "scale")
def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    args = [a for a in (x, mean, variance, offset, scale) if a is not None]
    name = dtypes.float_result_type(*map(dtypes.dtype_of, args))
    x, mean, variance = (convert_to_tensor(a, name) for a in (x, mean, variance))
    mean, variance = _along(mean, axis, x.ndim), _along(variance, axis, x.ndim)
    inv = lax.rsqrt(variance + epsilon)
    if scale is not None:
        inv = inv * _along(convert_to_tensor(scale, name), axis, x.ndim)
    shift = -mean * inv
    if offset is not None:
        shift = shift + _along(convert_to_tensor(offset, name), axis, x.ndim)
    return x * inv + shift


def _compute_dtype(x):
    return jnp.float32 if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype


def _spread(v, axis, shape, dtype):
    if v is None:
        return None
    v = convert_to_tensor(v).astype(dtype)
    if v.ndim == len(shape) or tuple(axis) == (len(shape) - 1,):
        return v
    return v.reshape([shape[a] if a in axis else 1 for a in range(len(shape))])


@_compiled("x", "gamma", "beta")
def layer_normalization(x, gamma, beta, axis, epsilon, rms_scaling=False):
    """rms_scaling (deprecated in Keras): x / sqrt(variance + epsilon) * gamma, no centering, no beta."""
    x = _float(x)
    compute = x.astype(_compute_dtype(x))
    mean = jnp.mean(compute, axis=axis, keepdims=True)
    variance = jnp.mean(jnp.square(compute - mean), axis=axis, keepdims=True)
    out = (compute if rms_scaling else compute - mean) * lax.rsqrt(variance + epsilon)
    beta = None if rms_scaling else beta
    gamma, beta = _spread(gamma, axis, x.shape, compute.dtype), _spread(beta, axis, x.shape, compute.dtype)
    if gamma is not None:
        out = out * gamma
    if beta is not None:
        out = out + beta
    return out.astype(x.dtype)


@_compiled("x", "scale")
def rms_normalization(x, scale, axis, epsilon):
    x = _float(x)
    compute = x.astype(_compute_dtype(x))
    out = compute * lax.rsqrt(jnp.mean(jnp.square(compute), axis=axis, keepdims=True) + epsilon)
    scale = _spread(scale, axis, x.shape, compute.dtype)
    if scale is not None:
        out = out * scale
    return out.astype(x.dtype)


@_compiled("x")
def normalize(x, axis, order, epsilon):
    x = _float(x)
    if x.ndim == 0:
        x = x.reshape(1)
    if order == 2:
        norm = jnp.sqrt(jnp.sum(jnp.square(x), axis=axis, keepdims=True))
    else:
        norm = jnp.sum(jnp.abs(x) ** order, axis=axis, keepdims=True) ** (1 / order)
    return x / jnp.maximum(norm, epsilon)


# ------------------------------------------------------------------ attention


@_compiled("query", "key", "value", "bias", "mask")
def dot_product_attention(query, key, value, bias, mask, scale, is_causal, flash_attention, attn_logits_soft_cap):
    query, key, value = _promote(query, key, value)
    if flash_attention:
        if jax.devices()[0].platform != "gpu":
            raise ValueError("ops.dot_product_attention: flash_attention=True needs a GPU (cuDNN) with jax.")
        if attn_logits_soft_cap is not None:
            raise ValueError("ops.dot_product_attention: flash attention does not support attn_logits_soft_cap.")
        return jax.nn.dot_product_attention(query, key, value, bias=bias, mask=mask, scale=scale,
                                            is_causal=is_causal, implementation="cudnn")
    unbatched = query.ndim == 3
    if unbatched:
        query, key, value = query[None], key[None], value[None]
    dtype = query.dtype
    heads, kv_heads = query.shape[2], key.shape[2]
    if heads != kv_heads:
        key, value = jnp.repeat(key, heads // kv_heads, axis=2), jnp.repeat(value, heads // kv_heads, axis=2)
    scale = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    logits_dtype = jnp.promote_types(dtype, jnp.float32)
    logits = jnp.einsum("btnh,bsnh->bnts", query, key, preferred_element_type=logits_dtype) * scale
    if attn_logits_soft_cap is not None:
        logits = jnp.tanh(logits / attn_logits_soft_cap) * attn_logits_soft_cap
    if bias is not None:
        logits = logits + convert_to_tensor(bias).astype(logits.dtype)
    keep = None if mask is None else convert_to_tensor(mask).astype(bool)
    if is_causal:
        causal = jnp.tril(jnp.ones(logits.shape[-2:], dtype=bool))
        keep = causal if keep is None else keep & causal
    if keep is not None:
        logits = jnp.where(keep, logits, jnp.asarray(-0.7 * np.finfo(np.float32).max, logits.dtype))
    probs = jax.nn.softmax(logits.astype(jnp.float32), axis=-1).astype(dtype)
    out = jnp.einsum("bnts,bsnh->btnh", probs, value)
    return out[0] if unbatched else out


# --------------------------------------------------------------------- misc


@_compiled("x1", "x2")
def psnr(x1, x2, max_val):
    x1, x2 = _promote_float(x1, x2)
    if x1.shape != x2.shape:
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape; got {x1.shape} and {x2.shape}.")
    mse = jnp.mean(jnp.square(x1 - x2))
    return 20 * jnp.log10(jnp.asarray(max_val, x1.dtype)) - 10 * jnp.log10(mse)


def polar(abs_, angle):
    abs_, angle = _promote_float(abs_, angle)
    if abs_.dtype in (jnp.float16, jnp.bfloat16):  # complex numbers are complex64 at least
        abs_, angle = abs_.astype(jnp.float32), angle.astype(jnp.float32)
    return lax.complex(abs_ * jnp.cos(angle), abs_ * jnp.sin(angle))


def _logsumexp3(a, b, c):
    top = jnp.maximum(jnp.maximum(a, b), c)
    return top + jnp.log(jnp.exp(a - top) + jnp.exp(b - top) + jnp.exp(c - top))


@_compiled("target", "output", "target_length", "output_length")
def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """The CTC forward algorithm in log space (lax.scan over time) over blank-interleaved labels."""
    name = dtypes.result_type(dtypes.dtype_of(output), "float32")
    logp = jax.nn.log_softmax(convert_to_tensor(output, name), axis=-1)
    target = convert_to_tensor(target, "int32")
    target_length = convert_to_tensor(target_length, "int32").reshape(-1)
    output_length = convert_to_tensor(output_length, "int32").reshape(-1)
    batch, time, _ = logp.shape
    width = 2 * target.shape[1] + 1
    labels = jnp.full((batch, width), mask_index, jnp.int32).at[:, 1::2].set(target)
    skip = jnp.zeros((batch, width), bool).at[:, 2:].set(
        (labels[:, 2:] != mask_index) & (labels[:, 2:] != labels[:, :-2]))
    never = jnp.asarray(-1e30, logp.dtype)  # finite, so that gradients stay finite
    emit = jnp.take_along_axis(logp, jnp.broadcast_to(labels[:, None, :], (batch, time, width)), axis=2)
    alpha0 = jnp.full((batch, width), never).at[:, :2].set(emit[:, 0, :2])

    def step(alpha, inputs):
        emit_t, t = inputs
        prev1 = jnp.concatenate([jnp.full((batch, 1), never), alpha[:, :-1]], axis=1)
        prev2 = jnp.where(skip, jnp.concatenate([jnp.full((batch, 2), never), alpha[:, :-2]], axis=1), never)
        stepped = _logsumexp3(alpha, prev1, prev2) + emit_t
        return jnp.where((t < output_length)[:, None], stepped, alpha), None

    alpha, _ = lax.scan(step, alpha0, (jnp.swapaxes(emit, 0, 1)[1:], jnp.arange(1, time)))
    last = jnp.take_along_axis(alpha, (2 * target_length)[:, None], axis=1)[:, 0]
    before = jnp.take_along_axis(alpha, jnp.maximum(2 * target_length - 1, 0)[:, None], axis=1)[:, 0]
    before = jnp.where(target_length > 0, before, never)
    return -jnp.logaddexp(last, before)


@_compiled("inputs", "lengths")
def _greedy_decode(inputs, lengths, merge_repeated, mask_index):
    batch, time, _ = inputs.shape
    steps = jnp.arange(time)[None, :]
    inside = steps < lengths[:, None]
    best = jnp.where(inside, jnp.argmax(inputs, axis=-1).astype(jnp.int32), mask_index)
    scores = -jnp.sum(jnp.where(inside, jnp.max(inputs, axis=-1), 0), axis=1, keepdims=True)
    keep = best != mask_index
    if merge_repeated:
        keep = keep & jnp.concatenate([jnp.ones((batch, 1), bool), best[:, 1:] != best[:, :-1]], axis=1)
    order = jnp.argsort(jnp.where(keep, steps, time), axis=1, stable=True)
    paths = jnp.where(jnp.take_along_axis(keep, order, axis=1), jnp.take_along_axis(best, order, axis=1), -1)
    return paths[None], scores


def ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths, merge_repeated, mask_index):
    name = dtypes.result_type(dtypes.dtype_of(inputs), "float32")
    inputs = convert_to_tensor(inputs, name)
    lengths = convert_to_tensor(sequence_lengths, "int32").reshape(-1)
    if strategy == "greedy":
        return _greedy_decode(inputs, lengths, merge_repeated, mask_index)
    # Beam search is a host-side search over prefixes (backends/common/ctc.py).
    paths, scores = ctc.decode(np.asarray(inputs), np.asarray(lengths), strategy, beam_width, top_paths,
                                    merge_repeated, mask_index)
    return jnp.asarray(paths), jnp.asarray(scores)
