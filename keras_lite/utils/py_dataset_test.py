"""PyDataset: the base class contract, and fit on finite and endless datasets."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.utils.py_dataset import PyDataset, Sequence


class Squares(PyDataset):
    def __init__(self, batches=3, **kwargs):
        super().__init__(**kwargs)
        self.batches = batches
        self.calls = []

    def __len__(self):
        return self.batches

    def __getitem__(self, index):
        x = np.full((4, 2), index, "float32")
        return x, (x[:, :1] ** 2)

    def on_epoch_begin(self):
        self.calls.append("begin")

    def on_epoch_end(self):
        self.calls.append("end")


class Endless(PyDataset):
    @property
    def num_batches(self):
        return None

    def __getitem__(self, index):
        return np.ones((2, 2), "float32"), np.ones((2, 1), "float32")


def test_settings_and_length():
    dataset = Squares(workers=4, use_multiprocessing=True, max_queue_size=3)
    assert (dataset.workers, dataset.use_multiprocessing, dataset.max_queue_size) == (4, True, 3)
    assert dataset.num_batches == 3 and Endless().num_batches is None
    assert Sequence is PyDataset


def test_subclass_without_super_init_reads_defaults():
    class Bare(PyDataset):
        def __init__(self):
            pass

    assert (Bare().workers, Bare().use_multiprocessing, Bare().max_queue_size) == (1, False, 10)


def test_missing_methods_are_named():
    with pytest.raises(NotImplementedError, match="__getitem__"):
        PyDataset()[0]
    with pytest.raises(NotImplementedError, match="__len__"):
        PyDataset().num_batches


def model():
    inputs = keras.Input((2,))
    m = keras.Model(inputs, layers.Dense(1)(inputs))
    m.compile(optimizer="sgd", loss="mse")
    return m


def test_predict_and_evaluate():
    m = model()
    dataset = Squares()
    assert m.predict(dataset, verbose=0).shape == (12, 1)
    assert dataset.calls == ["begin", "end"]
    assert m.evaluate(Endless(), steps=2, verbose=0) >= 0
    with pytest.raises(ValueError, match="endless PyDataset: pass steps_per_epoch"):
        m.predict(Endless(), verbose=0)


@pytest.mark.requires_trainable_backend
def test_fit_calls_the_epoch_hooks_and_an_endless_dataset_needs_steps():
    dataset = Squares()
    history = model().fit(dataset, epochs=2, verbose=0)
    assert len(history.epoch) == 2 and dataset.calls == ["begin", "end"] * 2
    history = model().fit(Endless(), epochs=2, steps_per_epoch=3, verbose=0)
    assert len(history.history["loss"]) == 2
