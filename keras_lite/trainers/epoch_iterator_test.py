"""EpochIterator: full passes, steps_per_epoch carried across epochs, running out of data."""
import itertools

import numpy as np
import pytest

from keras_lite import config
from keras_lite.trainers.epoch_iterator import EpochIterator


def numbered(n):
    return (np.full((1, 1), i, "float32") for i in range(n))


def epoch_values(iterator):
    return [int(batch[0, 0]) for _, batch in iterator]


def test_full_passes_learn_the_length_of_a_generator():
    iterator = EpochIterator(numbered(3))
    assert iterator.num_batches is None
    assert epoch_values(iterator) == [0, 1, 2] and iterator.num_batches == 3
    assert epoch_values(iterator) == []  # a generator runs once


def test_steps_per_epoch_continue_an_infinite_generator():
    endless = (np.full((1, 1), i, "float32") for i in itertools.count())
    iterator = EpochIterator(endless, steps_per_epoch=2)
    assert iterator.num_batches == 2
    assert [epoch_values(iterator) for _ in range(3)] == [[0, 1], [2, 3], [4, 5]]


def test_arrays_start_a_new_pass_at_an_epoch_boundary():
    x = np.arange(8, dtype="float32").reshape(8, 1)
    iterator = EpochIterator(x, batch_size=2, steps_per_epoch=2)
    firsts = [[int(b[0][0, 0]) for _, b in iterator] for _ in range(3)]
    assert firsts == [[0, 2], [4, 6], [0, 2]]


def test_running_out_mid_epoch_warns_and_ends_the_epoch():
    iterator = EpochIterator(numbered(3), steps_per_epoch=2)
    assert epoch_values(iterator) == [0, 1]
    with pytest.warns(UserWarning, match="ran out of data"):
        assert epoch_values(iterator) == [2]
    assert epoch_values(iterator) == []


def test_max_steps_per_epoch_caps_epochs():
    config.set_max_steps_per_epoch(2)
    try:
        iterator = EpochIterator(np.zeros((10, 1)), batch_size=2)
        assert iterator.num_batches == 2 and len(list(iterator)) == 2
    finally:
        config.set_max_steps_per_epoch(None)


def test_bad_steps():
    with pytest.raises(ValueError, match="steps must be a positive integer"):
        EpochIterator(np.zeros((4, 1)), steps_per_epoch=0)


def test_an_endless_dataset_needs_steps():
    tf = pytest.importorskip("tensorflow")
    dataset = tf.data.Dataset.from_tensor_slices(np.zeros((4, 1), "float32")).batch(2).repeat()
    with pytest.raises(ValueError, match="endless tf.data.Dataset: pass steps_per_epoch"):
        EpochIterator(dataset)
    assert len(list(EpochIterator(dataset, steps_per_epoch=5))) == 5
