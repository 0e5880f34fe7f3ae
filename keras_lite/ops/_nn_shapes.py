"""Argument checks and exact shape rules for the nn family.

Convolution and pooling get hand-written rules: they must stay exact with
None batch and None spatial dims, and abstract evaluation on the numpy
backend would run the real computation. The argument normalizers here are
shared by the eager bodies (which pass normalized tuples to the backend)
and by the specs.
"""
import operator

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._shapes import normalize_axes, shape_of


def as_tuple(value, n, name, op, minimum=1):
    """An int or a sequence of n ints (each >= minimum) -> a tuple of n ints."""
    if type(value) is int and value >= minimum:  # the common case, kept cheap for eager calls
        return (value,) * n
    try:
        values = tuple(map(operator.index, value)) if hasattr(value, "__iter__") else (operator.index(value),) * n
    except TypeError:
        values = ()
    if len(values) != n or any(v < minimum for v in values):
        raise ValueError(
            f"ops.{op}: `{name}` must be an int or a tuple of {n} ints >= {minimum}; got {value!r}.")
    return values


def padding_mode(padding, op):
    mode = str(padding).lower()
    if mode not in ("valid", "same"):
        raise ValueError(f"ops.{op}: `padding` must be 'valid' or 'same'; got {padding!r}.")
    return mode


def spatial_rank(shape, op, name="inputs"):
    if len(shape) not in (3, 4, 5):
        raise ValueError(
            f"ops.{op}: `{name}` must have rank 3, 4 or 5 (batch, spatial dims, channels); "
            f"got shape {tuple(shape)}.")
    return len(shape) - 2


def split_channels(shape, data_format):
    """(batch, spatial dims, channels) of an input shape."""
    if data_format == "channels_last":
        return shape[0], tuple(shape[1:-1]), shape[-1]
    return shape[0], tuple(shape[2:]), shape[1]


def join_channels(batch, spatial, channels, data_format):
    if data_format == "channels_last":
        return (batch, *spatial, channels)
    return (batch, channels, *spatial)


def conv_args(op, inputs, strides, padding, data_format, dilation_rate):
    """Normalized (strides, padding, data_format, dilation_rate) of a convolution."""
    n = spatial_rank(shape_of(inputs), op)
    strides = as_tuple(strides, n, "strides", op)
    dilation_rate = as_tuple(dilation_rate, n, "dilation_rate", op)
    return strides, padding_mode(padding, op), config.standardize_data_format(data_format), dilation_rate


def pool_args(op, inputs, pool_size, strides, padding, data_format):
    """Normalized (pool_size, strides, padding, data_format); strides default to pool_size."""
    n = spatial_rank(shape_of(inputs), op)
    pool_size = as_tuple(pool_size, n, "pool_size", op)
    strides = pool_size if strides is None else as_tuple(strides, n, "strides", op)
    return pool_size, strides, padding_mode(padding, op), config.standardize_data_format(data_format)


