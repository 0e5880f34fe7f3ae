"""keras.saving's file API: save_model / load_model (`.keras`), save_weights / load_weights
(`.weights.h5`), and model_from_json.

Files are written atomically (atomic_write) and read through the checked archive and HDF5
readers (keras_archive, weights_h5); the model comes back through deserialize_keras_object,
with safe mode on unless the caller turns it off.
"""
import contextlib
import datetime
import io
import json
import os
import shutil
import tempfile
import warnings

from keras_lite.saving import keras_archive, model_state, serialization_lib
from keras_lite.saving.atomic_write import atomic_file, atomic_path
from keras_lite.saving.weights_h5 import H5Reader, H5Writer

# The Keras release whose file layout keras_lite writes (metadata.json's keras_version).
KERAS_FORMAT_VERSION = "3.15.1"


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    kwargs.pop("include_optimizer", None)  # a .keras file always holds the optimizer, as in Keras 3
    save_format = kwargs.pop("save_format", None)
    if kwargs:
        raise ValueError(f"The following argument(s) are not supported: {list(kwargs)}.")
    if isinstance(filepath, io.IOBase):
        _write_archive(model, filepath)
        return
    path = os.fspath(filepath)
    if save_format and not path.endswith(".keras"):
        raise ValueError(f"The `save_format` argument is deprecated: pass a file path ending in `.keras` instead. "
                         f"Received: save_format={save_format!r}, filepath={path}.")
    _refuse_legacy_h5(path)
    zipped = True if zipped is None else zipped
    if zipped and not path.endswith(".keras"):
        raise ValueError("Invalid filepath extension for saving: add a `.keras` extension for the Keras format. "
                         f"Received: filepath={path}.")
    if not zipped and path.endswith(".keras"):
        raise ValueError(f"With `zipped=False` the filepath must not end in `.keras`. Received: filepath={path}.")
    if os.path.exists(path) and not overwrite and not _confirm_overwrite(path):
        return
    if not model.built:
        warnings.warn(f"Saving model {model.name!r}, which is not built yet: the file holds no weights for it. "
                      "Call it on data or build() it first.", stacklevel=2)
    if not _primary_process():  # the same work on every process (gathers included); one file, from process 0
        _write_archive(model, io.BytesIO())
    elif zipped:
        with atomic_file(path) as f:
            _write_archive(model, f)
    else:
        _write_directory(model, path)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    if isinstance(filepath, io.IOBase):
        return _load_archive(filepath, "the given file object", custom_objects, compile, safe_mode)
    path = os.fspath(filepath)
    _refuse_legacy_h5(path)
    if not path.endswith(".keras"):
        if os.path.isdir(path) and os.path.isfile(os.path.join(path, keras_archive.CONFIG)):
            return _load_directory(path, custom_objects, compile, safe_mode)
        raise ValueError(f"Invalid filename: expected a `.keras` extension. Received: filepath={path}.")
    if not os.path.isfile(path):
        raise ValueError(f"File not found: filepath={path}. Please ensure the file is an accessible `.keras` "
                         "zip file.")
    with open(path, "rb") as f:
        return _load_archive(f, path, custom_objects, compile, safe_mode)


def save_weights(model, filepath, overwrite=True, max_shard_size=None, **kwargs):
    objects_to_skip = kwargs.pop("objects_to_skip", None) or ()
    if kwargs:
        raise ValueError(f"Invalid keyword arguments: {sorted(kwargs)}.")
    path = os.fspath(filepath)
    if max_shard_size is not None:
        from keras_lite.saving import sharded_weights

        if not path.endswith((".weights.h5", ".weights.json")):
            raise ValueError("The filename must end in `.weights.json` when `max_shard_size` is specified. "
                             f"Received: filepath={path}.")
        if _primary_process() and _proceed(path, overwrite):
            sharded_weights.save(model, path, max_shard_size, objects_to_skip)
        return
    if not path.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={path}.")
    if not model.built:
        raise ValueError(f"Model {model.name!r} is not built yet, so it has no weights to save: call it on data or "
                         "build() it first.")
    if _primary_process() and not _proceed(path, overwrite):
        return
    with atomic_path(path) if _primary_process() else _scratch_path() as temp:
        writer = H5Writer(temp)
        try:
            model_state.save_state(model, writer, objects_to_skip)
        finally:
            writer.close()


