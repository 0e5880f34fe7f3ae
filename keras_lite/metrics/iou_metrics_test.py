"""IoU metrics against a NumPy reference and Keras 3."""
import json
import warnings

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.metrics import iou_metrics as im
from keras_lite.metrics.confusion_metrics_test import (BACKEND, check_against_keras, check_config, check_jit,
                                                       check_reset, np_value, run)

EPS = 1e-7
pytestmark = pytest.mark.filterwarnings("ignore:Explicitly requested dtype int64")  # Keras 3 on JAX
# Keras 3 on TensorFlow turns the default "int" into int64; keras_lite uses int32 on every backend.
KERAS_DTYPE = {"int64": "int32"} if BACKEND == "tensorflow" else None

rng = np.random.default_rng(5)
LABELS = rng.integers(0, 4, size=(6, 5))
PREDS = rng.integers(-1, 5, size=(6, 5))  # some out of range: not counted
INT_WEIGHTS = rng.integers(0, 3, size=(6, 5))
FLOAT_WEIGHTS = rng.uniform(0.0, 2.0, size=(6, 5)).astype("float32")
SCORES = rng.uniform(size=(6, 5, 4)).astype("float32")
ONE_HOT = np.eye(4, dtype="float32")[LABELS]
LABELS_2, PREDS_2 = rng.integers(0, 4, size=(3, 5)), rng.integers(0, 4, size=(3, 5))


def np_iou(batch_list, num_classes, target_class_ids=None, ignore_class=None, integer=True):
    matrix = np.zeros((num_classes, num_classes))
    for y_true, y_pred, weights in batch_list:
        y_true, y_pred = np.ravel(y_true).astype("int64"), np.ravel(y_pred).astype("int64")
        w = np.ones(y_true.shape) if weights is None else np.ravel(weights).astype("float64")
        if integer:
            w = np.trunc(w)
        keep = (y_true >= 0) & (y_true < num_classes) & (y_pred >= 0) & (y_pred < num_classes)
        if ignore_class is not None:
            keep &= y_true != ignore_class
        np.add.at(matrix, (y_true[keep], y_pred[keep]), w[keep])
    tp = np.diag(matrix)
    union = matrix.sum(0) + matrix.sum(1) - tp
    ids = list(range(num_classes)) if target_class_ids is None else target_class_ids
    tp, union = tp[ids], union[ids]
    present = union > 1e-9
    iou = np.where(present, tp / (union + EPS), 0.0)
    return iou.sum() / (present.sum() + EPS)


def quiet(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args)


CASES = [
    ("IoU", {"num_classes": 4, "target_class_ids": [0, 2]}, LABELS, PREDS),
    ("IoU", {"num_classes": 4, "target_class_ids": [1, 3], "ignore_class": 2}, LABELS, PREDS),
    ("IoU", {"num_classes": 4, "target_class_ids": [3], "sparse_y_true": False}, ONE_HOT, PREDS),
    ("MeanIoU", {"num_classes": 4}, LABELS, PREDS),
    ("MeanIoU", {"num_classes": 4, "sparse_y_pred": False, "ignore_class": 0}, LABELS, SCORES),
    ("OneHotIoU", {"num_classes": 4, "target_class_ids": [1, 2]}, ONE_HOT, SCORES),
    ("OneHotMeanIoU", {"num_classes": 4}, ONE_HOT, SCORES),
    ("OneHotMeanIoU", {"num_classes": 4, "sparse_y_pred": True, "ignore_class": 3}, ONE_HOT, PREDS),
]


def reference_inputs(kwargs, y_true, y_pred):
    sparse_true = kwargs.get("sparse_y_true", y_true is not ONE_HOT)
    sparse_pred = kwargs.get("sparse_y_pred", y_pred is not SCORES)
    return (y_true if sparse_true else y_true.argmax(-1)), (y_pred if sparse_pred else y_pred.argmax(-1))


