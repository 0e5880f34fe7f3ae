"""A host-side counter-based generator (Philox-4x32-10) for initial weights (DESIGN decision 10).

Initial values are drawn here in NumPy and only then handed to the engine, so
a model built with a given seed starts from bit-identical weights on jax,
torch, tensorflow and numpy. Counter-based means the n-th number depends only
on (seed, stream, n): no hidden generator state to keep in step.
"""
import os

import numpy as np

_MASK = np.uint64(0xFFFFFFFF)
_M0, _M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
_W0, _W1 = 0x9E3779B9, 0xBB67AE85  # key increments (Python ints: the key is two scalars)
_32 = np.uint64(32)
_state = {"seed": None, "count": 0}


def philox_uint32(seed, stream, count):
    """`count` uint32 words for (seed, stream): counter blocks (i, stream) under key seed."""
    return _philox_words(seed, stream, count).astype(np.uint32)


def _philox_words(seed, stream, count):
    """The words of philox_uint32 held in uint64. The rounds update four preallocated arrays in place:
    initializers draw millions of words (an embedding table, VGG19), and temporaries would double the
    memory traffic."""
    blocks = -(-count // 4)
    seed = int(seed) & 0xFFFFFFFFFFFFFFFF
    k0, k1 = seed & 0xFFFFFFFF, seed >> 32
    c0 = np.arange(blocks, dtype=np.uint64)
    c1 = c0 >> _32
    c0 &= _MASK
    c2 = np.full(blocks, np.uint64(int(stream) & 0xFFFFFFFF))
    c3 = np.full(blocks, np.uint64((int(stream) >> 32) & 0xFFFFFFFF))
    p0, p1 = np.empty(blocks, np.uint64), np.empty(blocks, np.uint64)
    for _ in range(10):
        np.multiply(c0, _M0, out=p0)
        np.multiply(c2, _M1, out=p1)
        np.right_shift(p1, _32, out=c0)  # c0 = hi(M1 * c2) ^ c1 ^ k0
        c0 ^= c1
        c0 ^= np.uint64(k0)
        np.bitwise_and(p1, _MASK, out=c1)  # c1 = lo(M1 * c2)
        np.right_shift(p0, _32, out=c2)  # c2 = hi(M0 * c0) ^ c3 ^ k1
        c2 ^= c3
        c2 ^= np.uint64(k1)
        np.bitwise_and(p0, _MASK, out=c3)  # c3 = lo(M0 * c0)
        k0, k1 = (k0 + _W0) & 0xFFFFFFFF, (k1 + _W1) & 0xFFFFFFFF
    words = np.empty((blocks, 4), np.uint64)
    words[:, 0], words[:, 1], words[:, 2], words[:, 3] = c0, c1, c2, c3
    return words.reshape(-1)[:count]


def uniform(seed, shape, stream=0):
    """Floats in [0, 1) with 53 random bits each (float64)."""
    n = int(np.prod(shape, dtype=np.int64))
    words = _philox_words(seed, stream, 2 * n).reshape(-1, 2) if n else np.zeros((0, 2), np.uint64)
    bits = (words[:, 0] >> np.uint64(11)) << _32 | words[:, 1]  # 21 + 32 = 53 bits
    return (bits.astype(np.float64) * 2.0**-53).reshape(shape)


def normal(seed, shape, stream=0):
    """Standard normals by Box-Muller over two uniform streams."""
    u1 = 1.0 - uniform(seed, shape, 2 * stream)  # (0, 1]: the log is finite
    u2 = uniform(seed, shape, 2 * stream + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def truncated_normal(seed, shape, stream=0):
    """Standard normals redrawn (from later streams) until within two standard deviations."""
    out = normal(seed, shape, stream)
    redraw = 1
    bad = np.abs(out) > 2.0
    while bad.any():
        fresh = normal(seed, (int(bad.sum()),), stream + redraw * 1_000_003)
        out[bad] = fresh
        bad = np.abs(out) > 2.0
        redraw += 1
    return out


def set_global_seed(seed):
    """Make unseeded initializers reproducible (called by keras_lite.utils.set_random_seed)."""
    _state["seed"] = None if seed is None else int(seed)
    _state["count"] = 0


def draw_seed():
    """A fresh seed for an unseeded initializer call: from the global seed if set, else from the OS."""
    if _state["seed"] is None:
        return int.from_bytes(os.urandom(8), "little")
    _state["count"] += 1
    low, high = philox_uint32(_state["seed"], (1 << 40) + _state["count"], 2)
    return int(low) | int(high) << 32
