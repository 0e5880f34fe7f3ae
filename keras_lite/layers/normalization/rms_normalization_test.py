"""RMSNormalization: contract, NumPy and Keras references, weights like Keras, config, bad input."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.normalization.rms_normalization import RMSNormalization
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("axis,shape", [(-1, (2, 5)), ([1, 2], (2, 3, 4)), (1, (2, 3, 4, 4)), (-1, (2, 4, 4, 3))])
def test_contract(axis, shape):
    run_layer_test(RMSNormalization, {"axis": axis}, shape, expected_output_shape=shape,
                   expected_num_trainable_weights=1)


@pytest.mark.parametrize("axis,shape", [(-1, (3, 6)), ([1, 2], (2, 3, 4)), (1, (2, 3, 4, 4)), ([-2, -1], (2, 3, 4))])
def test_values_against_numpy_and_keras(axis, shape):
    rng = np.random.default_rng(0)
    x = (rng.normal(size=shape) * 2 + 1).astype("float32")
    layer = RMSNormalization(axis=axis, epsilon=1e-5, name="r")
    layer(x)
    scale = rng.uniform(0.5, 1.5, size=layer.scale.shape).astype("float32")
    layer.set_weights([scale])
    axes = tuple(sorted(a % x.ndim for a in ([axis] if isinstance(axis, int) else axis)))
    along = [x.shape[i] if i in axes else 1 for i in range(x.ndim)]
    expected = x / np.sqrt(np.square(x).mean(axes, keepdims=True) + 1e-5) * scale.reshape(along)
    out = _np(layer(x))
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)
    if axes != tuple(range(x.ndim - len(axes), x.ndim)):
        return  # Keras 3.15's RMSNormalization cannot broadcast its scale along non-trailing axes
    keras = pytest.importorskip("keras")
    theirs = keras.layers.RMSNormalization(axis=axis, epsilon=1e-5, name="r")
    theirs(x)
    assert [(v.name, tuple(v.shape)) for v in layer.weights] == [(v.name, tuple(v.shape)) for v in theirs.weights]
    theirs.set_weights(layer.get_weights())
    np.testing.assert_allclose(out, keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-5)
    assert layer.get_config() == theirs.get_config()


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for kwargs in [{"name": "r"}, {"axis": [1, 2], "epsilon": 1e-3, "name": "r"}]:
        theirs = keras.layers.RMSNormalization(**kwargs).get_config()
        assert RMSNormalization(**kwargs).get_config() == theirs
        assert RMSNormalization.from_config(theirs).get_config() == theirs


def test_bad_input():
    with pytest.raises(TypeError, match="axis"):
        RMSNormalization(axis=None)
    with pytest.raises(ValueError, match=r"RMSNormalization.*axis 2 is out of range for input shape \(None, 4\)"):
        RMSNormalization(axis=2)(Input((4,)))
    layer = RMSNormalization(name="r")
    layer(Input((4,)))
    with pytest.raises(ValueError, match=r"'r': input shape \(None, 6\) has size \(6,\) along axis \[1\]"):
        layer(Input((6,)))
