"""Minimum: contract, values, the functional form, shape errors, masked inputs (Keras's rule)."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.minimum import Minimum, minimum
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(Minimum, {}, [(2, 3), (2, 3)], expected_output_shape=(2, 3))
    run_layer_test(Minimum, {}, [(2, 4, 3), (2, 3), (2, 1)], expected_output_shape=(2, 4, 3))


def test_values_and_functional_form():
    rng = np.random.default_rng(0)
    a, b, c = (rng.normal(size=(2, 3)).astype("float32") for _ in range(3))
    np.testing.assert_allclose(_np(Minimum()([a, b, c])), np.minimum(np.minimum(a, b), c))
    assert minimum([Input((3,)), Input((3,))]).shape == (None, 3)
    with pytest.raises(ValueError, match=r"'mn'.*\(None, 3\), \(None, 2\)"):
        Minimum(name="mn")([Input((3,)), Input((2,))])


def test_masked_values():
    """A masked-out entry of one input takes the other input's value (where both are out: the plain min)."""
    rng = np.random.default_rng(1)
    x1, x2 = rng.normal(size=(2, 3, 4)).astype("float32"), rng.normal(size=(2, 3, 4)).astype("float32")
    m1, m2 = rng.random((2, 3)) > 0.5, rng.random((2, 3)) > 0.5
    e1, e2 = m1[..., None], m2[..., None]
    expected = np.where(e1 & e2, np.minimum(x1, x2), np.where(e1, x1, np.where(e2, x2, x1)))
    layer = Minimum()
    np.testing.assert_allclose(_np(layer([x1, x2], mask=[m1, m2])), expected)
    np.testing.assert_array_equal(_np(layer.compute_mask([x1, x2], [m1, m2])), m1 | m2)
    np.testing.assert_allclose(_np(layer([x1, x2])), np.minimum(x1, x2))


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    assert Minimum(name="m").get_config() == keras.layers.Minimum(name="m").get_config()