def load_weights(model, filepath, skip_mismatch=False, **kwargs):
    objects_to_skip = kwargs.pop("objects_to_skip", None) or ()
    by_name = kwargs.pop("by_name", None)
    if kwargs:
        raise ValueError(f"Invalid keyword arguments: {sorted(kwargs)}.")
    path = os.fspath(filepath)
    if by_name is not None:
        raise ValueError(f"`by_name` only applies to legacy `.h5` files, which keras_lite does not read. "
                         f"Received: filepath={path}.")
    if not model.built:
        raise ValueError(f"Model {model.name!r} is not built yet, so its weights do not exist to load into: call it "
                         "on data or build() it first.")
    if path.endswith(".keras"):
        if objects_to_skip:
            raise ValueError(f"`objects_to_skip` only applies to `.weights.h5` files. Received: filepath={path}.")
        with keras_archive.ArchiveReader(path) as archive:
            reader = _weights_reader(archive)
            try:
                model_state.load_state(model, reader, skip_mismatch, restore_on_failure=True)
            finally:
                reader.close()
        return
    if path.endswith(".weights.json"):
        from keras_lite.saving import sharded_weights

        sharded_weights.load(model, path, skip_mismatch, objects_to_skip)
        return
    if not path.endswith(".weights.h5"):
        _refuse_legacy_h5(path)
        raise ValueError(f"File format not supported: filepath={path}. keras_lite loads weights from "
                         "`.weights.h5`, `.weights.json` (sharded) and `.keras` files.")
    if not os.path.isfile(path):
        raise ValueError(f"File not found: filepath={path}.")
    reader = H5Reader(path)
    try:
        model_state.load_state(model, reader, skip_mismatch, objects_to_skip, restore_on_failure=True)
    finally:
        reader.close()


def _primary_process():
    """In a multi-process run (keras_lite.distribution) only process 0 keeps the files it saves."""
    from keras_lite.distribution import devices

    return devices.process_id() == 0


@contextlib.contextmanager
def _scratch_path():
    with tempfile.TemporaryDirectory() as folder:
        yield os.path.join(folder, "discarded.weights.h5")


def model_from_json(json_string, custom_objects=None):
    """A model from `Model.to_json()` output (architecture only; fresh weights)."""
    return _model_from_config(json.loads(json_string), custom_objects, compile=True, safe_mode=True,
                              where="the JSON string")


def model_to_json(model, **kwargs):
    with serialization_lib.ObjectSharingScope() as scope:
        return json.dumps(scope.finalize(serialization_lib.serialize_keras_object(model)), **kwargs)


