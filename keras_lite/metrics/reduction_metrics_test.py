"""Sum, Mean and MeanMetricWrapper against NumPy and Keras 3; `check_metric`, the contract every metric
test uses (NumPy reference over several weighted batches, masks, state equal to Keras's, config round trip,
reset, and the stateless form JAX runs)."""
import json

import numpy as np
import pytest

from keras_lite import metrics, ops
from keras_lite.backends import BACKEND

keras = pytest.importorskip("keras")

RTOL, ATOL = 2e-5, 2e-6


class Masked(np.ndarray):
    """A NumPy array carrying `_keras_mask`, as a masking layer's output does (on every backend)."""


def masked(x, mask):
    out = np.asarray(x).view(Masked)
    out._keras_mask = np.asarray(mask)
    return out


def np_value(x):
    return np.asarray(ops.convert_to_numpy(x))


def keras_value(x):
    return np.asarray(keras.ops.convert_to_numpy(x))


def jsonable(config):
    return json.loads(json.dumps(config))


def np_weighted_mean(batches, reference):
    """The reference result: each sample's values averaged, then a weighted mean over all samples seen."""
    total = count = 0.0
    for y_true, y_pred, weights in batches:
        values = np.asarray(reference(np.asarray(y_true), np.asarray(y_pred)), "float64")
        per_sample = values.reshape(values.shape[0], -1).mean(axis=1)
        w = np.ones_like(per_sample) if weights is None else np.asarray(weights, "float64").reshape(-1)
        total += (per_sample * w).sum()
        count += w.sum()
    return total / count


def _run(metric, batches):
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    return metric.result()


def check_metric(name, kwargs, batches, reference=None, fn=None, expected=None, oracle=True, lossy_config=False):
    """Check metric class `name` over `batches` [(y_true, y_pred, sample_weight)] against
    `expected` (or the weighted mean of `reference`'s per-sample NumPy values) and Keras 3."""
    cls = getattr(metrics, name)
    if expected is None:
        expected = np_weighted_mean(batches, reference)
    metric = cls(**kwargs)
    np.testing.assert_allclose(np_value(_run(metric, batches)), expected, rtol=RTOL, atol=ATOL)
    if fn is not None:
        y_true, y_pred, _ = batches[0]
        fn_kwargs = {k: v for k, v in kwargs.items() if k != "name"}
        np.testing.assert_allclose(np_value(fn(y_true, y_pred, **fn_kwargs)), reference(y_true, y_pred), rtol=RTOL,
                                   atol=ATOL)
        theirs_fn = getattr(keras.metrics, fn.__name__, None)  # keras.metrics has no `accuracy` function
        if oracle and theirs_fn is not None:
            np.testing.assert_allclose(np_value(fn(y_true, y_pred, **fn_kwargs)),
                                       keras_value(theirs_fn(y_true, y_pred, **fn_kwargs)), rtol=1e-5, atol=1e-6)
    # the stateless form returns the same state and leaves the variables alone
    before = [np_value(v.value) for v in metric.variables]
    y_true, y_pred, weights = batches[0]
    new_values = metric.stateless_update_state([v.value for v in metric.variables], y_true, y_pred,
                                               sample_weight=weights)
    for v, b in zip(metric.variables, before):
        np.testing.assert_array_equal(np_value(v.value), b)
    metric.update_state(y_true, y_pred, sample_weight=weights)
    for v, n in zip(metric.variables, new_values):
        np.testing.assert_allclose(np_value(v.value), np_value(n), rtol=1e-6)
    np.testing.assert_allclose(np_value(metric.stateless_result(new_values)), np_value(metric.result()), rtol=1e-6)
    metric.reset_state()
    assert all(not np.any(np_value(v.value)) for v in metric.variables)
    # config: what Keras writes, and a round trip that measures the same
    config = metric.get_config()
    restored = cls.from_config(jsonable(config))
    if not lossy_config:
        np.testing.assert_allclose(np_value(_run(restored, batches)), expected, rtol=RTOL, atol=ATOL)
    again = metrics.deserialize(jsonable(metrics.serialize(metric)))
    assert type(again) is cls and again.get_config() == restored.get_config()
    if oracle:
        theirs = getattr(keras.metrics, name)(**kwargs)
        assert jsonable(config) == jsonable(theirs.get_config())
        ours = cls(**kwargs)
        np.testing.assert_allclose(np_value(_run(ours, batches)), keras_value(_run(theirs, batches)), rtol=1e-5,
                                   atol=1e-6)
        assert len(ours.variables) == len(theirs.variables)
        for a, b in zip(ours.variables, theirs.variables):
            np.testing.assert_allclose(np_value(a.value), keras_value(b.value), rtol=1e-5, atol=1e-6)


