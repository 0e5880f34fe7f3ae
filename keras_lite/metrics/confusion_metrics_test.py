"""Confusion-matrix metrics against NumPy references written here and Keras 3 as an oracle, plus the
helpers the f-score and IoU tests share (`run`, `check_against_keras`, `check_config`, `check_jit`)."""
import json
import os

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.metrics import confusion_metrics as cm
from keras_lite.saving import serialization_lib

keras = pytest.importorskip("keras")

BACKEND = os.environ["KERAS_BACKEND"]
EPS = backend_config.epsilon()
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning:keras.src.backend.numpy")  # Keras 3 0/0 on numpy


def np_value(x):
    return np.asarray(ops.convert_to_numpy(x))


def jsonable(config):
    """JSON round trip; arrays (Keras writes AUC's label_weights as one) become lists."""
    return json.loads(json.dumps(config, default=lambda o: np.asarray(o).tolist()))


def run(metric, batches):
    """Feed (y_true, y_pred, sample_weight) batches; return the result as NumPy."""
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    return np_value(metric.result())


def check_against_keras(module, name, kwargs, batches, atol=1e-5, keras_dtype=None):
    """Same result, same variables (path, shape, dtype) and same config as Keras's metric of that name.
    `keras_dtype`: the dtype Keras 3 reports instead, where its backend differs (IoU on TF: int64)."""
    kwargs = {"name": "m", **kwargs}
    ours, theirs = getattr(module, name)(**kwargs), getattr(keras.metrics, name)(**kwargs)
    np.testing.assert_allclose(run(ours, batches), run(theirs, batches), rtol=1e-5, atol=atol)
    their_vars = [(v.path, tuple(v.shape), keras_dtype.get(v.dtype, v.dtype) if keras_dtype else v.dtype)
                  for v in theirs.variables]
    assert [(v.path, tuple(v.shape), v.dtype) for v in ours.variables] == their_vars
    their_config = jsonable(theirs.get_config())
    if keras_dtype:
        their_config["dtype"] = keras_dtype.get(their_config["dtype"], their_config["dtype"])
    assert jsonable(ours.get_config()) == their_config
    assert list(ours.get_config()) == list(theirs.get_config())


def check_config(metric, batches):
    """A JSON round trip (and serialize/deserialize) rebuilds a metric computing the same result."""
    config = jsonable(metric.get_config())
    restored = type(metric).from_config(config)
    assert jsonable(restored.get_config()) == config
    again = serialization_lib.deserialize_keras_object(jsonable(serialization_lib.serialize_keras_object(metric)))
    assert type(again) is type(metric)
    np.testing.assert_allclose(run(restored, batches), run(again, batches), rtol=1e-6)
    return restored


def check_reset(metric, batches):
    first = run(metric, batches)
    metric.reset_state()
    for v in metric.variables:
        assert not np.any(np_value(v.value))
    np.testing.assert_allclose(run(metric, batches), first, rtol=1e-6)


def check_jit(make, batches):
    """The stateless update (the same code under a StatelessScope) equals the stateful update; on JAX
    it runs under jax.jit."""
    reference = make()
    expected = run(reference, batches)
    metric = make()
    y_true, y_pred, _ = batches[0]
    if not metric.variables:  # created on the first update: build from the shapes
        metric.build(np.shape(y_true), np.shape(y_pred))
    def step(values, t, p, w):
        return metric.stateless_update_state(values, t, p, sample_weight=w)

    if BACKEND == "jax":
        import jax

        step = jax.jit(step)
    values = [v.value for v in metric.variables]
    for t, p, w in batches:
        values = step(values, t, p, w)
    np.testing.assert_allclose(np_value(metric.stateless_result(values)), expected, rtol=1e-5, atol=1e-6)
    for v in metric.variables:  # the metric itself is untouched
        assert not np.any(np_value(v.value))


# -- data ----------------------------------------------------------------------------------------------------

rng = np.random.default_rng(7)
Y_TRUE = rng.integers(0, 2, size=(12, 4)).astype("float32")
Y_PRED = rng.uniform(size=(12, 4)).astype("float32")
Y_PRED[0, 0], Y_PRED[1, 1], Y_PRED[2, 2] = 0.0, 1.0, 0.5  # edges: exact ends and an exact threshold
WEIGHTS = rng.uniform(0.2, 2.0, size=(12,)).astype("float32")
FULL_WEIGHTS = rng.uniform(0.0, 2.0, size=(12, 4)).astype("float32")
Y_TRUE_2 = rng.integers(0, 2, size=(5, 4)).astype("float32")
Y_PRED_2 = rng.uniform(size=(5, 4)).astype("float32")
LOGITS = rng.normal(scale=2.0, size=(12, 4)).astype("float32")


