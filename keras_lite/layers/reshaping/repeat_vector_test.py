"""RepeatVector: contract, values against NumPy, unknown dims, errors, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.repeat_vector import RepeatVector
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("n", [1, 3])
def test_contract_and_values(n):
    x = np.arange(6, dtype="float32").reshape(2, 3)
    run_layer_test(RepeatVector, {"n": n}, (2, 3), expected_output_shape=(2, n, 3))
    np.testing.assert_array_equal(_np(RepeatVector(n)(x)), np.repeat(x[:, None, :], n, axis=1))


def test_symbolic_shapes():
    assert RepeatVector(4)(Input((None,))).shape == (None, 4, None)
    assert RepeatVector(2)(Input(batch_shape=(3, 5))).shape == (3, 2, 5)


def test_errors():
    with pytest.raises(TypeError, match="RepeatVector: n must be an integer"):
        RepeatVector(2.0)
    with pytest.raises(ValueError, match="RepeatVector: n must be a positive integer"):
        RepeatVector(0)
    with pytest.raises(ValueError, match=r"'repeat_vector.*expected ndim=2.*\(None, 2, 3\)"):
        RepeatVector(2)(Input((2, 3)))


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.RepeatVector(3, name="r").get_config()
    assert RepeatVector(3, name="r").get_config() == theirs
    assert RepeatVector.from_config(theirs).get_config() == theirs
    assert not RepeatVector(3).supports_masking
