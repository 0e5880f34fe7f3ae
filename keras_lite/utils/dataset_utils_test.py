"""split_dataset: sizes, shuffling, input kinds, errors, and training on the result."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite.utils import split_dataset
from keras_lite.utils.batch_dataset import BatchDataset

X = np.arange(20, dtype="float32").reshape(10, 2)
Y = np.arange(10, dtype="float32")


def samples(dataset):
    return [np.asarray(element).tolist() if not isinstance(element, tuple) else
            tuple(np.asarray(e).tolist() for e in element) for element in dataset]


def test_sizes_as_counts_and_fractions():
    for left_size, right_size, expected in ((0.8, None, (8, 2)), (None, 3, (7, 3)), (4, 0.5, (4, 5)),
                                            (0.25, 0.25, (2, 2)), (3, None, (3, 7))):
        left, right = split_dataset(X, left_size=left_size, right_size=right_size)
        assert (len(left), len(right)) == expected
    left, right = split_dataset(X, left_size=0.8)
    assert samples(left)[0] == [0, 1] and samples(right)[-1] == [18, 19]  # first and last samples, in order


def test_structures_and_shuffle():
    left, right = split_dataset((X, Y), left_size=6, shuffle=True, seed=1)
    kept = sorted(y for _, y in samples(left)) + sorted(y for _, y in samples(right))
    assert sorted(kept) == Y.tolist() and [y for _, y in samples(left)] != Y[:6].tolist()
    again, _ = split_dataset((X, Y), left_size=6, shuffle=True, seed=1)
    assert samples(again) == samples(left)
    left, _ = split_dataset([X, Y], left_size=2)
    assert samples(left)[0] == ([0, 1], 0)
    left, _ = split_dataset({"a": X, "b": Y}, right_size=0.5)
    assert left[0]["a"].tolist() == [0, 1] and left[4]["b"] == 4


def test_datasets_as_input():
    batched = BatchDataset(lambda i: (X[i], Y[i]), 10, batch_size=4)
    left, right = split_dataset(batched, left_size=0.5)
    assert left.batch_size == 4 and len(left) == 2 and right[0][1].tolist() == [5, 6, 7, 8]

    class Sized:
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return np.full((2,), i), i

    left, right = split_dataset(Sized(), left_size=1)
    assert samples(left) == [([0, 0], 0)] and len(right) == 2


def test_tf_data_datasets_as_input():
    tf = pytest.importorskip("tensorflow")
    left, right = split_dataset(tf.data.Dataset.from_tensor_slices((X, Y)).batch(3), left_size=4)
    assert left.batch_size == 3 and len(left) == 2 and left[1][1].tolist() == [3] and len(right) == 2
    left, _ = split_dataset(tf.data.Dataset.from_tensor_slices(X), left_size=0.5)
    assert left.batch_size is None and len(left) == 5 and left[4].tolist() == [8, 9]


def test_matches_keras_on_arrays():
    keras_dataset_utils = pytest.importorskip("keras.src.utils.dataset_utils")
    pytest.importorskip("tensorflow")
    theirs = keras_dataset_utils.split_dataset((X, Y), left_size=0.7, preferred_backend="tensorflow")
    ours = split_dataset((X, Y), left_size=0.7)
    for a, b in zip(ours, theirs):
        assert samples(a) == [tuple(np.asarray(v).tolist() for v in element) for element in b.as_numpy_iterator()]


def test_errors():
    with pytest.raises(ValueError, match="pass `left_size`"):
        split_dataset(X)
    with pytest.raises(TypeError, match="left_size"):
        split_dataset(X, left_size="half")
    with pytest.raises(ValueError, match=r"count in \(0, 10\)"):
        split_dataset(X, left_size=10)
    with pytest.raises(ValueError, match=r"fraction in \(0, 1\)"):
        split_dataset(X, right_size=1.5)
    with pytest.raises(ValueError, match="exceeds"):
        split_dataset(X, left_size=0.7, right_size=0.5)
    with pytest.raises(ValueError, match="left split empty"):
        split_dataset(X, left_size=0.01)
    with pytest.raises(ValueError, match="different numbers of samples"):
        split_dataset((X, Y[:5]), left_size=2)
    with pytest.raises(TypeError, match="must be an array"):
        split_dataset(["a", "b"], left_size=1)
    with pytest.raises(TypeError, match="builtins.int"):
        split_dataset(5, left_size=1)
    with pytest.raises(ValueError, match="no samples"):
        split_dataset(np.zeros((0, 2)), left_size=1)

    class Empty:
        def __len__(self):
            return 0

        def __getitem__(self, i):
            raise IndexError(i)

    with pytest.raises(ValueError, match="no samples"):
        split_dataset(Empty(), left_size=1)


@pytest.mark.requires_trainable_backend
def test_fit_on_the_splits():
    train, validation = split_dataset((X / 20, Y[:, None] / 10), left_size=0.8)
    net = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    net.compile(optimizer="sgd", loss="mse")
    history = net.fit(train.batch(4), validation_data=validation.batch(4), epochs=2, verbose=0)
    assert len(history.history["val_loss"]) == 2