def batches(weights=None):
    return [(Y_TRUE, Y_PRED, weights), (Y_TRUE_2, Y_PRED_2, None)]


# -- NumPy references ----------------------------------------------------------------------------------------

def np_counts(batch_list, thresholds, top_k=None, class_id=None, multi_label=False, label_weights=None,
              clip=False):
    """tp, fp, tn, fn per threshold (and per label with multi_label): positive when y_pred > t."""
    thresholds = np.asarray(thresholds, "float64")
    total = 0
    for y_true, y_pred, weights in batch_list:
        y_true, y_pred = np.asarray(y_true, "float64"), np.asarray(y_pred, "float32").astype("float64")
        w = np.ones_like(y_pred)
        if weights is not None:
            weights = np.asarray(weights, "float64")
            w = w * (weights if weights.shape == y_pred.shape else weights.reshape(weights.shape + (1,) * (
                y_pred.ndim - weights.ndim)))
        if top_k is not None:
            order = np.argsort(-y_pred, axis=-1)[..., :top_k]
            keep = np.zeros(y_pred.shape, bool)
            np.put_along_axis(keep, order, True, axis=-1)
            y_pred = np.where(keep, y_pred, cm.NEG_INF)
        if class_id is not None:
            y_true, y_pred, w = y_true[:, class_id], y_pred[:, class_id], w[:, class_id]
        if label_weights is not None:
            w = w * np.asarray(label_weights, "float64")
        if clip:
            y_pred = np.clip(y_pred, 0.0, 1.0)
        axis = 0 if multi_label else tuple(range(y_pred.ndim))
        label = y_true != 0
        rows = []
        for t in thresholds:
            above = y_pred > np.float32(t)
            rows.append([np.sum(w * (c1 & c2), axis=axis) for c1, c2 in
                         ((label, above), (~label, above), (~label, ~above), (label, ~above))])
        total = total + np.asarray(rows)  # (T, 4) or (T, 4, L)
    return {k: total[:, i] for i, k in enumerate(("tp", "fp", "tn", "fn"))}


def divide_no_nan(a, b):
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1.0, b))


def squeeze(values, thresholds):
    return values[0] if len(thresholds) == 1 else values


# -- the four counts -----------------------------------------------------------------------------------------

COUNT_CASES = [
    ("TruePositives", "tp", None), ("FalsePositives", "fp", 0.3), ("TrueNegatives", "tn", [0.2, 0.5, 0.9]),
    ("FalseNegatives", "fn", [0.0, 0.5, 1.0]),  # evenly spaced: the bucket path
    ("TruePositives", "tp", [0.0, 0.25, 0.5, 0.75, 1.0]), ("FalsePositives", "fp", [1.0, 0.0]),
]


@pytest.mark.parametrize("name,kind,thresholds", COUNT_CASES)
@pytest.mark.parametrize("weights", [WEIGHTS, FULL_WEIGHTS], ids=["per_sample", "per_entry"])  # batch 2: none
def test_counts_against_numpy(name, kind, thresholds, weights):
    metric = getattr(cm, name)(thresholds=thresholds)
    parsed = [0.5] if thresholds is None else cm._to_list(thresholds)
    expected = np_counts(batches(weights), parsed)[kind]
    np.testing.assert_allclose(run(metric, batches(weights)), squeeze(expected, parsed), rtol=1e-5)
    assert [v.name for v in metric.variables] == ["accumulator"]


@pytest.mark.parametrize("name,kind,thresholds", COUNT_CASES)
def test_counts_against_keras(name, kind, thresholds):
    check_against_keras(cm, name, {"thresholds": thresholds}, batches(WEIGHTS))
    check_reset(getattr(cm, name)(thresholds=thresholds), batches())
    check_config(getattr(cm, name)(thresholds=thresholds), batches(WEIGHTS))


