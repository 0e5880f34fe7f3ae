"""to_categorical and normalize on NumPy data and on engine tensors."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.utils import normalize, to_categorical


def test_to_categorical_numpy():
    out = to_categorical([0, 2, 1])
    assert out.dtype == np.float64 and np.array_equal(out, np.eye(3)[[0, 2, 1]])
    labels = np.array([[1], [0], [3]])
    out = to_categorical(labels, num_classes=5)
    assert out.shape == (3, 5) and np.array_equal(out.argmax(-1), [1, 0, 3])
    assert to_categorical(np.array([[0, 1], [1, 0]])).shape == (2, 2, 2)
    assert to_categorical(np.array([1.0, 0.0])).tolist() == [[0, 1], [1, 0]]


def test_to_categorical_matches_keras():
    keras_utils = pytest.importorskip("keras.src.utils.numerical_utils")
    labels = np.array([[2], [0], [1], [2]])
    assert np.array_equal(to_categorical(labels, 4), np.asarray(keras_utils.to_categorical(labels, 4)))


def test_to_categorical_bad_input():
    with pytest.raises(ValueError, match="class index 3 is out of range for num_classes=3"):
        to_categorical([0, 3], num_classes=3)
    with pytest.raises(ValueError, match="class index -1"):
        to_categorical([-1, 0])
    with pytest.raises(ValueError, match="integer class indices"):
        to_categorical([0.5])
    with pytest.raises(ValueError, match="empty"):
        to_categorical([])


def test_to_categorical_tensor():
    x = ops.convert_to_tensor(np.array([[1], [0]], "int32"))
    out = to_categorical(x)
    assert ops.is_tensor(out) and ops.convert_to_numpy(out).tolist() == [[0, 1], [1, 0]]
    assert ops.convert_to_numpy(to_categorical(ops.convert_to_tensor([2, 0]), 4)).shape == (2, 4)


def test_normalize():
    x = np.array([[3.0, 4.0], [0.0, 0.0]])
    assert np.allclose(normalize(x), [[0.6, 0.8], [0, 0]])
    assert np.allclose(normalize(x, axis=0), [[1, 1], [0, 0]])
    assert np.allclose(normalize(x, order=1), [[3 / 7, 4 / 7], [0, 0]])
    assert np.allclose(normalize([3.0, 4.0]), [0.6, 0.8])
    tensor = normalize(ops.convert_to_tensor(np.array([[3.0, 4.0]], "float32")))
    assert ops.is_tensor(tensor) and np.allclose(ops.convert_to_numpy(tensor), [[0.6, 0.8]])
