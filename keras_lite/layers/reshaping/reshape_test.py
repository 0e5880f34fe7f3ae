"""Reshape: contract, -1 inference, unknown dims, errors at graph building, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.reshaping.reshape import Reshape
from keras_lite.testing.layer_contract import run_layer_test

X = np.arange(24, dtype="float32").reshape(2, 3, 4)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("target,expected", [((12,), (2, 12)), ((4, 3), (2, 4, 3)), ((-1, 2), (2, 6, 2)),
                                             ((2, -1, 3), (2, 2, 2, 3)), ((1, 12), (2, 1, 12))])
def test_contract_and_values(target, expected):
    run_layer_test(Reshape, {"target_shape": target}, (2, 3, 4), expected_output_shape=expected)
    np.testing.assert_array_equal(_np(Reshape(target)(X)), X.reshape(expected))


@pytest.mark.parametrize("shape,target,expected", [
    ((None, 3, 4), (-1,), (None, 12)),
    ((None, 3, 4), (2, -1), (None, 2, 6)),
    ((None, None, 3), (-1, 3), (None, None, 3)),
    ((None, None, 3), (3, -1), (None, 3, None)),
    ((None, None, 4), (2, 2), (None, 2, 2)),
    ((5, 3, 4), (-1,), (5, 12)),
])
def test_symbolic_shapes(shape, target, expected):
    assert Reshape(target)(Input(batch_shape=shape)).shape == expected


def test_unknown_dims_eagerly():
    layer = Reshape((-1, 3))
    assert layer(Input((None, 3))).shape == (None, None, 3)
    x = np.arange(18, dtype="float32").reshape(1, 6, 3)
    np.testing.assert_array_equal(_np(layer(x)), x)
    assert _np(Reshape((3, -1))(np.zeros((0, 2, 3), "float32"))).shape == (0, 3, 2)


@pytest.mark.parametrize("target", [(5, -1), (5, 2), (0, -1)])
def test_incompatible_sizes_fail_at_graph_building(target):
    with pytest.raises(ValueError, match=r"Reshape .*\(batch, 3, 4\).*12 values"):
        Reshape(target)(Input((3, 4)))
    with pytest.raises(ValueError, match=r"Reshape .*12 values"):
        Reshape(target)(X)


@pytest.mark.parametrize("target", [(-1, -1), (2, -2), (2.5,), ("a",)])
def test_bad_target_shape(target):
    with pytest.raises(ValueError, match="Reshape: .*target_shape"):
        Reshape(target)


def test_values_match_keras():
    keras = pytest.importorskip("keras")
    for target in ((4, -1), (12,)):
        theirs = np.asarray(keras.ops.convert_to_numpy(keras.layers.Reshape(target)(X)))
        np.testing.assert_array_equal(_np(Reshape(target)(X)), theirs)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Reshape((2, -1), name="r").get_config()
    assert Reshape([2, -1], name="r").get_config() == theirs
    assert Reshape.from_config(theirs).get_config() == theirs
    assert Reshape.from_config({**theirs, "target_shape": [2, -1]}).target_shape == (2, -1)  # as read from JSON
    assert not Reshape((2,)).supports_masking
