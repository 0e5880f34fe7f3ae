"""tensorflow: random ops on tf.random.stateless_*, seeded by the (2,) int64 seed state.

Stateless ops take the seed as a tensor, so a SeedGenerator whose state is
a tf.Variable works inside tf.function as well as eagerly.
"""
import tensorflow as tf

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.tensorflow import core


def seed_dtype():
    return "int64"


def needs_stateless_scope(x):
    return False


def _dtype(dtype):
    return tf.as_dtype(dtypes.standardize_dtype(dtype))


def _wide(dtype):
    """The float dtype to sample in where TF lacks 16-bit kernels; cast after."""
    return tf.float64 if dtype == tf.float64 else tf.float32


def _seed(seed):
    return tf.cast(seed, tf.int64)


def normal(shape, mean, stddev, dtype, seed):
    dtype = _dtype(dtype)
    x = tf.random.stateless_normal(shape, _seed(seed), dtype=dtype)
    return x * tf.cast(stddev, dtype) + tf.cast(mean, dtype)


def uniform(shape, minval, maxval, dtype, seed):
    dtype = _dtype(dtype)
    minval, maxval = tf.cast(minval, dtype), tf.cast(maxval, dtype)
    return tf.random.stateless_uniform(shape, _seed(seed), dtype=dtype) * (maxval - minval) + minval


def randint(shape, minval, maxval, dtype, seed):
    dtype = _dtype(dtype)
    wide = dtype if dtype in (tf.int32, tf.int64) else tf.int64
    x = tf.random.stateless_uniform(shape, _seed(seed), minval=tf.cast(minval, wide), maxval=tf.cast(maxval, wide),
                                    dtype=wide)
    return tf.cast(x, dtype)


def truncated_normal(shape, mean, stddev, dtype, seed):
    dtype = _dtype(dtype)
    x = tf.random.stateless_truncated_normal(shape, _seed(seed), dtype=dtype)
    return x * tf.cast(stddev, dtype) + tf.cast(mean, dtype)


def categorical(logits, num_samples, dtype, seed):
    logits = core.convert_to_tensor(logits)
    if not logits.dtype.is_floating:
        logits = tf.cast(logits, _dtype(config.floatx()))
    out = tf.random.stateless_categorical(logits, num_samples, _seed(seed), dtype=tf.int64)
    return tf.cast(out, _dtype(dtype))


def dropout(inputs, rate, noise_shape, seed):
    inputs = core.convert_to_tensor(inputs)
    if not inputs.dtype.is_floating:
        inputs = tf.cast(inputs, _dtype(config.floatx()))
    if noise_shape is None:
        noise_shape = tf.shape(inputs)
    else:
        dims = core.shape(inputs)
        noise_shape = [d if n is None else n for n, d in zip(noise_shape, dims)]
    keep = tf.random.stateless_uniform(noise_shape, _seed(seed)) >= rate
    if isinstance(rate, float):
        scale = 0.0 if rate >= 1.0 else 1.0 / (1.0 - rate)
    else:
        rate = tf.cast(rate, tf.float32)
        scale = tf.cast(tf.where(rate < 1, 1.0 / (1.0 - rate), 0.0), inputs.dtype)
    return tf.where(keep, inputs * scale, tf.zeros((), inputs.dtype))


def shuffle(x, axis, seed):
    x = core.convert_to_tensor(x)
    n = tf.shape(x)[axis]
    perm = tf.argsort(tf.random.stateless_uniform(tf.reshape(n, [1]), _seed(seed)))
    return tf.gather(x, perm, axis=axis)


def _full(value, shape, dtype):
    """A parameter broadcast to the output shape (TF's samplers want it to end the shape)."""
    return tf.broadcast_to(tf.cast(value, dtype), shape)


def gamma(shape, alpha, dtype, seed):
    dtype = _dtype(dtype)
    wide = _wide(dtype)
    return tf.cast(tf.random.stateless_gamma(shape, _seed(seed), alpha=_full(alpha, shape, wide), dtype=wide), dtype)


def binomial(shape, counts, probabilities, dtype, seed):
    dtype = _dtype(dtype)
    wide = _wide(dtype)
    out = tf.random.stateless_binomial(shape, _seed(seed), counts=_full(counts, shape, wide),
                                       probs=_full(probabilities, shape, wide), output_dtype=wide)
    return tf.cast(out, dtype)


def beta(shape, alpha, beta, dtype, seed):
    """X / (X + Y) for X ~ Gamma(alpha), Y ~ Gamma(beta), drawn from two seeds split from `seed`."""
    dtype = _dtype(dtype)
    wide = _wide(dtype)
    seeds = tf.random.experimental.stateless_split(_seed(seed), 2)
    x = tf.random.stateless_gamma(shape, seeds[0], alpha=_full(alpha, shape, wide), dtype=wide)
    y = tf.random.stateless_gamma(shape, seeds[1], alpha=_full(beta, shape, wide), dtype=wide)
    return tf.cast(x / (x + y), dtype)