def test_counts_of_rank_one_and_trailing_one_inputs():
    y_true, y_pred = np.array([1, 0, 1, 1], "float32"), np.array([[0.9], [0.8], [0.2], [0.6]], "float32")
    assert float(run(cm.TruePositives(), [(y_true, y_pred, None)])) == 2.0
    assert float(run(cm.FalsePositives(), [(y_true, y_pred, np.array([1.0, 3.0, 1.0, 1.0]))])) == 3.0
    np.testing.assert_allclose(run(cm.FalseNegatives(thresholds=[0.1, 0.7]), [(y_true == 1, y_pred, None)]),
                               [0.0, 2.0])


# -- precision and recall ------------------------------------------------------------------------------------

PR_CASES = [
    {}, {"thresholds": 0.3}, {"thresholds": [0.2, 0.5, 0.8]}, {"thresholds": [0.0, 0.5, 1.0]},
    {"top_k": 2}, {"top_k": 1, "thresholds": [0.1, 0.6]}, {"class_id": 2}, {"class_id": 1, "thresholds": [0.3, 0.7]},
    {"top_k": 3, "class_id": 0},
]


@pytest.mark.parametrize("kwargs", PR_CASES, ids=[json.dumps(k) for k in PR_CASES])
@pytest.mark.parametrize("name", ["Precision", "Recall"])
@pytest.mark.parametrize("weights", [WEIGHTS, FULL_WEIGHTS], ids=["per_sample", "per_entry"])  # batch 2: none
def test_precision_recall_against_numpy(name, kwargs, weights):
    # per-entry weights with class_id follow the kept column (Keras 3 rejects that combination)
    metric = getattr(cm, name)(**kwargs)
    thresholds = cm._to_list(kwargs.get("thresholds", 0.5 if "top_k" not in kwargs else cm.NEG_INF))
    counts = np_counts(batches(weights), thresholds, top_k=kwargs.get("top_k"), class_id=kwargs.get("class_id"))
    other = counts["fp"] if name == "Precision" else counts["fn"]
    expected = divide_no_nan(counts["tp"], counts["tp"] + other)
    np.testing.assert_allclose(run(metric, batches(weights)), squeeze(expected, thresholds), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("kwargs", PR_CASES, ids=[json.dumps(k) for k in PR_CASES])
@pytest.mark.parametrize("name", ["Precision", "Recall"])
def test_precision_recall_against_keras(name, kwargs):
    check_against_keras(cm, name, kwargs, batches(WEIGHTS))
    check_config(getattr(cm, name)(**kwargs), batches())
    check_reset(getattr(cm, name)(**kwargs), batches())


def test_precision_recall_simple_values_and_no_positives():
    y_true, y_pred = np.array([0, 1, 1, 1], "float32"), np.array([1, 0, 1, 1], "float32")
    np.testing.assert_allclose(run(cm.Precision(), [(y_true, y_pred, None)]), 2 / 3)
    np.testing.assert_allclose(run(cm.Recall(), [(y_true, y_pred, None)]), 2 / 3)
    np.testing.assert_allclose(run(cm.Precision(), [(y_true, y_pred, np.array([0, 0, 1, 0]))]), 1.0)
    assert float(run(cm.Precision(), [(y_true, np.zeros(4, "float32"), None)])) == 0.0  # 0 / 0 is 0
    assert cm.Precision()._direction == "up"


def test_precision_jit():
    check_jit(lambda: cm.Precision(top_k=2, thresholds=[0.1, 0.5]), batches(WEIGHTS))
    check_jit(lambda: cm.Recall(class_id=1, thresholds=[0.0, 0.5, 1.0]), batches(FULL_WEIGHTS))
    check_jit(lambda: cm.TrueNegatives(thresholds=[0.2, 0.8]), batches(WEIGHTS))


# -- the "at fixed rate" family ------------------------------------------------------------------------------

def np_at(name, value, counts):
    tp, fp, tn, fn = counts["tp"], counts["fp"], counts["tn"], counts["fn"]
    recall, precision, specificity = divide_no_nan(tp, tp + fn), divide_no_nan(tp, tp + fp), divide_no_nan(
        tn, tn + fp)
    constraint, target = {"SensitivityAtSpecificity": (specificity, recall),
                          "SpecificityAtSensitivity": (recall, specificity),
                          "PrecisionAtRecall": (recall, precision),
                          "RecallAtPrecision": (precision, recall)}[name]
    return max(0.0, np.max(np.where(constraint >= np.float32(value), target, 0.0)))


AT_CASES = [("SensitivityAtSpecificity", "specificity", 0.6, {}),
            ("SpecificityAtSensitivity", "sensitivity", 0.7, {"num_thresholds": 11}),
            ("PrecisionAtRecall", "recall", 0.5, {"class_id": 1}),
            ("RecallAtPrecision", "precision", 0.55, {"num_thresholds": 1}),
            ("RecallAtPrecision", "precision", 0.8, {"num_thresholds": 50, "class_id": 3}),
            ("PrecisionAtRecall", "recall", 1.0, {"num_thresholds": 3})]


def at_thresholds(n):
    return [0.5] if n == 1 else [0.0] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1.0]