@pytest.mark.parametrize("name,kwargs,y_true,y_pred", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
@pytest.mark.parametrize("dtype", [None, "float32"])
def test_against_numpy(name, kwargs, y_true, y_pred, dtype):
    t, p = reference_inputs(kwargs, y_true, y_pred)
    second = [(np.eye(4, dtype="float32")[LABELS_2] if y_true is ONE_HOT else LABELS_2,
               np.eye(4, dtype="float32")[PREDS_2] if y_pred is SCORES else PREDS_2, None)]
    for weights in (None, INT_WEIGHTS, FLOAT_WEIGHTS):
        metric = getattr(im, name)(dtype=dtype, **kwargs)
        expected = np_iou([(t, p, weights), (LABELS_2, PREDS_2, None)], 4, kwargs.get("target_class_ids"),
                          kwargs.get("ignore_class"), integer=dtype is None)
        value = quiet(run, metric, [(y_true, y_pred, weights)] + second)
        np.testing.assert_allclose(value, expected, rtol=1e-5, atol=1e-6)
        assert [(v.name, v.shape, v.dtype) for v in metric.variables] == [
            ("total_confusion_matrix", (4, 4), dtype or "int32")]


@pytest.mark.parametrize("name,kwargs,y_true,y_pred", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_against_keras(name, kwargs, y_true, y_pred):
    check_against_keras(im, name, kwargs, [(y_true, y_pred, INT_WEIGHTS)], keras_dtype=KERAS_DTYPE)
    check_against_keras(im, name, {"dtype": "float32", **kwargs}, [(y_true, y_pred, FLOAT_WEIGHTS)])
    check_config(getattr(im, name)(**kwargs), [(y_true, y_pred, None)])
    check_reset(getattr(im, name)(**kwargs), [(y_true, y_pred, INT_WEIGHTS)])


BINARY_TRUE = rng.integers(0, 2, size=(8, 3)).astype("float32")
BINARY_PRED = rng.uniform(size=(8, 3)).astype("float32")
BINARY_PRED[0, 0] = 0.5  # exactly at the threshold: counts as 1


@pytest.mark.parametrize("kwargs", [{}, {"target_class_ids": [1], "threshold": 0.3}, {"target_class_ids": (0,)}],
                         ids=["default", "class_1", "class_0"])
def test_binary_iou(kwargs):
    row_weights = rng.integers(1, 3, size=(8,))
    for weights in (None, row_weights):
        expected = np_iou([(BINARY_TRUE, BINARY_PRED >= kwargs.get("threshold", 0.5),
                            None if weights is None else np.repeat(weights, 3))], 2,
                          list(kwargs.get("target_class_ids", (0, 1))))
        np.testing.assert_allclose(run(im.BinaryIoU(**kwargs), [(BINARY_TRUE, BINARY_PRED, weights)]), expected,
                                   rtol=1e-5)
    full = np.repeat(row_weights[:, None], 3, axis=1)  # Keras 3 takes weights shaped like the labels
    check_against_keras(im, "BinaryIoU", kwargs, [(BINARY_TRUE, BINARY_PRED, full)], keras_dtype=KERAS_DTYPE)
    check_config(im.BinaryIoU(**kwargs), [(BINARY_TRUE, BINARY_PRED, None)])


def test_values_by_hand_and_absent_classes():
    # matrix rows = truth: [[1, 1], [0, 2]] -> IoU 1/2 and 2/3
    value = run(im.MeanIoU(num_classes=2), [(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), None)])
    np.testing.assert_allclose(value, (1 / 2 + 2 / 3) / 2, rtol=1e-5)
    # class 2 never appears: left out of the mean rather than counted as 0
    value = run(im.MeanIoU(num_classes=3), [(np.array([0, 1]), np.array([0, 1]), None)])
    np.testing.assert_allclose(value, 1.0, rtol=1e-5)
    assert float(run(im.MeanIoU(num_classes=3), [])) == 0.0


def test_float_weights_with_an_integer_dtype_warn():
    with pytest.warns(UserWarning, match="dtype"):
        im.MeanIoU(num_classes=2).update_state(np.array([0, 1]), np.array([0, 1]), sample_weight=np.array([0.5, 1.5]))


def test_confusion_matrix_helper():
    matrix = im.confusion_matrix(np.array([1, 2, 4]), np.array([2, 2, 4]), 5)
    expected = np.zeros((5, 5), "int32")
    expected[1, 2] = expected[2, 2] = expected[4, 4] = 1
    np.testing.assert_array_equal(np_value(matrix), expected)
    weighted = im.confusion_matrix(np.array([0, 0]), np.array([1, 1]), 2, weights=np.array([0.5, 2.0]),
                                   dtype="float32")
    np.testing.assert_allclose(np_value(weighted), [[0.0, 2.5], [0.0, 0.0]])
    assert ops.dtype(weighted) == "float32"


def test_jit():
    check_jit(lambda: im.MeanIoU(num_classes=4, ignore_class=1), [(LABELS, PREDS, INT_WEIGHTS),
                                                                   (LABELS_2, PREDS_2, None)])
    check_jit(lambda: im.OneHotIoU(num_classes=4, target_class_ids=[0, 3], dtype="float32"),
              [(ONE_HOT, SCORES, FLOAT_WEIGHTS)])
    check_jit(lambda: im.BinaryIoU(threshold=0.4), [(BINARY_TRUE, BINARY_PRED, None)])


def test_config_and_direction():
    assert im.MeanIoU(num_classes=3).get_config() == {
        "num_classes": 3, "name": "mean_io_u", "dtype": "int32", "ignore_class": None, "sparse_y_true": True,
        "sparse_y_pred": True, "axis": -1}
    assert json.dumps(im.IoU(3, (0, 2)).get_config())
    assert im.IoU(3, [0])._direction == "up"


def test_bad_arguments_name_the_culprit():
    with pytest.raises(ValueError, match="target_class_ids"):
        im.IoU(num_classes=3, target_class_ids=[0, 3])
    with pytest.raises(ValueError, match="target_class_ids"):
        im.OneHotIoU(num_classes=2, target_class_ids=[2])
