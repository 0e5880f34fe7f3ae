"""Batches from in-memory data: NumPy arrays, engine tensors, and lists or dicts of them."""
import math

import numpy as np
import optree

from keras_lite.backends import engine
from keras_lite.backends.common.batch import unpack_x_y_sample_weight  # noqa: F401 (re-exported)


def _to_numpy(tree):
    def convert(x):
        if x is None or isinstance(x, np.ndarray):
            return x
        if engine.core.is_tensor(x):
            return np.asarray(engine.core.convert_to_numpy(x))
        return np.asarray(x)

    return optree.tree_map(convert, tree, none_is_leaf=True)


def _length(tree, what):
    lengths = {len(x) for x in optree.tree_leaves(tree) if x is not None}
    if len(lengths) > 1:
        raise ValueError(f"All arrays in {what} must have the same number of samples; got lengths {sorted(lengths)}.")
    return lengths.pop() if lengths else None


def _take(tree, index):
    return optree.tree_map(lambda a: None if a is None else a[index], tree, none_is_leaf=True)


def train_validation_split(x, y, sample_weight, validation_split):
    """The last `validation_split` of the samples (unshuffled, as Keras does) become validation data."""
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
    """Shuffled (or not) batches of in-memory data, the last one possibly smaller."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, class_weight=None):
        self.x, self.y, self.sample_weight = _to_numpy((x, y, sample_weight))
        self.num_samples = _length(self.x, "x")
        n_y = _length(self.y, "y") if self.y is not None else self.num_samples
        if n_y != self.num_samples:
            raise ValueError(f"x and y have different numbers of samples: {self.num_samples} and {n_y}.")
        if self.sample_weight is not None and _length(self.sample_weight, "sample_weight") != self.num_samples:
            raise ValueError(f"sample_weight has {_length(self.sample_weight, 'sample_weight')} entries for "
                             f"{self.num_samples} samples.")
        if class_weight is not None:
            if self.y is None or isinstance(self.y, (dict, list, tuple)):
                raise ValueError("class_weight needs a single target array y.")
            labels = self.y.reshape(len(self.y), -1)
            labels = labels.argmax(axis=1) if labels.shape[1] > 1 else labels[:, 0]
            per_sample = np.array([class_weight.get(int(c), 1.0) for c in labels], "float32")
            self.sample_weight = per_sample if self.sample_weight is None else self.sample_weight * per_sample
        self.batch_size = batch_size or 32
        self.shuffle = shuffle
        self.num_batches = max(1, math.ceil(self.num_samples / self.batch_size))

    def __iter__(self):
        order = np.random.permutation(self.num_samples) if self.shuffle else None
        for start in range(0, self.num_samples, self.batch_size):
            index = slice(start, start + self.batch_size) if order is None else order[start:start + self.batch_size]
            batch = tuple(part for part in (_take(self.x, index), _take(self.y, index),
                                            _take(self.sample_weight, index)))
            if self.sample_weight is None:
                batch = batch[:2] if self.y is not None else batch[:1]
            yield batch
