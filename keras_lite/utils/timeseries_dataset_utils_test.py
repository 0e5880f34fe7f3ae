"""timeseries_dataset_from_array: windows and targets as Keras makes them, and fit on them."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite.utils import timeseries_dataset_from_array

DATA = np.arange(20, dtype="float32")


def windows(dataset):
    return [np.asarray(b[0] if isinstance(b, tuple) else b).tolist() for b in dataset]


def test_windows_and_targets():
    dataset = timeseries_dataset_from_array(DATA, DATA[3:], sequence_length=3, batch_size=4)
    x, y = dataset[0]
    assert x.shape == (4, 3) and x[1].tolist() == [1, 2, 3] and y.tolist() == [3, 4, 5, 6]
    assert sum(len(b[0]) for b in dataset) == 17
    dataset = timeseries_dataset_from_array(DATA, None, sequence_length=4, sequence_stride=3, sampling_rate=2,
                                            batch_size=None, start_index=2, end_index=15)
    assert windows(dataset) == [[2, 4, 6, 8], [5, 7, 9, 11], [8, 10, 12, 14]]


def test_shuffle_is_seeded():
    first = timeseries_dataset_from_array(DATA, None, 2, batch_size=100, shuffle=True, seed=5)[0]
    second = timeseries_dataset_from_array(DATA, None, 2, batch_size=100, shuffle=True, seed=5)[0]
    assert np.array_equal(first, second) and not np.array_equal(first[:, 0], np.arange(19))
    assert sorted(first[:, 0].tolist()) == list(range(19))


@pytest.mark.parametrize("kwargs", [
    dict(sequence_length=5, batch_size=3),
    dict(sequence_length=3, sequence_stride=2, sampling_rate=3, batch_size=2, start_index=1, end_index=18),
    dict(sequence_length=4, batch_size=8, start_index=5),
])
def test_matches_keras(kwargs):
    keras_utils = pytest.importorskip("keras.src.utils.timeseries_dataset_utils")
    pytest.importorskip("tensorflow")
    data = np.stack([DATA, -DATA], axis=1)
    targets = DATA * 10
    ours = timeseries_dataset_from_array(data, targets, **kwargs)
    theirs = list(keras_utils.timeseries_dataset_from_array(data, targets, **kwargs).as_numpy_iterator())
    assert len(ours) == len(theirs)
    for (x, y), (tx, ty) in zip(ours, theirs):
        assert np.array_equal(x, tx) and np.array_equal(y, ty) and x.dtype == tx.dtype


def test_errors():
    cases = [(dict(sequence_length=0), "sequence_length"), (dict(sampling_rate=0), "sampling_rate"),
             (dict(sequence_stride=20), "sequence_stride"), (dict(start_index=25), "start_index"),
             (dict(start_index=5, end_index=5), "end_index"), (dict(format="torch"), "format")]
    for kwargs, name in cases:
        kwargs = {"sequence_length": 2, **kwargs}
        with pytest.raises(ValueError, match=name):
            timeseries_dataset_from_array(DATA, None, **kwargs)


@pytest.mark.requires_trainable_backend
def test_fit_consumes_it():
    dataset = timeseries_dataset_from_array(DATA[:, None] / 20, DATA[4:] / 20, sequence_length=4, batch_size=4)
    net = keras.Sequential([keras.Input((4, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    net.compile(optimizer="sgd", loss="mse")
    assert len(net.fit(dataset, epochs=2, verbose=0).history["loss"]) == 2
