"""The shape check for the masks a layer is given: a wrong mask fails at the call, naming the layer and shapes.

Without it a mask of the wrong shape fails deep inside an op (a scan, a where), or, where
it happens to broadcast, passes silently. Callers check only a mask that is not None, so
the unmasked path pays nothing; a check is a few tuple comparisons.
"""


def fits(shape, expected, broadcast=False, min_rank=0):
    """Whether a mask of `shape` fits `expected` (None, on either side, matches any size).

    With `broadcast`, a dim of 1 fits any size and leading dims may be missing (numpy rules),
    down to `min_rank` dims.
    """
    if broadcast:
        if not min_rank <= len(shape) <= len(expected):
            return False
        expected = expected[len(expected) - len(shape):]
    elif len(shape) != len(expected):
        return False
    return all(m == e or m is None or e is None or (broadcast and m == 1) for m, e in zip(shape, expected))


def check_mask_shape(layer, argument, mask, expected, inputs, broadcast=False, min_rank=0):
    """Raise a ValueError unless `mask` fits `expected` (see `fits`).

    `argument` names the mask in the error (e.g. "mask", "query_mask"); `inputs` maps the
    names of the tensors the mask goes with to their shapes, for the message.
    """
    shape, expected = tuple(mask.shape), tuple(expected)
    if fits(shape, expected, broadcast, min_rank):
        return
    need = f"shape {expected}"
    if broadcast:
        need = f"a shape{f' of rank >= {min_rank}' if min_rank else ''} that broadcasts to {expected}"
    given = ", ".join(f"{name} shape {tuple(s)}" for name, s in inputs.items())
    raise ValueError(f"Layer {layer.name!r} ({type(layer).__name__}): `{argument}` has shape {shape}; with "
                     f"{given} it must have {need}.")
