"""pack_x_y_sample_weight: the inverse of unpack_x_y_sample_weight, for custom train steps."""


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """`x` alone (wrapped as `(x,)` when it is itself a tuple or list), `(x, y)` or `(x, y, sample_weight)`."""
    if y is None:
        return (x,) if isinstance(x, (tuple, list)) else x
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)
