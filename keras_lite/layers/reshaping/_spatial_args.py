"""Argument normalizers for the spatial layers (pooling, UpSampling, ZeroPadding, Cropping)."""


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def int_tuple(value, n, name, layer, minimum=1):
    """An int or n ints (each >= minimum) -> a tuple of n ints; else a ValueError naming the layer."""
    try:
        values = (value,) * n if _is_int(value) else tuple(value)
    except TypeError:
        values = ()
    if len(values) != n or not all(_is_int(v) and v >= minimum for v in values):
        raise ValueError(f"{layer}: `{name}` must be an int or a tuple of {n} ints >= {minimum}; got {value!r}.")
    return values


def pairs(value, n, name, layer):
    """Per spatial dim a (before, after) pair of ints >= 0, from an int (all dims, both sides) or n entries
    that are each an int (both sides) or a pair."""
    if _is_int(value):
        value = (value,) * n
    try:
        entries = tuple(value)
    except TypeError:
        entries = ()
    if len(entries) != n:
        raise ValueError(f"{layer}: `{name}` must be an int, a tuple of {n} ints or a tuple of {n} "
                         f"(before, after) pairs; got {value!r}.")
    return tuple(int_tuple(e, 2, name, layer, minimum=0) for e in entries)


def spatial_axes(rank, data_format):
    """The axes of the `rank` spatial dims of a (batch, ..., channels) or (batch, channels, ...) input."""
    first = 1 if data_format == "channels_last" else 2
    return tuple(range(first, first + rank))
