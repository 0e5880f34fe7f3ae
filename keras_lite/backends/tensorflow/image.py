"""TensorFlow: image ops (tf.image.resize where it matches jax.image.resize, weight matrices elsewhere)."""
import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.image_utils import GRAY_WEIGHTS, SOBEL_DIFF, SOBEL_SMOOTH, gaussian_taps, resize_weights
from keras_lite.backends.tensorflow.core import convert_to_tensor


def _restore(out, dtype):
    """Back to the input dtype: integers are rounded and clipped to their range."""
    if dtype == tf.bool:
        return out > 0.5
    if dtype.is_integer:
        out = tf.clip_by_value(tf.round(out), dtype.min, dtype.max)
    return tf.cast(out, dtype)


def resize(images, size, interpolation, antialias, data_format):
    images = convert_to_tensor(images)
    x = images if data_format == "channels_last" else tf.transpose(
        images, [0, 2, 3, 1] if images.shape.rank == 4 else [1, 2, 0])
    x = x if x.dtype in (tf.float32, tf.float64) else tf.cast(x, tf.float32)
    size = tuple(size)
    if interpolation == "nearest":
        out = tf.image.resize(x, size, method="nearest")
    elif x.dtype == tf.float32 and not (interpolation == "bicubic" and not antialias):
        # tf.image.resize computes in float32; its plain bicubic clamps edge taps (JAX renormalises).
        out = tf.image.resize(x, size, method=interpolation, antialias=bool(antialias))
    else:
        h, w = x.shape[-3], x.shape[-2]
        rows = tf.constant(resize_weights(h, size[0], interpolation, antialias), x.dtype)
        cols = tf.constant(resize_weights(w, size[1], interpolation, antialias), x.dtype)
        out = tf.einsum("oh,...hwc,pw->...opc", rows, x, cols)
    if data_format == "channels_first":
        out = tf.transpose(out, [0, 3, 1, 2] if images.shape.rank == 4 else [2, 0, 1])
    return _restore(out, images.dtype)


def _spatial_axes(ndim, data_format):
    return (ndim - 3, ndim - 2) if data_format == "channels_last" else (ndim - 2, ndim - 1)


def crop_images(images, top, left, height, width, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.shape.rank, data_format)
    index = [slice(None)] * images.shape.rank
    index[h_axis] = slice(top, top + height)
    index[w_axis] = slice(left, left + width)
    return images[tuple(index)]


def pad_images(images, top, bottom, left, right, fill_value, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.shape.rank, data_format)
    widths = [[0, 0]] * images.shape.rank
    widths[h_axis] = [top, bottom]
    widths[w_axis] = [left, right]
    return tf.pad(images, widths, constant_values=tf.cast(fill_value, images.dtype))


def _channel_axis(ndim, data_format):
    return ndim - 1 if data_format == "channels_last" else ndim - 3


def rgb_to_grayscale(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.shape.rank, data_format)
    if images.shape[axis] == 1:
        return tf.identity(images)
    work = tf.cast(images, dtypes.float_result_type(images.dtype.name))
    gray = tf.tensordot(work, tf.constant(GRAY_WEIGHTS, work.dtype), axes=[[axis], [0]])
    return tf.cast(tf.expand_dims(gray, axis), images.dtype)


def rgb_to_hsv(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.shape.rank, data_format)
    eps = {tf.float16: 2.0 ** -10, tf.bfloat16: 2.0 ** -7, tf.float32: 2.0 ** -23}.get(images.dtype, 2.0 ** -52)
    images = tf.where(tf.abs(images) < eps, tf.zeros_like(images), images)
    r, g, b = tf.unstack(images, axis=axis)
    value = tf.maximum(tf.maximum(r, g), b)
    spread = value - tf.minimum(tf.minimum(r, g), b)
    one = tf.ones_like(value)
    saturation = tf.where(value > 0, spread / tf.where(value > 0, value, one), tf.zeros_like(value))
    norm = 1.0 / (6.0 * tf.where(spread > 0, spread, one))
    hue = tf.where(value == g, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0)
    hue = tf.where(value == r, norm * (g - b), hue)
    hue = tf.where(spread > 0, hue, tf.zeros_like(hue)) + tf.cast(hue < 0, hue.dtype)
    return tf.stack([hue, saturation, value], axis=axis)


