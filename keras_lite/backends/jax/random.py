"""jax: random ops on jax.random.

`seed` is the (2,) uint32 state drawn from a SeedGenerator or an int seed
(see keras_lite/random/seed_generator.py); it becomes a threefry key here,
so a traced seed (inside jax.jit, through a StatelessScope) works alike.
Each op is one jitted function (shape and dtype static): one dispatch per
eager call, one compilation per shape.
"""
import functools

import jax
import jax.numpy as jnp

from keras_lite.backends.common import config
from keras_lite.backends.jax import core
from keras_lite.backends.jax.core import _jax_dtype


def seed_dtype():
    return "uint32"


def needs_stateless_scope(x):
    """True for a value traced by JAX: variables cannot be assigned it outside a StatelessScope."""
    return isinstance(x, jax.core.Tracer)


def _static(*names):
    return functools.partial(jax.jit, static_argnames=names)


def _key(seed):
    return jax.random.wrap_key_data(jnp.asarray(seed, jnp.uint32))


def _wide(dtype):
    """The float dtype to sample in: 16-bit floats sample in float32 and are cast after."""
    return jnp.float64 if dtype == jnp.float64 else jnp.float32


def _full(value, shape, dtype):
    """A parameter broadcast to the output shape before the jitted sampler: scalar and array
    parameters, and every output dtype, then share one (slow) compilation per shape."""
    return jnp.broadcast_to(jnp.asarray(value, dtype), shape)


def normal(shape, mean, stddev, dtype, seed):
    return _normal(shape, mean, stddev, _jax_dtype(dtype), seed)


@_static("shape", "dtype")
def _normal(shape, mean, stddev, dtype, seed):
    return jax.random.normal(_key(seed), shape, dtype) * jnp.asarray(stddev, dtype) + jnp.asarray(mean, dtype)


def uniform(shape, minval, maxval, dtype, seed):
    return _uniform(shape, minval, maxval, _jax_dtype(dtype), seed)


@_static("shape", "dtype")
def _uniform(shape, minval, maxval, dtype, seed):
    return jax.random.uniform(_key(seed), shape, dtype, jnp.asarray(minval, dtype), jnp.asarray(maxval, dtype))


def randint(shape, minval, maxval, dtype, seed):
    return _randint(shape, minval, maxval, _jax_dtype(dtype), seed)


@_static("shape", "dtype")
def _randint(shape, minval, maxval, dtype, seed):
    return jax.random.randint(_key(seed), shape, minval, maxval, dtype)


def truncated_normal(shape, mean, stddev, dtype, seed):
    return _truncated_normal(shape, mean, stddev, _jax_dtype(dtype), seed)


@_static("shape", "dtype")
def _truncated_normal(shape, mean, stddev, dtype, seed):
    x = jax.random.truncated_normal(_key(seed), -2.0, 2.0, shape, dtype)
    return x * jnp.asarray(stddev, dtype) + jnp.asarray(mean, dtype)


def categorical(logits, num_samples, dtype, seed):
    logits = core.convert_to_tensor(logits)
    if not jnp.issubdtype(logits.dtype, jnp.floating):
        logits = logits.astype(_jax_dtype(config.floatx()))
    return _categorical(logits, num_samples, _jax_dtype(dtype), seed)


@_static("num_samples", "dtype")
def _categorical(logits, num_samples, dtype, seed):
    out = jax.random.categorical(_key(seed), logits, axis=-1, shape=(num_samples, logits.shape[0]))
    return out.T.astype(dtype)


def dropout(inputs, rate, noise_shape, seed):
    inputs = core.convert_to_tensor(inputs)
    if not jnp.issubdtype(inputs.dtype, jnp.floating):
        inputs = inputs.astype(_jax_dtype(config.floatx()))
    noise_shape = inputs.shape if noise_shape is None else tuple(
        d if n is None else n for n, d in zip(noise_shape, inputs.shape))
    return _dropout(inputs, rate, noise_shape, seed)


@_static("noise_shape")
def _dropout(inputs, rate, noise_shape, seed):
    keep = jax.random.uniform(_key(seed), noise_shape) >= rate
    scale = jnp.where(rate < 1, 1.0 / (1.0 - rate), 0.0).astype(inputs.dtype)  # nothing kept at rate 1
    return jnp.where(keep, inputs * scale, jnp.zeros((), inputs.dtype))


def shuffle(x, axis, seed):
    return _shuffle(core.convert_to_tensor(x), axis, seed)


@_static("axis")
def _shuffle(x, axis, seed):
    return jax.random.permutation(_key(seed), x, axis=axis, independent=False)


def _cast(x, dtype):
    return x if x.dtype == dtype else x.astype(dtype)


def gamma(shape, alpha, dtype, seed):
    dtype = _jax_dtype(dtype)
    return _cast(_gamma(_full(alpha, shape, _wide(dtype)), seed), dtype)


@jax.jit
def _gamma(alpha, seed):
    return jax.random.gamma(_key(seed), alpha, alpha.shape, alpha.dtype)


def binomial(shape, counts, probabilities, dtype, seed):
    dtype = _jax_dtype(dtype)
    wide = _wide(dtype)
    return _cast(_binomial(_full(counts, shape, wide), _full(probabilities, shape, wide), seed), dtype)


@jax.jit
def _binomial(counts, probabilities, seed):
    return jax.random.binomial(_key(seed), counts, probabilities, counts.shape, counts.dtype)


def beta(shape, alpha, beta, dtype, seed):
    dtype = _jax_dtype(dtype)
    wide = _wide(dtype)
    return _cast(_beta(_full(alpha, shape, wide), _full(beta, shape, wide), seed), dtype)


@jax.jit
def _beta(alpha, beta, seed):
    return jax.random.beta(_key(seed), alpha, beta, alpha.shape, alpha.dtype)
