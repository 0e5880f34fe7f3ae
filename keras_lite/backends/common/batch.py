"""Unpacking a batch of training data (used by every backend's step functions)."""


def unpack_x_y_sample_weight(data):
    """A batch as (x, y, sample_weight) from `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError(f"Data should be x, (x,), (x, y) or (x, y, sample_weight); got a tuple of {len(data)} elements.")
