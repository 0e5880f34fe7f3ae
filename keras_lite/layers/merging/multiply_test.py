"""Multiply: contract, values, the functional form, shape errors, masked inputs (Keras's rule)."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.multiply import Multiply, multiply
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(Multiply, {}, [(2, 3), (2, 3)], expected_output_shape=(2, 3))
    run_layer_test(Multiply, {}, [(2, 4, 3), (2, 3)], expected_output_shape=(2, 4, 3))


def test_values_and_functional_form():
    rng = np.random.default_rng(0)
    a, b, c = (rng.normal(size=(2, 3)).astype("float32") for _ in range(3))
    np.testing.assert_allclose(_np(Multiply()([a, b, c])), a * b * c, rtol=1e-6)
    assert multiply([Input((3,)), Input((1,))]).shape == (None, 3)
    with pytest.raises(ValueError, match=r"'mul'.*\(None, 3\), \(None, 2\)"):
        Multiply(name="mul")([Input((3,)), Input((2,))])


def test_masked_values():
    """Masked-out entries count as 1; entries masked out in every input are 0."""
    rng = np.random.default_rng(1)
    x1, x2 = rng.normal(size=(2, 3, 4)).astype("float32"), rng.normal(size=(2, 3, 4)).astype("float32")
    m1, m2 = rng.random((2, 3)) > 0.5, rng.random((2, 3)) > 0.5
    e1, e2 = m1[..., None], m2[..., None]
    expected = np.where(e1 | e2, np.where(e1, x1, 1) * np.where(e2, x2, 1), 0)
    layer = Multiply()
    np.testing.assert_allclose(_np(layer([x1, x2], mask=[m1, m2])), expected, rtol=1e-6)
    # Only some inputs masked: masked entries count as 1, nothing is zeroed, and no output mask.
    np.testing.assert_allclose(_np(layer([x1, x2], mask=[m1, None])), np.where(e1, x1, 1) * x2, rtol=1e-6)
    assert layer.compute_mask([x1, x2], [m1, None]) is None


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    assert Multiply(name="m").get_config() == keras.layers.Multiply(name="m").get_config()
