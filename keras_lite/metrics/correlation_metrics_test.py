"""Pearson and concordance correlation metrics against NumPy references and Keras 3."""
import numpy as np
import pytest

from keras_lite import metrics
from keras_lite.metrics.reduction_metrics_test import check_mean_metric, np_value

EPS = 1e-7
rng = np.random.default_rng(14)
Y_TRUE = rng.normal(size=(8, 5)).astype("float32")
Y_PRED = (0.7 * Y_TRUE + rng.normal(scale=0.6, size=(8, 5)) + 0.3).astype("float32")


def np_pearson(t, p, axis=-1):
    t, p = t - t.mean(axis, keepdims=True), p - p.mean(axis, keepdims=True)
    return (t * p).mean(axis) / (t.std(axis) * p.std(axis))


def np_concordance(t, p, axis=-1):
    covariance = ((t - t.mean(axis, keepdims=True)) * (p - p.mean(axis, keepdims=True))).mean(axis)
    return 2 * covariance / (t.var(axis) + p.var(axis) + (t.mean(axis) - p.mean(axis)) ** 2 + EPS)


CASES = [
    ("PearsonCorrelation", metrics.pearson_correlation, np_pearson),
    ("ConcordanceCorrelation", metrics.concordance_correlation, np_concordance),
]


@pytest.mark.parametrize("name,fn,reference", CASES, ids=[c[0] for c in CASES])
def test_against_numpy_and_keras(name, fn, reference):
    check_mean_metric(name, {}, Y_TRUE, Y_PRED, reference, fn=fn)


@pytest.mark.parametrize("name,fn,reference", CASES, ids=[c[0] for c in CASES])
def test_along_the_batch_axis(name, fn, reference):
    import keras

    expected = reference(Y_TRUE, Y_PRED, 0)
    np.testing.assert_allclose(np_value(fn(Y_TRUE, Y_PRED, axis=0)), expected, rtol=2e-5, atol=2e-6)
    np.testing.assert_allclose(np_value(fn(Y_TRUE, Y_PRED, axis=0)),
                               keras.ops.convert_to_numpy(getattr(keras.metrics, fn.__name__)(Y_TRUE, Y_PRED, axis=0)),
                               rtol=1e-5, atol=1e-6)
    metric = getattr(metrics, name)(axis=0)
    metric.update_state(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(np_value(metric.result()), expected.mean(), rtol=2e-5)
    assert metric.get_config() == getattr(keras.metrics, name)(axis=0).get_config()
