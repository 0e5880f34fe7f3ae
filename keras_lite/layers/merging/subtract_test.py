"""Subtract: contract, values, the functional form, exactly two inputs, shape errors."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.subtract import Subtract, subtract
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(Subtract, {}, [(2, 3), (2, 3)], expected_output_shape=(2, 3))
    run_layer_test(Subtract, {}, [(2, 4, 3), (2, 1)], expected_output_shape=(2, 4, 3))


def test_values_and_functional_form():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 3)).astype("float32"), rng.normal(size=(2, 3)).astype("float32")
    np.testing.assert_allclose(_np(Subtract()([a, b])), a - b, rtol=1e-6)
    assert subtract([Input((3,)), Input((3,))]).shape == (None, 3)


def test_exactly_two_inputs():
    with pytest.raises(ValueError, match="'s3'.*exactly 2 inputs, got 3"):
        Subtract(name="s3")([Input((3,))] * 3)
    with pytest.raises(ValueError, match="exactly 2 inputs, got 1"):
        Subtract()([np.ones((1, 3), "float32")])


def test_incompatible_shapes():
    with pytest.raises(ValueError, match=r"'sub'.*\(None, 3\), \(None, 2\)"):
        Subtract(name="sub")([Input((3,)), Input((2,))])


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    assert Subtract(name="s").get_config() == keras.layers.Subtract(name="s").get_config()