@pytest.mark.parametrize("name,argument,value,kwargs", AT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(AT_CASES)])
@pytest.mark.parametrize("weights", [WEIGHTS, FULL_WEIGHTS], ids=["per_sample", "per_entry"])  # batch 2: none
def test_at_fixed_rate_against_numpy(name, argument, value, kwargs, weights):
    metric = getattr(cm, name)(value, **kwargs)
    n = kwargs.get("num_thresholds", 200)
    counts = np_counts(batches(weights), at_thresholds(n), class_id=kwargs.get("class_id"), clip=n > 1)
    np.testing.assert_allclose(run(metric, batches(weights)), np_at(name, value, counts), rtol=1e-5, atol=1e-6)
    assert getattr(metric, argument) == value and metric.num_thresholds == n
    assert [v.name for v in metric.variables] == ["true_positives", "false_positives", "true_negatives",
                                                  "false_negatives"]


@pytest.mark.parametrize("name,argument,value,kwargs", AT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(AT_CASES)])
def test_at_fixed_rate_against_keras(name, argument, value, kwargs):
    check_against_keras(cm, name, {argument: value, **kwargs}, batches(WEIGHTS))
    check_config(getattr(cm, name)(value, **kwargs), batches())
    check_reset(getattr(cm, name)(value, **kwargs), batches())


def test_at_fixed_rate_jit():
    check_jit(lambda: cm.PrecisionAtRecall(0.4, num_thresholds=20, class_id=2), batches(WEIGHTS))
    check_jit(lambda: cm.SensitivityAtSpecificity(0.5), batches(FULL_WEIGHTS))


# -- AUC -----------------------------------------------------------------------------------------------------

