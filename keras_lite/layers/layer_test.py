"""The Layer base: weights and tracking, building, calling, losses, names, config."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops
from keras_lite.backends.common import naming


class Scale(layers.Layer):
    """A tiny custom layer: one weight per input feature."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")
        self.counter = self.add_weight(shape=(), initializer="zeros", trainable=False, name="counter")

    def call(self, inputs):
        return inputs * self.w


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = layers.Dense(4)
        self.rest = [layers.Dense(3), {"last": Scale()}]

    def call(self, inputs):
        return self.rest[1]["last"](self.rest[0](self.first(inputs)))


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_build_on_first_call_and_weights():
    layer = Scale(name="scale")
    assert not layer.built and layer.weights == []
    out = layer(np.ones((2, 3), "float32"))
    assert layer.built and _np(out).shape == (2, 3)
    assert [w.path for w in layer.weights] == ["scale/w", "scale/counter"]
    assert [w.name for w in layer.trainable_weights] == ["w"]
    assert [w.name for w in layer.non_trainable_weights] == ["counter"]
    assert layer.count_params() == 4


def test_sublayers_in_attributes_lists_and_dicts_are_tracked():
    block = Block()
    block(np.ones((1, 2), "float32"))
    assert len(block.layers) == 3
    assert len(block.weights) == 2 + 2 + 2
    assert len(block.trainable_weights) == 5


def test_sublayers_and_weights_added_after_building_are_seen():
    """The layer and weight lists are cached per structure: each kind of change renews them."""
    block = Block()
    block(np.ones((1, 2), "float32"))
    assert len(block.weights) == 6
    block.extra = layers.Dense(2)
    block.extra(np.ones((1, 2), "float32"))
    assert len(block.layers) == 4 and len(block.weights) == 8
    del block.extra
    assert len(block.layers) == 3 and len(block.weights) == 6
    block.first.add_weight(shape=(1,), name="late")
    assert len(block.weights) == 7 and len(block.first.weights) == 3
    model = keras.Sequential([keras.Input((2,)), layers.Dense(3)])
    model(np.ones((1, 2), "float32"))
    model.add(layers.Dense(1))
    assert len(model.weights) == 4
    model.pop()
    assert len(model.weights) == 2


def test_numpy_inputs_reach_call_as_engine_tensors():
    seen = []

    class Probe(layers.Layer):
        def build(self, input_shape):  # no trace of `call` on KerasTensors
            pass

        def call(self, inputs, labels):
            seen.extend([ops.is_tensor(inputs), labels])
            return inputs

    Probe()(np.ones((1, 2), "float32"), np.array(["a"]))
    assert seen[0] and isinstance(seen[1], np.ndarray)  # numbers converted; strings left for the layer


def test_freezing_a_layer_freezes_its_sublayers():
    block = Block()
    block(np.ones((1, 2), "float32"))
    block.trainable = False
    assert block.trainable_weights == [] and len(block.non_trainable_weights) == 6
    assert not block.first.trainable


def test_get_and_set_weights_check_shapes():
    layer = layers.Dense(2)
    layer(np.ones((1, 3), "float32"))
    kernel, bias = layer.get_weights()
    layer.set_weights([np.ones_like(kernel), np.zeros_like(bias)])
    np.testing.assert_array_equal(_np(layer(np.ones((1, 3), "float32"))), [[3, 3]])
    with pytest.raises(ValueError, match="expects 2 weight arrays, got 1"):
        layer.set_weights([kernel])
    with pytest.raises(ValueError, match=r"has shape \(3, 2\), the given array has shape \(2, 2\)"):
        layer.set_weights([np.ones((2, 2)), bias])


def test_count_params_needs_a_built_layer():
    with pytest.raises(ValueError, match="is not built yet"):
        layers.Dense(2).count_params()


def test_unknown_keyword_arguments_are_named():
    with pytest.raises(ValueError, match=r"unrecognized keyword argument\(s\) \['colour'\]"):
        layers.Dense(2, colour="red")


def test_default_names_count_up():
    naming.reset_names()
    assert [layers.Dense(1).name for _ in range(3)] == ["dense", "dense_1", "dense_2"]
    assert Scale().name == "scale"


def test_add_loss_and_weight_regularizers_feed_losses():
    class WithLoss(layers.Layer):
        def call(self, inputs):
            self.add_loss(ops.sum(inputs))
            return inputs

    layer = WithLoss()
    layer(np.ones((2, 2), "float32"))
    assert len(layer.losses) == 1 and float(_np(layer.losses[0])) == 4.0
    layer(np.ones((1, 2), "float32"))
    assert len(layer.losses) == 1 and float(_np(layer.losses[0])) == 2.0  # reset at each call
    dense = layers.Dense(2, kernel_regularizer="l2", kernel_initializer="ones")
    dense(np.ones((1, 3), "float32"))
    np.testing.assert_allclose(float(_np(dense.losses[0])), 0.01 * 6, rtol=1e-6)


def test_symbolic_call_records_a_node_and_input_output():
    x = keras.Input((3,))
    layer = layers.Dense(2)
    y = layer(x)
    assert y.shape == (None, 2) and layer.input is x and layer.output is y
    layer(keras.Input((3,)))
    with pytest.raises(AttributeError, match="called 2 times"):
        layer.output


def test_shape_errors_at_graph_building_time_name_the_layer():
    dense = layers.Dense(2, name="proj")
    dense(keras.Input((3,)))
    with pytest.raises(ValueError, match=r"proj.*\(None, 5\)"):
        dense(keras.Input((5,)))


def test_custom_layer_config_round_trip():
    layer = layers.Dense(3, activation="relu", name="d")
    config = layer.get_config()
    assert config["activation"] == "relu" and config["units"] == 3
    again = layers.Dense.from_config(config)
    assert again.get_config() == config


def test_mixed_precision_computes_in_float16_with_float32_variables():
    layer = layers.Dense(2, dtype="mixed_float16")
    out = layer(np.ones((1, 3), "float32"))
    assert ops.dtype(out) == "float16"
    assert layer.kernel.dtype == "float32" and layer.compute_dtype == "float16"
    symbolic = layers.Dense(2, dtype="mixed_float16")(keras.Input((3,)))
    assert symbolic.dtype == "float16"


def test_training_flag_reaches_nested_layers():
    seen = []

    class Probe(layers.Layer):
        def call(self, inputs, training=None):
            if not isinstance(inputs, keras.KerasTensor):  # the build-time trace runs call symbolically too
                seen.append(training)
            return inputs

    class Outer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.probe = Probe()

        def call(self, inputs):
            return self.probe(inputs)

    Outer()(np.ones((1,), "float32"), training=True)
    Outer()(np.ones((1,), "float32"))
    assert seen == [True, None]


def test_input_spec_checks_rank_and_axes_with_the_layer_name():
    layer = Scale(name="needs_rank3")
    layer.input_spec = layers.InputSpec(ndim=3, axes={-1: 4})
    with pytest.raises(ValueError, match="'needs_rank3'.*expected ndim=3, found ndim=2"):
        layer(keras.Input((4,)))
    with pytest.raises(ValueError, match=r"expected axis -1 of size 4, found shape \(None, 2, 5\)"):
        layer(keras.Input((2, 5)))
    assert layer(keras.Input((2, 4))).shape == (None, 2, 4)
