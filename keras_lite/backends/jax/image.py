"""JAX: image ops (jax.image.resize, cropping, padding, colour spaces, patches).

Multi-step ops are jit-compiled as a whole: one compilation per shape instead of one per
primitive in eager mode (the compiled function inlines when traced inside a larger jit).
"""
import functools

import jax
import jax.numpy as jnp

from keras_lite.backends.common import dtypes
from keras_lite.backends.jax.core import convert_to_tensor
from keras_lite.backends.common.image_utils import GRAY_WEIGHTS, SOBEL_DIFF, SOBEL_SMOOTH, gaussian_taps

_METHODS = {"nearest": "nearest", "bilinear": "linear", "bicubic": "cubic", "lanczos3": "lanczos3",
            "lanczos5": "lanczos5"}


def _spatial_axes(ndim, data_format):
    return (ndim - 3, ndim - 2) if data_format == "channels_last" else (ndim - 2, ndim - 1)


def _restore(out, dtype):
    """Back to the input dtype: integers are rounded and clipped to their range."""
    if jnp.issubdtype(dtype, jnp.integer):
        info = jnp.iinfo(dtype)
        out = jnp.clip(jnp.round(out), info.min, info.max)
    elif dtype == jnp.bool_:
        out = out > 0.5
    return out.astype(dtype)


def resize(images, size, interpolation, antialias, data_format):
    return _resize(convert_to_tensor(images), tuple(size), interpolation, bool(antialias), data_format)


@functools.partial(jax.jit, static_argnums=(1, 2, 3, 4))
def _resize(images, size, interpolation, antialias, data_format):
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    shape = list(images.shape)
    shape[h_axis], shape[w_axis] = size
    work = images if images.dtype in (jnp.float32, jnp.float64) else images.astype("float32")
    out = jax.image.resize(work, tuple(shape), method=_METHODS[interpolation], antialias=antialias)
    return _restore(out, images.dtype)