def auc_thresholds(num_thresholds=200, thresholds=None):
    inner = sorted(thresholds) if thresholds is not None else [
        (i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [-EPS] + inner + [1.0 + EPS]


def np_auc(counts, curve="ROC", summation="interpolation", multi_label=False, label_weights=None):
    tp, fp, tn, fn = counts["tp"], counts["fp"], counts["tn"], counts["fn"]
    if curve == "PR" and summation == "interpolation":
        pieces = np_interpolated_pr(tp, fp, fn)
    else:
        recall = divide_no_nan(tp, tp + fn)
        if curve == "ROC":
            x, y = divide_no_nan(fp, fp + tn), recall
        elif curve == "PR":
            x, y = recall, divide_no_nan(tp, tp + fp)
        else:  # PR gain
            scale = divide_no_nan(tp + fn, tn + fp)
            x = np.maximum(np.where(tp == 0, 0.0, 1 - scale * divide_no_nan(fn, tp)), 0.0)
            y = np.where(tp == 0, 1.0, 1 - scale * divide_no_nan(fp, tp))
        heights = {"interpolation": (y[:-1] + y[1:]) / 2, "minoring": np.minimum(y[:-1], y[1:]),
                   "majoring": np.maximum(y[:-1], y[1:])}[summation]
        pieces = (x[:-1] - x[1:]) * heights
    if not multi_label:
        return pieces.sum()
    per_label = pieces.sum(axis=0)
    if label_weights is None:
        return per_label.mean()
    return (per_label * label_weights).sum() / np.sum(label_weights)


def np_interpolated_pr(tp, fp, fn, steps=2001):
    """Area under precision-recall with tp and p = tp + fp linear between thresholds, by quadrature."""
    p = tp + fp
    positives = tp[1:] + fn[1:]
    pieces = np.zeros_like(tp[1:])
    for i in np.ndindex(pieces.shape):
        lo, hi = (i[0] + 1,) + i[1:], i
        if p[hi] - p[lo] <= 0 or positives[i] <= 0:
            continue
        s = np.linspace(0.0, 1.0, steps)
        p_s = p[lo] + s * (p[hi] - p[lo])
        tp_s = tp[lo] + s * (tp[hi] - tp[lo])
        precision = np.where(p_s > 0, tp_s / np.where(p_s > 0, p_s, 1.0), 0.0)
        recall = tp_s / positives[i]
        pieces[i] = np.trapezoid(precision, recall) if hasattr(np, "trapezoid") else np.trapz(precision, recall)
        if p[lo] == 0:  # then tp[lo] = 0 too and precision is the slope all along (its limit at p = 0)
            pieces[i] = (tp[hi] - tp[lo]) / (p[hi] - p[lo]) * (tp[hi] - tp[lo]) / positives[i]
    return pieces


AUC_CASES = [
    {}, {"num_thresholds": 7}, {"curve": "PR"}, {"curve": "pr", "num_thresholds": 13}, {"curve": "PRGAIN"},
    {"summation_method": "minoring"}, {"summation_method": "Majoring", "curve": "PR"},
    {"thresholds": [0.3, 0.5, 0.9]}, {"thresholds": [0.25, 0.5, 0.75]},  # the latter evenly spaced
    {"multi_label": True}, {"multi_label": True, "num_labels": 4, "curve": "PR"},
    {"multi_label": True, "label_weights": [1.0, 2.0, 0.5, 0.0], "summation_method": "minoring"},
    {"label_weights": [1.0, 2.0, 0.5, 0.0]}, {"thresholds": [0.6, 0.1, 0.4], "multi_label": True},
]


def auc_counts(kwargs, batch_list):
    thresholds = auc_thresholds(kwargs.get("num_thresholds", 200), kwargs.get("thresholds"))
    multi = kwargs.get("multi_label", False)
    even = cm.evenly_spaced([0.0] + thresholds[1:-1] + [1.0])
    return np_counts(batch_list, thresholds, multi_label=multi, clip=even,
                     label_weights=None if multi else kwargs.get("label_weights"))


@pytest.mark.parametrize("kwargs", AUC_CASES, ids=[json.dumps(k) for k in AUC_CASES])
@pytest.mark.parametrize("weights", [WEIGHTS, FULL_WEIGHTS], ids=["per_sample", "per_entry"])  # batch 2: none
def test_auc_against_numpy(kwargs, weights):
    metric = cm.AUC(**kwargs)
    curve = {"pr": "PR"}.get(kwargs.get("curve"), kwargs.get("curve", "ROC"))
    expected = np_auc(auc_counts(kwargs, batches(weights)), curve, kwargs.get("summation_method",
                                                                               "interpolation").lower(),
                      kwargs.get("multi_label", False), kwargs.get("label_weights"))
    atol = 2e-4 if curve == "PR" and kwargs.get("summation_method") is None else 1e-5
    np.testing.assert_allclose(run(metric, batches(weights)), expected, rtol=1e-4, atol=atol)


@pytest.mark.parametrize("kwargs", AUC_CASES, ids=[json.dumps(k) for k in AUC_CASES])
def test_auc_against_keras(kwargs):
    check_against_keras(cm, "AUC", kwargs, batches(WEIGHTS))
    check_config(cm.AUC(**kwargs), batches())
    check_reset(cm.AUC(**kwargs), batches())


def test_auc_from_logits_against_numpy_and_keras():
    sigmoid = 1 / (1 + np.exp(-LOGITS.astype("float64")))
    data = [(Y_TRUE, sigmoid.astype("float32"), WEIGHTS)]
    expected = run(cm.AUC(), data)
    np.testing.assert_allclose(run(cm.AUC(from_logits=True), [(Y_TRUE, LOGITS, WEIGHTS)]), expected, rtol=1e-5)
    check_against_keras(cm, "AUC", {"from_logits": True, "curve": "PR"}, [(Y_TRUE, LOGITS, WEIGHTS)])
    check_against_keras(cm, "AUC", {"from_logits": True, "multi_label": True}, [(Y_TRUE, LOGITS, None)])


def test_roc_auc_approaches_the_rank_statistic():
    y_true, y_pred = Y_TRUE.ravel(), Y_PRED.ravel()
    w = np.repeat(WEIGHTS, 4)
    pos, neg = y_pred[y_true == 1], y_pred[y_true == 0]
    wp, wn = w[y_true == 1], w[y_true == 0]
    pairs = wp[:, None] * wn[None, :]
    rank = (pairs * ((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :]))).sum() / pairs.sum()
    value = run(cm.AUC(num_thresholds=5000), [(y_true, y_pred, w)])
    np.testing.assert_allclose(value, rank, atol=2e-3)
    assert float(run(cm.AUC(), [(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9]), None)])) > 0.999
    assert float(run(cm.AUC(curve="PR"), [(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9]), None)])) > 0.99


