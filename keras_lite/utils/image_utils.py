"""load_img, save_img, img_to_array, array_to_img: PIL images to and from NumPy arrays.

Pillow is needed only when these run; without it they raise an ImportError saying how to install it.
"""
import io
import os
import warnings

import numpy as np

from keras_lite.backends.common import config

_RESAMPLING = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


def pil_image():
    """The PIL.Image module, or an ImportError that says to install Pillow."""
    try:
        from PIL import Image
    except ImportError as error:
        raise ImportError("Image loading and saving need Pillow: pip install pillow") from error
    return Image


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """A PIL image from a (height, width, channels) array with 1, 3 or 4 channels.

    `scale` maps the array's range onto 0..255; otherwise values are cast to uint8 as they are
    (a one-channel array with values above 255 becomes a 32-bit 'I' image).
    """
    image_module = pil_image()
    data_format = config.standardize_data_format(data_format)
    x = np.array(x, dtype=dtype or config.floatx())
    if x.ndim != 3:
        raise ValueError(f"array_to_img: expected one image of rank 3; got an array of shape {x.shape}.")
    if data_format == "channels_first":
        x = x.transpose(1, 2, 0)
    if scale:
        x = x - np.min(x)
        top = np.max(x)
        if top != 0:
            x = x / top
        x = x * 255
    channels = x.shape[2]
    if channels in (3, 4):
        return image_module.fromarray(x.astype("uint8"), "RGB" if channels == 3 else "RGBA")
    if channels == 1:
        if np.max(x) > 255:
            return image_module.fromarray(x[:, :, 0].astype("int32"), "I")
        return image_module.fromarray(x[:, :, 0].astype("uint8"), "L")
    raise ValueError(f"array_to_img: images have 1, 3 or 4 channels; got shape {x.shape} ({data_format}).")


def img_to_array(img, data_format=None, dtype=None):
    """A (height, width, channels) array (channels first under 'channels_first') from a PIL image."""
    data_format = config.standardize_data_format(data_format)
    x = np.asarray(img, dtype=dtype or config.floatx())
    if x.ndim == 2:
        x = x[:, :, None]
    elif x.ndim != 3:
        raise ValueError(f"img_to_array: unsupported image shape {x.shape}; expected (height, width[, channels]).")
    return x.transpose(2, 0, 1) if data_format == "channels_first" else x


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Write an image array to `path`; the format comes from the extension unless `file_format` says."""
    data_format = config.standardize_data_format(data_format)
    if file_format is None and isinstance(path, (str, os.PathLike)):
        file_format = os.path.splitext(os.fspath(path))[1][1:].lower() or None
    if file_format and file_format.lower() == "jpg":
        file_format = "jpeg"
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and file_format == "jpeg":
        warnings.warn("save_img: JPEG has no alpha channel; the RGBA image is saved as RGB.", stacklevel=2)
        img = img.convert("RGB")
    img.save(path, format=file_format, **kwargs)


def load_img(path, color_mode="rgb", target_size=None, interpolation="nearest", keep_aspect_ratio=False):
    """A PIL image read from a path or a BytesIO, in `color_mode` ('grayscale', 'rgb', 'rgba').

    `target_size=(height, width)` resizes with `interpolation`; `keep_aspect_ratio` first crops the
    centre to the target's aspect ratio.
    """
    image_module = pil_image()
    if color_mode not in ("grayscale", "rgb", "rgba"):
        raise ValueError(f"load_img: `color_mode` must be 'grayscale', 'rgb' or 'rgba'; got {color_mode!r}.")
    if isinstance(path, io.BytesIO):
        img = image_module.open(path)
    elif isinstance(path, (str, bytes, os.PathLike)):
        with open(path, "rb") as f:
            img = image_module.open(io.BytesIO(f.read()))
    else:
        raise TypeError(f"load_img: `path` must be a path or an io.BytesIO; got {type(path).__name__}.")
    wanted = {"grayscale": ("L", "I;16", "I"), "rgb": ("RGB",), "rgba": ("RGBA",)}[color_mode]
    if img.mode not in wanted:
        img = img.convert(wanted[0])
    if target_size is None:
        return img
    size = (int(target_size[1]), int(target_size[0]))
    if img.size == size:
        return img
    if interpolation not in _RESAMPLING:
        raise ValueError(f"load_img: unknown interpolation {interpolation!r}; expected one of {_RESAMPLING}.")
    resample = getattr(image_module.Resampling, interpolation.upper())
    box = None
    if keep_aspect_ratio:
        width, height = img.size
        crop_w = min(width, height * size[0] // size[1])
        crop_h = min(height, width * size[1] // size[0])
        left, top = (width - crop_w) // 2, (height - crop_h) // 2
        box = (left, top, left + crop_w, top + crop_h)
    return img.resize(size, resample, box=box)