def crop_images(images, top, left, height, width, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    index = [slice(None)] * images.ndim
    index[h_axis] = slice(top, top + height)
    index[w_axis] = slice(left, left + width)
    return images[tuple(index)]


def pad_images(images, top, bottom, left, right, fill_value, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    widths = [(0, 0)] * images.ndim
    widths[h_axis] = (top, bottom)
    widths[w_axis] = (left, right)
    return jnp.pad(images, widths, constant_values=jnp.asarray(fill_value).astype(images.dtype))


def _channel_axis(ndim, data_format):
    return ndim - 1 if data_format == "channels_last" else ndim - 3


def rgb_to_grayscale(images, data_format):
    return _rgb_to_grayscale(convert_to_tensor(images), data_format)


@functools.partial(jax.jit, static_argnums=1)
def _rgb_to_grayscale(images, data_format):
    axis = _channel_axis(images.ndim, data_format)
    if images.shape[axis] == 1:
        return images
    work = convert_to_tensor(images, dtypes.float_result_type(images.dtype))
    gray = jnp.tensordot(work, jnp.asarray(GRAY_WEIGHTS, work.dtype), axes=([axis], [0]))
    return jnp.expand_dims(gray, axis).astype(images.dtype)


def rgb_to_hsv(images, data_format):
    return _rgb_to_hsv(convert_to_tensor(images), data_format)


@functools.partial(jax.jit, static_argnums=1)
def _rgb_to_hsv(images, data_format):
    axis = _channel_axis(images.ndim, data_format)
    images = jnp.where(jnp.abs(images) < jnp.finfo(images.dtype).eps, 0, images)
    r, g, b = jnp.moveaxis(images, axis, 0)
    value = jnp.maximum(jnp.maximum(r, g), b)
    spread = value - jnp.minimum(jnp.minimum(r, g), b)
    saturation = jnp.where(value > 0, spread / jnp.where(value > 0, value, 1), 0)
    norm = 1.0 / (6.0 * jnp.where(spread > 0, spread, 1))
    hue = jnp.where(value == g, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0)
    hue = jnp.where(value == r, norm * (g - b), hue)
    hue = jnp.where(spread > 0, hue, 0) + (hue < 0).astype(hue.dtype)
    return jnp.stack([hue, saturation, value], axis=axis).astype(images.dtype)


def hsv_to_rgb(images, data_format):
    return _hsv_to_rgb(convert_to_tensor(images), data_format)


@functools.partial(jax.jit, static_argnums=1)
def _hsv_to_rgb(images, data_format):
    axis = _channel_axis(images.ndim, data_format)
    hue, saturation, value = jnp.moveaxis(images, axis, 0)
    dh = jnp.mod(hue, 1.0) * 6.0
    dr = jnp.clip(jnp.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = jnp.clip(2.0 - jnp.abs(dh - 2.0), 0.0, 1.0)
    db = jnp.clip(2.0 - jnp.abs(dh - 4.0), 0.0, 1.0)
    rest = 1.0 - saturation
    return jnp.stack([value * (rest + saturation * d) for d in (dr, dg, db)], axis=axis).astype(images.dtype)


def extract_patches(images, size, strides, dilation_rate, padding, data_format):
    return _extract_patches(convert_to_tensor(images), tuple(size), tuple(strides), tuple(dilation_rate), padding,
                            data_format)


@functools.partial(jax.jit, static_argnums=(1, 2, 3, 4, 5))
def _extract_patches(images, size, strides, dilation_rate, padding, data_format):
    """Strided slices, one per patch offset, stacked as channels ordered (row, column, channel)."""
    if data_format == "channels_first":
        images = jnp.moveaxis(images, -3, -1)
    (ph, pw), (sh, sw), (dh, dw) = size, strides, dilation_rate
    h, w = images.shape[-3:-1]
    span_h, span_w = (ph - 1) * dh + 1, (pw - 1) * dw + 1
    if padding == "same":
        out_h, out_w = -(-h // sh), -(-w // sw)
        pad_h = max((out_h - 1) * sh + span_h - h, 0)
        pad_w = max((out_w - 1) * sw + span_w - w, 0)
        images = jnp.pad(images, [(0, 0)] * (images.ndim - 3) + [
            (pad_h // 2, pad_h - pad_h // 2), (pad_w // 2, pad_w - pad_w // 2), (0, 0)])
    else:
        out_h, out_w = (h - span_h) // sh + 1, (w - span_w) // sw + 1
    pieces = [images[..., i * dh:i * dh + (out_h - 1) * sh + 1:sh, j * dw:j * dw + (out_w - 1) * sw + 1:sw, :]
              for i in range(ph) for j in range(pw)]
    out = jnp.stack(pieces, axis=-2)
    out = out.reshape(out.shape[:-2] + (-1,))
    if data_format == "channels_first":
        out = jnp.moveaxis(out, -1, -3)
    return out


def _fix_index(index, size, fill_mode):
    """Integer indices -> (indices inside [0, size), validity mask or None) under a fill mode."""
    if fill_mode == "constant":
        return jnp.clip(index, 0, size - 1), (index >= 0) & (index < size)
    if fill_mode == "nearest":
        return jnp.clip(index, 0, size - 1), None
    if fill_mode == "wrap":
        return jnp.mod(index, size), None
    if fill_mode == "mirror":  # d c b | a b c d | c b a
        period = max(2 * size - 2, 1)
        index = jnp.mod(index, period)
        return jnp.where(index >= size, period - index, index), None
    period = 2 * size  # reflect: d c b a | a b c d | d c b a
    index = jnp.mod(index, period)
    return jnp.where(index >= size, period - 1 - index, index), None


def _corners(coordinate, order):
    if order == 0:
        return [(jax.lax.round(coordinate).astype("int32"), 1.0)]  # half away from zero
    low = jnp.floor(coordinate)
    frac = coordinate - low
    low = low.astype("int32")
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
        extra = (1,) * (values.ndim - jnp.ndim(valid))
        if fill_mode == "constant":
            values = jnp.where(jnp.reshape(valid, jnp.shape(valid) + extra), values, fill_value)
        out = out + jnp.reshape(weight, jnp.shape(weight) + (1,) * (values.ndim - jnp.ndim(weight))) * values
    return out


def map_coordinates(inputs, coordinates, order, fill_mode, fill_value):
    return _map_coordinates(convert_to_tensor(inputs), convert_to_tensor(coordinates), order, fill_mode, fill_value)


@functools.partial(jax.jit, static_argnums=(2, 3))
def _map_coordinates(inputs, coordinates, order, fill_mode, fill_value):
    work = jnp.float64 if inputs.dtype == jnp.float64 else jnp.float32
    coords = [c.astype(work) for c in coordinates]
    out = _interpolate(lambda idx: inputs[tuple(idx)].astype(work), coords, inputs.shape, order, fill_mode,
                       fill_value)
    return _restore(jnp.asarray(out, work), inputs.dtype)


def affine_transform(images, transform, interpolation, fill_mode, fill_value, data_format):
    return _affine_transform(convert_to_tensor(images), convert_to_tensor(transform), interpolation, fill_mode,
                             fill_value, data_format)


@functools.partial(jax.jit, static_argnums=(2, 3, 5))
def _affine_transform(images, transform, interpolation, fill_mode, fill_value, data_format):
    x = images if images.ndim == 4 else images[None]
    if data_format == "channels_first":
        x = jnp.moveaxis(x, 1, -1)
    work = jnp.float64 if images.dtype == jnp.float64 else jnp.float32
    t = transform.astype(work)
    t = t if t.ndim == 2 else t[None]
    n, h, w = x.shape[:3]
    rows, cols = jnp.meshgrid(jnp.arange(h, dtype=work), jnp.arange(w, dtype=work), indexing="ij")
    a0, a1, a2, b0, b1, b2, c0, c1 = (t[:, i, None, None] for i in range(8))
    k = c0 * cols + c1 * rows + 1.0
    src_x, src_y = (a0 * cols + a1 * rows + a2) / k, (b0 * cols + b1 * rows + b2) / k
    batch = jnp.broadcast_to(jnp.arange(n)[:, None, None], (n, h, w))
    out = _interpolate(lambda idx: x[batch, idx[0], idx[1]].astype(work), [src_y, src_x], (h, w),
                       {"nearest": 0, "bilinear": 1}[interpolation], fill_mode, fill_value)
    out = _restore(out, images.dtype)
    if data_format == "channels_first":
        out = jnp.moveaxis(out, -1, 1)
    return out if images.ndim == 4 else out[0]


def _filter_axis(x, taps, axis):
    """Correlate one axis with `taps` (centred, zero padding), as a sum of shifted slices."""
    before = (len(taps) - 1) // 2
    widths = [(0, 0)] * x.ndim
    widths[axis] = (before, len(taps) - 1 - before)
    padded = jnp.pad(x, widths)
    n = x.shape[axis]
    out = 0
    for j, t in enumerate(taps):
        if t:
            out = out + t * jax.lax.slice_in_dim(padded, j, j + n, axis=axis)
    return jnp.asarray(out, x.dtype)


def gaussian_blur(images, kernel_size, sigma, data_format):
    taps_h = gaussian_taps(kernel_size[1], sigma[1])
    taps_w = gaussian_taps(kernel_size[0], sigma[0])
    return _gaussian_blur(convert_to_tensor(images), taps_h, taps_w, data_format)


@functools.partial(jax.jit, static_argnums=(1, 2, 3))
def _gaussian_blur(images, taps_h, taps_w, data_format):
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    work = images if images.dtype in (jnp.float32, jnp.float64) else images.astype("float32")
    return _restore(_filter_axis(_filter_axis(work, taps_h, h_axis), taps_w, w_axis), images.dtype)


def sobel_edges(images, data_format):
    images = convert_to_tensor(images)
    return _sobel_edges(convert_to_tensor(images, dtypes.float_result_type(images.dtype)), data_format)


@functools.partial(jax.jit, static_argnums=1)
def _sobel_edges(images, data_format):
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    dy = _filter_axis(_filter_axis(images, SOBEL_DIFF, h_axis), SOBEL_SMOOTH, w_axis)
    dx = _filter_axis(_filter_axis(images, SOBEL_SMOOTH, h_axis), SOBEL_DIFF, w_axis)
    return jnp.stack([dy, dx], axis=-1)


def perspective_transform(images, start_points, end_points, interpolation, fill_value, data_format):
    """The projective transform taking each end point to its start point, applied by affine_transform."""
    work = jnp.float64 if convert_to_tensor(images).dtype == jnp.float64 else jnp.float32
    start = convert_to_tensor(start_points).astype(work)
    end = convert_to_tensor(end_points).astype(work)
    (sx, sy), (ex, ey) = jnp.moveaxis(start, -1, 0), jnp.moveaxis(end, -1, 0)
    one, zero = jnp.ones_like(ex), jnp.zeros_like(ex)
    rows = jnp.concatenate([jnp.stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], -1),
                            jnp.stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], -1)], axis=-2)
    transform = jnp.linalg.solve(rows, jnp.concatenate([sx, sy], -1)[..., None])[..., 0]
    return affine_transform(images, transform, interpolation, "constant", fill_value, data_format)
