"""Moving a model's state through a store: every object at its path, failures reported together."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.saving import model_state


class DictWriter:
    def __init__(self):
        self.stores, self.names = {}, {}

    def make(self, path, name=None):
        self.names[path] = name
        return self.stores.setdefault(path, {})


class DictReader:
    description = "a dict"

    def __init__(self, stores):
        self.stores = stores

    def get(self, path):
        return self.stores.get(path, {})


def _model():
    return keras.Sequential([keras.Input((2,)), layers.Dense(3, name="a"), layers.Dense(1, name="b")], name="m")


def test_every_object_writes_at_its_path_with_its_name():
    model = _model()
    writer = DictWriter()
    model_state.save_state(model, writer)
    assert writer.names == {"": "m", "layers/dense": "a", "layers/dense_1": "b"}
    assert [v.shape for v in writer.stores["layers/dense"].values()] == [(2, 3), (3,)]
    skipping = DictWriter()
    model_state.save_state(model, skipping, objects_to_skip=[model.layers[1]])
    assert "layers/dense_1" not in skipping.names


def test_failures_are_collected_and_the_model_restored():
    model, source = _model(), _model()
    stores = DictWriter()
    model_state.save_state(source, stores)
    stores.stores["layers/dense_1"]["0"] = np.zeros((5, 1), "float32")
    before = model.get_weights()
    with pytest.raises(ValueError, match=r"(?s)1 object\(s\) could not be loaded from a dict.*Layer 'b'.*\(5, 1\)"):
        model_state.load_state(model, DictReader(stores.stores), restore_on_failure=True)
    for now, then in zip(model.get_weights(), before):
        np.testing.assert_array_equal(now, then)
    with pytest.warns(UserWarning, match="skip_mismatch=True"):
        model_state.load_state(model, DictReader(stores.stores), skip_mismatch=True)
    np.testing.assert_array_equal(model.layers[0].get_weights()[0], source.layers[0].get_weights()[0])


def test_a_user_override_of_the_store_hooks_is_used():
    class Counter(layers.Layer):
        def call(self, x):
            return x

        def save_own_variables(self, store):
            store["calls"] = np.array(7)

        def load_own_variables(self, store):
            self.loaded = int(store["calls"])

    inputs = keras.Input((2,))
    counter = Counter()
    model = keras.Model(inputs, counter(inputs))
    writer = DictWriter()
    model_state.save_state(model, writer)
    model_state.load_state(model, DictReader(writer.stores))
    assert counter.loaded == 7
