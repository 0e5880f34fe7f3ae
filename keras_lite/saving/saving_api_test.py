"""save_model / load_model / save_weights / load_weights: round trips, atomic writes, and hostile files.

Each hostile file is built here from a good one; loading it must give a clear error, write nothing,
import nothing and run nothing."""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops
from keras_lite.backends.common import config as global_config
from keras_lite.saving import keras_archive, saving_api


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def small_model(outputs=2):
    inputs = keras.Input((4,), name="x")
    x = layers.Dense(3, activation="relu", name="hidden")(inputs)
    x = layers.BatchNormalization(name="bn")(x)
    return keras.Model(inputs, layers.Dense(outputs, name="out")(x), name="small")


def _randomize(model, seed=0):
    rng = np.random.default_rng(seed)
    model.set_weights([np.abs(rng.normal(size=w.shape)).astype(w.dtype) + 0.1 for w in model.get_weights()])


X = np.random.default_rng(1).normal(size=(3, 4)).astype("float32")


@pytest.mark.filterwarnings("ignore:Skipping variable loading")  # asserted once below
def test_a_model_round_trips_through_a_keras_file(tmp_path):
    model = small_model()
    _randomize(model)
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    path = tmp_path / "m.keras"
    model.save(path)
    with pytest.warns(UserWarning, match="Skipping variable loading for optimizer 'adam'"):  # never trained
        loaded = keras.models.load_model(path)
    np.testing.assert_array_equal(_np(loaded(X)), _np(model(X)))
    assert loaded.compiled and loaded.name == "small" and [l.name for l in loaded.layers] == [
        l.name for l in model.layers]
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["metadata.json", "config.json", "model.weights.h5"]
        metadata = json.loads(archive.read("metadata.json"))
    assert set(metadata) == {"keras_version", "date_saved"} and metadata["keras_version"].startswith("3.")
    uncompiled = keras.saving.load_model(path, compile=False)
    assert not uncompiled.compiled
    buffer = io.BytesIO()
    keras.saving.save_model(model, buffer)
    buffer.seek(0)
    np.testing.assert_array_equal(_np(keras.saving.load_model(buffer)(X)), _np(model(X)))


def test_unzipped_models_are_folders(tmp_path):
    model = small_model()
    _randomize(model)
    folder = tmp_path / "model_dir"
    model.save(folder, zipped=False)
    model.save(folder, zipped=False)  # replaces the previous folder
    assert sorted(os.listdir(folder)) == ["config.json", "metadata.json", "model.weights.h5"]
    assert sorted(os.listdir(tmp_path)) == ["model_dir"]
    np.testing.assert_array_equal(_np(keras.models.load_model(folder)(X)), _np(model(X)))


def test_subclassed_models_and_custom_layers_load_through_their_config(tmp_path):
    @keras.saving.register_keras_serializable(package="SavingTest")
    class Scale(layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")

        def call(self, x):
            return x * self.w * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    @keras.saving.register_keras_serializable(package="SavingTest")
    class Net(keras.Model):
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.dense = layers.Dense(units)
            self.scale = Scale(3.0)

        def call(self, x):
            return self.scale(self.dense(x))

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    net = Net()
    net(X)
    _randomize(net)
    net.save(tmp_path / "net.keras")
    loaded = keras.models.load_model(tmp_path / "net.keras")
    assert type(loaded) is Net and loaded.scale.factor == 3.0
    np.testing.assert_allclose(_np(loaded(X)), _np(net(X)), rtol=1e-6)


def test_to_json_and_model_from_json_rebuild_the_architecture():
    model = small_model()
    text = model.to_json()
    again = keras.models.model_from_json(text)
    assert json.loads(again.to_json())["config"]["layers"][1]["config"]["units"] == 3
    assert [w.shape for w in again.weights] == [w.shape for w in model.weights]
    assert json.loads(model.to_json(indent=2)) == json.loads(text)


def test_weights_files_round_trip_and_mismatches_are_explained(tmp_path):
    model = small_model()
    _randomize(model)
    path = tmp_path / "m.weights.h5"
    model.save_weights(path)
    other = small_model()
    other.load_weights(path)
    np.testing.assert_array_equal(_np(other(X)), _np(model(X)))
    other.save(tmp_path / "o.keras")
    fresh = small_model()
    fresh.load_weights(tmp_path / "o.keras")  # the weights inside a .keras file
    np.testing.assert_array_equal(_np(fresh(X)), _np(model(X)))

    wider = small_model(outputs=5)
    before = wider.get_weights()
    with pytest.raises(ValueError, match=r"(?s)Layer 'out'.*shape \(3, 5\) in the model.*shape \(3, 2\)"):
        wider.load_weights(path)
    for a, b in zip(wider.get_weights(), before):  # a failed load changes nothing
        np.testing.assert_array_equal(a, b)
    with pytest.warns(UserWarning, match="(?s)1 object.*could not be loaded.*skip_mismatch=True"):
        wider.load_weights(path, skip_mismatch=True)
    for name in ("hidden", "bn"):  # the layers that fit are loaded
        for a, b in zip(wider.get_layer(name).get_weights(), model.get_layer(name).get_weights()):
            np.testing.assert_array_equal(a, b)

    deeper = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Dense(2), layers.Dense(2)])
    with pytest.raises(ValueError, match="expects 2 variables, the file holds 0"):
        deeper.load_weights(path)


