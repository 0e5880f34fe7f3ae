"""PyTorch: nn ops (torch.nn.functional kernels; channels-last layouts are permuted around them).

Convolution and pooling functions receive normalized arguments from `keras_lite.ops.nn`:
tuples for strides / sizes / dilations, padding 'valid' or 'same', a data_format string.
Torch has no 'same' padding with strides, so it is computed here and applied with F.pad.
"""
import math

import torch
import torch.nn.functional as F

from keras_lite.backends.common import config, ctc, dtypes
from keras_lite.backends.torch.core import _torch_dtype, convert_to_tensor


def _float(x):
    x = convert_to_tensor(x)
    if x.is_floating_point():
        return x
    return x.to(_torch_dtype(dtypes.float_result_type(dtypes.standardize_dtype(x.dtype))))


def _same_dtype_tensors(xs):
    """The hot path: tensors that already share one dtype need no promotion."""
    first = xs[0]
    return all(type(x) is torch.Tensor and x.dtype == first.dtype for x in xs)


def _promote(*xs):
    if _same_dtype_tensors(xs):
        return xs
    name = dtypes.result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, name) for x in xs]


def _promote_float(*xs):
    if _same_dtype_tensors(xs) and xs[0].is_floating_point():
        return xs
    name = dtypes.float_result_type(*map(dtypes.dtype_of, xs))
    return [convert_to_tensor(x, name) for x in xs]


# ---------------------------------------------------------------- activations


def relu(x):
    return torch.relu(convert_to_tensor(x))


def relu6(x):
    x = convert_to_tensor(x)
    return torch.clamp(x, 0, 6)


def hard_tanh(x):
    x = convert_to_tensor(x)
    return torch.clamp(x, -1, 1)


def sigmoid(x):
    return torch.sigmoid(_float(x))


def sparse_sigmoid(x):
    x = _float(x)
    return torch.clamp((x + 1) * 0.5, 0, 1)


def softplus(x):
    return F.softplus(_float(x))


def softsign(x):
    return F.softsign(_float(x))


def soft_shrink(x, threshold=0.5):
    return F.softshrink(_float(x), threshold)


def sparse_plus(x):
    x = _float(x)
    return torch.where(x <= -1, torch.zeros_like(x), torch.where(x >= 1, x, torch.square(x + 1) * 0.25))


def silu(x):
    return F.silu(_float(x))


def squareplus(x, b=4):
    x = _float(x)
    return (x + torch.sqrt(torch.square(x) + b)) * 0.5


def log_sigmoid(x):
    return F.logsigmoid(_float(x))


def leaky_relu(x, negative_slope=0.2):
    return F.leaky_relu(_float(x), negative_slope)


def hard_sigmoid(x):
    return F.hardsigmoid(_float(x))


def hard_silu(x):
    return F.hardswish(_float(x))


def elu(x, alpha=1.0):
    return F.elu(_float(x), alpha)


def selu(x):
    return F.selu(_float(x))


def gelu(x, approximate=True):
    return F.gelu(_float(x), approximate="tanh" if approximate else "none")


def celu(x, alpha=1.0):
    return F.celu(_float(x), alpha)


def glu(x, axis=-1):
    x = _float(x)
    if x.shape[axis] % 2:
        raise ValueError(f"ops.glu: the size of axis {axis} must be even; got shape {tuple(x.shape)}.")
    return F.glu(x, axis)


def tanh_shrink(x):
    return F.tanhshrink(_float(x))


def hard_shrink(x, threshold=0.5):
    return F.hardshrink(_float(x), threshold)


def threshold(x, threshold, default_value):
    x, default_value = _promote(x, default_value)
    return torch.where(x > threshold, x, default_value)


