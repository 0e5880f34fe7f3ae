"""ELU: contract, values against NumPy, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.activations.elu import ELU
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(ELU, {"alpha": 0.5}, (2, 3, 4), expected_output_shape=(2, 3, 4))


@pytest.mark.parametrize("alpha", [1.0, 0.5])
def test_values(alpha):
    x = np.linspace(-3, 3, 12, dtype="float32").reshape(2, 6)
    np.testing.assert_allclose(_np(ELU(alpha)(x)), np.where(x > 0, x, alpha * np.expm1(x)), rtol=1e-5, atol=1e-6)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.ELU(alpha=0.7, name="e").get_config()
    assert ELU(alpha=0.7, name="e").get_config() == theirs
    assert ELU.from_config(theirs).get_config() == theirs
    assert ELU().supports_masking
