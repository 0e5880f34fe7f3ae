"""UnitNormalization: contract, NumPy and Keras references, config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.normalization.unit_normalization import UnitNormalization
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("axis,shape", [(-1, (2, 5)), ([1, 2], (2, 3, 4)), (1, (2, 3, 4, 4)), (-1, (2, 4, 4, 3))])
def test_contract(axis, shape):
    run_layer_test(UnitNormalization, {"axis": axis}, shape, expected_output_shape=shape)


@pytest.mark.parametrize("axis,shape", [(-1, (3, 6)), ([1, 2], (2, 3, 4)), (1, (2, 3, 4, 4)), ((-2, -1), (2, 3, 4))])
def test_values_against_numpy_and_keras(axis, shape):
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    x[0] = 0  # a zero sample stays zero (no division by zero)
    axes = tuple(a % x.ndim for a in ([axis] if isinstance(axis, int) else axis))
    norm = np.sqrt(np.square(x).sum(axes, keepdims=True))
    expected = x / np.maximum(norm, 1e-12)
    out = _np(UnitNormalization(axis=axis)(x))
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)
    keras = pytest.importorskip("keras")
    np.testing.assert_allclose(out, keras.ops.convert_to_numpy(keras.layers.UnitNormalization(axis=axis)(x)),
                               rtol=1e-5, atol=1e-6)


def test_config_matches_keras_and_mask_passes_through():
    keras = pytest.importorskip("keras")
    for kwargs in [{"name": "u"}, {"axis": [1, 2], "name": "u"}, {"axis": (1, 2), "name": "u"}]:
        theirs = keras.layers.UnitNormalization(**kwargs).get_config()
        assert UnitNormalization(**kwargs).get_config() == theirs
        assert UnitNormalization.from_config(theirs).get_config() == theirs
    layer = UnitNormalization()
    assert layer.built and layer.weights == []
    mask = np.array([[True, False]])
    np.testing.assert_array_equal(_np(layer.compute_mask(np.ones((1, 2, 3), "float32"), mask)), mask)


def test_bad_input():
    with pytest.raises(TypeError, match="axis"):
        UnitNormalization(axis=1.0)
    with pytest.raises(ValueError, match=r"UnitNormalization.*axis 2 is out of range for input shape \(None, 4\)"):
        UnitNormalization(axis=2)(Input((4,)))