# -- archives and folders -----------------------------------------------------------------------
def _contents(model):
    """config.json, metadata.json and model.weights.h5 as bytes."""
    config_json = model_to_json(model)
    metadata_json = json.dumps({"keras_version": KERAS_FORMAT_VERSION,
                                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")})
    weights = io.BytesIO()
    writer = H5Writer(weights)
    try:
        model_state.save_state(model, writer)
    finally:
        writer.close()
    return config_json.encode(), metadata_json.encode(), weights.getvalue()


def _write_archive(model, fileobj):
    config_json, metadata_json, weights = _contents(model)
    keras_archive.write_archive(fileobj, [(keras_archive.METADATA, metadata_json),
                                          (keras_archive.CONFIG, config_json), (keras_archive.WEIGHTS, weights)])


def _write_directory(model, path):
    """The unzipped layout: built in a new folder beside the target, then swapped in."""
    config_json, metadata_json, weights = _contents(model)
    path = os.path.abspath(path)
    parent = os.path.dirname(path)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(path)}.", dir=parent)
    try:
        for name, data in ((keras_archive.METADATA, metadata_json), (keras_archive.CONFIG, config_json),
                           (keras_archive.WEIGHTS, weights)):
            with open(os.path.join(staging, name), "wb") as f:
                f.write(data)
        old = None
        if os.path.exists(path):
            old = tempfile.mkdtemp(prefix=f".{os.path.basename(path)}.old.", dir=parent)
            os.replace(path, os.path.join(old, "previous"))
        os.replace(staging, path)
        if old:
            shutil.rmtree(old)
    finally:
        if os.path.exists(staging):
            shutil.rmtree(staging)


def _load_archive(fileobj, description, custom_objects, compile, safe_mode):
    with keras_archive.ArchiveReader(fileobj, description) as archive:
        config = _parse_json(archive.read(keras_archive.CONFIG), f"{description}: {keras_archive.CONFIG}")
        model = _model_from_config(config, custom_objects, compile, safe_mode, where=description)
        reader = _weights_reader(archive)
        try:
            model_state.load_state(model, reader)
        finally:
            reader.close()
    return model


def _load_directory(path, custom_objects, compile, safe_mode):
    with open(os.path.join(path, keras_archive.CONFIG), "rb") as f:
        config = _parse_json(f.read(), os.path.join(path, keras_archive.CONFIG))
    model = _model_from_config(config, custom_objects, compile, safe_mode, where=path)
    weights_path = os.path.join(path, keras_archive.WEIGHTS)
    if not os.path.isfile(weights_path):
        raise ValueError(f"{path}: expected a {keras_archive.WEIGHTS} file in the model folder.")
    reader = H5Reader(weights_path)
    try:
        model_state.load_state(model, reader)
    finally:
        reader.close()
    return model


def _weights_reader(archive):
    names = archive.names()
    if keras_archive.WEIGHTS not in names:
        other = [n for n in names if n.startswith("model.weights")]
        raise ValueError(f"{archive.description}: expected a {keras_archive.WEIGHTS} member"
                         + (f"; found {other}, which keras_lite does not read." if other else "."))
    return H5Reader(io.BytesIO(archive.read(keras_archive.WEIGHTS)),
                    f"{archive.description} ({keras_archive.WEIGHTS})")


def _parse_json(data, where):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{where} is not valid JSON ({e}).") from None


def _model_from_config(config, custom_objects, compile, safe_mode, where):
    from keras_lite.layers.layer import Layer

    if not isinstance(config, dict) or "class_name" not in config or "config" not in config:
        raise ValueError(f"{where} does not hold a serialized model (a dict with `class_name` and `config`).")
    if not compile:
        config = dict(config, compile_config=None)
    with serialization_lib.ObjectSharingScope():
        model = serialization_lib.deserialize_keras_object(config, custom_objects, safe_mode=safe_mode)
    if not isinstance(model, Layer):
        raise ValueError(f"{where} describes a {type(model).__name__}, not a model or layer.")
    return model


def _refuse_legacy_h5(path):
    if path.endswith((".h5", ".hdf5")) and not path.endswith(".weights.h5"):
        raise ValueError(f"The legacy HDF5 model format (`.h5`) is not supported by keras_lite: save and load "
                         f"`.keras` files instead. Received: filepath={path}.")


def _proceed(path, overwrite):
    return overwrite or not os.path.exists(path) or _confirm_overwrite(path)


def _confirm_overwrite(path):
    """Ask on the console, as Keras does when `overwrite=False` and the file exists."""
    while True:
        answer = input(f"[WARNING] {path} exists - overwrite? [y/n] ").strip().lower()
        if answer in ("y", "n"):
            return answer == "y"
