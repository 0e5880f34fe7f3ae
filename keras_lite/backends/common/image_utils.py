"""Host-side image helpers shared by every backend: resize weight matrices, filter taps, colour weights.

Plain NumPy, computed once per shape; each backend applies them with its own engine.
"""
import numpy as np

GRAY_WEIGHTS = (0.2989, 0.5870, 0.1140)


def _triangle(x):
    return np.maximum(0.0, 1.0 - x)


def _keys_cubic(x):
    """The Keys cubic kernel with a = -0.5 (as JAX, TensorFlow and PIL use)."""
    return np.where(x < 1.0, ((1.5 * x - 2.5) * x) * x + 1.0,
                    np.where(x < 2.0, ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0, 0.0))


def _lanczos(radius):
    def kernel(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            y = radius * np.sin(np.pi * x) * np.sin(np.pi * x / radius) / (np.pi * np.pi * x * x)
        return np.where(x < 1e-3, 1.0, np.where(x > radius, 0.0, y))
    return kernel


RESIZE_KERNELS = {"bilinear": _triangle, "bicubic": _keys_cubic, "lanczos3": _lanczos(3), "lanczos5": _lanczos(5)}


def resize_weights(in_size, out_size, interpolation, antialias):
    """(out_size, in_size) float64 matrix W with out = W @ in along one axis.

    Sample i sits at input coordinate (i + 0.5) * in / out - 0.5 (half-pixel centres). The kernel
    is widened by the scale when antialiasing a downsample; each row is normalised to sum to one.
    """
    if interpolation == "nearest":
        weights = np.zeros((out_size, in_size))
        weights[np.arange(out_size), nearest_indices(in_size, out_size)] = 1.0
        return weights
    scale = in_size / out_size
    kernel_scale = max(scale, 1.0) if antialias else 1.0
    sample = (np.arange(out_size) + 0.5) * scale - 0.5
    weights = RESIZE_KERNELS[interpolation](np.abs(sample[:, None] - np.arange(in_size)[None, :]) / kernel_scale)
    total = np.sum(weights, axis=1, keepdims=True)
    return np.where(np.abs(total) > 1000 * np.finfo(np.float32).eps, weights / np.where(total != 0, total, 1), 0.0)


def nearest_indices(in_size, out_size):
    """Source index of each output pixel: the input pixel containing its centre."""
    return np.minimum(np.floor((np.arange(out_size) + 0.5) * in_size / out_size).astype(np.int64), in_size - 1)



def gaussian_taps(size, sigma):
    x = np.arange(size) - (size - 1) / 2
    taps = np.exp(-0.5 * (x / sigma) ** 2)
    return tuple(float(t) for t in taps / taps.sum())


SOBEL_DIFF, SOBEL_SMOOTH = (-1, 0, 1), (1, 2, 1)
