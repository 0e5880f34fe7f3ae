"""BatchDataset: indexing, iteration, batching, per-epoch shuffling, and fit/evaluate/predict on it."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite.utils.batch_dataset import BatchDataset
from keras_lite.utils.py_dataset import PyDataset

X = np.arange(10, dtype="float32").reshape(5, 2)
Y = np.arange(5, dtype="float32")[:, None]


def over_arrays(batch_size=None, **kwargs):
    return BatchDataset(lambda i: (X[i], Y[i]), 5, batch_size, **kwargs)


def test_batches_and_samples():
    batched = over_arrays(2)
    assert isinstance(batched, PyDataset) and len(batched) == 3 and batched.num_batches == 3
    assert [x.shape[0] for x, _ in batched] == [2, 2, 1]
    assert np.array_equal(batched[-1][0], X[4:])
    samples = over_arrays()
    assert len(samples) == 5 and samples[1][0].tolist() == [2, 3] and samples[1][1].tolist() == [1]
    assert np.array_equal(samples.samples()[0], X)
    rebatched = samples.batch(4)
    assert len(rebatched) == 2 and np.array_equal(rebatched[0][0], X[:4])
    assert repr(rebatched) == "<BatchDataset samples=5 batch_size=4>"


def test_bad_use():
    with pytest.raises(IndexError, match="out of range"):
        over_arrays(2)[3]
    with pytest.raises(IndexError):
        over_arrays(2)["0"]
    with pytest.raises(ValueError, match="already batched"):
        over_arrays(2).batch(2)
    for bad in (0, 1.5, "2"):
        with pytest.raises(ValueError, match="batch_size"):
            over_arrays(bad)


def test_shuffle_draws_a_new_order_each_epoch():
    dataset = over_arrays(5, shuffle=True, seed=3)
    first = dataset[0][1][:, 0].tolist()
    assert first == [0, 1, 2, 3, 4]
    dataset.on_epoch_end()
    second = dataset[0][1][:, 0].tolist()
    assert sorted(second) == first and second != first
    again = over_arrays(5, shuffle=True, seed=3)
    again.on_epoch_end()
    assert again[0][1][:, 0].tolist() == second
    fixed = over_arrays(5)
    fixed.on_epoch_end()
    assert fixed[0][1][:, 0].tolist() == first


def model():
    net = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    net.compile(optimizer="sgd", loss="mse")
    return net


@pytest.mark.requires_trainable_backend
def test_fit_evaluate_predict():
    net = model()
    history = net.fit(over_arrays(2, shuffle=True, seed=0), epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    assert np.isfinite(net.evaluate(over_arrays(2), verbose=0))
    assert net.predict(BatchDataset(lambda i: X[i], 5, 2), verbose=0).shape == (5, 1)


def test_predict_on_every_backend():
    assert model().predict(BatchDataset(lambda i: X[i], 5, 2), verbose=0).shape == (5, 1)
