"""Sharded weights: the index and shard files Keras 3 writes, read back safely."""
import json
import os

import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.saving import sharded_weights


def _model():
    return keras.Sequential([keras.Input((30,)), layers.Dense(30, name="a"), layers.Dense(30, name="b"),
                             layers.Dense(2, name="c")], name="s")


def test_shards_and_index_follow_keras(tmp_path):
    model = _model()
    sharded_weights.save(model, str(tmp_path / "w.weights.json"), 5000 / 1024 ** 3)
    index = json.loads((tmp_path / "w.weights.json").read_text())
    assert index["metadata"]["total_size"] == 4 * sum(int(np.prod(w.shape)) for w in model.weights)
    assert index["weight_map"]["/layers/dense/vars"] == ["w_00000.weights.h5"]
    assert index["weight_map"]["/layers/dense_1/vars"] == ["w_00001.weights.h5"]
    assert sorted(os.listdir(tmp_path)) == ["w.weights.json", "w_00000.weights.h5", "w_00001.weights.h5"]
    other = _model()
    sharded_weights.load(other, str(tmp_path / "w.weights.json"))
    for a, b in zip(other.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_keras3_sharded_files_load(tmp_path):
    keras3 = pytest.importorskip("keras")
    theirs = keras3.Sequential([keras3.Input((30,)), keras3.layers.Dense(30), keras3.layers.Dense(30),
                                keras3.layers.Dense(2)])
    (tmp_path / "k").mkdir()
    (tmp_path / "o").mkdir()
    theirs.save_weights(str(tmp_path / "k" / "w.weights.json"), max_shard_size=5000 / 1024 ** 3)
    ours = _model()
    ours.load_weights(tmp_path / "k" / "w.weights.json")
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_array_equal(a, b)
    ours.save_weights(tmp_path / "o" / "w.weights.json", max_shard_size=5000 / 1024 ** 3)
    assert json.loads((tmp_path / "o" / "w.weights.json").read_text()) == json.loads(
        (tmp_path / "k" / "w.weights.json").read_text())
    assert sorted(os.listdir(tmp_path / "o")) == sorted(os.listdir(tmp_path / "k"))


def test_a_weights_h5_name_becomes_json_and_oversized_variables_are_named(tmp_path):
    model = _model()
    with pytest.warns(UserWarning, match="writing .*w.weights.json instead"):
        sharded_weights.save(model, str(tmp_path / "w.weights.h5"), 1.0)
    assert (tmp_path / "w.weights.json").exists()
    with pytest.raises(ValueError, match="takes 3600 bytes, more than max_shard_size"):
        sharded_weights.save(model, str(tmp_path / "x.weights.json"), 1000 / 1024 ** 3)
    assert not [n for n in os.listdir(tmp_path) if n.startswith(("x", ".x"))]


@pytest.mark.parametrize("shard", ["../w_00000.weights.h5", "/etc/passwd", "sub/w.h5"])
def test_shards_outside_the_index_folder_are_refused(shard, tmp_path):
    (tmp_path / "i.weights.json").write_text(json.dumps({"weight_map": {"/vars": [shard]}}))
    with pytest.raises(ValueError, match="not a plain file name"):
        sharded_weights.load(_model(), str(tmp_path / "i.weights.json"))


def test_broken_indexes_are_clear_errors(tmp_path):
    (tmp_path / "bad.weights.json").write_text("{not json")
    with pytest.raises(ValueError, match="not a valid sharded-weights index"):
        sharded_weights.load(_model(), str(tmp_path / "bad.weights.json"))
    (tmp_path / "empty.weights.json").write_text("{}")
    with pytest.raises(ValueError, match="has no `weight_map`"):
        sharded_weights.load(_model(), str(tmp_path / "empty.weights.json"))
    with pytest.raises(ValueError, match="File not found"):
        sharded_weights.load(_model(), str(tmp_path / "none.weights.json"))
