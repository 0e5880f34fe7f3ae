"""Batches from in-memory data: NumPy arrays, engine tensors, and lists or dicts of them."""
import math

import numpy as np
import optree

from keras_lite.backends import engine
from keras_lite.backends.common.batch import unpack_x_y_sample_weight  # noqa: F401 (re-exported)


def is_array_leaf(x):
    """NumPy arrays, tensors of any engine and anything else NumPy can read without copying element by
    element (`__array__`)."""
    return x is None or isinstance(x, np.ndarray) or engine.core.is_tensor(x) or hasattr(x, "__array__")


def is_array_data(tree):
    return all(is_array_leaf(leaf) for leaf in optree.tree_leaves(tree, none_is_leaf=True))


def to_numpy(x):
    """One leaf as a NumPy array: engine tensors through the engine, others (a tensor of another engine,
    a Python list of numbers) through `__array__`/`np.asarray`."""
    if x is None or isinstance(x, np.ndarray):
        return x
    if engine.core.is_tensor(x):
        return np.asarray(engine.core.convert_to_numpy(x))
    if hasattr(x, "detach") and hasattr(x, "cpu"):  # a torch tensor under another backend
        x = x.detach().cpu()
    return np.asarray(x)


def _to_numpy(tree):
    return optree.tree_map(to_numpy, tree, none_is_leaf=True)


def _length(tree, what):
    lengths = set()
    for x in optree.tree_leaves(tree):
        if x is None:
            continue
        if np.ndim(x) == 0:
            raise ValueError(f"Every array in {what} needs a batch dimension; got a scalar {x!r}.")
        lengths.add(len(x))
    if len(lengths) > 1:
        raise ValueError(f"All arrays in {what} must have the same number of samples; got lengths {sorted(lengths)}.")
    return lengths.pop() if lengths else None


def _take(tree, index):
    return optree.tree_map(lambda a: None if a is None else a[index], tree, none_is_leaf=True)


def class_weight_to_sample_weight(y, class_weight):
    """One weight per sample from a {class index: weight} dict; one-hot targets count by their argmax,
    others by their (rounded) value. Classes missing from the dict weigh 1."""
    if y is None or isinstance(y, (dict, list, tuple)):
        raise ValueError("class_weight is only supported for models with a single output (one target array y).")
    y = to_numpy(y)
    labels = y.reshape(len(y), -1)
    labels = labels.argmax(axis=1) if labels.shape[1] > 1 else np.round(labels[:, 0]).astype("int64")
    return np.array([class_weight.get(int(c), 1.0) for c in labels], "float32")


def train_validation_split(x, y, sample_weight, validation_split):
    """The last `validation_split` of the samples (unshuffled, as Keras does) become validation data."""
    if not is_array_data((x, y, sample_weight)):
        kinds = sorted({type(leaf).__name__ for leaf in optree.tree_leaves((x, y, sample_weight))
                        if not is_array_leaf(leaf)} or {type(x).__name__})
        raise ValueError(f"validation_split is only supported for arrays and tensors, not for {', '.join(kinds)} "
                         "data: pass validation_data= instead.")
    if not 0 < validation_split < 1:
        raise ValueError(f"validation_split must be in (0, 1), got {validation_split}.")
    x, y, sample_weight = _to_numpy((x, y, sample_weight))
    n = _length((x, y, sample_weight), "x, y and sample_weight")
    split = int(math.floor(n * (1.0 - validation_split)))
    if split == 0 or split == n:
        raise ValueError(f"validation_split={validation_split} leaves no data on one side of {n} samples.")
    first, last = slice(0, split), slice(split, n)
    return (_take(x, first), _take(y, first), _take(sample_weight, first)), (
        _take(x, last), _take(y, last), _take(sample_weight, last))


class ArrayBatches:
    """Batches of in-memory data, the last one possibly smaller. `shuffle=True` shuffles the samples each
    epoch, `shuffle="batch"` only the order of the batches."""

    source = "array data"
    reiterable = True
    infinite = False

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, class_weight=None,
                 steps=None):
        self.x, self.y, self.sample_weight = _to_numpy((x, y, sample_weight))
        self.num_samples = _length(self.x, "x")
        if self.num_samples is None:
            raise ValueError("x holds no arrays: pass the input data as an array, or a list or dict of arrays.")
        n_y = _length(self.y, "y") if self.y is not None else self.num_samples
        if n_y != self.num_samples:
            raise ValueError(f"x and y have different numbers of samples: {self.num_samples} and {n_y}.")
        if self.sample_weight is not None and _length(self.sample_weight, "sample_weight") != self.num_samples:
            raise ValueError(f"sample_weight has {_length(self.sample_weight, 'sample_weight')} entries for "
                             f"{self.num_samples} samples.")
        if class_weight is not None:
            if self.sample_weight is not None:
                raise ValueError("Pass either class_weight or sample_weight, not both.")
            self.sample_weight = class_weight_to_sample_weight(self.y, class_weight)
        if shuffle not in (True, False, "batch"):
            raise ValueError(f"shuffle must be True, False or 'batch'; got {shuffle!r}.")
        if not batch_size:
            batch_size = math.ceil(self.num_samples / steps) if steps else 32
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.num_batches = max(1, math.ceil(self.num_samples / self.batch_size))

    def __iter__(self):
        n, size = self.num_samples, self.batch_size
        order = np.random.permutation(n) if self.shuffle is True else None
        starts = np.arange(0, n, size)
        if self.shuffle == "batch":
            starts = np.random.permutation(starts)
        for start in starts:
            index = slice(start, start + size) if order is None else order[start:start + size]
            batch = (_take(self.x, index), _take(self.y, index), _take(self.sample_weight, index))
            if self.sample_weight is None:
                batch = batch[:2] if self.y is not None else batch[:1]
            yield batch

    def on_epoch_begin(self):
        pass

    def on_epoch_end(self):
        pass
