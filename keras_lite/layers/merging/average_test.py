"""Average: contract, values, the functional form, shape errors, masks."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.average import Average, average
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(Average, {}, [(2, 3), (2, 3), (2, 3)], expected_output_shape=(2, 3))


def test_values_and_functional_form():
    rng = np.random.default_rng(0)
    a, b, c = (rng.normal(size=(2, 3)).astype("float32") for _ in range(3))
    np.testing.assert_allclose(_np(Average()([a, b, c])), (a + b + c) / 3, rtol=1e-6)
    assert average([Input((2, 3)), Input((3,))]).shape == (None, 2, 3)


def test_errors_and_masks():
    with pytest.raises(ValueError, match=r"'avg'.*\(None, 3\), \(None, 2\)"):
        Average(name="avg")([Input((3,)), Input((2,))])
    m1, m2 = np.array([[True, False]]), np.array([[False, False]])
    x = np.ones((1, 2, 3), "float32")
    np.testing.assert_array_equal(_np(Average().compute_mask([x, x], [m1, m2])), m1 | m2)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    assert Average(name="a").get_config() == keras.layers.Average(name="a").get_config()
