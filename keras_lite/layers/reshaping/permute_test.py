"""Permute: contract, values against NumPy, unknown dims, errors, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.permute import Permute
from keras_lite.testing.layer_contract import run_layer_test

X = np.arange(120, dtype="float32").reshape(2, 3, 4, 5)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("dims", [(1, 2, 3), (3, 1, 2), (2, 3, 1), (3, 2, 1)])
def test_contract_and_values(dims):
    expected = np.transpose(X, (0,) + dims)
    run_layer_test(Permute, {"dims": dims}, X.shape, expected_output_shape=expected.shape)
    np.testing.assert_array_equal(_np(Permute(dims)(X)), expected)


def test_symbolic_shapes():
    assert Permute((2, 1))(Input((None, 3))).shape == (None, 3, None)
    assert Permute((3, 1, 2))(Input(batch_shape=(4, 2, None, 6))).shape == (4, 6, 2, None)


def test_errors():
    with pytest.raises(ValueError, match=r"Permute: dims must be a permutation of 1..2"):
        Permute((0, 1))
    with pytest.raises(ValueError, match="permutation"):
        Permute((1, 3))
    with pytest.raises(ValueError, match=r"'permute.*expected ndim=3, found ndim=2. Full shape received: \(None, 4\)"):
        Permute((2, 1))(Input((4,)))


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Permute((2, 1), name="p").get_config()
    assert Permute([2, 1], name="p").get_config() == theirs
    assert Permute.from_config(theirs).get_config() == theirs
    assert not Permute((1,)).supports_masking
