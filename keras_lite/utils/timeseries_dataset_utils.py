"""timeseries_dataset_from_array: sliding windows over a sequence, in batches."""
import numpy as np

from keras_lite.trainers.array_data import to_numpy
from keras_lite.utils.batch_dataset import BatchDataset


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1, sampling_rate=1, batch_size=128,
                                  shuffle=False, seed=None, start_index=None, end_index=None, format="tf"):
    """Windows `data[s], data[s + sampling_rate], ...` (`sequence_length` steps), one every
    `sequence_stride` steps of `data[start_index:end_index]`; window i is paired with
    `targets[start_index + s_i]` unless `targets` is None.

    Keras returns a tf.data.Dataset (or a Grain dataset under `format="grain"`); keras_lite returns a
    BatchDataset for either `format`: a PyDataset of NumPy batches `(windows, targets)` (or just
    windows) that fit/evaluate/predict take on every backend. `shuffle` shuffles the window order once,
    from `seed`, and again after every epoch.
    """
    if format not in ("tf", "grain"):
        raise ValueError(f"timeseries_dataset_from_array: `format` must be 'tf' or 'grain'; got {format!r}.")
    data = to_numpy(data)
    length = len(data)
    _check_positive_int("sequence_length", sequence_length)
    for name, value in (("sampling_rate", sampling_rate), ("sequence_stride", sequence_stride)):
        _check_positive_int(name, value)
        if value >= length:
            raise ValueError(f"timeseries_dataset_from_array: `{name}`={value} must be lower than the length of "
                             f"`data` ({length}).")
    if start_index is not None and not 0 <= start_index < length:
        raise ValueError(f"timeseries_dataset_from_array: `start_index`={start_index} must be in [0, {length}).")
    if end_index is not None and not (0 < end_index < length and end_index > (start_index or 0)):
        raise ValueError(f"timeseries_dataset_from_array: `end_index`={end_index} must be in (start_index, "
                         f"{length}) (start_index={start_index}).")
    start = start_index or 0
    end = length if end_index is None else end_index
    num_windows = end - start - (sequence_length - 1) * sampling_rate
    if targets is not None:
        targets = to_numpy(targets)
        num_windows = min(num_windows, len(targets) - start)
    starts = np.arange(0, max(num_windows, 0), sequence_stride)
    if shuffle:
        np.random.RandomState(seed).shuffle(starts)
    offsets = np.arange(sequence_length) * sampling_rate

    def read(indices):
        windows = data[start + starts[indices][:, None] + offsets]
        return windows if targets is None else (windows, targets[start + starts[indices]])

    return BatchDataset(read, len(starts), batch_size, shuffle=shuffle, seed=seed)


def _check_positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"timeseries_dataset_from_array: `{name}` must be a positive integer; got {value!r}.")
