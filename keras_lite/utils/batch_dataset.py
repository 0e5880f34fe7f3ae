"""BatchDataset: what keras_lite's dataset builders return in place of Keras's tf.data.Dataset.

split_dataset, timeseries_dataset_from_array and the *_dataset_from_directory builders return a
tf.data.Dataset in Keras. keras_lite must not depend on TensorFlow, so they return this engine-neutral
PyDataset instead: fit/evaluate/predict take it on every backend, `for batch in dataset` yields NumPy
batches, `dataset[i]` is element i and `len(dataset)` the number of elements.
"""
import numpy as np
import optree

from keras_lite.utils.py_dataset import PyDataset


class BatchDataset(PyDataset):
    """Samples read by index and stacked into batches of `batch_size` (the last may be smaller).

    `read(indices)` returns the samples at `indices` as a structure of arrays whose first axis runs
    over them. With `batch_size=None` each element is one sample (call `.batch(n)` before fit).
    With `shuffle`, the sample order is drawn again from `seed` after every epoch.
    """

    def __init__(self, read, num_samples, batch_size=None, shuffle=False, seed=None):
        super().__init__()
        if batch_size is not None and (not isinstance(batch_size, (int, np.integer)) or batch_size < 1):
            raise ValueError(f"`batch_size` must be a positive integer or None; got {batch_size!r}.")
        self._read = read
        self._num_samples = int(num_samples)
        self.batch_size = None if batch_size is None else int(batch_size)
        self._order = np.arange(self._num_samples)
        self._rng = np.random.RandomState(seed) if shuffle else None

    def __len__(self):
        if self.batch_size is None:
            return self._num_samples
        return -(-self._num_samples // self.batch_size)

    def __getitem__(self, index):
        length = len(self)
        if not isinstance(index, (int, np.integer)) or not -length <= index < length:
            raise IndexError(f"{type(self).__name__} index {index!r} out of range for {length} elements.")
        index = int(index) % length
        if self.batch_size is None:
            return optree.tree_map(lambda a: a[0], self._read(self._order[index:index + 1]))
        return self._read(self._order[index * self.batch_size:(index + 1) * self.batch_size])

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def on_epoch_end(self):
        if self._rng is not None:
            self._rng.shuffle(self._order)

    def samples(self):
        """Every sample, in the current order, as one structure of arrays."""
        return self._read(self._order)

    def batch(self, batch_size):
        """The same samples, in the current order, grouped `batch_size` at a time."""
        if self.batch_size is not None:
            raise ValueError(f"This dataset is already batched (batch_size={self.batch_size}).")
        batched = BatchDataset(self._read, self._num_samples, batch_size)
        batched._order = self._order.copy()
        return batched

    def __repr__(self):
        return f"<{type(self).__name__} samples={self._num_samples} batch_size={self.batch_size}>"
