"""ArrayBatches and the array helpers: batching, shuffling, class weights, errors (no training)."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.trainers.array_data import ArrayBatches, class_weight_to_sample_weight, train_validation_split


def data(n=10):
    x = np.arange(n * 2, dtype="float32").reshape(n, 2)
    return x, np.arange(n, dtype="float32")


def test_batches_in_order_with_a_smaller_last_one():
    x, y = data()
    batches = list(ArrayBatches(x, y, batch_size=4))
    assert [len(b[0]) for b in batches] == [4, 4, 2] and ArrayBatches(x, y, batch_size=4).num_batches == 3
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y)
    assert len(next(iter(ArrayBatches(x, batch_size=4)))) == 1  # (x,) without targets


@pytest.mark.parametrize("shuffle", [True, "batch"])
def test_shuffles_keep_every_sample_once(shuffle):
    x, y = data(40)
    orders = []
    for _ in range(2):
        batches = list(ArrayBatches(x, y, batch_size=8, shuffle=shuffle))
        seen = np.concatenate([b[1] for b in batches])
        assert sorted(seen) == list(y)
        for bx, by in batches:
            np.testing.assert_array_equal(bx[:, 0] / 2, by)  # x and y stay paired
        if shuffle == "batch":
            assert all(np.all(np.diff(b[1]) == 1) for b in batches)  # batches stay contiguous
        orders.append(seen)
    assert not np.array_equal(orders[0], y) or not np.array_equal(orders[1], y)


def test_steps_choose_the_batch_size():
    x, y = data(10)
    batches = ArrayBatches(x, y, steps=3)
    assert batches.batch_size == 4 and batches.num_batches == 3


def test_engine_tensors_nested_inputs_and_sample_weights():
    x, y = data(6)
    batches = list(ArrayBatches({"a": ops.convert_to_tensor(x), "b": [x, x]}, ops.convert_to_tensor(y),
                                sample_weight=np.ones(6), batch_size=4))
    first_x, first_y, first_w = batches[0]
    assert isinstance(first_x["a"], np.ndarray) and first_x["b"][1].shape == (4, 2)
    np.testing.assert_array_equal(first_y, y[:4])
    assert first_w.shape == (4,)


def test_class_weight_to_sample_weight():
    weights = {0: 0.5, 1: 2.0}
    np.testing.assert_array_equal(class_weight_to_sample_weight(np.array([0, 1, 2, 1]), weights), [0.5, 2, 1, 2])
    one_hot = np.eye(3)[[1, 0, 2]]
    np.testing.assert_array_equal(class_weight_to_sample_weight(one_hot, weights), [2, 0.5, 1])
    column = np.array([[0.9], [0.2]])  # binary targets round to their class
    np.testing.assert_array_equal(class_weight_to_sample_weight(column, weights), [2, 0.5])
    with pytest.raises(ValueError, match="single output"):
        class_weight_to_sample_weight([np.zeros(2), np.zeros(2)], weights)


def test_class_weight_becomes_the_sample_weight():
    x, _ = data(4)
    (_, _, w), = ArrayBatches(x, np.array([0, 1, 1, 0]), batch_size=4, class_weight={1: 3.0})
    np.testing.assert_array_equal(w, [1, 3, 3, 1])


def test_errors_name_the_culprit():
    x, y = data(6)
    with pytest.raises(ValueError, match="different numbers of samples: 6 and 5"):
        ArrayBatches(x, y[:5])
    with pytest.raises(ValueError, match="sample_weight has 3 entries for 6 samples"):
        ArrayBatches(x, y, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match=r"x must have the same number of samples; got lengths \[5, 6\]"):
        ArrayBatches([x, x[:5]], y)
    with pytest.raises(ValueError, match="either class_weight or sample_weight"):
        ArrayBatches(x, y, sample_weight=np.ones(6), class_weight={0: 1.0})
    with pytest.raises(ValueError, match="batch dimension"):
        ArrayBatches(np.float32(3.0))
    with pytest.raises(ValueError, match="shuffle must be"):
        ArrayBatches(x, y, shuffle="yes")


def test_validation_split_takes_the_last_samples():
    x, y = data(10)
    (tx, ty, tw), (vx, vy, vw) = train_validation_split(x, y, None, 0.2)
    np.testing.assert_array_equal(ty, y[:8])
    np.testing.assert_array_equal(vy, y[8:])
    assert tw is None and vw is None


def test_validation_split_refuses_datasets():
    with pytest.raises(ValueError, match="validation_split is only supported for arrays.*generator"):
        train_validation_split((b for b in []), None, None, 0.2)