def hsv_to_rgb(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.shape.rank, data_format)
    hue, saturation, value = tf.unstack(images, axis=axis)
    dh = tf.math.floormod(hue, 1.0) * 6.0
    dr = tf.clip_by_value(tf.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = tf.clip_by_value(2.0 - tf.abs(dh - 2.0), 0.0, 1.0)
    db = tf.clip_by_value(2.0 - tf.abs(dh - 4.0), 0.0, 1.0)
    rest = 1.0 - saturation
    return tf.stack([value * (rest + saturation * d) for d in (dr, dg, db)], axis=axis)


def extract_patches(images, size, strides, dilation_rate, padding, data_format):
    images = convert_to_tensor(images)
    x = images if images.shape.rank == 4 else images[None]
    if data_format == "channels_first":
        x = tf.transpose(x, [0, 2, 3, 1])
    work = tf.cast(x, tf.int32) if x.dtype == tf.bool else x
    out = tf.image.extract_patches(work, sizes=[1, *size, 1], strides=[1, *strides, 1],
                                   rates=[1, *dilation_rate, 1], padding=padding.upper())
    out = tf.cast(out, x.dtype)
    if data_format == "channels_first":
        out = tf.transpose(out, [0, 3, 1, 2])
    return out if images.shape.rank == 4 else out[0]


def _fix_index(index, size, fill_mode):
    """Integer indices -> (indices inside [0, size), validity mask or None) under a fill mode."""
    if fill_mode == "constant":
        return tf.clip_by_value(index, 0, size - 1), (index >= 0) & (index < size)
    if fill_mode == "nearest":
        return tf.clip_by_value(index, 0, size - 1), None
    if fill_mode == "wrap":
        return tf.math.floormod(index, size), None
    if fill_mode == "mirror":  # d c b | a b c d | c b a
        period = max(2 * size - 2, 1)
        index = tf.math.floormod(index, period)
        return tf.where(index >= size, period - index, index), None
    period = 2 * size  # reflect: d c b a | a b c d | d c b a
    index = tf.math.floormod(index, period)
    return tf.where(index >= size, period - 1 - index, index), None


def _corners(coordinate, order):
    if order == 0:  # round half away from zero
        return [(tf.cast(tf.sign(coordinate) * tf.floor(tf.abs(coordinate) + 0.5), tf.int32), 1.0)]
    low = tf.floor(coordinate)
    frac = coordinate - low
    low = tf.cast(low, tf.int32)
    return [(low, 1.0 - frac), (low + 1, frac)]


def _expand_like(x, values):
    if not tf.is_tensor(x):
        return x
    return tf.reshape(x, tf.concat([tf.shape(x), tf.ones([values.shape.rank - x.shape.rank], tf.int32)], 0))


def _interpolate(fetch, coordinates, sizes, order, fill_mode, fill_value):
    """Sum over the interpolation corners of weight * fetch(indices), masking out-of-range corners."""
    import itertools

    out = 0.0
    for corner in itertools.product(*(_corners(c, order) for c in coordinates)):
        indices, weight, valid = [], 1.0, None
        for (index, w), size in zip(corner, sizes):
            index, ok = _fix_index(index, size, fill_mode)
            indices.append(index)
            weight = weight * w
            valid = ok if valid is None else (valid if ok is None else valid & ok)
        values = fetch(indices)
        if valid is not None:
            mask = _expand_like(valid, values) & tf.ones_like(values, tf.bool)
            values = tf.where(mask, values, tf.cast(fill_value, values.dtype))
        out = out + _expand_like(weight, values) * values
    return out


def map_coordinates(inputs, coordinates, order, fill_mode, fill_value):
    inputs = convert_to_tensor(inputs)
    work = tf.float64 if inputs.dtype == tf.float64 else tf.float32
    coords = tf.unstack(tf.cast(convert_to_tensor(coordinates), work), axis=0)
    out = _interpolate(lambda idx: tf.cast(tf.gather_nd(inputs, tf.stack(idx, axis=-1)), work), coords,
                       inputs.shape.as_list(), order, fill_mode, fill_value)
    return _restore(tf.cast(out, work), inputs.dtype)


def affine_transform(images, transform, interpolation, fill_mode, fill_value, data_format):
    images = convert_to_tensor(images)
    x = images if images.shape.rank == 4 else images[None]
    if data_format == "channels_first":
        x = tf.transpose(x, [0, 2, 3, 1])
    work = tf.float64 if images.dtype == tf.float64 else tf.float32
    t = tf.cast(convert_to_tensor(transform), work)
    t = t if t.shape.rank == 2 else t[None]
    n, h, w = tf.shape(x)[0], x.shape[1], x.shape[2]
    rows, cols = tf.meshgrid(tf.range(h, dtype=work), tf.range(w, dtype=work), indexing="ij")
    a0, a1, a2, b0, b1, b2, c0, c1 = (t[:, i, None, None] for i in range(8))
    k = c0 * cols + c1 * rows + 1.0
    src_x, src_y = (a0 * cols + a1 * rows + a2) / k, (b0 * cols + b1 * rows + b2) / k
    batch = tf.broadcast_to(tf.range(n)[:, None, None], tf.stack([n, h, w]))

    def fetch(idx):
        y_idx, x_idx = (tf.broadcast_to(i, tf.stack([n, h, w])) for i in idx)
        return tf.cast(tf.gather_nd(x, tf.stack([batch, y_idx, x_idx], axis=-1)), work)

    out = _interpolate(fetch, [src_y, src_x], (h, w), {"nearest": 0, "bilinear": 1}[interpolation], fill_mode,
                       fill_value)
    out = _restore(out, images.dtype)
    if data_format == "channels_first":
        out = tf.transpose(out, [0, 3, 1, 2])
    return out if images.shape.rank == 4 else out[0]


def _filter_axis(x, taps, axis):
    """Correlate one axis with `taps` (centred, zero padding), as a sum of shifted slices."""
    before = (len(taps) - 1) // 2
    axis = axis % x.shape.rank
    widths = [[0, 0]] * x.shape.rank
    widths[axis] = [before, len(taps) - 1 - before]
    padded = tf.pad(x, widths)
    n = tf.shape(x)[axis]
    out = 0
    for j, t in enumerate(taps):
        if t:
            out = out + t * tf.gather(padded, tf.range(j, j + n), axis=axis)
    return tf.cast(out, x.dtype)


def gaussian_blur(images, kernel_size, sigma, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.shape.rank, data_format)
    work = images if images.dtype in (tf.float32, tf.float64) else tf.cast(images, tf.float32)
    out = _filter_axis(work, gaussian_taps(kernel_size[1], sigma[1]), h_axis)
    return _restore(_filter_axis(out, gaussian_taps(kernel_size[0], sigma[0]), w_axis), images.dtype)


def sobel_edges(images, data_format):
    images = convert_to_tensor(images)
    images = tf.cast(images, dtypes.float_result_type(images.dtype.name))
    h_axis, w_axis = _spatial_axes(images.shape.rank, data_format)
    dy = _filter_axis(_filter_axis(images, SOBEL_DIFF, h_axis), SOBEL_SMOOTH, w_axis)
    dx = _filter_axis(_filter_axis(images, SOBEL_SMOOTH, h_axis), SOBEL_DIFF, w_axis)
    return tf.stack([dy, dx], axis=-1)


def perspective_transform(images, start_points, end_points, interpolation, fill_value, data_format):
    """The projective transform taking each end point to its start point, applied by affine_transform."""
    images = convert_to_tensor(images)
    work = tf.float64 if images.dtype == tf.float64 else tf.float32
    start = tf.cast(convert_to_tensor(start_points), work)
    end = tf.cast(convert_to_tensor(end_points), work)
    (sx, sy), (ex, ey) = tf.unstack(start, axis=-1), tf.unstack(end, axis=-1)
    one, zero = tf.ones_like(ex), tf.zeros_like(ex)
    rows = tf.concat([tf.stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], -1),
                      tf.stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], -1)], axis=-2)
    transform = tf.linalg.solve(rows, tf.concat([sx, sy], -1)[..., None])[..., 0]
    return affine_transform(images, transform, interpolation, "constant", fill_value, data_format)
