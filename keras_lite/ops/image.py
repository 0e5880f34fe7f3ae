"""Image ops on single images (rank 3) or batches (rank 4), channels_last or channels_first."""
import numbers

from keras_lite.backends import engine
from keras_lite.backends.common import config, dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import shape_of

__all__ = ["affine_transform", "crop_images", "extract_patches", "gaussian_blur", "hsv_to_rgb", "map_coordinates",
           "pad_images", "perspective_transform", "resize", "rgb_to_grayscale", "rgb_to_hsv", "sobel_edges"]
INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5")


def _layout(images, data_format, op_name):
    """(shape, data_format, height axis, width axis, channel axis) of an image or image batch."""
    shape = shape_of(images)
    if len(shape) not in (3, 4):
        raise ValueError(f"ops.image.{op_name}: expected an image (rank 3) or a batch of images (rank 4); "
                         f"got shape {shape}.")
    data_format = config.standardize_data_format(data_format)
    n = len(shape)
    if data_format == "channels_last":
        return shape, data_format, n - 3, n - 2, n - 1
    return shape, data_format, n - 2, n - 1, n - 3


def _with_dims(shape, updates):
    shape = list(shape)
    for axis, value in updates.items():
        shape[axis] = value
    return tuple(shape)


def _check_resize(size, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio, fill_mode):
    if interpolation not in INTERPOLATIONS:
        raise ValueError(f"ops.image.resize: interpolation must be one of {INTERPOLATIONS}; got {interpolation!r}.")
    if fill_mode != "constant":
        raise ValueError(f"ops.image.resize: only fill_mode='constant' is supported; got {fill_mode!r}.")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError("ops.image.resize: crop_to_aspect_ratio and pad_to_aspect_ratio cannot both be True.")
    if len(size) != 2 or any(not _is_int(s) or s <= 0 for s in size):
        raise ValueError(f"ops.image.resize: size must be two positive ints (height, width); got {size!r}.")
    return tuple(int(s) for s in size)


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _resize_spec(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    size = _check_resize(size, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio, fill_mode)
    shape, _, h, w, _ = _layout(images, data_format, "resize")
    return KerasTensor(_with_dims(shape, {h: size[0], w: size[1]}), dtype_of(images))


@keras_op(spec=_resize_spec)
def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    """Resample to `size` = (height, width) with half-pixel centres, as jax.image.resize.

    `antialias` widens the kernel when downsampling. `crop_to_aspect_ratio` first takes the
    largest centred crop of the target aspect ratio; `pad_to_aspect_ratio` pads with
    `fill_value` instead. Integer images are rounded and clipped back to their dtype.
    """
    size = _check_resize(size, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio, fill_mode)
    images = engine.core.convert_to_tensor(images)
    shape, data_format, h_axis, w_axis, _ = _layout(images, data_format, "resize")
    if crop_to_aspect_ratio or pad_to_aspect_ratio:
        height, width = shape[h_axis], shape[w_axis]
        target_h, target_w = size
        if crop_to_aspect_ratio:
            crop_h = max(min(height, int(width * target_h / target_w)), 1)
            crop_w = max(min(width, int(height * target_w / target_h)), 1)
            images = engine.image.crop_images(images, (height - crop_h) // 2, (width - crop_w) // 2, crop_h, crop_w,
                                              data_format)
        else:
            pad_h = (max(height, int(width * target_h / target_w)) - height) // 2
            pad_w = (max(width, int(height * target_w / target_h)) - width) // 2
            if pad_h or pad_w:
                images = engine.image.pad_images(images, pad_h, pad_h, pad_w, pad_w, fill_value, data_format)
    return engine.image.resize(images, size, interpolation, antialias, data_format)


def _resolve(before, after, target, total, names, op_name, crop):
    """Two of (before, after, target) given -> the missing one; total may be None (unknown)."""
    given = [before, after, target]
    if given.count(None) != 1:
        raise ValueError(f"ops.image.{op_name}: give exactly two of {', '.join(names)}; got "
                         + ", ".join(f"{n}={v}" for n, v in zip(names, given)) + ".")
    for name, value in zip(names, given):
        if value is not None and (not _is_int(value) or value < 0):
            raise ValueError(f"ops.image.{op_name}: {name} must be a non-negative int; got {value!r}.")
    if total is None:
        return before, after, target
    if crop:  # total = before + target + after
        if before is None:
            before = total - target - after
        elif after is None:
            after = total - target - before
        else:
            target = total - before - after
    else:  # target = before + total + after
        if before is None:
            before = target - total - after
        elif after is None:
            after = target - total - before
        else:
            target = total + before + after
    if min(before, after, target) < 0:
        raise ValueError(f"ops.image.{op_name}: {names[0]}={before}, {names[1]}={after} and {names[2]}={target} "
                         f"do not fit an image dimension of {total}.")
    return before, after, target


def _crop_plan(images, top_cropping, left_cropping, bottom_cropping, right_cropping, target_height, target_width,
               data_format):
    shape, data_format, h, w, _ = _layout(images, data_format, "crop_images")
    top, _, height = _resolve(top_cropping, bottom_cropping, target_height, shape[h],
                              ("top_cropping", "bottom_cropping", "target_height"), "crop_images", True)
    left, _, width = _resolve(left_cropping, right_cropping, target_width, shape[w],
                              ("left_cropping", "right_cropping", "target_width"), "crop_images", True)
    return shape, data_format, h, w, top, left, height, width


def _crop_spec(images, top_cropping=None, left_cropping=None, bottom_cropping=None, right_cropping=None,
               target_height=None, target_width=None, data_format=None):
    shape, _, h, w, _, _, height, width = _crop_plan(images, top_cropping, left_cropping, bottom_cropping,
                                                     right_cropping, target_height, target_width, data_format)
    return KerasTensor(_with_dims(shape, {h: height, w: width}), dtype_of(images))


@keras_op(spec=_crop_spec)
def crop_images(images, top_cropping=None, left_cropping=None, bottom_cropping=None, right_cropping=None,
                target_height=None, target_width=None, data_format=None):
    """Crop each image; per axis give two of (leading crop, trailing crop, target size)."""
    images = engine.core.convert_to_tensor(images)
    _, data_format, _, _, top, left, height, width = _crop_plan(
        images, top_cropping, left_cropping, bottom_cropping, right_cropping, target_height, target_width, data_format)
    return engine.image.crop_images(images, top, left, height, width, data_format)


def _pad_plan(images, top_padding, left_padding, bottom_padding, right_padding, target_height, target_width,
              data_format):
    shape, data_format, h, w, _ = _layout(images, data_format, "pad_images")
    top, bottom, height = _resolve(top_padding, bottom_padding, target_height, shape[h],
                                   ("top_padding", "bottom_padding", "target_height"), "pad_images", False)
    left, right, width = _resolve(left_padding, right_padding, target_width, shape[w],
                                  ("left_padding", "right_padding", "target_width"), "pad_images", False)
    return shape, data_format, h, w, (top, bottom, left, right), height, width


def _pad_spec(images, top_padding=None, left_padding=None, bottom_padding=None, right_padding=None,
              target_height=None, target_width=None, data_format=None):
    shape, _, h, w, _, height, width = _pad_plan(images, top_padding, left_padding, bottom_padding, right_padding,
                                                 target_height, target_width, data_format)
    return KerasTensor(_with_dims(shape, {h: height, w: width}), dtype_of(images))


@keras_op(spec=_pad_spec)
def pad_images(images, top_padding=None, left_padding=None, bottom_padding=None, right_padding=None,
               target_height=None, target_width=None, data_format=None):
    """Zero-pad each image; per axis give two of (leading pad, trailing pad, target size)."""
    images = engine.core.convert_to_tensor(images)
    _, data_format, _, _, pads, _, _ = _pad_plan(images, top_padding, left_padding, bottom_padding, right_padding,
                                                 target_height, target_width, data_format)
    return engine.image.pad_images(images, *pads, 0, data_format)


def _colour_layout(images, data_format, op_name, channels, need_float):
    shape, data_format, _, _, c = _layout(images, data_format, op_name)
    if shape[c] is not None and shape[c] not in channels:
        raise ValueError(f"ops.image.{op_name}: expected {' or '.join(map(str, channels))} channels on axis {c}; "
                         f"got shape {shape}.")
    if need_float and not dtypes.is_float_dtype(dtype_of(images)):
        raise ValueError(f"ops.image.{op_name}: expected float images; got dtype {dtype_of(images)}.")
    return shape, data_format, c


def _gray_spec(images, data_format=None):
    shape, _, c = _colour_layout(images, data_format, "rgb_to_grayscale", (1, 3), False)
    return KerasTensor(_with_dims(shape, {c: 1}), dtype_of(images))


@keras_op(spec=_gray_spec)
def rgb_to_grayscale(images, data_format=None):
    """Luma 0.2989 R + 0.5870 G + 0.1140 B, one channel; integer images are truncated back."""
    _, data_format, _ = _colour_layout(images, data_format, "rgb_to_grayscale", (1, 3), False)
    return engine.image.rgb_to_grayscale(images, data_format)


def _hsv_spec(op_name):
    def spec(images, data_format=None):
        shape, _, _ = _colour_layout(images, data_format, op_name, (3,), True)
        return KerasTensor(shape, dtype_of(images))
    return spec


@keras_op(spec=_hsv_spec("rgb_to_hsv"))
def rgb_to_hsv(images, data_format=None):
    """RGB in [0, 1] -> HSV with hue, saturation and value in [0, 1]."""
    _, data_format, _ = _colour_layout(images, data_format, "rgb_to_hsv", (3,), True)
    return engine.image.rgb_to_hsv(images, data_format)


@keras_op(spec=_hsv_spec("hsv_to_rgb"))
def hsv_to_rgb(images, data_format=None):
    _, data_format, _ = _colour_layout(images, data_format, "hsv_to_rgb", (3,), True)
    return engine.image.hsv_to_rgb(images, data_format)


def _pair(value, name, op_name="extract_patches"):
    pair = (value, value) if _is_int(value) else tuple(value)
    if len(pair) != 2 or any(not _is_int(v) or v <= 0 for v in pair):
        raise ValueError(f"ops.image.{op_name}: {name} must be a positive int or two of them; got {value!r}.")
    return tuple(int(v) for v in pair)


def _patch_plan(images, size, strides, dilation_rate, padding, data_format):
    if not isinstance(size, int) and len(size) == 3:
        raise NotImplementedError("ops.image.extract_patches: 3-D patches (extract_patches_3d) are not implemented.")
    size = _pair(size, "size")
    strides = size if strides is None else _pair(strides, "strides")
    dilation_rate = _pair(dilation_rate, "dilation_rate")
    padding = str(padding).lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"ops.image.extract_patches: padding must be 'valid' or 'same'; got {padding!r}.")
    shape, data_format, h, w, c = _layout(images, data_format, "extract_patches")
    out = {}
    for axis, k, s, d in ((h, size[0], strides[0], dilation_rate[0]), (w, size[1], strides[1], dilation_rate[1])):
        n = shape[axis]
        if n is None:
            out[axis] = None
        elif padding == "same":
            out[axis] = -(-n // s)
        else:
            out[axis] = max((n - (k - 1) * d - 1) // s + 1, 0)
    out[c] = None if shape[c] is None else shape[c] * size[0] * size[1]
    return _with_dims(shape, out), (size, strides, dilation_rate, padding, data_format)


@keras_op(spec=lambda images, size, strides=None, dilation_rate=1, padding="valid", data_format=None: KerasTensor(
    _patch_plan(images, size, strides, dilation_rate, padding, data_format)[0], dtype_of(images)))
def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid", data_format=None):
    """Patches of size (ph, pw) as channels: (..., out_h, out_w, ph * pw * C), ordered (row, column, channel)."""
    _, args = _patch_plan(images, size, strides, dilation_rate, padding, data_format)
    return engine.image.extract_patches(images, *args)


FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def _check_sampling(op_name, fill_mode, order=None, interpolation=None):
    if fill_mode not in FILL_MODES:
        raise ValueError(f"ops.image.{op_name}: fill_mode must be one of {FILL_MODES}; got {fill_mode!r}.")
    if order is not None and order not in (0, 1):
        raise ValueError(f"ops.image.{op_name}: order must be 0 (nearest) or 1 (linear); got {order!r}.")
    if interpolation is not None and interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"ops.image.{op_name}: interpolation must be 'nearest' or 'bilinear'; "
                         f"got {interpolation!r}.")


def _map_coordinates_spec(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    _check_sampling("map_coordinates", fill_mode, order=order)
    shape, coords = shape_of(inputs), shape_of(coordinates)
    if len(coords) < 2 or coords[0] is not None and coords[0] != len(shape):
        raise ValueError(f"ops.image.map_coordinates: coordinates must have shape (inputs.ndim, ...) = "
                         f"({len(shape)}, ...); got {coords}.")
    return KerasTensor(coords[1:], dtype_of(inputs))


@keras_op(spec=_map_coordinates_spec)
def map_coordinates(inputs, coordinates, order, fill_mode="constant", fill_value=0):
    """Sample `inputs` at `coordinates[:, ...]` (one row per input axis) by nearest (order 0) or linear (1)
    interpolation; `fill_mode` extends the input beyond its edges."""
    _map_coordinates_spec(inputs, coordinates, order, fill_mode, fill_value)
    return engine.image.map_coordinates(inputs, coordinates, order, fill_mode, fill_value)


def _affine_spec(images, transform, interpolation="bilinear", fill_mode="constant", fill_value=0,
                 data_format=None):
    _check_sampling("affine_transform", fill_mode, interpolation=interpolation)
    shape, data_format, _, _, _ = _layout(images, data_format, "affine_transform")
    t = shape_of(transform)
    if len(t) not in (1, 2) or t[-1] is not None and t[-1] != 8:
        raise ValueError(f"ops.image.affine_transform: transform must have shape (8,) or (batch, 8); got {t}.")
    return KerasTensor(shape, dtype_of(images))


@keras_op(spec=_affine_spec)
def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant", fill_value=0,
                     data_format=None):
    """Warp images by projective transforms [a0, a1, a2, b0, b1, b2, c0, c1] mapping each output pixel
    (x, y) to the input point ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k), k = c0 x + c1 y + 1."""
    _affine_spec(images, transform, interpolation, fill_mode, fill_value, data_format)
    data_format = config.standardize_data_format(data_format)
    return engine.image.affine_transform(images, transform, interpolation, fill_mode, fill_value, data_format)


def _blur_args(kernel_size, sigma):
    """Static (width, height) kernel sizes and sigmas; a scalar applies to both axes."""
    sizes = _pair(kernel_size, "kernel_size", "gaussian_blur")
    try:
        sigmas = (float(sigma),) * 2 if isinstance(sigma, numbers.Real) else tuple(float(s) for s in sigma)
    except TypeError:
        raise ValueError(f"ops.image.gaussian_blur: sigma must be numbers known at call time; got {sigma!r}.") from None
    if len(sigmas) != 2 or min(sigmas) <= 0:
        raise ValueError(f"ops.image.gaussian_blur: sigma must be one or two positive numbers; got {sigma!r}.")
    return sizes, sigmas


def _blur_spec(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    _blur_args(kernel_size, sigma)
    shape, _, _, _, _ = _layout(images, data_format, "gaussian_blur")
    return KerasTensor(shape, dtype_of(images))


@keras_op(spec=_blur_spec)
def gaussian_blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    """Blur with a normalised Gaussian kernel (zero padding). kernel_size and sigma are (width, height)
    pairs, as in Keras; they must be Python numbers (or concrete tensors)."""
    sizes, sigmas = _blur_args(kernel_size, sigma)
    _, data_format, _, _, _ = _layout(images, data_format, "gaussian_blur")
    return engine.image.gaussian_blur(images, sizes, sigmas, data_format)


def _sobel_spec(images, data_format=None):
    shape, _, _, _, _ = _layout(images, data_format, "sobel_edges")
    return KerasTensor(shape + (2,), dtypes.float_result_type(dtype_of(images)))


@keras_op(spec=_sobel_spec)
def sobel_edges(images, data_format=None):
    """3x3 Sobel gradients with zero padding: (..., 2) holding [d/dy, d/dx]; integer images give floats."""
    _, data_format, _, _, _ = _layout(images, data_format, "sobel_edges")
    return engine.image.sobel_edges(images, data_format)


def _perspective_spec(images, start_points, end_points, interpolation="bilinear", fill_value=0, data_format=None):
    _check_sampling("perspective_transform", "constant", interpolation=interpolation)
    shape, _, _, _, _ = _layout(images, data_format, "perspective_transform")
    start, end = shape_of(start_points), shape_of(end_points)
    if len(start) not in (2, 3) or tuple(start[-2:]) != (4, 2) or tuple(start) != tuple(end):
        raise ValueError(f"ops.image.perspective_transform: start_points and end_points must both have shape (4, 2) "
                         f"or (batch, 4, 2); got {start} and {end}.")
    return KerasTensor(shape, dtype_of(images))


@keras_op(spec=_perspective_spec)
def perspective_transform(images, start_points, end_points, interpolation="bilinear", fill_value=0,
                          data_format=None):
    """Warp images so that each of the four `start_points` (x, y) moves to its `end_point`."""
    _perspective_spec(images, start_points, end_points, interpolation, fill_value, data_format)
    data_format = config.standardize_data_format(data_format)
    return engine.image.perspective_transform(images, start_points, end_points, interpolation, fill_value,
                                              data_format)
