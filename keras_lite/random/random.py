"""Random ops: each draws a (2,) seed (`draw_seed`) and calls `engine.random.<op>` with it.

`seed` is None (the global SeedGenerator), an int (the same numbers on
every call, on a given backend) or a SeedGenerator (new numbers on every
call, replayable from its initial seed). Ops that take a tensor (dropout,
shuffle, categorical) also accept KerasTensors and record a graph node.
"""
import numbers

from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import keras_op
from keras_lite.random.seed_generator import SeedGenerator, _is_int, draw_seed

__all__ = ["beta", "binomial", "categorical", "dropout", "gamma", "normal", "randint", "shuffle",
           "truncated_normal", "uniform"]


def _check_seed(op, seed):
    if seed is not None and not isinstance(seed, SeedGenerator) and not _is_int(seed):
        raise ValueError(f"random.{op}: `seed` must be None, an integer or a SeedGenerator, "
                         f"got {type(seed).__name__}: {seed!r}.")


def _shape(op, shape):
    """A tuple of dims; Python ints are checked, engine scalars (dims known at run time) pass."""
    if isinstance(shape, numbers.Integral):
        shape = (shape,)
    try:
        dims = tuple(shape)
    except TypeError:
        raise ValueError(f"random.{op}: `shape` must be a tuple of integers, got {shape!r}.") from None
    out = []
    for d in dims:
        if d is None or isinstance(d, KerasTensor) or (isinstance(d, numbers.Number) and
                                                       (not isinstance(d, numbers.Integral) or d < 0)):
            raise ValueError(f"random.{op}: `shape` must be fully defined non-negative integers, got {shape!r}.")
        out.append(int(d) if isinstance(d, numbers.Integral) else d)
    return tuple(out)


def _dtype(op, dtype, kind):
    dtype = dtypes.standardize_dtype(dtype)
    ok = dtypes.is_float_dtype(dtype) if kind == "float" else dtypes.is_int_dtype(dtype)
    if not ok:
        raise ValueError(f"random.{op}: `dtype` must be a {kind} dtype, got {dtype!r}.")
    return dtype


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from a normal distribution N(mean, stddev**2)."""
    shape, dtype = _shape("normal", shape), _dtype("normal", dtype, "float")
    _check_seed("normal", seed)
    return engine.random.normal(shape, mean, stddev, dtype, draw_seed(seed))


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Samples uniformly from [minval, maxval)."""
    shape, dtype = _shape("uniform", shape), _dtype("uniform", dtype, "float")
    _check_seed("uniform", seed)
    return engine.random.uniform(shape, minval, maxval, dtype, draw_seed(seed))


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Samples integers uniformly from [minval, maxval)."""
    shape, dtype = _shape("randint", shape), _dtype("randint", dtype, "integer")
    _check_seed("randint", seed)
    if isinstance(minval, numbers.Number) and isinstance(maxval, numbers.Number) and maxval <= minval:
        raise ValueError(f"random.randint: `maxval` ({maxval}) must be greater than `minval` ({minval}).")
    return engine.random.randint(shape, minval, maxval, dtype, draw_seed(seed))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from N(mean, stddev**2) restricted to within 2 stddev of the mean."""
    shape, dtype = _shape("truncated_normal", shape), _dtype("truncated_normal", dtype, "float")
    _check_seed("truncated_normal", seed)
    return engine.random.truncated_normal(shape, mean, stddev, dtype, draw_seed(seed))


def gamma(shape, alpha, dtype=None, seed=None):
    """Samples from Gamma(alpha, 1)."""
    shape, dtype = _shape("gamma", shape), _dtype("gamma", dtype, "float")
    _check_seed("gamma", seed)
    return engine.random.gamma(shape, alpha, dtype, draw_seed(seed))


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    """Samples the number of successes in `counts` trials of probability `probabilities`."""
    shape = _shape("binomial", shape)
    dtype = dtypes.standardize_dtype(dtype)
    if not (dtypes.is_float_dtype(dtype) or dtypes.is_int_dtype(dtype)):
        raise ValueError(f"random.binomial: `dtype` must be a float or integer dtype, got {dtype!r}.")
    _check_seed("binomial", seed)
    return engine.random.binomial(shape, counts, probabilities, dtype, draw_seed(seed))


