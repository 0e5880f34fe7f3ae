"""Configs in the Keras 3 format, and what deserialization refuses to do."""
import os
import sys

import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.backends.common import config as global_config
from keras_lite.saving import serialization_lib
from keras_lite.saving.serialization_lib import (ObjectSharingScope, SafeModeScope, deserialize_keras_object,
                                                 serialize_keras_object)


@pytest.fixture
def unsafe_flag_restored():
    yield
    global_config.set("unsafe_deserialization", False)


def _lambda_model():
    inputs = keras.Input((2,))
    return keras.Model(inputs, layers.Lambda(lambda x: x * 2.0, name="double")(inputs))


def test_layers_and_models_carry_keras_entries():
    dense = layers.Dense(2, name="d")
    entry = serialize_keras_object(dense)
    assert entry["module"] == "keras.layers" and entry["registered_name"] is None and "build_config" not in entry
    dense(np.ones((1, 3), "float32"))
    assert serialize_keras_object(dense)["build_config"] == {"input_shape": [1, 3]}
    again = deserialize_keras_object(serialize_keras_object(dense))
    assert again.built and again.kernel.shape == (3, 2)

    model = _lambda_model()
    entry = serialize_keras_object(model)
    assert (entry["module"], entry["class_name"], entry["registered_name"]) == (
        "keras.src.models.functional", "Functional", "Functional")
    assert entry["build_config"] == {"input_shape": None} and entry["compile_config"] == {}
    sequential = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    assert serialize_keras_object(sequential)["build_config"] == {"input_shape": [None, 3]}


def test_compile_config_replays_on_deserialization():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    entry = serialize_keras_object(model)
    assert entry["compile_config"]["optimizer"]["class_name"] == "Adam"
    again = deserialize_keras_object(entry)
    assert again.compiled and type(again.optimizer).__name__ == "Adam" and again.optimizer.built


def test_special_values_round_trip():
    values = [b"bytes", slice(1, None, 2), Ellipsis, np.arange(3, dtype="int32")]
    back = deserialize_keras_object(serialize_keras_object(values))
    assert back[:3] == values[:3]
    np.testing.assert_array_equal(back[3], values[3])
    assert back[3].dtype == np.int32
    tensor = {"class_name": "__tensor__", "config": {"value": [1.0, 2.0], "dtype": "float32"}}
    np.testing.assert_array_equal(deserialize_keras_object(tensor), [1.0, 2.0])


def test_public_functions_resolve_by_keras_module_and_name():
    found = deserialize_keras_object({"module": "keras.losses", "class_name": "function",
                                      "config": "mean_squared_error", "registered_name": "mean_squared_error"})
    assert found is keras.losses.mean_squared_error
    assert deserialize_keras_object(serialize_keras_object(keras.activations.relu)) is keras.activations.relu


def test_classes_from_main_have_no_module():
    class Probe(layers.Layer):
        pass
    Probe.__module__ = "__main__"
    assert serialize_keras_object(Probe(name="p"))["module"] is None


def test_unknown_classes_name_themselves_and_the_ways_to_provide_them():
    with pytest.raises(TypeError, match=r"'MyBlock'.*register_keras_serializable.*custom_objects"):
        deserialize_keras_object({"module": "my_project.blocks", "class_name": "MyBlock", "config": {},
                                  "registered_name": "MyBlock"})


def test_configs_naming_arbitrary_modules_import_and_run_nothing(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command))
    sys.modules.pop("this", None)
    for config in ({"module": "os", "class_name": "system", "config": {"command": "touch pwned"}},
                   {"module": "os", "class_name": "function", "config": "system", "registered_name": "system"},
                   {"module": "this", "class_name": "Zen", "config": {}}):
        with pytest.raises(TypeError, match="Could not locate"):
            deserialize_keras_object(config)
    assert calls == [] and "this" not in sys.modules


def test_lambda_bytecode_is_refused_in_safe_mode_with_the_ways_to_opt_in():
    config = serialize_keras_object(_lambda_model())
    with pytest.raises(ValueError, match=r"Lambda layer 'double'.*safe_mode=False.*enable_unsafe_deserialization"):
        deserialize_keras_object(config)
    with pytest.raises(ValueError, match="safe_mode=False"):
        deserialize_keras_object({"class_name": "__lambda__", "config": {"value": ["AA==", None, None]}})


def test_safe_mode_can_be_opted_out_of_by_the_caller_only(unsafe_flag_restored):
    config = serialize_keras_object(_lambda_model())
    x = np.ones((1, 2), "float32")
    loaded = deserialize_keras_object(config, safe_mode=False)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(loaded(x)), 2 * x)
    with SafeModeScope(True):  # an enclosing scope wins over the argument of nested calls
        with pytest.raises(ValueError, match="safe_mode=False"):
            deserialize_keras_object(config, safe_mode=False)
    keras.config.enable_unsafe_deserialization()
    assert deserialize_keras_object(config) is not None


def test_a_supplied_function_replaces_the_bytecode_in_safe_mode():
    config = serialize_keras_object(_lambda_model())
    loaded = deserialize_keras_object(config, custom_objects={"double": lambda x: x + 1.0})
    np.testing.assert_allclose(keras.ops.convert_to_numpy(loaded(np.zeros((1, 2), "float32"))), 1.0)


