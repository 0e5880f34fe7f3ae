"""ReLU: contract, values against NumPy and Keras, config, argument checks."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.activations.relu import ReLU
from keras_lite.testing.layer_contract import run_layer_test

X = np.linspace(-3, 3, 13, dtype="float32").reshape(1, 13)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _reference(x, max_value=None, negative_slope=0.0, threshold=0.0):
    out = np.where(x > threshold, x, 0.0)
    out = out if max_value is None else np.minimum(out, max_value)
    return out + negative_slope * np.minimum(x - threshold, 0.0)


@pytest.mark.parametrize("kwargs", [{}, {"max_value": 1.5}, {"negative_slope": 0.1, "threshold": 0.5},
                                    {"max_value": 2.0, "negative_slope": 0.2, "threshold": 1.0}])
def test_contract_and_values(kwargs):
    run_layer_test(ReLU, kwargs, (2, 3), expected_output_shape=(2, 3))
    np.testing.assert_allclose(_np(ReLU(**kwargs)(X)), _reference(X, **kwargs), rtol=1e-6)


@pytest.mark.parametrize("kwargs", [{"max_value": 2.0, "negative_slope": 0.2, "threshold": 1.0},
                                    {"threshold": 0.5}, {"max_value": 6.0}, {"negative_slope": 0.1}])
def test_values_match_keras(kwargs):
    keras = pytest.importorskip("keras")
    np.testing.assert_allclose(_np(ReLU(**kwargs)(X)), np.asarray(keras.ops.convert_to_numpy(
        keras.layers.ReLU(**kwargs)(X))), rtol=1e-6)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    kwargs = {"max_value": 6.0, "negative_slope": 0.1, "threshold": 0.5, "name": "r"}
    theirs = keras.layers.ReLU(**kwargs).get_config()
    assert ReLU(**kwargs).get_config() == theirs
    assert ReLU.from_config(theirs).get_config() == theirs


@pytest.mark.parametrize("kwargs,culprit", [
    ({"max_value": -1.0}, "max_value"), ({"negative_slope": -0.1}, "negative_slope"),
    ({"negative_slope": None}, "negative_slope"), ({"threshold": -1.0}, "threshold")])
def test_bad_arguments(kwargs, culprit):
    with pytest.raises(ValueError, match=f"ReLU: {culprit}"):
        ReLU(**kwargs)


def test_supports_masking():
    assert ReLU().supports_masking
