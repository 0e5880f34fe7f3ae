"""torch: random ops, each drawn from a fresh torch.Generator seeded from the (2,) seed state.

The global torch RNG is never touched, so keras_lite randomness neither
disturbs nor depends on the user's `torch.manual_seed` calls.
"""
import math

import torch

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.torch import core

_M64 = (1 << 64) - 1
# Standard normal CDF at -2 and 2: truncated_normal samples uniformly between them.
_CDF_LO, _CDF_HI = 0.022750131948179195, 0.9772498680518208


def seed_dtype():
    return "int64"


def needs_stateless_scope(x):
    return False


def _mix(a, b):
    """One 64-bit seed from two 32-bit words (splitmix64), every output bit depending on both:
    the CPU generator keeps only the low 32 bits of its seed."""
    z = (((a & 0xFFFFFFFF) << 32) | (b & 0xFFFFFFFF)) + 0x9E3779B97F4A7C15 & _M64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & _M64
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & _M64
    return z ^ (z >> 31)


def _generator(seed, device):
    a, b = seed.tolist() if isinstance(seed, torch.Tensor) else seed
    generator = torch.Generator(device=device)
    generator.manual_seed(_mix(int(a), int(b)))
    return generator


def _dtype(dtype):
    return getattr(torch, dtypes.standardize_dtype(dtype))


def _wide(dtype):
    """The float dtype to sample in: 16-bit floats sample in float32 and are cast after."""
    return torch.float64 if dtype == torch.float64 else torch.float32


def _param(value, dtype):
    return value if isinstance(value, (int, float)) else core.convert_to_tensor(value, dtype=dtypes.standardize_dtype(dtype))


def normal(shape, mean, stddev, dtype, seed):
    dtype, device = _dtype(dtype), core.get_device()
    wide = _wide(dtype)
    x = torch.randn(shape, generator=_generator(seed, device), dtype=wide, device=device)
    return (x * _param(stddev, wide) + _param(mean, wide)).to(dtype)


def uniform(shape, minval, maxval, dtype, seed):
    dtype, device = _dtype(dtype), core.get_device()
    wide = _wide(dtype)
    minval, maxval = _param(minval, wide), _param(maxval, wide)
    x = torch.rand(shape, generator=_generator(seed, device), dtype=wide, device=device)
    return (x * (maxval - minval) + minval).to(dtype)


def randint(shape, minval, maxval, dtype, seed):
    device = core.get_device()
    x = torch.randint(int(minval), int(maxval), shape, generator=_generator(seed, device), dtype=torch.int64,
                      device=device)
    return x.to(_dtype(dtype))


def truncated_normal(shape, mean, stddev, dtype, seed):
    dtype, device = _dtype(dtype), core.get_device()
    wide = _wide(dtype)
    u = torch.rand(shape, generator=_generator(seed, device), dtype=wide, device=device)
    u = u * (_CDF_HI - _CDF_LO) + _CDF_LO
    x = (torch.special.erfinv(2.0 * u - 1.0) * math.sqrt(2.0)).clamp_(-2.0, 2.0)
    return (x * _param(stddev, wide) + _param(mean, wide)).to(dtype)


def categorical(logits, num_samples, dtype, seed):
    logits = core.convert_to_tensor(logits)
    probs = torch.softmax(logits.to(_wide(logits.dtype)), dim=-1)
    out = torch.multinomial(probs, num_samples, replacement=True, generator=_generator(seed, logits.device))
    return out.to(_dtype(dtype))


def dropout(inputs, rate, noise_shape, seed):
    inputs = core.convert_to_tensor(inputs)
    if not inputs.is_floating_point():
        inputs = inputs.to(_dtype(config.floatx()))
    if noise_shape is None:
        noise_shape = inputs.shape
    else:
        noise_shape = tuple(d if n is None else n for n, d in zip(noise_shape, inputs.shape))
    keep = torch.rand(noise_shape, generator=_generator(seed, inputs.device), device=inputs.device) >= rate
    scale = (0.0 if rate >= 1.0 else 1.0 / (1.0 - rate)) if isinstance(rate, float) else \
        torch.where(rate < 1, 1.0 / (1.0 - rate), 0.0)
    return torch.where(keep, inputs * scale, 0.0)


def shuffle(x, axis, seed):
    x = core.convert_to_tensor(x)
    perm = torch.randperm(x.shape[axis], generator=_generator(seed, x.device), device=x.device)
    return torch.index_select(x, axis, perm)


def _gamma(shape, alpha, wide, generator, device):
    alpha = core.convert_to_tensor(alpha, dtype=dtypes.standardize_dtype(wide)).to(device)
    return torch._standard_gamma(alpha.expand(shape).contiguous(), generator=generator)


def gamma(shape, alpha, dtype, seed):
    dtype, device = _dtype(dtype), core.get_device()
    return _gamma(shape, alpha, _wide(dtype), _generator(seed, device), device).to(dtype)


def binomial(shape, counts, probabilities, dtype, seed):
    dtype, device = _dtype(dtype), core.get_device()
    wide = _wide(dtype)
    counts = core.convert_to_tensor(counts, dtype=dtypes.standardize_dtype(wide)).to(device).expand(shape)
    probabilities = core.convert_to_tensor(probabilities, dtype=dtypes.standardize_dtype(wide)).to(device)
    out = torch.binomial(counts.contiguous(), probabilities.expand(shape).contiguous(),
                         generator=_generator(seed, device))
    return out.to(dtype)


def beta(shape, alpha, beta, dtype, seed):
    dtype, device = _dtype(dtype), core.get_device()
    wide = _wide(dtype)
    generator = _generator(seed, device)
    x = _gamma(shape, alpha, wide, generator, device)
    y = _gamma(shape, beta, wide, generator, device)
    return (x / (x + y)).to(dtype)
