"""numpy: random ops, each drawn from np.random.default_rng seeded with the (2,) seed state."""
import numpy as np

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.numpy import core


def seed_dtype():
    return "uint32"


def needs_stateless_scope(x):
    return False


def _rng(seed):
    return np.random.default_rng(np.asarray(seed).astype(np.uint32).tolist())


def _wide(dtype):
    """The float dtype to sample in: NumPy samples float32 or float64 only."""
    return np.float64 if dtype == np.float64 else np.float32


def normal(shape, mean, stddev, dtype, seed):
    dtype = dtypes.to_numpy_dtype(dtype)
    x = _rng(seed).standard_normal(shape, dtype=_wide(dtype))
    return (x * stddev + mean).astype(dtype)


def uniform(shape, minval, maxval, dtype, seed):
    dtype = dtypes.to_numpy_dtype(dtype)
    x = _rng(seed).random(shape, dtype=_wide(dtype))
    return (x * (np.asarray(maxval) - minval) + minval).astype(dtype)


def randint(shape, minval, maxval, dtype, seed):
    return _rng(seed).integers(minval, maxval, size=shape, dtype=dtypes.to_numpy_dtype(dtype))


def truncated_normal(shape, mean, stddev, dtype, seed):
    """Draws normals and redraws those beyond 2 stddev until none is left."""
    dtype = dtypes.to_numpy_dtype(dtype)
    rng = _rng(seed)
    x = rng.standard_normal(shape, dtype=_wide(dtype))
    outside = np.abs(x) > 2.0
    while outside.any():
        x[outside] = rng.standard_normal(int(outside.sum()), dtype=_wide(dtype))
        outside = np.abs(x) > 2.0
    return (x * stddev + mean).astype(dtype)


def categorical(logits, num_samples, dtype, seed):
    """Gumbel-max: the argmax of logits plus Gumbel noise is a sample of softmax(logits)."""
    logits = np.asarray(logits, dtype=np.float64)
    noise = _rng(seed).gumbel(size=(logits.shape[0], num_samples, logits.shape[1]))
    return np.argmax(logits[:, None, :] + noise, axis=-1).astype(dtypes.to_numpy_dtype(dtype))


def dropout(inputs, rate, noise_shape, seed):
    inputs = core.convert_to_tensor(inputs)
    if inputs.dtype.kind != "f" and dtypes.standardize_dtype(inputs.dtype) != "bfloat16":
        inputs = inputs.astype(dtypes.to_numpy_dtype(config.floatx()))
    if noise_shape is None:
        noise_shape = inputs.shape
    else:
        noise_shape = tuple(d if n is None else n for n, d in zip(noise_shape, inputs.shape))
    keep = _rng(seed).random(noise_shape, dtype=np.float32) >= rate
    scale = 0.0 if rate >= 1.0 else 1.0 / (1.0 - rate)
    return np.where(keep, inputs * scale, np.zeros((), inputs.dtype)).astype(inputs.dtype, copy=False)


def shuffle(x, axis, seed):
    x = core.convert_to_tensor(x)
    return np.take(x, _rng(seed).permutation(x.shape[axis]), axis=axis)


def gamma(shape, alpha, dtype, seed):
    return _rng(seed).standard_gamma(alpha, size=shape).astype(dtypes.to_numpy_dtype(dtype))


def binomial(shape, counts, probabilities, dtype, seed):
    counts = np.asarray(counts).astype(np.int64)
    return _rng(seed).binomial(counts, probabilities, size=shape).astype(dtypes.to_numpy_dtype(dtype))


def beta(shape, alpha, beta, dtype, seed):
    return _rng(seed).beta(alpha, beta, size=shape).astype(dtypes.to_numpy_dtype(dtype))
