"""NumPy: image ops (resizing by separable weight matrices, cropping, padding, colour spaces, patches)."""
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.image_utils import (GRAY_WEIGHTS, SOBEL_DIFF, SOBEL_SMOOTH, RESIZE_KERNELS,  # noqa: F401
                                                    gaussian_taps, nearest_indices, resize_weights)
from keras_lite.backends.numpy.core import convert_to_tensor

def _spatial_axes(ndim, data_format):
    return (ndim - 3, ndim - 2) if data_format == "channels_last" else (ndim - 2, ndim - 1)


def _compute_dtype(dtype):
    return np.float64 if dtype == np.float64 else np.float32


def _restore(out, dtype):
    """Back to the input dtype: integers are rounded and clipped to their range."""
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        out = np.clip(np.round(out), info.min, info.max)
    elif dtype.kind == "b":
        out = out > 0.5
    return out.astype(dtype)


def resize(images, size, interpolation, antialias, data_format):
    images = convert_to_tensor(images)
    if interpolation not in RESIZE_KERNELS and interpolation != "nearest":
        raise ValueError(f"interpolation must be one of nearest, {', '.join(RESIZE_KERNELS)}; got {interpolation!r}.")
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    out = images.astype(_compute_dtype(images.dtype))
    for axis, target in ((h_axis, size[0]), (w_axis, size[1])):
        if out.shape[axis] == target:
            continue
        if interpolation == "nearest":
            out = np.take(out, nearest_indices(out.shape[axis], target), axis=axis)
            continue
        weights = resize_weights(out.shape[axis], target, interpolation, antialias).astype(out.dtype)
        out = np.moveaxis(np.tensordot(weights, out, axes=([1], [axis])), 0, axis)
    return _restore(out, images.dtype)


