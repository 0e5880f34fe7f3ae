"""PyTorch: image ops (F.interpolate where it matches jax.image.resize, weight matrices elsewhere)."""
import torch
import torch.nn.functional as F

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.image_utils import GRAY_WEIGHTS, SOBEL_DIFF, SOBEL_SMOOTH, gaussian_taps, resize_weights
from keras_lite.backends.torch.core import _torch_dtype, convert_to_tensor


def _restore(out, dtype):
    """Back to the input dtype: integers are rounded and clipped to their range."""
    if dtype == torch.bool:
        return out > 0.5
    if not dtype.is_floating_point:
        info = torch.iinfo(dtype)
        out = torch.clamp(torch.round(out), info.min, info.max)
    return out.to(dtype)


def resize(images, size, interpolation, antialias, data_format):
    images = convert_to_tensor(images)
    x = images if images.ndim == 4 else images.unsqueeze(0)
    if data_format == "channels_last":
        x = x.permute(0, 3, 1, 2)
    x = x if x.dtype in (torch.float32, torch.float64) else x.to(torch.float32)
    size = tuple(size)
    if interpolation == "nearest":
        out = F.interpolate(x, size=size, mode="nearest-exact")
    elif interpolation == "bilinear" or (interpolation == "bicubic" and antialias):
        # torch's antialiased bicubic uses a = -0.5 with renormalised edge weights, as JAX does.
        out = F.interpolate(x, size=size, mode=interpolation, align_corners=False, antialias=bool(antialias))
    else:  # plain bicubic (torch uses a = -0.75) and Lanczos: separable resampling matrices
        h, w = x.shape[-2:]
        rows = torch.as_tensor(resize_weights(h, size[0], interpolation, antialias), dtype=x.dtype, device=x.device)
        cols = torch.as_tensor(resize_weights(w, size[1], interpolation, antialias), dtype=x.dtype, device=x.device)
        out = rows @ x @ cols.T
    if data_format == "channels_last":
        out = out.permute(0, 2, 3, 1)
    if images.ndim == 3:
        out = out.squeeze(0)
    return _restore(out, images.dtype)


def _spatial_axes(ndim, data_format):
    return (ndim - 3, ndim - 2) if data_format == "channels_last" else (ndim - 2, ndim - 1)


