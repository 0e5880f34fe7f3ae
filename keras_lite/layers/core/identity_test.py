"""Identity: contract, values, nested inputs, graph history kept, masks pass through, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.core.identity import Identity
from keras_lite.layers.input_layer import Input
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_contract(dtype):
    run_layer_test(Identity, {}, (2, 3, 4), input_dtype=dtype, expected_output_shape=(2, 3, 4),
                   expected_output_dtype=dtype)


def test_values_and_nested_inputs():
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_array_equal(_np(Identity()(x)), x)
    a, b = Input((3,)), Input((None, 2), dtype="int32")
    out = Identity()({"a": a, "b": [b]})
    assert out["a"].shape == (None, 3) and out["b"][0].shape == (None, None, 2) and out["b"][0].dtype == "int32"
    assert out["a"] is not a


def test_graph_history_is_kept():
    inp = Input((3,))
    history = inp._keras_history
    out = Identity()(inp)
    assert inp._keras_history == history and out._keras_history[0] is not history[0]
    model = Model(inp, Identity()(out))
    x = np.ones((2, 3), "float32")
    np.testing.assert_array_equal(_np(model(x)), x)
    assert len(model.layers) == 3


def test_masks_pass_through():
    inp = Input((3,))
    inp._keras_mask = Input((), dtype="bool")
    assert Identity()(inp)._keras_mask is inp._keras_mask


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Identity(name="i").get_config()
    assert Identity(name="i").get_config() == theirs
    assert Identity.from_config(theirs).get_config() == theirs
    assert Identity().supports_masking