def crop_images(images, top, left, height, width, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    index = [slice(None)] * images.ndim
    index[h_axis] = slice(top, top + height)
    index[w_axis] = slice(left, left + width)
    return images[tuple(index)].copy()


def pad_images(images, top, bottom, left, right, fill_value, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    widths = [(0, 0)] * images.ndim
    widths[h_axis] = (top, bottom)
    widths[w_axis] = (left, right)
    return np.pad(images, widths, constant_values=np.asarray(fill_value).astype(images.dtype))


def _channel_axis(ndim, data_format):
    return ndim - 1 if data_format == "channels_last" else ndim - 3


def rgb_to_grayscale(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.ndim, data_format)
    if images.shape[axis] == 1:
        return images.copy()
    work = images.astype(dtypes.to_numpy_dtype(dtypes.float_result_type(images.dtype)))
    gray = np.tensordot(work, np.asarray(GRAY_WEIGHTS, dtype=work.dtype), axes=([axis], [0]))
    return np.expand_dims(gray, axis).astype(images.dtype)


def rgb_to_hsv(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.ndim, data_format)
    eps = {"float16": 2.0 ** -10, "bfloat16": 2.0 ** -7, "float32": 2.0 ** -23}.get(images.dtype.name, 2.0 ** -52)
    work = images.astype(np.float32) if images.dtype.itemsize < 4 else images
    work = np.where(np.abs(work) < eps, 0, work).astype(work.dtype)
    r, g, b = np.moveaxis(work, axis, 0)
    value = np.maximum(np.maximum(r, g), b)
    spread = value - np.minimum(np.minimum(r, g), b)
    with np.errstate(divide="ignore", invalid="ignore"):
        saturation = np.where(value > 0, spread / np.where(value > 0, value, 1), 0)
        norm = 1.0 / (6.0 * np.where(spread > 0, spread, 1))
    hue = np.where(value == g, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0)
    hue = np.where(value == r, norm * (g - b), hue)
    hue = np.where(spread > 0, hue, 0) + (hue < 0)
    return np.stack([hue, saturation, value], axis=axis).astype(images.dtype)


def hsv_to_rgb(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.ndim, data_format)
    hue, saturation, value = np.moveaxis(images, axis, 0)
    dh = np.mod(hue, 1.0) * 6.0
    dr = np.clip(np.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = np.clip(2.0 - np.abs(dh - 2.0), 0.0, 1.0)
    db = np.clip(2.0 - np.abs(dh - 4.0), 0.0, 1.0)
    rest = 1.0 - saturation
    rgb = [value * (rest + saturation * d) for d in (dr, dg, db)]
    return np.stack(rgb, axis=axis).astype(images.dtype)


def extract_patches(images, size, strides, dilation_rate, padding, data_format):
    """Patches as channels ordered (row, column, channel), like a convolution with an identity kernel."""
    images = convert_to_tensor(images)
    if data_format == "channels_first":
        images = np.moveaxis(images, -3, -1)
    (ph, pw), (sh, sw), (dh, dw) = size, strides, dilation_rate
    h, w = images.shape[-3:-1]
    span_h, span_w = (ph - 1) * dh + 1, (pw - 1) * dw + 1
    if padding == "same":
        out_h, out_w = -(-h // sh), -(-w // sw)
        pad_h = max((out_h - 1) * sh + span_h - h, 0)
        pad_w = max((out_w - 1) * sw + span_w - w, 0)
        widths = [(0, 0)] * (images.ndim - 3) + [(pad_h // 2, pad_h - pad_h // 2),
                                                  (pad_w // 2, pad_w - pad_w // 2), (0, 0)]
        images = np.pad(images, widths)
    windows = np.lib.stride_tricks.sliding_window_view(images, (span_h, span_w), axis=(-3, -2))
    windows = windows[..., ::sh, ::sw, :, ::dh, ::dw]  # (..., out_h, out_w, C, ph, pw)
    windows = np.moveaxis(windows, -3, -1)  # (..., out_h, out_w, ph, pw, C)
    out = windows.reshape(windows.shape[:-3] + (-1,))
    if data_format == "channels_first":
        out = np.moveaxis(out, -1, -3)
    return np.ascontiguousarray(out)


def _fix_index(index, size, fill_mode):
    """Integer indices -> (indices inside [0, size), validity mask or None) under a fill mode."""
    if fill_mode == "constant":
        return np.clip(index, 0, size - 1), (index >= 0) & (index < size)
    if fill_mode == "nearest":
        return np.clip(index, 0, size - 1), None
    if fill_mode == "wrap":
        return np.mod(index, size), None
    if fill_mode == "mirror":  # d c b | a b c d | c b a
        period = max(2 * size - 2, 1)
        index = np.mod(index, period)
        return np.where(index >= size, period - index, index), None
    period = 2 * size  # reflect: d c b a | a b c d | d c b a
    index = np.mod(index, period)
    return np.where(index >= size, period - 1 - index, index), None


def _corners(coordinate, order):
    """[(integer index, weight)] of the samples that interpolate at a coordinate."""
    if order == 0:
        return [((np.sign(coordinate) * np.floor(np.abs(coordinate) + 0.5)).astype(np.int64), 1.0)]  # half away from 0
    low = np.floor(coordinate)
    frac = coordinate - low
    low = low.astype(np.int64)
    return [(low, 1.0 - frac), (low + 1, frac)]


def _interpolate(fetch, coordinates, sizes, order, fill_mode, fill_value):
    """Sum over the interpolation corners of weight * fetch(indices), masking out-of-range corners."""
    import itertools

    out = 0.0
    for corner in itertools.product(*(_corners(c, order) for c in coordinates)):
        indices, weight, valid = [], 1.0, True
        for (index, w), size in zip(corner, sizes):
            index, ok = _fix_index(index, size, fill_mode)
            indices.append(index)
            weight = weight * w
            valid = valid if ok is None else valid & ok
        values = fetch(indices)
        if fill_mode == "constant":
            values = np.where(_expand_like(valid, values), values, fill_value)
        out = out + _expand_like(weight, values) * values
    return out


def _expand_like(x, values):
    x = np.asarray(x)
    return x.reshape(x.shape + (1,) * (values.ndim - x.ndim))


def map_coordinates(inputs, coordinates, order, fill_mode, fill_value):
    inputs = convert_to_tensor(inputs)
    work = np.float64 if inputs.dtype == np.float64 else np.float32
    coordinates = [np.asarray(c, dtype=work) for c in convert_to_tensor(coordinates)]
    out = _interpolate(lambda idx: inputs[tuple(idx)].astype(work), coordinates, inputs.shape, order, fill_mode,
                       fill_value)
    return _restore(np.asarray(out, dtype=work), inputs.dtype)


def affine_transform(images, transform, interpolation, fill_mode, fill_value, data_format):
    """Output pixel (x, y) samples the input at ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k),
    k = c0 x + c1 y + 1 (a projective transform; c0 = c1 = 0 for an affine one)."""
    images = convert_to_tensor(images)
    x = images if images.ndim == 4 else images[None]
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    work = np.float64 if images.dtype == np.float64 else np.float32
    t = convert_to_tensor(transform).astype(work)
    t = t if t.ndim == 2 else t[None]
    n, h, w = x.shape[0], x.shape[1], x.shape[2]
    rows, cols = np.meshgrid(np.arange(h, dtype=work), np.arange(w, dtype=work), indexing="ij")
    a0, a1, a2, b0, b1, b2, c0, c1 = (t[:, i, None, None] for i in range(8))
    k = c0 * cols + c1 * rows + 1.0
    src_x, src_y = (a0 * cols + a1 * rows + a2) / k, (b0 * cols + b1 * rows + b2) / k
    batch = np.broadcast_to(np.arange(n)[:, None, None], (n, h, w))
    out = _interpolate(lambda idx: x[batch, idx[0], idx[1]].astype(work), [src_y, src_x], (h, w),
                       {"nearest": 0, "bilinear": 1}[interpolation], fill_mode, fill_value)
    out = _restore(np.asarray(out, dtype=work), images.dtype)
    if data_format == "channels_first":
        out = np.moveaxis(out, -1, 1)
    return out if images.ndim == 4 else out[0]


def _filter_axis(x, taps, axis):
    """Correlate one axis with `taps` (centred, zero padding), as a sum of shifted slices."""
    before = (len(taps) - 1) // 2
    widths = [(0, 0)] * x.ndim
    widths[axis] = (before, len(taps) - 1 - before)
    padded = np.pad(x, widths)
    n = x.shape[axis]
    out = 0
    for j, t in enumerate(taps):
        if t:
            out = out + t * np.take(padded, np.arange(j, j + n), axis=axis)
    return np.asarray(out, dtype=x.dtype)


def gaussian_blur(images, kernel_size, sigma, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    work = images.astype(_compute_dtype(images.dtype))
    out = _filter_axis(work, gaussian_taps(kernel_size[1], sigma[1]), h_axis)
    out = _filter_axis(out, gaussian_taps(kernel_size[0], sigma[0]), w_axis)
    return _restore(out, images.dtype)


def sobel_edges(images, data_format):
    images = convert_to_tensor(images)
    images = images.astype(dtypes.to_numpy_dtype(dtypes.float_result_type(images.dtype)), copy=False)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    dy = _filter_axis(_filter_axis(images, SOBEL_DIFF, h_axis), SOBEL_SMOOTH, w_axis)
    dx = _filter_axis(_filter_axis(images, SOBEL_SMOOTH, h_axis), SOBEL_DIFF, w_axis)
    return np.stack([dy, dx], axis=-1)


def perspective_transform(images, start_points, end_points, interpolation, fill_value, data_format):
    """The projective transform taking each end point to its start point, applied by affine_transform."""
    work = np.float64 if convert_to_tensor(images).dtype == np.float64 else np.float32
    start = convert_to_tensor(start_points).astype(work)
    end = convert_to_tensor(end_points).astype(work)
    (sx, sy), (ex, ey) = np.moveaxis(start, -1, 0), np.moveaxis(end, -1, 0)
    one, zero = np.ones_like(ex), np.zeros_like(ex)
    rows = np.concatenate([np.stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], -1),
                           np.stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], -1)], axis=-2)
    transform = np.linalg.solve(rows, np.concatenate([sx, sy], -1)[..., None])[..., 0]
    return affine_transform(images, transform, interpolation, "constant", fill_value, data_format)
