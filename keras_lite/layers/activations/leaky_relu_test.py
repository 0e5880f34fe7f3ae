"""LeakyReLU: contract, values against NumPy, config against Keras, the deprecated `alpha`."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.activations.leaky_relu import LeakyReLU
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(LeakyReLU, {"negative_slope": 0.5}, (2, 3, 4), expected_output_shape=(2, 3, 4))


@pytest.mark.parametrize("slope", [0.3, 0.0, 0.5])
def test_values(slope):
    x = np.linspace(-3, 3, 12, dtype="float32").reshape(2, 6)
    np.testing.assert_allclose(_np(LeakyReLU(slope)(x)), np.where(x >= 0, x, slope * x), rtol=1e-6)


def test_default_slope_is_keras_layer_default():
    assert LeakyReLU().negative_slope == 0.3


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.LeakyReLU(negative_slope=0.2, name="l").get_config()
    assert LeakyReLU(negative_slope=0.2, name="l").get_config() == theirs
    assert LeakyReLU.from_config(theirs).get_config() == theirs


def test_alpha_is_a_deprecated_alias():
    with pytest.warns(UserWarning, match="negative_slope"):
        layer = LeakyReLU(alpha=0.1)
    assert layer.negative_slope == 0.1


@pytest.mark.parametrize("slope", [-0.1, None])
def test_bad_slope(slope):
    with pytest.raises(ValueError, match="LeakyReLU: negative_slope"):
        LeakyReLU(slope)
