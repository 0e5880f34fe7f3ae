"""Host-side initial values for the hand-written engine models (Glorot-uniform kernels, zero biases).

The raw loops start from values of the same scale as the Keras layers' defaults, so all three
frameworks do the same arithmetic on numbers of the same size.
"""
import numpy as np


def glorot(rng, shape, fan_in=None, fan_out=None):
    """Glorot-uniform values; fans default to a dense kernel's (rows, columns)."""
    fan_in = shape[0] if fan_in is None else fan_in
    fan_out = shape[-1] if fan_out is None else fan_out
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, shape).astype(np.float32)


def conv_kernel(rng, size, channels_in, channels_out):
    """An HWIO convolution kernel with the fans Keras uses (receptive field times channels)."""
    field = size * size
    return glorot(rng, (size, size, channels_in, channels_out), field * channels_in, field * channels_out)


def zeros(*shape):
    return np.zeros(shape, np.float32)


def ones(*shape):
    return np.ones(shape, np.float32)
