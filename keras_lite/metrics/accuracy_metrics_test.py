"""Accuracy metrics against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import metrics
from keras_lite.metrics.reduction_metrics_test import check_mean_metric, np_value

rng = np.random.default_rng(10)
SCORES = rng.random((9, 5)).astype("float32")
LABELS = rng.integers(0, 5, size=(9,))
ONE_HOT = np.eye(5, dtype="float32")[LABELS]
BINARY = rng.integers(0, 2, size=(9, 3)).astype("float32")
PROBS = rng.random((9, 3)).astype("float32")


def np_rank(scores, labels):
    """1 + how many classes score strictly higher than the label."""
    picked = np.take_along_axis(scores, labels.reshape(-1, 1), -1)
    return 1 + (scores > picked).sum(-1)


CASES = [
    ("Accuracy", {}, metrics.accuracy, lambda t, p: (t == p).astype("float32"),
     np.array([[1], [2], [3], [4], [5], [6]], "float32"), np.array([[1], [2], [0], [4], [0], [6]], "float32")),
    ("BinaryAccuracy", {}, metrics.binary_accuracy, lambda t, p: (t == (p > 0.5)).astype("float32"), BINARY, PROBS),
    ("BinaryAccuracy", {"threshold": 0.3}, metrics.binary_accuracy, lambda t, p: (t == (p > 0.3)).astype("float32"),
     BINARY, PROBS),
    ("CategoricalAccuracy", {}, metrics.categorical_accuracy,
     lambda t, p: (t.argmax(-1) == p.argmax(-1)).astype("float32"), ONE_HOT, SCORES),
    ("SparseCategoricalAccuracy", {}, metrics.sparse_categorical_accuracy,
     lambda t, p: (t.reshape(-1) == p.argmax(-1)).astype("float32"), LABELS, SCORES),
    ("SparseCategoricalAccuracy", {}, metrics.sparse_categorical_accuracy,
     lambda t, p: (t.reshape(-1) == p.argmax(-1)).astype("float32"), LABELS[:, None].astype("float32"), SCORES),
    ("TopKCategoricalAccuracy", {}, metrics.top_k_categorical_accuracy,
     lambda t, p: (np_rank(p, t.argmax(-1)) <= 5).astype("float32"), ONE_HOT, SCORES),
    ("TopKCategoricalAccuracy", {"k": 2}, metrics.top_k_categorical_accuracy,
     lambda t, p: (np_rank(p, t.argmax(-1)) <= 2).astype("float32"), ONE_HOT, SCORES),
    ("SparseTopKCategoricalAccuracy", {"k": 3}, metrics.sparse_top_k_categorical_accuracy,
     lambda t, p: (np_rank(p, t.reshape(-1).astype(int)) <= 3).astype("float32"), LABELS, SCORES),
    ("SparseTopKCategoricalAccuracy", {"k": 2, "from_sorted_ids": True}, metrics.sparse_top_k_categorical_accuracy,
     lambda t, p: (p[:, :2] == t.reshape(-1, 1)).any(-1).astype("float32"), LABELS,
     np.argsort(-SCORES, axis=-1).astype("int32")),
]


@pytest.mark.parametrize("name,kwargs,fn,reference,y_true,y_pred", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1])}-{i}" for i, c in enumerate(CASES)])
def test_against_numpy_and_keras(name, kwargs, fn, reference, y_true, y_pred):
    check_mean_metric(name, kwargs, y_true, y_pred, reference, fn=fn)


def test_top_k_over_sequences():
    scores = rng.random((2, 3, 4)).astype("float32")
    labels = rng.integers(0, 4, size=(2, 3))
    expected = (np_rank(scores.reshape(-1, 4), labels.reshape(-1)) <= 2).reshape(2, 3)
    np.testing.assert_allclose(np_value(metrics.sparse_top_k_categorical_accuracy(labels, scores, k=2)), expected)
    np.testing.assert_allclose(np_value(metrics.top_k_categorical_accuracy(np.eye(4)[labels], scores, k=2)), expected)


def test_k_above_the_number_of_classes_counts_every_sample():
    np.testing.assert_allclose(np_value(metrics.top_k_categorical_accuracy(ONE_HOT, SCORES, k=9)), np.ones(9))


def test_binary_accuracy_keeps_entries_and_lines_up_ranks():
    out = metrics.binary_accuracy(np.array([1.0, 0.0]), np.array([[0.9], [0.7]], "float32"))
    np.testing.assert_allclose(np_value(out), [[1.0], [0.0]])


def test_get_returns_instances_by_keras_names():
    for name, cls in (("accuracy", metrics.Accuracy), ("binary_accuracy", metrics.BinaryAccuracy),
                      ("top_k_categorical_accuracy", metrics.TopKCategoricalAccuracy),
                      ("SparseTopKCategoricalAccuracy", metrics.SparseTopKCategoricalAccuracy)):
        assert type(metrics.get(name)) is cls
