"""Building loaded objects from their build_config before their weights are read."""
from keras_lite import layers
from keras_lite.saving import building


def test_a_layer_with_its_own_build_gets_the_saved_shape():
    dense = layers.Dense(2)
    building.build_from_config(dense, {"input_shape": [None, 5]})
    assert dense.built and dense.kernel.shape == (5, 2)
    assert dense.get_build_config() == {"input_shape": (None, 5)}


def test_a_layer_built_by_its_first_call_is_traced_once():
    class Pair(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.first, self.second = layers.Dense(3), layers.Dense(1)

        def call(self, x):
            return self.second(self.first(x))

    pair = Pair()
    building.build_from_config(pair, {"input_shape": [None, 4]})
    assert pair.built and [w.shape for w in pair.weights] == [(4, 3), (3,), (3, 1), (1,)]
    assert pair._inbound_nodes == []  # tracing records no graph node


def test_multi_input_shapes_and_custom_hooks():
    attention = layers.MultiHeadAttention(num_heads=2, key_dim=2)
    building.build_from_config(attention, {"shapes_dict": {"query_shape": [None, 3, 4], "value_shape": [None, 5, 4]}})
    assert attention.built and len(attention.weights) == 8

    class Hooked(layers.Layer):
        def build_from_config(self, config):
            self.seen = config

    hooked = Hooked()
    building.build_from_config(hooked, {"input_shape": [1, 2], "extra": True})
    assert hooked.seen == {"input_shape": [1, 2], "extra": True}
    untouched = layers.Dense(2)
    building.build_from_config(untouched, {"input_shape": None})
    assert not untouched.built


def test_nested_shapes_become_tuples():
    assert building._shape([[None, 2], {"a": [3, None]}]) == [(None, 2), {"a": (3, None)}]
    specs = building._specs([(None, 2), {"a": (3,)}], "float32")
    assert specs[0].shape == (None, 2) and specs[1]["a"].shape == (3,)


def test_a_keras_shapes_dict_reaches_a_multi_argument_build():
    class Join(layers.Layer):
        def build(self, left_shape, right_shape):
            self.w = self.add_weight(shape=(left_shape[-1], right_shape[-1]))

        def call(self, left, right):
            return left @ self.w + right

    join = Join()
    building.build_from_config(join, {"shapes_dict": {"left_shape": [None, 3], "right_shape": [None, 2]}})
    assert join.built and join.w.shape == (3, 2)