def test_a_config_cannot_switch_safe_mode_off():
    config = serialize_keras_object(_lambda_model())
    lambda_entry = config["config"]["layers"][1]
    lambda_entry["config"]["safe_mode"] = False
    config["safe_mode"] = False
    with pytest.raises(ValueError, match="safe_mode=False"):
        deserialize_keras_object(config)
    switch = {"module": "keras.config", "class_name": "function", "config": "enable_unsafe_deserialization",
              "registered_name": "enable_unsafe_deserialization"}
    with pytest.raises(TypeError, match="Could not locate function"):
        deserialize_keras_object(switch)
    assert serialization_lib.in_safe_mode() is None and not global_config.get("unsafe_deserialization")


@pytest.mark.parametrize("key,value", [("mean", "/etc/passwd"), ("variance", "https://example.com/var.npy"),
                                       ("mean", "C:\\stats\\mean.npy"), ("vocabulary", "../vocab.txt")])
def test_config_values_that_name_files_or_urls_are_refused_unopened(key, value, monkeypatch):
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a))
    monkeypatch.setattr("urllib.request.urlopen", lambda *a, **k: opened.append(a))
    config = {"module": "keras.layers", "class_name": "Normalization", "registered_name": None,
              "config": {"name": "norm", "axis": -1, key: value}}
    with pytest.raises(ValueError, match=f"Normalization 'norm': config key '{key}' is a file path or URL"):
        deserialize_keras_object(config)
    assert opened == []


def test_a_layer_shared_by_two_nested_models_stays_shared():
    shared = layers.Dense(2, name="shared")
    first = keras.Sequential([keras.Input((3,)), shared], name="first")
    second = keras.Sequential([keras.Input((3,)), shared], name="second")
    inputs = keras.Input((3,))
    model = keras.Model(inputs, layers.add([first(inputs), second(inputs)]))
    with ObjectSharingScope() as scope:
        config = scope.finalize(serialize_keras_object(model))
    assert "__object_id__" not in str(config)
    entries = [entry["config"]["layers"][1] for entry in config["config"]["layers"][1:3]]
    assert entries[0]["shared_object_id"] == entries[1]["shared_object_id"]
    with ObjectSharingScope():
        loaded = deserialize_keras_object(config)
    assert loaded.layers[1].layers[0] is loaded.layers[2].layers[0]
    assert len(loaded.weights) == 2


def test_edge_cases_of_the_format():
    assert serialize_keras_object(np.float32(1.5)) == 1.5
    with pytest.raises(TypeError, match="has no `get_config\\(\\)`"):
        serialize_keras_object(object())

    class BadConfig(layers.Layer):
        def get_config(self):
            return ["not", "a", "dict"]
    with pytest.raises(TypeError, match="get_config\\(\\) must return a dict"):
        serialize_keras_object(BadConfig())
    with pytest.raises(TypeError, match="Cannot deserialize"):
        deserialize_keras_object(object())
    with pytest.raises(TypeError, match="must be a dict"):
        deserialize_keras_object({"module": "keras.layers", "class_name": "Dense", "config": [1, 2]})
    legacy = deserialize_keras_object({"class_name": "Dense", "config": {"units": 2}})  # no module: by class name
    assert legacy.units == 2

    class Plain:
        def __init__(self, size):
            self.size = size
    made = deserialize_keras_object({"class_name": "Plain", "config": {"size": 3}}, custom_objects={"Plain": Plain})
    assert made.size == 3
    assert deserialize_keras_object("relu", custom_objects={"relu": abs}) is abs


def test_unsafe_mode_decodes_a_generic_lambda(unsafe_flag_restored):
    keras.config.enable_unsafe_deserialization()
    config = {"class_name": "__lambda__", "config": {"value": layers.Lambda(lambda x: x + 1).get_config()[
        "function"]["config"]["code"]}}
    config["config"]["value"] = [config["config"]["value"], None, None]
    assert deserialize_keras_object(config)(1) == 2


def test_a_shared_id_naming_two_classes_is_refused():
    entry = {"module": "keras.layers", "class_name": "Dense", "config": {"units": 1}, "shared_object_id": 7}
    other = {"module": "keras.layers", "class_name": "Dropout", "config": {"rate": 0.5}, "shared_object_id": 7}
    with ObjectSharingScope():
        first = deserialize_keras_object(entry)
        assert deserialize_keras_object(dict(entry)) is first
        with pytest.raises(ValueError, match="names both a Dense and a Dropout"):
            deserialize_keras_object(other)


def test_callbacks_are_not_built_from_configs_in_safe_mode(tmp_path):
    config = {"module": "keras.callbacks", "class_name": "CSVLogger", "registered_name": None,
              "config": {"filename": str(tmp_path / "log.csv")}}
    with pytest.raises(TypeError, match="CSVLogger is a keras.callbacks class"):
        deserialize_keras_object(config)
    assert type(deserialize_keras_object(config, safe_mode=False)).__name__ == "CSVLogger"
