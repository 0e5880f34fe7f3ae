"""Axis checks shared by the normalization layers."""


def as_axis_list(layer_name, axis):
    """An int or a list/tuple of ints (what Keras accepts for `axis`) -> the value to keep, else TypeError."""
    if isinstance(axis, (list, tuple)) and all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        return list(axis)
    if isinstance(axis, int) and not isinstance(axis, bool):
        return axis
    raise TypeError(f"{layer_name}: `axis` must be an int or a list/tuple of ints, got {axis!r}.")


def positions(layer, axis, input_shape, need_known=True):
    """`axis` (int or list) as sorted non-negative positions in `input_shape`; a clear ValueError when an axis
    is out of range, repeated, or (with `need_known`) names a dimension of unknown size."""
    input_shape = tuple(input_shape)
    rank = len(input_shape)
    axes = [axis] if isinstance(axis, int) else list(axis)
    where = f"{type(layer).__name__} {layer.name!r}"
    out = []
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"{where}: axis {a} is out of range for input shape {input_shape} (rank {rank}).")
        out.append(a % rank)
    if len(set(out)) != len(out):
        raise ValueError(f"{where}: repeated axis in axis={axis!r} for input shape {input_shape}.")
    if need_known:
        unknown = [a for a in sorted(out) if input_shape[a] is None]
        if unknown:
            raise ValueError(f"{where}: the normalized axis {unknown[0]} of input shape {input_shape} must have a "
                             "known size.")
    return tuple(sorted(out))


def check_built_shape(layer, input_shape, axes, expected):
    """After build: the normalized dims of `input_shape` must still be `expected` (the weights' shape)."""
    input_shape = tuple(input_shape)
    got = tuple(input_shape[a] for a in axes)
    if any(g is not None and g != e for g, e in zip(got, expected)):
        raise ValueError(f"{type(layer).__name__} {layer.name!r}: input shape {input_shape} has size {got} along "
                         f"axis {list(axes)}, but the layer was built for {expected}.")
