"""Boolean masks shared by the attention layers: positions, causal and sliding-window bands.

All work with unknown (None) sequence lengths, so the layers trace symbolically.
"""
from keras_lite import ops


def positions(x, axis=1):
    """int32 indices 0..n-1 along `axis` of `x` (n may be unknown until the data arrives)."""
    n = ops.shape(x)[axis]
    if isinstance(n, int):
        return ops.arange(n, dtype="int32")
    # Unknown length: count along a slice of x that keeps only `axis`.
    index = tuple(slice(None) if i == axis else 0 for i in range(len(x.shape)))
    return ops.cumsum(ops.ones_like(x[index], dtype="int32")) - 1


def causal_mask(query, value, query_axis=1, value_axis=1):
    """(1, T, S) bool: query position i may see key positions j <= i."""
    rows = ops.expand_dims(positions(query, query_axis), -1)
    cols = ops.expand_dims(positions(value, value_axis), 0)
    return ops.expand_dims(ops.greater_equal(rows, cols), 0)


def band_mask(query, value, window):
    """(1, T, S) bool: |i - j| < window, positions along axis 1."""
    rows = ops.expand_dims(positions(query), -1)
    cols = ops.expand_dims(positions(value), 0)
    return ops.expand_dims(ops.less(ops.abs(ops.subtract(rows, cols)), window), 0)