def crop_images(images, top, left, height, width, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    return images.narrow(h_axis, top, height).narrow(w_axis, left, width)


def pad_images(images, top, bottom, left, right, fill_value, data_format):
    images = convert_to_tensor(images)
    widths = (left, right, top, bottom) if data_format == "channels_first" else (0, 0, left, right, top, bottom)
    return F.pad(images, widths, value=fill_value)


def _channel_axis(ndim, data_format):
    return ndim - 1 if data_format == "channels_last" else ndim - 3


def rgb_to_grayscale(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.ndim, data_format)
    if images.shape[axis] == 1:
        return images.clone()
    work = images.to(_torch_dtype(dtypes.float_result_type(dtypes.standardize_dtype(images.dtype))))
    weights = torch.tensor(GRAY_WEIGHTS, dtype=work.dtype, device=work.device)
    return torch.tensordot(work, weights, dims=([axis], [0])).unsqueeze(axis).to(images.dtype)


def rgb_to_hsv(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.ndim, data_format)
    images = torch.where(torch.abs(images) < torch.finfo(images.dtype).eps, 0.0, images)
    r, g, b = images.unbind(axis)
    value = torch.maximum(torch.maximum(r, g), b)
    spread = value - torch.minimum(torch.minimum(r, g), b)
    saturation = torch.where(value > 0, spread / torch.where(value > 0, value, 1.0), 0.0)
    norm = 1.0 / (6.0 * torch.where(spread > 0, spread, 1.0))
    hue = torch.where(value == g, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0)
    hue = torch.where(value == r, norm * (g - b), hue)
    hue = torch.where(spread > 0, hue, 0.0) + (hue < 0).to(hue.dtype)
    return torch.stack([hue, saturation, value], dim=axis).to(images.dtype)


def hsv_to_rgb(images, data_format):
    images = convert_to_tensor(images)
    axis = _channel_axis(images.ndim, data_format)
    hue, saturation, value = images.unbind(axis)
    dh = torch.remainder(hue, 1.0) * 6.0
    dr = torch.clamp(torch.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = torch.clamp(2.0 - torch.abs(dh - 2.0), 0.0, 1.0)
    db = torch.clamp(2.0 - torch.abs(dh - 4.0), 0.0, 1.0)
    rest = 1.0 - saturation
    return torch.stack([value * (rest + saturation * d) for d in (dr, dg, db)], dim=axis).to(images.dtype)


def extract_patches(images, size, strides, dilation_rate, padding, data_format):
    """Strided views, one per patch offset, stacked as channels ordered (row, column, channel)."""
    images = convert_to_tensor(images)
    if data_format == "channels_first":
        images = images.movedim(-3, -1)
    (ph, pw), (sh, sw), (dh, dw) = size, strides, dilation_rate
    h, w = images.shape[-3:-1]
    span_h, span_w = (ph - 1) * dh + 1, (pw - 1) * dw + 1
    if padding == "same":
        out_h, out_w = -(-h // sh), -(-w // sw)
        pad_h = max((out_h - 1) * sh + span_h - h, 0)
        pad_w = max((out_w - 1) * sw + span_w - w, 0)
        images = F.pad(images, (0, 0, pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))
    else:
        out_h, out_w = (h - span_h) // sh + 1, (w - span_w) // sw + 1
    pieces = [images[..., i * dh:i * dh + (out_h - 1) * sh + 1:sh, j * dw:j * dw + (out_w - 1) * sw + 1:sw, :]
              for i in range(ph) for j in range(pw)]
    out = torch.stack(pieces, dim=-2)
    out = out.reshape(out.shape[:-2] + (-1,))
    if data_format == "channels_first":
        out = out.movedim(-1, -3)
    return out.contiguous()


def _fix_index(index, size, fill_mode):
    """Integer indices -> (indices inside [0, size), validity mask or None) under a fill mode."""
    if fill_mode == "constant":
        return index.clamp(0, size - 1), (index >= 0) & (index < size)
    if fill_mode == "nearest":
        return index.clamp(0, size - 1), None
    if fill_mode == "wrap":
        return torch.remainder(index, size), None
    if fill_mode == "mirror":  # d c b | a b c d | c b a
        period = max(2 * size - 2, 1)
        index = torch.remainder(index, period)
        return torch.where(index >= size, period - index, index), None
    period = 2 * size  # reflect: d c b a | a b c d | d c b a
    index = torch.remainder(index, period)
    return torch.where(index >= size, period - 1 - index, index), None


def _corners(coordinate, order):
    if order == 0:  # round half away from zero
        return [((torch.sign(coordinate) * torch.floor(torch.abs(coordinate) + 0.5)).long(), 1.0)]
    low = torch.floor(coordinate)
    frac = coordinate - low
    low = low.long()
    return [(low, 1.0 - frac), (low + 1, frac)]


def _expand_like(x, values):
    return x.reshape(x.shape + (1,) * (values.ndim - x.ndim)) if isinstance(x, torch.Tensor) else x


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
            values = torch.where(_expand_like(valid, values), values, fill_value)
        out = out + _expand_like(weight, values) * values
    return out


def map_coordinates(inputs, coordinates, order, fill_mode, fill_value):
    inputs = convert_to_tensor(inputs)
    work = torch.float64 if inputs.dtype == torch.float64 else torch.float32
    coords = [c.to(work) for c in convert_to_tensor(coordinates)]
    out = _interpolate(lambda idx: inputs[tuple(idx)].to(work), coords, inputs.shape, order, fill_mode, fill_value)
    return _restore(torch.as_tensor(out, dtype=work), inputs.dtype)


def affine_transform(images, transform, interpolation, fill_mode, fill_value, data_format):
    images = convert_to_tensor(images)
    x = images if images.ndim == 4 else images[None]
    if data_format == "channels_first":
        x = x.movedim(1, -1)
    work = torch.float64 if images.dtype == torch.float64 else torch.float32
    t = convert_to_tensor(transform).to(work)
    t = t if t.ndim == 2 else t[None]
    n, h, w = x.shape[:3]
    rows, cols = torch.meshgrid(torch.arange(h, dtype=work, device=x.device),
                                torch.arange(w, dtype=work, device=x.device), indexing="ij")
    a0, a1, a2, b0, b1, b2, c0, c1 = (t[:, i, None, None] for i in range(8))
    k = c0 * cols + c1 * rows + 1.0
    src_x, src_y = (a0 * cols + a1 * rows + a2) / k, (b0 * cols + b1 * rows + b2) / k
    batch = torch.arange(n, device=x.device)[:, None, None].expand(n, h, w)
    out = _interpolate(lambda idx: x[batch, idx[0], idx[1]].to(work), [src_y, src_x], (h, w),
                       {"nearest": 0, "bilinear": 1}[interpolation], fill_mode, fill_value)
    out = _restore(out, images.dtype)
    if data_format == "channels_first":
        out = out.movedim(-1, 1)
    return out if images.ndim == 4 else out[0]


def _filter_axis(x, taps, axis):
    """Correlate one axis with `taps` (centred, zero padding), as a sum of shifted slices."""
    before = (len(taps) - 1) // 2
    axis = axis % x.ndim
    widths = [0, 0] * (x.ndim - 1 - axis) + [before, len(taps) - 1 - before]
    padded = F.pad(x, widths)
    n = x.shape[axis]
    out = 0
    for j, t in enumerate(taps):
        if t:
            out = out + t * padded.narrow(axis, j, n)
    return out.to(x.dtype)


def gaussian_blur(images, kernel_size, sigma, data_format):
    images = convert_to_tensor(images)
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    work = images if images.dtype in (torch.float32, torch.float64) else images.to(torch.float32)
    out = _filter_axis(work, gaussian_taps(kernel_size[1], sigma[1]), h_axis)
    return _restore(_filter_axis(out, gaussian_taps(kernel_size[0], sigma[0]), w_axis), images.dtype)


def sobel_edges(images, data_format):
    images = convert_to_tensor(images)
    images = images.to(_torch_dtype(dtypes.float_result_type(dtypes.standardize_dtype(images.dtype))))
    h_axis, w_axis = _spatial_axes(images.ndim, data_format)
    dy = _filter_axis(_filter_axis(images, SOBEL_DIFF, h_axis), SOBEL_SMOOTH, w_axis)
    dx = _filter_axis(_filter_axis(images, SOBEL_SMOOTH, h_axis), SOBEL_DIFF, w_axis)
    return torch.stack([dy, dx], dim=-1)


def perspective_transform(images, start_points, end_points, interpolation, fill_value, data_format):
    """The projective transform taking each end point to its start point, applied by affine_transform."""
    images = convert_to_tensor(images)
    work = torch.float64 if images.dtype == torch.float64 else torch.float32
    start = convert_to_tensor(start_points).to(work)
    end = convert_to_tensor(end_points).to(work)
    (sx, sy), (ex, ey) = start.unbind(-1), end.unbind(-1)
    one, zero = torch.ones_like(ex), torch.zeros_like(ex)
    rows = torch.cat([torch.stack([ex, ey, one, zero, zero, zero, -sx * ex, -sx * ey], -1),
                      torch.stack([zero, zero, zero, ex, ey, one, -sy * ex, -sy * ey], -1)], dim=-2)
    transform = torch.linalg.solve(rows, torch.cat([sx, sy], -1))
    return affine_transform(images, transform, interpolation, "constant", fill_value, data_format)
