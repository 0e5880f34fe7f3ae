import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_sequential_with_input_builds_at_once():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(2)], name="seq")
    assert model.built and len(model.layers) == 2 and model.output_shape == (None, 2)
    assert model.count_params() == 4 * 3 + 3 + 3 * 2 + 2
    assert model.layers[0].kernel.path.startswith("seq/") or model.layers[0].kernel.path.count("/") == 1


def test_deferred_build_on_first_call():
    model = keras.Sequential([layers.Dense(3), layers.Dense(2)])
    assert not model.built
    out = model(np.ones((5, 7), "float32"))
    assert model.built and _np(out).shape == (5, 2) and model.layers[0].kernel.shape == (7, 3)


def test_add_pop_and_errors():
    model = keras.Sequential()
    model.add(keras.Input((3,)))
    model.add(layers.Dense(4, name="a"))
    model.add(layers.Dense(2, name="b"))
    assert model.output_shape == (None, 2)
    popped = model.pop()
    assert popped.name == "b" and model.output_shape == (None, 4)
    with pytest.raises(ValueError, match="unique names"):
        model.add(layers.Dense(1, name="a"))
    with pytest.raises(ValueError, match="expects a Layer"):
        model.add("dense")


def test_config_round_trip_and_clone():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(2, name="d")], name="s")
    config = model.get_config()
    assert config["layers"][0]["class_name"] == "InputLayer"
    again = keras.Sequential.from_config(config)
    assert again.get_config() == config
    clone = keras.models.clone_model(model)
    assert clone.output_shape == (None, 2) and clone.layers[0].kernel is not model.layers[0].kernel


def test_summary_has_no_input_row(capsys):
    keras.Sequential([keras.Input((3,)), layers.Dense(2, name="only")]).summary()
    out = capsys.readouterr().out
    assert "InputLayer" not in out and "only (Dense)" in out and "Total params: 8 (32.00 B)" in out