def test_file_names_and_arguments_are_checked(tmp_path):
    model = small_model()
    with pytest.raises(ValueError, match=r"add a `.keras` extension.*m\.txt"):
        model.save(tmp_path / "m.txt")
    with pytest.raises(ValueError, match=r"legacy HDF5 model format.*m\.h5"):
        model.save(tmp_path / "m.h5")
    with pytest.raises(ValueError, match="not supported: \\['compression'\\]"):
        model.save(tmp_path / "m.keras", compression=True)
    with pytest.raises(ValueError, match=r"must end in `.weights.h5`"):
        model.save_weights(tmp_path / "m.h5")
    with pytest.raises(ValueError, match="expected a `.keras` extension"):
        keras.models.load_model(tmp_path / "m.zip")
    with pytest.raises(ValueError, match="File not found"):
        keras.models.load_model(tmp_path / "missing.keras")
    with pytest.raises(ValueError, match="not built yet"):
        keras.Sequential([layers.Dense(2)]).save_weights(tmp_path / "u.weights.h5")
    with pytest.raises(ValueError, match="Invalid keyword arguments"):
        model.load_weights(tmp_path / "m.weights.h5", strict=True)
    assert os.listdir(tmp_path) == []


def test_overwrite_false_asks_first(tmp_path, monkeypatch):
    model = small_model()
    path = tmp_path / "m.keras"
    path.write_bytes(b"keep me")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    model.save(path, overwrite=False)
    model.save_weights(tmp_path / "w.weights.h5", overwrite=False)  # no file yet: no question
    assert path.read_bytes() == b"keep me" and (tmp_path / "w.weights.h5").exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    model.save(path, overwrite=False)
    assert zipfile.is_zipfile(path)


class Interrupted(Exception):
    pass


def test_a_save_killed_while_writing_weights_leaves_the_previous_file(tmp_path, monkeypatch):
    model = small_model()
    _randomize(model, seed=3)
    path, weights_path = tmp_path / "m.keras", tmp_path / "m.weights.h5"
    model.save(path)
    model.save_weights(weights_path)
    expected = _np(model(X))

    _randomize(model, seed=4)

    def fail_midway(layer, store):
        store["0"] = np.zeros(1)
        raise Interrupted()
    monkeypatch.setattr(layers.BatchNormalization, "save_own_variables", fail_midway)
    with pytest.raises(Interrupted):
        model.save(path)
    with pytest.raises(Interrupted):
        model.save_weights(weights_path)
    monkeypatch.undo()

    def fail_in_the_zip(fileobj, members):
        fileobj.write(b"PK\x03\x04 partial")
        raise Interrupted()
    monkeypatch.setattr(keras_archive, "write_archive", fail_in_the_zip)
    with pytest.raises(Interrupted):
        model.save(path)
    assert sorted(os.listdir(tmp_path)) == ["m.keras", "m.weights.h5"]  # no temporary files left
    np.testing.assert_array_equal(_np(keras.models.load_model(path)(X)), expected)
    again = small_model()
    again.load_weights(weights_path)
    np.testing.assert_array_equal(_np(again(X)), expected)


def test_sharded_weights_round_trip(tmp_path):
    model = small_model()
    _randomize(model)
    model.save_weights(tmp_path / "s.weights.json", max_shard_size=64 / 1024 ** 3)
    assert len([n for n in os.listdir(tmp_path) if n.endswith(".weights.h5")]) > 1
    other = small_model()
    other.load_weights(tmp_path / "s.weights.json")
    np.testing.assert_array_equal(_np(other(X)), _np(model(X)))


# -- hostile files --------------------------------------------------------------------------------
def _good_archive(tmp_path):
    model = small_model()
    path = tmp_path / "good.keras"
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_config(members, edit):
    config = json.loads(members["config.json"])
    edit(config)
    return _zip({**members, "config.json": json.dumps(config).encode()})


def _layer(config, name):
    return next(entry for entry in config["config"]["layers"] if entry["name"] == name)


