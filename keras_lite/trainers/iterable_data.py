"""Batches from sources that yield them: Python generators and iterators, PyDataset, tf.data.Dataset,
torch DataLoader.

Every batch is `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`, each part an array or a list, tuple or
dict of arrays. Batches are checked as they arrive and handed to the steps as NumPy arrays (as array data
is), so no engine is imported here: tf.data datasets and DataLoaders are only iterated.
"""
import numpy as np
import optree

from keras_lite.trainers.array_data import class_weight_to_sample_weight, to_numpy


class IterableBatches:
    """`make_iterator()` starts one pass over the source; `num_batches` is None when unknown or infinite,
    `infinite` True when known to be endless. `reiterable` says whether a new pass can start after one
    ends (a generator can't)."""

    def __init__(self, make_iterator, source, num_batches=None, reiterable=True, class_weight=None,
                 on_epoch_begin=None, on_epoch_end=None, infinite=False):
        self._make_iterator = make_iterator
        self.source = source
        self.num_batches = num_batches
        self.infinite = infinite
        self.reiterable = reiterable
        self.class_weight = class_weight
        self._on_epoch_begin, self._on_epoch_end = on_epoch_begin, on_epoch_end

    def __iter__(self):
        for batch in self._make_iterator():
            yield self._standardize(batch)

    def on_epoch_begin(self):
        if self._on_epoch_begin is not None:
            self._on_epoch_begin()

    def on_epoch_end(self):
        if self._on_epoch_end is not None:
            self._on_epoch_end()

    def _standardize(self, batch):
        if isinstance(batch, list):
            batch = tuple(batch)
        if isinstance(batch, tuple) and not 1 <= len(batch) <= 3:
            raise ValueError(f"The {self.source} yielded a tuple of {len(batch)} elements; each batch must be x, "
                             "(x,), (x, y) or (x, y, sample_weight).")
        parts = batch if isinstance(batch, tuple) else (batch,)
        names = ("x", "y", "sample_weight")
        converted, sizes = [], {}
        for name, part in zip(names, parts):
            if part is None and name != "x":
                converted.append(None)
                continue
            paths, leaves, treespec = optree.tree_flatten_with_path(part, none_is_leaf=True)
            arrays = []
            for path, leaf in zip(paths, leaves):
                where = name + "".join(f"[{p!r}]" for p in path)
                array = None if leaf is None else to_numpy(leaf)
                if array is None or array.ndim == 0:
                    raise ValueError(f"The {self.source} yielded {type(leaf).__name__} {_short(leaf)} as {where}; "
                                     "each element of a batch must be an array with a batch dimension.")
                sizes[where] = len(array)
                arrays.append(array)
            converted.append(optree.tree_unflatten(treespec, arrays))
        if len(set(sizes.values())) > 1:
            raise ValueError(f"The {self.source} yielded a batch whose parts have different numbers of samples: "
                             + ", ".join(f"{k}: {v}" for k, v in sizes.items()) + ".")
        if self.class_weight is not None:
            if len(converted) < 2 or converted[1] is None:
                raise ValueError(f"class_weight needs targets, but the {self.source} yielded batches without y.")
            if len(converted) == 3 and converted[2] is not None:
                raise ValueError(f"Pass either class_weight or sample_weight, not both: the {self.source} yields "
                                 "sample weights.")
            converted = [converted[0], converted[1], class_weight_to_sample_weight(converted[1], self.class_weight)]
        if not isinstance(batch, tuple) and self.class_weight is None:
            return converted[0]
        return tuple(converted)


def _short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def generator_batches(iterator, class_weight=None):
    """A Python generator or iterator: one pass only, length unknown."""
    return IterableBatches(lambda: iterator, "generator", reiterable=False, class_weight=class_weight)


def py_dataset_batches(dataset, shuffle=False, class_weight=None):
    """A PyDataset: `dataset[i]` for each batch index (shuffled if asked), or for i = 0, 1, ... while the
    dataset is infinite (`num_batches` None)."""
    num_batches = dataset.num_batches

    def batches():
        if num_batches is None:
            i = 0
            while True:
                yield dataset[i]
                i += 1
        order = np.random.permutation(num_batches) if shuffle else range(num_batches)
        for i in order:
            yield dataset[int(i)]

    return IterableBatches(batches, "PyDataset", num_batches=num_batches, class_weight=class_weight,
                           on_epoch_begin=dataset.on_epoch_begin, on_epoch_end=dataset.on_epoch_end,
                           infinite=num_batches is None)


def tf_dataset_batches(dataset, class_weight=None):
    """A tf.data.Dataset, read through its NumPy iterator (batches as the dataset makes them)."""
    cardinality = int(dataset.cardinality())  # -1 infinite, -2 unknown
    return IterableBatches(dataset.as_numpy_iterator, "tf.data.Dataset",
                           num_batches=cardinality if cardinality >= 0 else None, class_weight=class_weight,
                           infinite=cardinality == -1)


def torch_data_loader_batches(loader, class_weight=None):
    try:
        num_batches = len(loader)
    except TypeError:  # an IterableDataset without __len__
        num_batches = None
    return IterableBatches(lambda: iter(loader), "torch DataLoader", num_batches=num_batches,
                           class_weight=class_weight)
