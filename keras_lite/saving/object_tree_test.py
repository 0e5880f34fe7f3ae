"""The walk that places each layer and optimizer in the weights file, checked against Keras 3's files."""
import h5py
import numpy as np
import pytest

import keras_lite
from keras_lite.saving import object_tree


def block_class(K):
    """A custom layer keeping sub-layers in public and private attributes, a list, a dict and nested lists."""

    class Block(K.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.proj = K.layers.Dense(3)
            self._gate = K.layers.Dense(3)
            self.stack = [K.layers.Dense(3), K.layers.Dense(3), [K.layers.Dense(3)]]
            self.heads = {"b": K.layers.Dense(2), "a": K.layers.BatchNormalization()}
            self.again = self.proj  # the same layer twice: saved once, at the first path

        def call(self, x):
            x = self._gate(self.proj(x))
            for layer in self.stack[:2] + self.stack[2]:
                x = layer(x)
            return self.heads["a"](self.heads["b"](x))

    return Block


def model_for(K):
    inputs = K.Input((4,), name="x")
    inner = K.Sequential([K.Input((4,)), K.layers.Dense(4)], name="inner")
    outputs = block_class(K)(name="block")(K.layers.Dense(4)(inner(inputs)))
    model = K.Model(inputs, outputs, name="outer")
    model.compile(optimizer="adam", loss="mse")
    return model


def _groups(h5_path):
    found = []
    with h5py.File(h5_path, "r") as f:
        f.visit(lambda name: found.append(name[: -len("vars")].rstrip("/")) if name.endswith("vars") else None)
    return sorted(found)


def test_paths_are_the_ones_keras3_writes(tmp_path):
    keras3 = pytest.importorskip("keras")
    theirs = model_for(keras3)
    theirs(np.ones((2, 4), "float32"))
    theirs.save_weights(str(tmp_path / "k.weights.h5"))
    ours = model_for(keras_lite)
    ours(np.ones((2, 4), "float32"))
    paths = [path for path, _ in object_tree.walk(ours)]
    assert sorted(paths) == _groups(str(tmp_path / "k.weights.h5"))
    assert paths[:2] == ["", "layers/input_layer"]  # the model, then its layers, the optimizer last
    assert paths[-1] == "optimizer"


def test_walk_order_and_names():
    model = model_for(keras_lite)
    model(np.ones((2, 4), "float32"))
    walked = object_tree.walk(model)
    paths = [path for path, _ in walked]
    block = [p.removeprefix("layers/block/") for p in paths if p.startswith("layers/block/")]
    assert block == ["again", "heads/dense", "heads/batch_normalization", "stack/dense", "stack/dense_1",
                     "stack/container/dense", "_gate"]  # public sorted, then private; dict in insertion order
    assert "layers/block/proj" not in paths  # reached first as `again`
    assert "layers/sequential/layers/dense" in paths and not any("_stack" in p or "_functional" in p for p in paths)
    assert len({id(obj) for _, obj in walked}) == len(walked)