def _dims(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    return tuple(axis) if isinstance(axis, (list, tuple)) else None


def softmax(x, axis=-1):
    x = _float(x)
    dims = _dims(axis, x.ndim)
    if dims is None:
        return torch.softmax(x, axis)
    return torch.exp(x - torch.logsumexp(x, dim=dims, keepdim=True))


def log_softmax(x, axis=-1):
    x = _float(x)
    dims = _dims(axis, x.ndim)
    if dims is None:
        return torch.log_softmax(x, axis)
    return x - torch.logsumexp(x, dim=dims, keepdim=True)


def sparsemax(x, axis=-1):
    x = _float(x)
    z = torch.movedim(x, axis, -1)
    ranked = torch.sort(z, dim=-1, descending=True).values
    k = torch.arange(1, z.shape[-1] + 1, dtype=x.dtype, device=x.device)
    cumulative = torch.cumsum(ranked, dim=-1)
    support = torch.sum(1 + k * ranked > cumulative, dim=-1, keepdim=True)
    tau = (torch.gather(cumulative, -1, support - 1) - 1) / support.to(x.dtype)
    return torch.movedim(torch.clamp(z - tau, min=0), -1, axis)


# ---------------------------------------------------------- convolution & pooling


def _channels_first(x, data_format):
    return torch.movedim(x, -1, 1) if data_format == "channels_last" else x


def _restore(y, data_format):
    return torch.movedim(y, 1, -1) if data_format == "channels_last" else y


def _same_pads(length, span, stride):
    total = max((-(-length // stride) - 1) * stride + span - length, 0)
    return total // 2, total - total // 2


def _padding(x, sizes, strides, dilation, padding, value=0.0):
    """(x, symmetric padding for the torch kernel): asymmetric 'same' padding is applied with F.pad."""
    n = len(sizes)
    if padding == "valid":
        return x, 0
    pads = [_same_pads(x.shape[2 + i], (sizes[i] - 1) * dilation[i] + 1, strides[i]) for i in range(n)]
    if all(a == b for a, b in pads):
        return x, tuple(a for a, _ in pads)
    flat = [p for pair in reversed(pads) for p in pair]  # F.pad lists the last dim first
    return F.pad(x, flat, value=value), 0


_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_TRANSPOSE = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}


def _conv(x, kernel, strides, padding, dilation, groups):
    """x channels-first; kernel in the Keras layout (*k, in / groups, out)."""
    n = len(strides)
    weight = kernel.permute(n + 1, n, *range(n))
    x, pad = _padding(x, kernel.shape[:n], strides, dilation, padding)
    return _CONV[n](x, weight, None, strides, pad, dilation, groups)


def conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_first(inputs, data_format)
    k_in = kernel.shape[-2]
    if k_in == 0 or x.shape[1] % k_in:
        raise ValueError(
            f"ops.conv: the input channels ({x.shape[1]}) must be a multiple of the kernel's input channels "
            f"({k_in}); got inputs {tuple(inputs.shape)} and kernel {tuple(kernel.shape)}.")
    return _restore(_conv(x, kernel, strides, padding, dilation_rate, x.shape[1] // k_in), data_format)


def depthwise_conv(inputs, kernel, strides, padding, data_format, dilation_rate):
    inputs, kernel = _promote(inputs, kernel)
    channels = kernel.shape[-2]
    grouped = kernel.reshape(*kernel.shape[:-2], 1, channels * kernel.shape[-1])
    return _restore(_conv(_channels_first(inputs, data_format), grouped, strides, padding, dilation_rate, channels),
                    data_format)


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
    """The full transposed convolution (torch, no padding), then cropped / zero-extended to Keras's geometry."""
    inputs, kernel = _promote(inputs, kernel)
    x = _channels_first(inputs, data_format)
    n = len(strides)
    weight = kernel.permute(n + 1, n, *range(n))  # (in, out, *k)
    y = _CONV_TRANSPOSE[n](x, weight, None, strides, 0, 0, 1, dilation_rate)
    crop, extra = [slice(None), slice(None)], []
    for i in range(n):
        out, start = _transpose_geometry(x.shape[2 + i], kernel.shape[i], strides[i], padding,
                                         None if output_padding is None else output_padding[i], dilation_rate[i])
        crop.append(slice(start, start + out))
        extra = [0, max(start + out - y.shape[2 + i], 0)] + extra
    y = y[tuple(crop)]
    if any(extra):
        y = F.pad(y, extra)
    return _restore(y, data_format)


_MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}


def max_pool(inputs, pool_size, strides, padding, data_format):
    x = _channels_first(convert_to_tensor(inputs), data_format)
    ones = (1,) * len(pool_size)
    # torch pools floats only; integers go through float64 (exact below 2**53).
    wide = x if x.is_floating_point() else x.to(torch.float64)
    wide, pad = _padding(wide, pool_size, strides, ones, padding, -math.inf)
    return _restore(_MAX_POOL[len(pool_size)](wide, pool_size, strides, pad).to(x.dtype), data_format)


def average_pool(inputs, pool_size, strides, padding, data_format):
    x = _channels_first(_float(inputs), data_format)
    n = len(pool_size)
    if padding == "valid":
        return _restore(_AVG_POOL[n](x, pool_size, strides), data_format)
    ones = (1,) * n
    padded, pad = _padding(x, pool_size, strides, ones, padding)
    if pad != 0:  # symmetric: torch can leave the padding out of the count itself
        return _restore(_AVG_POOL[n](padded, pool_size, strides, pad, count_include_pad=False), data_format)
    counts = _padding(torch.ones((1, 1, *x.shape[2:]), dtype=x.dtype, device=x.device), pool_size, strides, ones,
                      padding)[0]
    return _restore(_AVG_POOL[n](padded, pool_size, strides) / _AVG_POOL[n](counts, pool_size, strides), data_format)


_ADAPTIVE_AVG = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}
_ADAPTIVE_MAX = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}


def adaptive_average_pool(inputs, output_size, data_format):
    x = _channels_first(_float(inputs), data_format)
    return _restore(_ADAPTIVE_AVG[len(output_size)](x, output_size), data_format)


def adaptive_max_pool(inputs, output_size, data_format):
    x = _channels_first(convert_to_tensor(inputs), data_format)
    if not x.is_floating_point():
        return _restore(_ADAPTIVE_MAX[len(output_size)](x.to(torch.float64), output_size).to(x.dtype), data_format)
    return _restore(_ADAPTIVE_MAX[len(output_size)](x, output_size), data_format)


def depth_to_space(x, block_size, data_format):
    x = convert_to_tensor(x)
    if data_format == "channels_first":
        return F.pixel_shuffle(x, block_size)
    b = block_size
    n, h, w, c = x.shape
    x = x.reshape(n, h, w, b, b, c // (b * b)).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(n, h * b, w * b, c // (b * b))


def space_to_depth(x, block_size, data_format):
    x = convert_to_tensor(x)
    if data_format == "channels_first":
        return F.pixel_unshuffle(x, block_size)
    b = block_size
    n, h, w, c = x.shape
    x = x.reshape(n, h // b, b, w // b, b, c).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(n, h // b, w // b, c * b * b)


def unfold(x, kernel_size, dilation, padding, stride):
    return F.unfold(convert_to_tensor(x), kernel_size, dilation, padding, stride)


def fold(x, output_size, kernel_size, dilation, padding, stride):
    return F.fold(convert_to_tensor(x), output_size, kernel_size, dilation, padding, stride)


# ------------------------------------------------------------------- losses


def _check_same_shape(op, target, output):
    if target.shape != output.shape:
        raise ValueError(f"ops.{op}: `target` and `output` must have the same shape; "
                         f"got {tuple(target.shape)} and {tuple(output.shape)}.")


def binary_crossentropy(target, output, from_logits=False):
    target, output = _promote_float(target, output)
    _check_same_shape("binary_crossentropy", target, output)
    if from_logits:
        return F.binary_cross_entropy_with_logits(output, target, reduction="none")
    eps = config.epsilon()
    output = torch.clamp(output, eps, 1 - eps)
    return -(target * torch.log(output) + (1 - target) * torch.log(1 - output))


def _log_probs(output, from_logits, axis):
    if from_logits:
        return torch.log_softmax(output, axis)
    eps = config.epsilon()
    output = output / torch.sum(output, dim=axis, keepdim=True)
    return torch.log(torch.clamp(output, eps, 1 - eps))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _promote_float(target, output)
    _check_same_shape("categorical_crossentropy", target, output)
    return -torch.sum(target * _log_probs(output, from_logits, axis), dim=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = convert_to_tensor(target).long()
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    # The log-probability of each label, picked out directly rather than through a one-hot product.
    picked = torch.gather(_log_probs(output, from_logits, axis), axis, target.unsqueeze(axis))
    return -picked.squeeze(axis)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise NotImplementedError("ops.one_hot: the torch backend does not support sparse tensors (sparse=True).")
    x = convert_to_tensor(x)
    hits = x.unsqueeze(-1) == torch.arange(num_classes, device=x.device)
    return torch.movedim(hits.to(_torch_dtype(dtype)), -1, axis)


def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise NotImplementedError("ops.multi_hot: the torch backend does not support sparse tensors (sparse=True).")
    inputs = convert_to_tensor(inputs)
    encoded = one_hot(inputs.long(), num_classes, axis=axis, dtype=dtype)
    return torch.amax(encoded, dim=1 if inputs.ndim > 1 else 0)


# ------------------------------------------------------------- normalization


def moments(x, axes, keepdims=False, synchronized=False):
    if synchronized:
        raise NotImplementedError(
            "ops.moments: the torch backend does not support synchronized=True (only TensorFlow's distribution "
            "all-reduces the statistics).")
    x = _float(x)
    compute = x.float() if x.dtype == torch.float16 else x
    mean = torch.mean(compute, dim=axes, keepdim=True)
    variance = torch.mean(torch.square(compute - mean), dim=axes, keepdim=True)
    if not keepdims:
        mean, variance = mean.squeeze(axes), variance.squeeze(axes)
    return mean.to(x.dtype), variance.to(x.dtype)


def _along(v, axis, rank):
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
    inv = torch.rsqrt(variance + epsilon)
    if scale is not None:
        inv = inv * _along(convert_to_tensor(scale, name), axis, x.ndim)
    shift = -mean * inv
    if offset is not None:
        shift = shift + _along(convert_to_tensor(offset, name), axis, x.ndim)
    return x * inv + shift


def _compute(x):
    return x.float() if x.dtype in (torch.float16, torch.bfloat16) else x


def _trailing(axis, ndim):
    """The normalized shape's rank if `axis` is the last dims (what F.layer_norm and F.rms_norm take)."""
    return len(axis) if tuple(axis) == tuple(range(ndim - len(axis), ndim)) else None


def _spread(v, axis, shape, dtype):
    if v is None:
        return None
    v = convert_to_tensor(v).to(dtype)
    if v.ndim == len(shape) or tuple(axis) == (len(shape) - 1,):
        return v
    return v.reshape([shape[a] if a in axis else 1 for a in range(len(shape))])


def layer_normalization(x, gamma, beta, axis, epsilon, rms_scaling=False):
    """rms_scaling (deprecated in Keras): x / sqrt(variance + epsilon) * gamma, no centering, no beta."""
    x = _float(x)
    compute = _compute(x)
    gamma, beta = _spread(gamma, axis, x.shape, compute.dtype), _spread(beta, axis, x.shape, compute.dtype)
    rank = _trailing(axis, x.ndim)
    if not rms_scaling and rank is not None and all(v is None or v.ndim == rank for v in (gamma, beta)):
        return F.layer_norm(compute, compute.shape[x.ndim - rank:], gamma, beta, epsilon).to(x.dtype)
    mean = torch.mean(compute, dim=axis, keepdim=True)
    variance = torch.mean(torch.square(compute - mean), dim=axis, keepdim=True)
    out = (compute if rms_scaling else compute - mean) * torch.rsqrt(variance + epsilon)
    if gamma is not None:
        out = out * gamma
    if beta is not None and not rms_scaling:
        out = out + beta
    return out.to(x.dtype)


def rms_normalization(x, scale, axis, epsilon):
    x = _float(x)
    compute = _compute(x)
    scale = _spread(scale, axis, x.shape, compute.dtype)
    rank = _trailing(axis, x.ndim)
    if rank is not None and (scale is None or scale.ndim == rank):
        return F.rms_norm(compute, compute.shape[x.ndim - rank:], scale, epsilon).to(x.dtype)
    out = compute * torch.rsqrt(torch.mean(torch.square(compute), dim=axis, keepdim=True) + epsilon)
    if scale is not None:
        out = out * scale
    return out.to(x.dtype)


def normalize(x, axis, order, epsilon):
    x = _float(x)
    if x.ndim == 0:
        x = x.reshape(1)
    if order == 2:
        norm = torch.sqrt(torch.sum(torch.square(x), dim=axis, keepdim=True))
    else:
        norm = torch.sum(torch.abs(x) ** order, dim=axis, keepdim=True) ** (1 / order)
    return x / torch.clamp(norm, min=epsilon)


# ------------------------------------------------------------------ attention


def dot_product_attention(query, key, value, bias, mask, scale, is_causal, flash_attention, attn_logits_soft_cap):
    """torch's scaled_dot_product_attention on (B, N, T, H) views; the soft cap takes the explicit path."""
    query, key, value = _promote(query, key, value)
    if flash_attention and not query.is_cuda:
        raise ValueError("ops.dot_product_attention: flash_attention=True needs a CUDA GPU with torch.")
    unbatched = query.ndim == 3
    if unbatched:
        query, key, value = query[None], key[None], value[None]
    heads, kv_heads = query.shape[2], key.shape[2]
    if heads != kv_heads:
        key, value = key.repeat_interleave(heads // kv_heads, 2), value.repeat_interleave(heads // kv_heads, 2)
    q, k, v = (a.transpose(1, 2) for a in (query, key, value))
    scale = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    t, s = q.shape[-2], k.shape[-2]
    keep = None if mask is None else convert_to_tensor(mask).to(torch.bool)
    if is_causal and (keep is not None or bias is not None or attn_logits_soft_cap is not None):
        causal = torch.ones((t, s), dtype=torch.bool, device=q.device).tril()
        keep, is_causal = (causal if keep is None else keep & causal), False
    compute = torch.promote_types(q.dtype, torch.float32)
    if attn_logits_soft_cap is None:
        additive = None
        if bias is not None:
            additive = convert_to_tensor(bias).to(compute)
        if keep is not None:
            blocked = torch.where(keep, 0.0, -0.7 * torch.finfo(torch.float32).max).to(compute)
            additive = blocked if additive is None else additive + blocked
        if additive is not None:
            additive = additive.to(q.dtype) if q.dtype == compute else additive
        if flash_attention:
            from torch.nn.attention import SDPBackend, sdpa_kernel

            with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                out = F.scaled_dot_product_attention(q, k, v, attn_mask=additive, is_causal=is_causal, scale=scale)
        else:
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=additive, is_causal=is_causal, scale=scale)
    else:
        if flash_attention:
            raise ValueError("ops.dot_product_attention: flash attention does not support attn_logits_soft_cap.")
        logits = torch.matmul(q.to(compute), k.to(compute).transpose(-1, -2)) * scale
        logits = torch.tanh(logits / attn_logits_soft_cap) * attn_logits_soft_cap
        if bias is not None:
            logits = logits + convert_to_tensor(bias).to(compute)
        if keep is not None:
            logits = logits.masked_fill(~keep, -0.7 * torch.finfo(torch.float32).max)
        probs = torch.softmax(logits.float(), dim=-1).to(q.dtype)
        out = torch.matmul(probs, v)
    out = out.transpose(1, 2)
    return out[0] if unbatched else out


# --------------------------------------------------------------------- misc


def psnr(x1, x2, max_val):
    x1, x2 = _promote_float(x1, x2)
    if x1.shape != x2.shape:
        raise ValueError(f"ops.psnr: x1 and x2 must have the same shape; got {tuple(x1.shape)} and "
                         f"{tuple(x2.shape)}.")
    mse = torch.mean(torch.square(x1 - x2))
    return 20 * torch.log10(torch.tensor(max_val, dtype=x1.dtype, device=x1.device)) - 10 * torch.log10(mse)


def polar(abs_, angle):
    abs_, angle = _promote_float(abs_, angle)
    if abs_.dtype in (torch.float16, torch.bfloat16):
        abs_, angle = abs_.float(), angle.float()
    return torch.polar(abs_, angle)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = convert_to_tensor(output)
    output = output.float() if output.dtype in (torch.float16, torch.bfloat16) or not output.is_floating_point() \
        else output
    logp = torch.log_softmax(output, dim=-1).transpose(0, 1)  # (T, B, C)
    target = convert_to_tensor(target).long()
    target_length = convert_to_tensor(target_length).long().reshape(-1)
    output_length = convert_to_tensor(output_length).long().reshape(-1)
    return F.ctc_loss(logp, target, output_length, target_length, blank=mask_index, reduction="none")


def _greedy_decode(inputs, lengths, merge_repeated, mask_index):
    batch, time, _ = inputs.shape
    steps = torch.arange(time, device=inputs.device)[None, :]
    inside = steps < lengths[:, None]
    scores_best, best = torch.max(inputs, dim=-1)
    best = torch.where(inside, best, mask_index)
    scores = -torch.sum(torch.where(inside, scores_best, 0), dim=1, keepdim=True)
    keep = best != mask_index
    if merge_repeated:
        first = torch.ones((batch, 1), dtype=torch.bool, device=inputs.device)
        keep = keep & torch.cat([first, best[:, 1:] != best[:, :-1]], dim=1)
    order = torch.argsort(torch.where(keep, steps, time), dim=1, stable=True)
    paths = torch.where(torch.gather(keep, 1, order), torch.gather(best, 1, order), -1)
    return paths[None].to(torch.int32), scores


def ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths, merge_repeated, mask_index):
    inputs = convert_to_tensor(inputs)
    if inputs.dtype in (torch.float16, torch.bfloat16) or not inputs.is_floating_point():
        inputs = inputs.float()
    lengths = convert_to_tensor(sequence_lengths).long().reshape(-1)
    if strategy == "greedy":
        return _greedy_decode(inputs, lengths, merge_repeated, mask_index)
    # Beam search is a host-side search over prefixes (backends/common/ctc.py).
    paths, scores = ctc.decode(inputs.detach().cpu().numpy(), lengths.cpu().numpy(), strategy, beam_width,
                                    top_paths, merge_repeated, mask_index)
    return torch.as_tensor(paths, device=inputs.device), torch.as_tensor(scores, device=inputs.device)