def test_auc_variables_thresholds_and_build():
    auc = cm.AUC(num_thresholds=5)
    np.testing.assert_allclose(auc.thresholds, [-EPS, 0.25, 0.5, 0.75, 1 + EPS])
    assert [(v.name, v.shape) for v in auc.variables] == [(n, (5,)) for n in (
        "true_positives", "false_positives", "true_negatives", "false_negatives")]
    lazy = cm.AUC(multi_label=True, num_thresholds=4)
    assert lazy.variables == []
    lazy.reset_state()  # nothing to reset yet
    run(lazy, batches())
    assert [v.shape for v in lazy.variables] == [(4, 4)] * 4
    config = cm.AUC(thresholds=[0.7, 0.2]).get_config()
    assert config["thresholds"] == [0.2, 0.7] and config["num_thresholds"] == 4
    assert "thresholds" not in cm.AUC().get_config()


def test_auc_jit():
    check_jit(lambda: cm.AUC(num_thresholds=50), batches(WEIGHTS))
    check_jit(lambda: cm.AUC(curve="PR", multi_label=True, num_labels=4), batches(FULL_WEIGHTS))
    check_jit(lambda: cm.AUC(thresholds=[0.2, 0.4, 0.9], multi_label=True, num_labels=4,
                             label_weights=[1, 2, 3, 4]), batches(WEIGHTS))
    check_jit(lambda: cm.AUC(curve="PRGAIN", from_logits=True, label_weights=[1, 2, 3, 4]),
              [(Y_TRUE, LOGITS, WEIGHTS)])


# -- the shared updater and bad input ------------------------------------------------------------------------

def test_update_confusion_matrix_variables_multi_label_counts():
    from keras_lite.backends import engine

    thresholds = [0.2, 0.6]
    variables = {k: engine.Variable(np.zeros((2, 4), "float32"), name=k) for k in ("tp", "fp", "tn", "fn")}
    cm.update_confusion_matrix_variables(variables, Y_TRUE, Y_PRED, thresholds, sample_weight=WEIGHTS,
                                         multi_label=True)
    expected = np_counts([(Y_TRUE, Y_PRED, WEIGHTS)], thresholds, multi_label=True)
    for k, v in variables.items():
        np.testing.assert_allclose(np_value(v.value), expected[k], rtol=1e-5)
    with pytest.raises(ValueError, match="keys"):
        cm.update_confusion_matrix_variables({"tpr": variables["tp"]}, Y_TRUE, Y_PRED, thresholds)
    with pytest.raises(ValueError, match="label_weights"):
        cm.update_confusion_matrix_variables(variables, Y_TRUE, Y_PRED, thresholds, multi_label=True,
                                             label_weights=[1.0, 1.0, 1.0, 1.0])


def test_bad_arguments_name_the_culprit():
    with pytest.raises(ValueError, match="thresholds"):
        cm.TruePositives(thresholds=[0.5, 1.5])
    with pytest.raises(ValueError, match="thresholds"):
        cm.Precision(thresholds=-0.1)
    with pytest.raises(ValueError, match="class_id"):
        cm.Recall(class_id=0).update_state(np.array([1.0, 0.0]), np.array([0.3, 0.9]))
    with pytest.raises(ValueError, match="specificity"):
        cm.SensitivityAtSpecificity(1.5)
    with pytest.raises(ValueError, match="sensitivity"):
        cm.SpecificityAtSensitivity(-0.5)
    with pytest.raises(ValueError, match="recall"):
        cm.PrecisionAtRecall(2.0)
    with pytest.raises(ValueError, match="num_thresholds"):
        cm.RecallAtPrecision(0.5, num_thresholds=0)
    with pytest.raises(ValueError, match="num_thresholds"):
        cm.AUC(num_thresholds=1)
    with pytest.raises(ValueError, match="curve"):
        cm.AUC(curve="DET")
    with pytest.raises(ValueError, match="summation_method"):
        cm.AUC(summation_method="trapezoid")
    with pytest.raises(ValueError, match="num_labels"):
        cm.AUC(num_labels=3)
    with pytest.raises(ValueError, match="rank 2"):
        cm.AUC(multi_label=True).update_state(np.ones((2, 3, 4)), np.ones((2, 3, 4)))