def check_mean_metric(name, kwargs, y_true, y_pred, reference, fn=None, oracle=True, lossy_config=False):
    """check_metric over two batches (the second weighted), plus a masked batch."""
    half = len(y_true) // 2
    weights = np.linspace(0.5, 2.0, len(y_true) - half).astype("float32")
    batches = [(y_true[:half], y_pred[:half], None), (y_true[half:], y_pred[half:], weights)]
    check_metric(name, kwargs, batches, reference, fn=fn, oracle=oracle, lossy_config=lossy_config)
    mask = np.arange(len(y_true)) % 3 != 1
    metric = getattr(metrics, name)(**kwargs)
    metric.update_state(y_true, masked(y_pred, mask))
    np.testing.assert_allclose(np_value(metric.result()), np_weighted_mean([(y_true, y_pred, mask)], reference),
                               rtol=RTOL, atol=ATOL)


# -- Sum, Mean, MeanMetricWrapper ------------------------------------------------------------------------------

VALUES = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "float32")


@pytest.mark.parametrize("weights", [None, np.array([0.5, 2.0], "float32"), np.array([[0.5], [2.0]], "float32"),
                                     np.array([[1.0, 0.0, 2.0], [0.5, 0.5, 0.0]], "float32"), np.float32(3.0)],
                         ids=["none", "per-sample", "per-sample-1", "per-entry", "scalar"])
def test_sum_and_mean_against_numpy_and_keras(weights):
    w = np.ones_like(VALUES) if weights is None else np.broadcast_to(
        np.reshape(weights, np.shape(weights) + (1,) * (2 - np.ndim(weights))) if np.ndim(weights) else weights,
        VALUES.shape)
    for name, expected in (("Sum", (VALUES * w).sum()), ("Mean", (VALUES * w).sum() / w.sum())):
        ours, theirs = getattr(metrics, name)(), getattr(keras.metrics, name)()
        for _ in range(2):
            ours.update_state(VALUES, sample_weight=weights)
            theirs.update_state(VALUES, sample_weight=weights)
        np.testing.assert_allclose(np_value(ours.result()), expected * (2 if name == "Sum" else 1), rtol=1e-6)
        np.testing.assert_allclose(np_value(ours.result()), keras_value(theirs.result()), rtol=1e-6)
        for a, b in zip(ours.variables, theirs.variables):
            np.testing.assert_allclose(np_value(a.value), keras_value(b.value), rtol=1e-6)
        assert ours.get_config() == theirs.get_config()


def test_mean_counts_samples_and_weights_like_keras():
    mean = metrics.Mean()
    mean.update_state(VALUES)
    assert float(np_value(mean.count.value)) == 2.0  # samples, not entries
    mean.update_state([1.0, 3.0], sample_weight=[0.0, 1.0])
    np.testing.assert_allclose(np_value(mean.result()), (2.0 + 5.0 + 3.0) / 3)
    mean.reset_state()
    assert float(np_value(mean.result())) == 0.0
    scalar = metrics.Mean()
    scalar.update_state(4.0)
    np.testing.assert_allclose(np_value(scalar.result()), 4.0)


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16", "float64"])
@pytest.mark.parametrize("weight", [64, 257, 2049, 70000, 0.3])
def test_a_python_weight_counts_as_the_same_weight_tensor(dtype, weight):
    """The loss tracker's path (one value, a Python batch size) makes no weight tensor, yet rounds the
    weight exactly as converting it to a tensor of the metric's dtype does (float16 overflow included)."""
    fast, reference = metrics.Mean(dtype=dtype), metrics.Mean(dtype=dtype)
    as_tensor = ops.cast(ops.convert_to_tensor(np.asarray(weight, "float32" if type(weight) is float else "int32")),
                         dtype)
    for value in (2.3, 123.456):
        fast.update_state(ops.convert_to_tensor(value, "float32"), sample_weight=weight)
        reference.update_state(ops.convert_to_tensor(value, "float32"), sample_weight=as_tensor)
    for name in ("total", "count"):
        np.testing.assert_array_equal(np_value(getattr(fast, name).value).astype("float64"),
                                      np_value(getattr(reference, name).value).astype("float64"))


def test_a_python_weight_on_a_list_of_values_takes_the_general_path():
    mean = metrics.Mean()
    mean.update_state([1.0, 3.0], sample_weight=2)
    np.testing.assert_allclose(np_value(mean.result()), 2.0)
    assert float(np_value(mean.count.value)) == 2.0  # a scalar weight weights the (reduced) batch once


