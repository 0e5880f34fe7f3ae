"""Functional models: building the graph, calling it, nesting, sharing, cutting, configs, errors."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def mnist_model():
    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")


def test_guide_mnist_model_builds_and_runs():
    model = mnist_model()
    assert isinstance(model, keras.Functional) and model.name == "mnist_model"
    assert [type(layer).__name__ for layer in model.layers] == ["InputLayer", "Dense", "Dense", "Dense"]
    assert model.count_params() == 55050
    assert model.inputs[0].shape == (None, 784) and model.inputs[0].dtype == "float32"
    assert _np(model(np.zeros((3, 784), "float32"))).shape == (3, 10)
    assert model.get_layer(index=1) is model.layers[1]
    assert model.get_layer(model.layers[2].name) is model.layers[2]
    with pytest.raises(ValueError, match="No such layer"):
        model.get_layer("nope")


def test_nested_models_and_ensembles_reuse_weights():
    def get_model():
        inputs = keras.Input(shape=(8,))
        return keras.Model(inputs, layers.Dense(1)(inputs))

    members = [get_model() for _ in range(3)]
    inputs = keras.Input(shape=(8,))
    outputs = ops.divide(ops.add(ops.add(members[0](inputs), members[1](inputs)), members[2](inputs)), 3.0)
    ensemble = keras.Model(inputs=inputs, outputs=outputs)
    data = np.random.default_rng(0).normal(size=(4, 8)).astype("float32")
    want = sum(_np(m(data)) for m in members) / 3
    np.testing.assert_allclose(_np(ensemble(data)), want, rtol=1e-5, atol=1e-6)
    assert len(ensemble.weights) == 6


def test_shared_layer_called_twice_is_one_layer_with_two_nodes():
    shared = layers.Dense(4, name="shared")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    model = keras.Model([a, b], ops.add(shared(a), shared(b)))
    assert [layer.name for layer in model.layers] == ["a", "b", "shared"]
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(_np(model([x, 2 * x])), 3 * _np(shared(x)), rtol=1e-5)


def test_model_cut_from_intermediate_outputs():
    model = mnist_model()
    features = keras.Model(inputs=model.input, outputs=[layer.output for layer in model.layers])
    outs = features(np.zeros((2, 784), "float32"))
    assert [_np(o).shape for o in outs] == [(2, 784), (2, 64), (2, 64), (2, 10)]


def test_dict_inputs_are_matched_by_input_name():
    title, body = keras.Input((2,), name="title"), keras.Input((3,), name="body")
    model = keras.Model([title, body], layers.Dense(1)(ops.concatenate([title, body], axis=-1)))
    x = {"body": np.ones((1, 3), "float32"), "title": np.zeros((1, 2), "float32")}
    np.testing.assert_allclose(_np(model(x)), _np(model([x["title"], x["body"]])))
    with pytest.raises(ValueError, match="missing"):
        model({"title": x["title"]})


def test_dict_outputs_and_dict_inputs():
    a = keras.Input((2,), name="a")
    model = keras.Model({"a": a}, {"y": layers.Dense(1, name="y")(a), "z": layers.Dense(2, name="z")(a)})
    out = model({"a": np.ones((1, 2), "float32")})
    assert sorted(out) == ["y", "z"] and _np(out["z"]).shape == (1, 2)


def test_config_round_trip_rebuilds_the_same_graph():
    shared = layers.Dense(3, name="sh")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    z = ops.multiply(ops.add(shared(a), shared(b)), 2.0)
    model = keras.Model({"a": a, "b": b}, [z, shared(b)], name="two")
    config = model.get_config()
    again = keras.Model.from_config(config)
    assert again.get_config() == config
    again.set_weights(model.get_weights())
    data = {"a": np.ones((1, 3), "float32"), "b": np.full((1, 3), 2.0, "float32")}
    for x, y in zip(model(data), again(data)):
        np.testing.assert_allclose(_np(x), _np(y), rtol=1e-6)


def test_config_format_matches_keras_layout():
    config = mnist_model().get_config()
    assert config["input_layers"] == [config["layers"][0]["name"], 0, 0]
    dense = config["layers"][1]
    assert dense["module"] == "keras.layers" and dense["class_name"] == "Dense"
    assert dense["build_config"] == {"input_shape": [None, 784]}
    (node,) = dense["inbound_nodes"]
    assert node["args"][0]["class_name"] == "__keras_tensor__"
    assert node["args"][0]["config"]["keras_history"] == [config["layers"][0]["name"], 0, 0]


def test_guide_custom_dense_round_trips_with_custom_objects():
    class CustomDense(layers.Layer):
        def __init__(self, units=32):
            super().__init__()
            self.units = units

        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal",
                                     trainable=True)
            self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True)

        def call(self, inputs):
            return ops.matmul(inputs, self.w) + self.b

        def get_config(self):
            return {"units": self.units}

    inputs = keras.Input((4,))
    model = keras.Model(inputs, CustomDense(10)(inputs))
    config = model.get_config()
    new_model = keras.Model.from_config(config, custom_objects={"CustomDense": CustomDense})
    assert isinstance(new_model.layers[1], CustomDense) and new_model.layers[1].units == 10
    assert new_model.output.shape == (None, 10)
    with pytest.raises(TypeError, match="Could not locate class 'CustomDense'"):
        keras.Model.from_config(config)


def test_legacy_keras2_inbound_nodes_are_read():
    config = mnist_model().get_config()
    for entry in config["layers"]:
        entry["inbound_nodes"] = [[[arg["config"]["keras_history"][0], arg["config"]["keras_history"][1],
                                    arg["config"]["keras_history"][2], {}] for arg in node["args"]]
                                  for node in entry["inbound_nodes"]]
    model = keras.Model.from_config(config)
    assert model.count_params() == 55050


def test_clone_model_has_the_same_graph_and_new_weights():
    model = mnist_model()
    clone = keras.models.clone_model(model)
    assert [type(layer) for layer in clone.layers] == [type(layer) for layer in model.layers]
    assert all(a is not b for a, b in zip(clone.weights, model.weights))
    clone.set_weights(model.get_weights())
    x = np.ones((1, 784), "float32")
    np.testing.assert_allclose(_np(clone(x)), _np(model(x)), rtol=1e-5)


def test_output_not_reachable_from_inputs_is_named():
    a, b = keras.Input((2,), name="used"), keras.Input((2,), name="other")
    y = layers.Dense(1)(ops.add(a, b))
    with pytest.raises(ValueError, match="Graph disconnected.*'other'"):
        keras.Model(a, y)


def test_input_that_does_not_reach_the_outputs_is_named():
    a, b = keras.Input((2,), name="used"), keras.Input((2,), name="unused")
    with pytest.raises(ValueError, match=r"\['unused'\] are not connected"):
        keras.Model([a, b], layers.Dense(1)(a))


def test_non_symbolic_outputs_are_rejected():
    with pytest.raises(ValueError, match="must be KerasTensors"):
        keras.Model(keras.Input((2,)), np.ones(2))


def test_models_are_layers_inside_other_models_and_subclasses():
    class Wrapper(keras.Model):
        def __init__(self, inner, **kwargs):
            super().__init__(**kwargs)
            self.inner = inner
            self.head = layers.Dense(2)

        def call(self, inputs):
            return self.head(self.inner(inputs))

    wrapper = Wrapper(mnist_model())
    assert _np(wrapper(np.zeros((1, 784), "float32"))).shape == (1, 2)
    assert len(wrapper.weights) == 8


def test_eager_graph_runs_do_what_the_layer_calls_do():
    """A graph run calls plain layers' `call` directly; it must keep every effect of `layer(x)`: casting
    inputs to the layer's dtype, the training flag, input specs and activity regularizers."""
    inputs = keras.Input((3,))
    wide = layers.Dense(4, dtype="float64", name="wide")
    narrow = layers.Dense(4, name="narrow")
    dropout = layers.Dropout(0.5, seed=1)
    penalised = layers.Dense(2, activity_regularizer=keras.regularizers.L2(1.0), name="penalised")
    model = keras.Model(inputs, penalised(dropout(narrow(wide(inputs)))))
    x = np.random.default_rng(0).normal(size=(8, 3)).astype("float32")
    step_by_step = penalised(dropout(narrow(wide(x))))
    out = model(x)
    assert ops.dtype(out) == "float32"
    np.testing.assert_allclose(_np(out), _np(step_by_step), rtol=1e-6)
    assert len(model.losses) == 1
    np.testing.assert_allclose(_np(model.losses[0]), np.sum(_np(out) ** 2) / 8, rtol=1e-5)
    dropped = _np(model(x, training=True))
    assert not np.allclose(dropped, _np(out))
    with pytest.raises(ValueError, match="narrow"):
        narrow(np.ones((2, 5), "float32"))
