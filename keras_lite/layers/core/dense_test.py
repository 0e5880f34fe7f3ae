"""Dense: contract, values against NumPy, weights and outputs against Keras, masks, errors, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.core.dense import Dense
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("kwargs,input_shape,output_shape,weights", [
    ({"units": 4}, (2, 3), (2, 4), 2),
    ({"units": 4, "use_bias": False, "activation": "relu"}, (2, 3), (2, 4), 1),
    ({"units": 5, "activation": "tanh"}, (2, 6, 3), (2, 6, 5), 2),
])
def test_contract(kwargs, input_shape, output_shape, weights):
    run_layer_test(Dense, kwargs, input_shape, expected_output_shape=output_shape,
                   expected_num_trainable_weights=weights)


@pytest.mark.parametrize("input_shape", [(2, 3), (2, 4, 3), (2, 2, 4, 3)])
def test_values_against_numpy_on_the_last_axis(input_shape):
    rng = np.random.default_rng(0)
    layer = Dense(4, activation="sigmoid")
    x = rng.normal(size=input_shape).astype("float32")
    layer(x)
    kernel, bias = rng.normal(size=(3, 4)).astype("float32"), rng.normal(size=(4,)).astype("float32")
    layer.set_weights([kernel, bias])
    expected = 1 / (1 + np.exp(-(x @ kernel + bias)))
    np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-5, atol=1e-6)


def test_weights_and_outputs_match_keras():
    keras = pytest.importorskip("keras")
    ours, theirs = Dense(4, activation="relu", name="d"), keras.layers.Dense(4, activation="relu", name="d")
    ours(Input((5, 3))), theirs(keras.Input((5, 3)))
    assert [(w.path, tuple(w.shape)) for w in ours.weights] == [(w.path, tuple(w.shape)) for w in theirs.weights]
    assert [w.path for w in ours.weights] == ["d/kernel", "d/bias"]
    theirs.set_weights([np.random.default_rng(1).normal(size=w.shape).astype("float32") for w in theirs.weights])
    ours.set_weights(theirs.get_weights())
    x = np.random.default_rng(2).normal(size=(2, 5, 3)).astype("float32")
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-6)


def test_mask_passes_through():
    x = Input((4, 3))
    x._keras_mask = Input((4,), dtype="bool")  # a mask carried by the input, as Embedding(mask_zero) gives
    out = Dense(2)(x)
    assert out._keras_mask is x._keras_mask


@pytest.mark.parametrize("shape,match", [
    ((4,), r"Dense 'd' needs inputs of rank 2 or more with a known last dimension, got input shape \(4,\)"),
    ((None, None), r"Dense 'd' needs inputs of rank 2 or more with a known last dimension, got input shape "
                   r"\(None, None\)"),
])
def test_build_refuses_rank_one_and_unknown_last_dimension(shape, match):
    with pytest.raises(ValueError, match=match):
        Dense(2, name="d")(Input(batch_shape=shape))


def test_calls_after_build_check_rank_and_last_dimension_symbolically_and_eagerly():
    layer = Dense(2, name="d")
    layer(Input((4,)))
    for bad in (Input((5,)), Input(batch_shape=(4,)), np.ones((2, 5), "float32")):
        with pytest.raises(ValueError, match=r"^Dense 'd': expected inputs of rank 2 or more with last "
                                             r"dimension 4, got input shape \((None|2|4)(, 5)?,?\)"):
            layer(bad)


@pytest.mark.parametrize("kwargs,match", [
    ({"units": 0}, "units must be a positive integer, got 0"),
    ({"units": 2.5}, "units must be a positive integer, got 2.5"),
    ({"units": 2, "unknown": 1}, "unknown"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        Dense(**kwargs)


@pytest.mark.parametrize("kwargs", [{"lora_rank": 2}, {"quantization_config": {"mode": "int8"}}])
def test_lora_and_quantization_are_not_offered(kwargs):
    with pytest.raises(NotImplementedError, match="Dense"):
        Dense(2, **kwargs)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    kwargs = {"units": 3, "activation": "relu", "use_bias": False, "kernel_initializer": "he_normal",
              "kernel_regularizer": "l2", "name": "d"}
    ours, theirs = Dense(**kwargs).get_config(), keras.layers.Dense(**kwargs).get_config()
    assert set(ours) - {"quantization_config"} <= set(theirs)
    for key in ("units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                "trainable", "name"):
        assert ours[key] == theirs[key], key
    assert Dense.from_config(ours).get_config() == ours