def beta(shape, alpha, beta, dtype=None, seed=None):
    """Samples from Beta(alpha, beta)."""
    shape, dtype = _shape("beta", shape), _dtype("beta", dtype, "float")
    _check_seed("beta", seed)
    return engine.random.beta(shape, alpha, beta, dtype, draw_seed(seed))


# -- ops on tensors: symbolic calls record graph nodes --------------------------------------

def _as_tensor(x):
    """Lists and scalars become engine tensors; tensors, arrays and KerasTensors pass."""
    return x if hasattr(x, "shape") else engine.convert_to_tensor(x)


@keras_op(spec=lambda x, axis=0, seed=None: KerasTensor(x.shape, x.dtype), name="shuffle")
def _shuffle(x, axis=0, seed=None):
    return engine.random.shuffle(x, axis, draw_seed(seed))


def shuffle(x, axis=0, seed=None):
    """A random permutation of `x` along `axis`."""
    _check_seed("shuffle", seed)
    x = _as_tensor(x)
    ndim = len(x.shape)
    if not isinstance(axis, numbers.Integral) or not -ndim <= axis < ndim:
        raise ValueError(f"random.shuffle: `axis` {axis!r} is out of range for an input of shape "
                         f"{tuple(x.shape)}.")
    if axis < 0:
        axis += ndim
    return _shuffle(x, int(axis), seed)


def _dropout_spec(inputs, rate, noise_shape=None, seed=None):
    return KerasTensor(inputs.shape, dtypes.float_result_type(inputs.dtype))


@keras_op(spec=_dropout_spec, name="dropout")
def _dropout(inputs, rate, noise_shape=None, seed=None):
    return engine.random.dropout(inputs, rate, noise_shape, draw_seed(seed))


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zeroes each entry with probability `rate` and scales the kept ones by 1 / (1 - rate).

    `noise_shape` (None dims take the input's) makes the mask shared along its size-1 dims.
    """
    _check_seed("dropout", seed)
    if isinstance(rate, numbers.Real):
        if not 0 <= rate <= 1:
            raise ValueError(f"random.dropout: `rate` must be in [0, 1], got {rate!r}.")
        rate = float(rate)
    elif isinstance(rate, KerasTensor):
        raise ValueError("random.dropout: `rate` must be a number or a tensor with a value, not a KerasTensor.")
    inputs = _as_tensor(inputs)
    if noise_shape is not None:
        noise_shape, shape = tuple(noise_shape), tuple(inputs.shape)
        if len(noise_shape) != len(shape) or any(isinstance(n, int) and isinstance(d, int) and n not in (1, d)
                                                 for n, d in zip(noise_shape, shape)):
            raise ValueError(f"random.dropout: `noise_shape` {noise_shape} does not broadcast to the "
                             f"input shape {shape}.")
    return _dropout(inputs, rate, noise_shape, seed)


def _categorical_spec(logits, num_samples, dtype="int32", seed=None):
    return KerasTensor((logits.shape[0], num_samples), dtype)


@keras_op(spec=_categorical_spec, name="categorical")
def _categorical(logits, num_samples, dtype="int32", seed=None):
    return engine.random.categorical(logits, num_samples, dtype, draw_seed(seed))


def categorical(logits, num_samples, dtype="int32", seed=None):
    """`num_samples` class indices per row of 2D `logits` (batch, classes), drawn from softmax(logits)."""
    _check_seed("categorical", seed)
    dtype = _dtype("categorical", dtype, "integer")
    logits = _as_tensor(logits)
    if len(logits.shape) != 2:
        raise ValueError(f"random.categorical: `logits` must be 2D (batch_size, num_classes), got shape "
                         f"{tuple(logits.shape)}.")
    if not isinstance(num_samples, numbers.Integral) or num_samples < 0:
        raise ValueError(f"random.categorical: `num_samples` must be a non-negative integer, got {num_samples!r}.")
    return _categorical(logits, int(num_samples), dtype, seed)
