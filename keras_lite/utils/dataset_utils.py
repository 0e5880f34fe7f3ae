"""split_dataset: two datasets from one, by count or fraction of samples."""
import numbers

import numpy as np
import optree

from keras_lite.trainers.array_data import to_numpy
from keras_lite.trainers.data_adapters import is_tf_dataset
from keras_lite.utils.batch_dataset import BatchDataset


def split_dataset(dataset, left_size=None, right_size=None, shuffle=False, seed=None, preferred_backend=None):
    """(left, right) datasets holding the first `left_size` and the last `right_size` samples.

    `dataset` is a NumPy array or tensor, a list/tuple/dict of them (samples along the first axis),
    a BatchDataset, a tf.data.Dataset or any sized sequence of samples (a torch Dataset, say).
    A size is an int count or a float fraction in (0, 1); a missing one is the rest. `shuffle` shuffles
    the samples first (from `seed`). Keras returns tf.data datasets (torch ones under
    `preferred_backend="torch"`); keras_lite returns two BatchDatasets whatever `preferred_backend` says,
    unbatched unless `dataset` was batched: call `.batch(n)` before fit.
    """
    samples, batch_size = _as_samples(dataset)
    total = _num_samples(samples)
    if total == 0:
        raise ValueError("split_dataset: `dataset` holds no samples.")
    left_size, right_size = _split_sizes(left_size, right_size, total)
    order = np.arange(total)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    left_indices, right_indices = order[:left_size], order[total - right_size:]

    def subset(indices):
        return BatchDataset(lambda i: optree.tree_map(lambda a: a[indices[i]], samples), len(indices), batch_size)

    return subset(left_indices), subset(right_indices)


def _as_samples(dataset):
    """(structure of arrays with samples on axis 0, batch size of the input or None)."""
    if isinstance(dataset, BatchDataset):
        return dataset.samples(), dataset.batch_size
    if is_tf_dataset(dataset):
        batch_size = getattr(dataset, "_batch_size", None)
        elements = dataset.unbatch() if batch_size is not None else dataset
        return _stack(list(elements.as_numpy_iterator())), None if batch_size is None else int(batch_size)
    if isinstance(dataset, (list, tuple, dict)) or _is_array(dataset):
        leaves, treespec = optree.tree_flatten(dataset)
        if not leaves or not all(_is_array(leaf) for leaf in leaves):
            raise TypeError(f"split_dataset: `dataset` must be an array, a list/tuple/dict of arrays or a dataset; "
                            f"got {_describe(dataset)}.")
        arrays = [to_numpy(leaf) for leaf in leaves]
        lengths = {len(a) for a in arrays}
        if len(lengths) > 1:
            raise ValueError(f"split_dataset: the arrays of `dataset` have different numbers of samples: "
                             f"{[len(a) for a in arrays]}.")
        structure = optree.tree_unflatten(treespec, arrays)
        return (tuple(structure) if isinstance(structure, list) else structure), None
    if hasattr(dataset, "__len__") and hasattr(dataset, "__getitem__"):
        return _stack([dataset[i] for i in range(len(dataset))]), None
    raise TypeError(f"split_dataset: `dataset` must be an array, a list/tuple/dict of arrays or a dataset; "
                    f"got {_describe(dataset)}.")


def _stack(samples):
    """One structure of arrays from a list of per-sample structures."""
    if not samples:
        return ()
    leaves = [optree.tree_leaves(sample) for sample in samples]
    treespec = optree.tree_structure(samples[0])
    columns = [np.stack([to_numpy(v) for v in column]) for column in zip(*leaves)]
    structure = optree.tree_unflatten(treespec, columns)
    return tuple(structure) if isinstance(structure, list) else structure


def _num_samples(samples):
    leaves = optree.tree_leaves(samples)
    return len(leaves[0]) if leaves else 0


def _is_array(x):
    return hasattr(x, "shape") and hasattr(x, "dtype") and len(getattr(x, "shape", ())) > 0


def _describe(x):
    return f"{type(x).__module__}.{type(x).__qualname__}"


def _split_sizes(left_size, right_size, total):
    """Both sizes as sample counts, from ints, fractions or None (the rest)."""
    if left_size is None and right_size is None:
        raise ValueError("split_dataset: pass `left_size`, `right_size` or both.")
    sizes = {}
    for name, size in (("left_size", left_size), ("right_size", right_size)):
        if size is None:
            continue
        if isinstance(size, bool) or not isinstance(size, numbers.Real):
            raise TypeError(f"split_dataset: `{name}` must be an int, a float or None; got {size!r}.")
        if isinstance(size, numbers.Integral):
            if not 0 < size < total:
                raise ValueError(f"split_dataset: `{name}`={size} must be a count in (0, {total}) or a fraction "
                                 "in (0, 1).")
            sizes[name] = int(size)
        else:
            if not 0 < size < 1:
                raise ValueError(f"split_dataset: `{name}`={size} must be a fraction in (0, 1) or a count in "
                                 f"(0, {total}).")
            sizes[name] = round(size * total)
    left = sizes.get("left_size", total - sizes.get("right_size", 0))
    right = sizes.get("right_size", total - left)
    if left + right > total:
        raise ValueError(f"split_dataset: left_size + right_size = {left + right} exceeds the {total} samples.")
    if left == 0 or right == 0:
        raise ValueError(f"split_dataset: with {total} samples, left_size={left_size} and right_size={right_size} "
                         f"leave the {'left' if left == 0 else 'right'} split empty.")
    return left, right
