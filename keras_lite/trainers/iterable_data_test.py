"""Batches from generators, PyDataset, tf.data and DataLoader: structure checks and conversion."""
import numpy as np
import pytest

from keras_lite.trainers import iterable_data
from keras_lite.utils.py_dataset import PyDataset


def batches_of(*yielded, class_weight=None):
    return list(iterable_data.generator_batches(iter(yielded), class_weight=class_weight))


def test_batch_forms_are_kept():
    x, y, w = np.ones((2, 3)), np.zeros((2, 1)), np.ones(2)
    (only_x,) = batches_of(x)
    assert isinstance(only_x, np.ndarray)
    (pair,) = batches_of([x, y])  # a list batch reads as a tuple
    assert isinstance(pair, tuple) and pair[0].shape == (2, 3)
    (triple,) = batches_of(({"a": x, "b": (x, x)}, y, w))
    assert triple[0]["b"][1].shape == (2, 3) and triple[2].shape == (2,)
    (with_none,) = batches_of((x, None))
    assert with_none[1] is None


def test_wrong_structures_are_named():
    x = np.ones((2, 3))
    with pytest.raises(ValueError, match="generator yielded a tuple of 4 elements"):
        batches_of((x, x, x, x))
    with pytest.raises(ValueError, match=r"yielded NoneType None as x\['b'\]"):
        batches_of(({"a": x, "b": None}, x))
    with pytest.raises(ValueError, match=r"yielded str 'label' as y"):
        batches_of((x, "label"))
    with pytest.raises(ValueError, match=r"different numbers of samples: x: 2, y: 3"):
        batches_of((x, np.ones(3)))


def test_class_weight_per_batch():
    x = np.ones((3, 2))
    (batch,) = batches_of((x, np.array([0, 1, 1])), class_weight={1: 4.0})
    np.testing.assert_array_equal(batch[2], [1, 4, 4])
    with pytest.raises(ValueError, match="yielded batches without y"):
        batches_of(x, class_weight={1: 4.0})
    with pytest.raises(ValueError, match="either class_weight or sample_weight"):
        batches_of((x, np.zeros(3), np.ones(3)), class_weight={1: 4.0})


class Counting(PyDataset):
    def __init__(self):
        super().__init__()
        self.epochs_ended = 0

    def __len__(self):
        return 5

    def __getitem__(self, index):
        return np.full((2, 1), index, "float32"), np.full((2,), index, "float32")

    def on_epoch_end(self):
        self.epochs_ended += 1


def test_py_dataset_order_shuffle_and_hooks():
    dataset = Counting()
    ordered = iterable_data.py_dataset_batches(dataset)
    assert ordered.num_batches == 5 and [b[1][0] for b in ordered] == [0, 1, 2, 3, 4]
    shuffled = iterable_data.py_dataset_batches(dataset, shuffle=True)
    orders = [[b[1][0] for b in shuffled] for _ in range(4)]
    assert all(sorted(o) == [0, 1, 2, 3, 4] for o in orders) and any(o != [0, 1, 2, 3, 4] for o in orders)
    ordered.on_epoch_end()
    assert dataset.epochs_ended == 1


def test_tf_dataset_batches():
    tf = pytest.importorskip("tensorflow")
    x = np.arange(10, dtype="float32").reshape(5, 2)
    dataset = tf.data.Dataset.from_tensor_slices(({"a": x}, x[:, 0])).batch(2)
    batches = iterable_data.tf_dataset_batches(dataset)
    assert batches.num_batches == 3
    first = next(iter(batches))
    assert isinstance(first[0]["a"], np.ndarray)
    np.testing.assert_array_equal(first[1], [0, 2])
    assert iterable_data.tf_dataset_batches(dataset.repeat()).num_batches is None


def test_torch_data_loader_batches():
    torch = pytest.importorskip("torch")
    x = torch.arange(10, dtype=torch.float32).reshape(5, 2)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, x[:, 0]), batch_size=2)
    batches = iterable_data.torch_data_loader_batches(loader)
    assert batches.num_batches == 3
    last = list(batches)[-1]
    assert isinstance(last[0], np.ndarray) and last[0].shape == (1, 2)