def test_mean_reads_a_mask_on_the_values():
    mean = metrics.Mean()
    mean.update_state(masked(np.array([1.0, 10.0, 3.0], "float32"), [True, False, True]))
    np.testing.assert_allclose(np_value(mean.result()), 2.0)


def test_mean_metric_wrapper_with_a_function():
    def halved_error(y_true, y_pred, scale=0.5):
        return ops.multiply(ops.mean(ops.absolute(ops.subtract(y_true, y_pred)), axis=-1), scale)

    y_true, y_pred = np.zeros((4, 2), "float32"), np.arange(8, dtype="float32").reshape(4, 2)
    reference = lambda t, p: np.abs(t - p).mean(-1) * 0.25  # noqa: E731
    batches = [(y_true, y_pred, None), (y_true[:2], y_pred[:2], np.array([1.0, 3.0], "float32"))]
    metric = metrics.MeanMetricWrapper(halved_error, scale=0.25)
    assert metric.name == "mean_metric_wrapper" and metric.scale == 0.25
    np.testing.assert_allclose(np_value(_run(metric, batches)), np_weighted_mean(batches, reference), rtol=1e-6)


def test_mean_metric_wrapper_config_names_its_function():
    metric = metrics.MeanMetricWrapper(metrics.huber, name="h", delta=0.5)
    config = jsonable(metric.get_config())
    assert config == jsonable(keras.metrics.MeanMetricWrapper(keras.metrics.huber, name="h", delta=0.5).get_config())
    restored = metrics.MeanMetricWrapper.from_config(config)
    assert restored._fn is metrics.huber and restored.delta == 0.5 and restored.name == "h"


@pytest.mark.skipif(BACKEND != "jax", reason="jit of the stateless update is the JAX training path")
def test_stateless_update_runs_under_jax_jit():
    import jax

    for metric in (metrics.Mean(), metrics.BinaryAccuracy(), metrics.RootMeanSquaredError(),
                   metrics.SparseTopKCategoricalAccuracy(k=2)):
        y_true = np.array([1, 0, 2], "int32") if "top_k" in metric.name else np.array([[1.0], [0.0], [1.0]])
        y_pred = np.eye(3, dtype="float32") if "top_k" in metric.name else np.array([[0.7], [0.2], [0.4]], "float32")
        args = (y_pred,) if metric.name == "mean" else (y_true, y_pred)
        step = jax.jit(lambda state, *a: metric.stateless_update_state(state, *a))
        state = step([v.value for v in metric.variables], *args)
        state = step(state, *args)
        for _ in range(2):
            metric.update_state(*args)
        np.testing.assert_allclose(np_value(metric.stateless_result(state)), np_value(metric.result()), rtol=1e-6)


@pytest.mark.requires_trainable_backend
def test_metrics_in_fit_and_evaluate_match_the_metric_on_predictions():
    import keras_lite

    rng = np.random.default_rng(8)
    x, y = rng.random((16, 3)).astype("float32"), rng.integers(0, 4, size=(16,))
    model = keras_lite.Sequential([keras_lite.Input((3,)), keras_lite.layers.Dense(4)])
    chosen = [metrics.SparseTopKCategoricalAccuracy(k=2), metrics.SparseCategoricalCrossentropy(from_logits=True),
              "sparse_categorical_accuracy"]
    model.compile(optimizer="sgd", loss=keras_lite.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=chosen)
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    logs = model.evaluate(x, y, batch_size=16, verbose=0, return_dict=True)
    scores = model.predict(x, verbose=0)
    for metric in (metrics.SparseTopKCategoricalAccuracy(k=2), metrics.SparseCategoricalCrossentropy(from_logits=True),
                   metrics.SparseCategoricalAccuracy()):
        metric.update_state(y, scores)
        np.testing.assert_allclose(logs[metric.name], np_value(metric.result()), rtol=1e-5)


def test_names_get_accepts_match_keras():
    from keras.src.metrics import ALL_OBJECTS_DICT

    shared = {name: cls for name, cls in ALL_OBJECTS_DICT.items() if hasattr(metrics, cls.__name__)}
    assert {name: metrics._BY_NAME.get(name).__name__ for name in shared} == \
        {name: cls.__name__ for name, cls in shared.items()}
    assert type(metrics.get("Sum")) is metrics.Sum and metrics.get(None) is None
    metric = metrics.get({"class_name": "BinaryAccuracy", "config": {"threshold": 0.7}})
    assert metric.threshold == 0.7
    with pytest.raises(ValueError, match="metric identifier"):
        metrics.get("no_such_metric")