def _h5_with(members, edit):
    buffer = io.BytesIO(members["model.weights.h5"])
    with h5py.File(buffer, "a") as f:
        edit(f)
    return _zip({**members, "model.weights.h5": buffer.getvalue()})


def _lambda_config(config):
    """Swap the hidden Dense for a Lambda carrying Python bytecode, and try to switch safe mode off."""
    code = layers.Lambda(lambda x: x * 2.0).get_config()["function"]
    entry = _layer(config, "hidden")
    entry.update(class_name="Lambda", config={"name": "hidden", "function": code, "arguments": {},
                                              "safe_mode": False})
    entry.pop("build_config", None)
    config["safe_mode"] = False


HOSTILE = {
    "truncated zip": (lambda m: _zip(m)[:300], "not a valid .keras file"),
    "not a keras archive": (lambda m: _zip({"notes.txt": b"hello"}), "not a .keras archive: it has no config.json"),
    "text file": (lambda m: b"just text", "not a valid .keras file"),
    "dot-dot member": (lambda m: _zip({**m, "../../evil.py": b"import os"}), "points outside the archive"),
    "absolute member": (lambda m: _zip({**m, "/tmp/evil.py": b"import os"}), "points outside the archive"),
    "highly compressed member": (
        lambda m: _zip({**m, "assets/zeros.bin": bytes(1 << 20)}, zipfile.ZIP_DEFLATED), "decompression bomb"),
    "wrong weight shape": (
        lambda m: _with_config(m, lambda c: _layer(c, "out")["config"].update(units=5)),
        r"(?s)Layer 'out'.*shape \(3, 5\) in the model.*\(3, 2\)"),
    "h5 external link": (
        lambda m: _h5_with(m, lambda f: f["layers/dense/vars"].__setitem__("2", h5py.ExternalLink("/etc/passwd",
                                                                                                 "x"))),
        "external link to '/etc/passwd'"),
    "h5 external storage": (
        lambda m: _h5_with(m, lambda f: f.create_dataset("layers/extra", shape=(4,), dtype="f4",
                                                        external=[("/etc/hostname", 0, 16)])),
        "keeps its data in external files"),
    "unknown class": (
        lambda m: _with_config(m, lambda c: _layer(c, "bn").update(class_name="MyBlock", module="my_project")),
        r"(?s)'MyBlock'.*register_keras_serializable.*custom_objects"),
    "os.system": (
        lambda m: _with_config(m, lambda c: _layer(c, "bn").update(module="os", class_name="system",
                                                                    registered_name="system")),
        "Could not locate class 'system'"),
    "lambda, safe mode switched off inside": (
        lambda m: _with_config({**m, "metadata.json": b'{"keras_version": "3.15.1", "safe_mode": false}'},
                               _lambda_config),
        r"(?s)Lambda layer 'hidden'.*safe_mode=False.*enable_unsafe_deserialization"),
    "file path in a config": (
        lambda m: _with_config(m, lambda c: _layer(c, "bn").update(
            class_name="Normalization", config={"name": "bn", "mean": "/etc/passwd", "variance": "/etc/shadow"})),
        "config key 'mean' is a file path or URL"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_files_are_clear_errors_that_write_import_and_run_nothing(kind, tmp_path, monkeypatch):
    members = _good_archive(tmp_path)
    make, message = HOSTILE[kind]
    monkeypatch.setattr(keras_archive, "RATIO_FLOOR_BYTES", 1 << 16)
    path = tmp_path / "hostile.keras"
    path.write_bytes(make(members))
    keras.models.load_model(tmp_path / "good.keras")  # lazily imported modules are in place before we watch
    ran = []
    monkeypatch.setattr(os, "system", lambda command: ran.append(command))
    modules, files = set(sys.modules), sorted(os.listdir(tmp_path))
    with pytest.raises((ValueError, TypeError), match=message):
        keras.models.load_model(path)
    assert ran == [] and set(sys.modules) == modules and sorted(os.listdir(tmp_path)) == files
    assert not global_config.get("unsafe_deserialization")


def test_a_lambda_file_loads_when_the_caller_opts_in(tmp_path):
    inputs = keras.Input((2,))
    model = keras.Model(inputs, layers.Lambda(lambda x: x * 3.0, name="triple")(inputs))
    model.save(tmp_path / "l.keras")
    with pytest.raises(ValueError, match="safe_mode=False"):
        keras.models.load_model(tmp_path / "l.keras")
    loaded = keras.models.load_model(tmp_path / "l.keras", safe_mode=False)
    np.testing.assert_allclose(_np(loaded(np.ones((1, 2), "float32"))), 3.0)
    supplied = keras.models.load_model(tmp_path / "l.keras", custom_objects={"triple": lambda x: x * 3.0})
    np.testing.assert_allclose(_np(supplied(np.ones((1, 2), "float32"))), 3.0)


def test_saving_api_names_match_keras():
    assert keras.saving.save_model is saving_api.save_model and keras.models.load_model is saving_api.load_model


def test_more_argument_errors_name_the_culprit(tmp_path):
    model = small_model()
    with pytest.raises(ValueError, match="save_format"):
        model.save(tmp_path / "m.tf", save_format="tf")
    with pytest.raises(ValueError, match="zipped=False"):
        model.save(tmp_path / "m.keras", zipped=False)
    with pytest.raises(ValueError, match=r"Invalid keyword arguments: \['shards'\]"):
        keras.saving.save_weights(model, tmp_path / "m.weights.h5", shards=2)
    with pytest.raises(ValueError, match=r"must end in `.weights.json`"):
        model.save_weights(tmp_path / "m.bin", max_shard_size=1)
    with pytest.raises(ValueError, match="`by_name` only applies"):
        model.load_weights(tmp_path / "m.weights.h5", by_name=True)
    with pytest.raises(ValueError, match="not built yet"):
        keras.Sequential([layers.Dense(1)]).load_weights(tmp_path / "m.weights.h5")
    with pytest.raises(ValueError, match="`objects_to_skip` only applies"):
        model.load_weights(tmp_path / "m.keras", objects_to_skip=[model.layers[1]])
    with pytest.raises(ValueError, match="legacy HDF5"):
        model.load_weights(tmp_path / "m.h5")
    with pytest.raises(ValueError, match="File format not supported"):
        model.load_weights(tmp_path / "m.bin")
    with pytest.raises(ValueError, match="File not found"):
        model.load_weights(tmp_path / "missing.weights.h5")
    with pytest.warns(UserWarning, match="not built yet"):
        keras.Sequential([layers.Dense(1)]).save(tmp_path / "unbuilt.keras")


def test_objects_to_skip_are_neither_written_nor_read(tmp_path):
    model = small_model()
    _randomize(model)
    path = tmp_path / "m.weights.h5"
    keras.saving.save_weights(model, path, objects_to_skip=[model.get_layer("bn")])
    with h5py.File(path, "r") as f:
        assert "layers/batch_normalization" not in f and "layers/dense" in f
    other = small_model()
    bn_before = other.get_layer("bn").get_weights()
    keras.saving.load_weights(other, path, objects_to_skip=[other.get_layer("bn")])
    for a, b in zip(other.get_layer("bn").get_weights(), bn_before):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(other.get_layer("out").get_weights()[0], model.get_layer("out").get_weights()[0])


@pytest.mark.parametrize("members,message", [
    ({"config.json": b"{not json"}, "config.json is not valid JSON"),
    ({"config.json": b"[1, 2]"}, "does not hold a serialized model"),
    ({"config.json": json.dumps({"module": "keras.optimizers", "class_name": "Adam", "registered_name": None,
                                 "config": {"learning_rate": 0.1}}).encode()}, "describes a Adam, not a model"),
    ({"model.weights.h5": None, "model.weights.npz": b"PK"}, r"expected a model.weights.h5 member; found "
                                                              r"\['model.weights.npz'\]"),
])
def test_archives_with_broken_parts_are_clear_errors(members, message, tmp_path):
    good = _good_archive(tmp_path)
    merged = {name: data for name, data in {**good, **members}.items() if data is not None}
    (tmp_path / "broken.keras").write_bytes(_zip(merged))
    with pytest.raises(ValueError, match=message):
        keras.models.load_model(tmp_path / "broken.keras")


def test_a_model_folder_needs_its_weights(tmp_path):
    small_model().save(tmp_path / "folder", zipped=False)
    os.remove(tmp_path / "folder" / "model.weights.h5")
    with pytest.raises(ValueError, match="expected a model.weights.h5 file in the model folder"):
        keras.models.load_model(tmp_path / "folder")


def test_in_a_multi_process_run_only_process_zero_keeps_the_files(tmp_path, monkeypatch):
    from keras_lite.distribution import devices

    inputs = keras.Input((2,))
    model = keras.Model(inputs, layers.Dense(1)(inputs))
    monkeypatch.setattr(devices, "process_id", lambda: 1)
    model.save(tmp_path / "m.keras")
    model.save_weights(tmp_path / "m.weights.h5")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(devices, "process_id", lambda: 0)
    model.save(tmp_path / "m.keras")
    model.save_weights(tmp_path / "m.weights.h5")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.keras", "m.weights.h5"]
