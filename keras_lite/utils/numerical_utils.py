"""to_categorical and normalize: label and vector helpers that work on NumPy data or engine tensors."""
import numpy as np

from keras_lite import ops


def _is_host_data(x):
    """NumPy arrays, scalars and Python sequences take the NumPy path; engine tensors go through ops."""
    return isinstance(x, (np.ndarray, np.generic, list, tuple, int, float))


def to_categorical(x, num_classes=None):
    """One-hot rows for the class indices in `x`: shape `x.shape + (num_classes,)`.

    A trailing axis of size 1 (labels shaped (n, 1)) is dropped first. NumPy or list input gives a
    float64 NumPy array, as in Keras; an engine tensor gives an engine tensor (float32).
    `num_classes` defaults to the largest index + 1.
    """
    if not _is_host_data(x):
        shape = ops.shape(x)
        if len(shape) > 1 and shape[-1] == 1:
            x = ops.squeeze(x, axis=-1)
        if num_classes is None:
            num_classes = int(ops.convert_to_numpy(ops.max(x))) + 1
        return ops.one_hot(x, int(num_classes))
    x = np.asarray(x)
    if x.size and not np.issubdtype(x.dtype, np.integer) and not np.all(np.equal(np.mod(x, 1), 0)):
        raise ValueError(f"to_categorical: `x` must hold integer class indices; got values such as {x.flat[0]!r}.")
    x = x.astype("int64")
    shape = x.shape[:-1] if x.ndim > 1 and x.shape[-1] == 1 else x.shape
    flat = x.reshape(-1)
    if num_classes is None:
        if not flat.size:
            raise ValueError("to_categorical: cannot infer `num_classes` from an empty `x`; pass it.")
        num_classes = int(flat.max()) + 1
    num_classes = int(num_classes)
    bad = flat[(flat < 0) | (flat >= num_classes)]
    if bad.size:
        raise ValueError(f"to_categorical: class index {int(bad[0])} is out of range for num_classes={num_classes} "
                         f"(indices must be in [0, {num_classes})).")
    categorical = np.zeros((flat.size, num_classes))
    categorical[np.arange(flat.size), flat] = 1
    return categorical.reshape(shape + (num_classes,))


def normalize(x, axis=-1, order=2):
    """`x` divided by its `order`-norm along `axis`; zero vectors stay zero.

    NumPy input is normalised in NumPy (any `ord` np.linalg.norm takes); tensors through `ops.normalize`.
    """
    if not _is_host_data(x):
        return ops.normalize(x, axis=axis, order=order)
    x = np.asarray(x)
    norm = np.linalg.norm(x, order, axis, keepdims=True)
    norm[norm == 0] = 1
    return x / norm