def conv_length(length, kernel, stride, padding, dilation, op="conv"):
    """Output length of a convolution or pooling window along one spatial dim."""
    if length is None:
        return None
    if padding == "same":
        return -(-length // stride)
    span = (kernel - 1) * dilation + 1
    if length < span:
        raise ValueError(
            f"ops.{op}: a window of size {span} (kernel {kernel}, dilation {dilation}) does not fit "
            f"in a spatial dim of size {length} with padding='valid'.")
    return (length - span) // stride + 1


def conv_transpose_length(length, kernel, stride, padding, output_padding, dilation):
    """Output length of a transposed convolution along one spatial dim (Keras's rule)."""
    if length is None:
        return None
    span = (kernel - 1) * dilation + 1
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(span - stride, 0)
        return length * stride
    pad = span // 2 if padding == "same" else 0
    return (length - 1) * stride + span - 2 * pad + output_padding


def _check_kernel(op, kernel_shape, n, name="kernel"):
    if len(kernel_shape) != n + 2:
        raise ValueError(
            f"ops.{op}: `{name}` must have rank {n + 2} (spatial dims, in, out) for inputs with "
            f"{n} spatial dims; got shape {tuple(kernel_shape)}.")


def conv_spec(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    strides, padding, data_format, dilation = conv_args(
        "conv", inputs, strides, padding, data_format, dilation_rate)
    shape, kshape = shape_of(inputs), shape_of(kernel)
    n = len(shape) - 2
    _check_kernel("conv", kshape, n)
    batch, spatial, channels = split_channels(shape, data_format)
    k_in, k_out = kshape[-2], kshape[-1]
    if channels is not None and k_in is not None and (k_in == 0 or channels % k_in):
        raise ValueError(
            f"ops.conv: the input channels ({channels}) must be a multiple of the kernel's input "
            f"channels ({k_in}); got inputs {tuple(shape)} and kernel {tuple(kshape)}.")
    out = tuple(conv_length(length, k, s, padding, d) for length, k, s, d in
                zip(spatial, kshape[:n], strides, dilation))
    return KerasTensor(join_channels(batch, out, k_out, data_format),
                       dtypes.result_type(dtype_of(inputs), dtype_of(kernel)))


def depthwise_conv_spec(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    strides, padding, data_format, dilation = conv_args(
        "depthwise_conv", inputs, strides, padding, data_format, dilation_rate)
    shape, kshape = shape_of(inputs), shape_of(kernel)
    n = len(shape) - 2
    _check_kernel("depthwise_conv", kshape, n)
    batch, spatial, channels = split_channels(shape, data_format)
    if channels is not None and kshape[-2] is not None and channels != kshape[-2]:
        raise ValueError(
            f"ops.depthwise_conv: the kernel's input channels ({kshape[-2]}) must equal the input "
            f"channels ({channels}); got inputs {tuple(shape)} and kernel {tuple(kshape)}.")
    channels = channels if channels is not None else kshape[-2]
    out_channels = None if channels is None or kshape[-1] is None else channels * kshape[-1]
    out = tuple(conv_length(length, k, s, padding, d, "depthwise_conv") for length, k, s, d in
                zip(spatial, kshape[:n], strides, dilation))
    return KerasTensor(join_channels(batch, out, out_channels, data_format),
                       dtypes.result_type(dtype_of(inputs), dtype_of(kernel)))


def separable_conv_spec(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                        data_format=None, dilation_rate=1):
    mid = depthwise_conv_spec(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    out = conv_spec(mid, pointwise_kernel, 1, "valid", data_format, 1)
    return KerasTensor(out.shape, dtypes.result_type(out.dtype, dtype_of(depthwise_kernel)))


def conv_transpose_args(inputs, strides, padding, output_padding, data_format, dilation_rate):
    strides, padding, data_format, dilation = conv_args(
        "conv_transpose", inputs, strides, padding, data_format, dilation_rate)
    if output_padding is not None:
        output_padding = as_tuple(output_padding, len(strides), "output_padding", "conv_transpose", 0)
    return strides, padding, output_padding, data_format, dilation


def conv_transpose_spec(inputs, kernel, strides=1, padding="valid", output_padding=None, data_format=None,
                        dilation_rate=1):
    strides, padding, output_padding, data_format, dilation = conv_transpose_args(
        inputs, strides, padding, output_padding, data_format, dilation_rate)
    shape, kshape = shape_of(inputs), shape_of(kernel)
    n = len(shape) - 2
    _check_kernel("conv_transpose", kshape, n)
    batch, spatial, channels = split_channels(shape, data_format)
    if channels is not None and kshape[-1] is not None and channels != kshape[-1]:
        raise ValueError(
            f"ops.conv_transpose: the kernel's last dim ({kshape[-1]}, input channels) must equal the "
            f"input channels ({channels}); got inputs {tuple(shape)} and kernel {tuple(kshape)}.")
    op_pad = output_padding or (None,) * n
    out = tuple(conv_transpose_length(length, k, s, padding, p if output_padding else None, d)
                for length, k, s, p, d in zip(spatial, kshape[:n], strides, op_pad, dilation))
    return KerasTensor(join_channels(batch, out, kshape[-2], data_format),
                       dtypes.result_type(dtype_of(inputs), dtype_of(kernel)))


def pool_spec(dtype_rule, op):
    def spec(inputs, pool_size, strides=None, padding="valid", data_format=None):
        pool_size, strides, padding, data_format = pool_args(op, inputs, pool_size, strides, padding, data_format)
        batch, spatial, channels = split_channels(shape_of(inputs), data_format)
        out = tuple(conv_length(length, k, s, padding, 1, op) for length, k, s in zip(spatial, pool_size, strides))
        return KerasTensor(join_channels(batch, out, channels, data_format), dtype_rule(dtype_of(inputs)))

    return spec


def adaptive_pool_args(op, inputs, output_size, data_format):
    n = spatial_rank(shape_of(inputs), op)
    return as_tuple(output_size, n, "output_size", op), config.standardize_data_format(data_format)


def adaptive_pool_spec(dtype_rule, op):
    def spec(inputs, output_size, data_format=None):
        output_size, data_format = adaptive_pool_args(op, inputs, output_size, data_format)
        batch, _, channels = split_channels(shape_of(inputs), data_format)
        return KerasTensor(join_channels(batch, output_size, channels, data_format), dtype_rule(dtype_of(inputs)))

    return spec


def _mul(a, b):
    return None if a is None or b is None else a * b


def _div(a, b, op, what):
    if a is None:
        return None
    if a % b:
        raise ValueError(f"ops.{op}: {what} ({a}) must be divisible by {b}.")
    return a // b


def depth_to_space_spec(x, block_size, data_format="channels_last"):
    shape = shape_of(x)
    if len(shape) != 4:
        raise ValueError(f"ops.depth_to_space: `x` must have rank 4; got shape {tuple(shape)}.")
    data_format = config.standardize_data_format(data_format)
    batch, (h, w), c = split_channels(shape, data_format)
    c = _div(c, block_size ** 2, "depth_to_space", "the channels")
    return KerasTensor(join_channels(batch, (_mul(h, block_size), _mul(w, block_size)), c, data_format),
                       dtype_of(x))


def space_to_depth_spec(x, block_size, data_format="channels_last"):
    shape = shape_of(x)
    if len(shape) != 4:
        raise ValueError(f"ops.space_to_depth: `x` must have rank 4; got shape {tuple(shape)}.")
    data_format = config.standardize_data_format(data_format)
    batch, (h, w), c = split_channels(shape, data_format)
    h = _div(h, block_size, "space_to_depth", "the height")
    w = _div(w, block_size, "space_to_depth", "the width")
    return KerasTensor(join_channels(batch, (h, w), _mul(c, block_size ** 2), data_format), dtype_of(x))


def patch_args(op, kernel_size, dilation, padding, stride):
    return (as_tuple(kernel_size, 2, "kernel_size", op), as_tuple(dilation, 2, "dilation", op),
            as_tuple(padding, 2, "padding", op, 0), as_tuple(stride, 2, "stride", op))


def unfold_spec(x, kernel_size, dilation=1, padding=0, stride=1):
    shape = shape_of(x)
    if len(shape) != 4:
        raise ValueError(f"ops.unfold: `x` must have rank 4 (N, C, H, W); got shape {tuple(shape)}.")
    kernel_size, dilation, padding, stride = patch_args("unfold", kernel_size, dilation, padding, stride)
    n, c, h, w = shape
    blocks = 1
    for length, k, d, p, s in zip((h, w), kernel_size, dilation, padding, stride):
        blocks = _mul(blocks, conv_length(None if length is None else length + 2 * p, k, s, "valid", d, "unfold"))
    return KerasTensor((n, _mul(c, kernel_size[0] * kernel_size[1]), blocks), dtype_of(x))


def fold_spec(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    shape = shape_of(x)
    if len(shape) != 3:
        raise ValueError(f"ops.fold: `x` must have rank 3 (N, C * kH * kW, L); got shape {tuple(shape)}.")
    output_size = as_tuple(output_size, 2, "output_size", "fold")
    kernel_size, dilation, padding, stride = patch_args("fold", kernel_size, dilation, padding, stride)
    c = _div(shape[1], kernel_size[0] * kernel_size[1], "fold", "the second dim")
    return KerasTensor((shape[0], c, *output_size), dtype_of(x))


def one_hot_shape(shape, num_classes, axis, op="one_hot"):
    rank = len(shape) + 1
    if not -rank <= axis < rank:
        raise ValueError(f"ops.{op}: axis {axis} is out of range for an output of rank {rank}.")
    axis %= rank
    return (*shape[:axis], num_classes, *shape[axis:])


def moments_axes(x, axes):
    return normalize_axes(axes, len(shape_of(x)), "moments")
