"""The distribution in effect: set globally with `set_distribution`, or for a block with `scope()`."""
_current = {"distribution": None}


def distribution():
    """The distribution in effect, or None."""
    return _current["distribution"]


def set_distribution(value):
    """Make `value` (a DataParallel or ModelParallel, or None) the distribution for what follows: weights
    created afterwards are laid out by it, and fit/evaluate/predict run distributed."""
    from keras_lite.distribution.distribution_base import Distribution

    if value is not None and not isinstance(value, Distribution):
        raise TypeError(f"set_distribution expects a DataParallel, a ModelParallel or None, got "
                        f"{type(value).__name__}.")
    if value is not None:
        value.device_mesh.backend_mesh  # the engine refuses a mesh it cannot drive here, not at the first step
    _current["distribution"] = value
