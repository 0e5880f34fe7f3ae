"""Sharded weights (`save_weights(..., max_shard_size=GB)`): `x.weights.json` plus `x_00000.weights.h5`,
`x_00001.weights.h5`, ... in the same folder, as Keras 3 writes them.

The JSON holds `{"metadata": {"total_size": bytes}, "weight_map": {"/<path>/vars": [shard files]}}`;
each shard is an ordinary weights file holding the `vars` groups of some objects. A new shard
starts when the next variable would overflow the current one. Shard names in a JSON file must be
plain file names in the JSON's own folder.
"""
import json
import os
import warnings

import numpy as np

from keras_lite.saving import model_state
from keras_lite.saving.atomic_write import atomic_file
from keras_lite.saving.weights_h5 import H5Reader, H5Writer

MAX_INDEX_BYTES = 1 << 26


def save(model, path, max_shard_size, objects_to_skip=()):
    if path.endswith(".weights.h5"):
        warnings.warn(f"Sharded weights need a `.json` index: writing {path[:-3]}.json instead of {path}.",
                      stacklevel=3)
        path = path[:-3] + ".json"
    writer = _ShardedWriter(path, float(max_shard_size) * 1024 ** 3)
    try:
        model_state.save_state(model, writer, objects_to_skip)
        writer.commit()
    finally:
        writer.discard()


def load(model, path, skip_mismatch=False, objects_to_skip=()):
    reader = _ShardedReader(path)
    try:
        model_state.load_state(model, reader, skip_mismatch, objects_to_skip, restore_on_failure=True)
    finally:
        reader.close()


class _ShardedWriter:
    def __init__(self, path, max_bytes):
        self.path, self.max_bytes = os.path.abspath(path), max_bytes
        self.folder = os.path.dirname(self.path)
        self.base = os.path.basename(self.path).removesuffix(".json").removesuffix(".weights")
        self.shards = []  # (file name, temporary path, H5Writer)
        self.current_size = self.total_size = 0
        self.weight_map = {}
        self._new_shard()

    def _new_shard(self):
        name = f"{self.base}_{len(self.shards):05}.weights.h5"
        temp = os.path.join(self.folder, f".{name}.tmp")
        os.makedirs(self.folder, exist_ok=True)
        self.shards.append((name, temp, H5Writer(temp)))
        self.current_size = 0

    def make(self, path, name=None):
        return _ShardedStore(self, path, name)

    def place(self, path, nbytes, key):
        """The writer of the shard that takes the next value of `path`."""
        if nbytes > self.max_bytes:
            raise ValueError(f"Variable {key!r} of {path or '/'} takes {nbytes} bytes, more than max_shard_size "
                             f"({int(self.max_bytes)} bytes); raise max_shard_size.")
        if self.current_size + nbytes > self.max_bytes:
            self._new_shard()
        self.current_size += nbytes
        self.total_size += nbytes
        name, _, writer = self.shards[-1]
        files = self.weight_map.setdefault(f"/{path}/vars" if path else "/vars", [])
        if name not in files:
            files.append(name)
        return writer

    def commit(self):
        for _, _, writer in self.shards:
            writer.close()
        for name, temp, _ in self.shards:
            os.replace(temp, os.path.join(self.folder, name))
        with atomic_file(self.path) as f:
            f.write(json.dumps({"metadata": {"total_size": float(self.total_size)},
                                "weight_map": self.weight_map}, indent=4).encode())

    def discard(self):
        for _, temp, writer in self.shards:
            writer.close()
            if os.path.exists(temp):
                os.remove(temp)


class _ShardedStore:
    def __init__(self, writer, path, name):
        self._writer, self._path, self._keys = writer, path, []
        if name is not None:
            writer.shards[-1][2].make(path, name)

    def __setitem__(self, key, value):
        value = np.asarray(value)
        self._writer.place(self._path, value.nbytes, key).make(self._path)[key] = value
        self._keys.append(key)

    def keys(self):
        return list(self._keys)

    def __len__(self):
        return len(self._keys)


class _ShardedReader:
    def __init__(self, path):
        self.description = path
        self.folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isfile(path):
            raise ValueError(f"File not found: filepath={path}.")
        if os.path.getsize(path) > MAX_INDEX_BYTES:
            raise ValueError(f"{path}: the shard index is larger than {MAX_INDEX_BYTES} bytes; refusing it.")
        with open(path, encoding="utf-8") as f:
            try:
                index = json.load(f)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path} is not a valid sharded-weights index ({e}).") from None
        weight_map = index.get("weight_map") if isinstance(index, dict) else None
        if not isinstance(weight_map, dict):
            raise ValueError(f"{path} is not a sharded-weights index: it has no `weight_map`.")
        self.weight_map = {key: [files] if isinstance(files, str) else list(files)
                           for key, files in weight_map.items()}
        for files in self.weight_map.values():
            for name in files:
                if not isinstance(name, str) or os.path.basename(name) != name or name in ("", ".", ".."):
                    raise ValueError(f"{path}: shard {name!r} is not a plain file name in the index's folder; "
                                     "refusing it.")
        self._readers = {}

    def get(self, path):
        files = self.weight_map.get(f"/{path}/vars" if path else "/vars", [])
        return _MergedStore([self._reader(name).get(path) for name in files])

    def _reader(self, name):
        if name not in self._readers:
            self._readers[name] = H5Reader(os.path.join(self.folder, name))
        return self._readers[name]

    def close(self):
        for reader in self._readers.values():
            reader.close()


class _MergedStore:
    """One object's variables spread over several shards."""

    def __init__(self, stores):
        self._stores = stores

    def keys(self):
        return [key for store in self._stores for key in store.keys()]

    def __len__(self):
        return len(self.keys())

    def __contains__(self, key):
        return any(key in store for store in self._stores)

    def __getitem__(self, key):
        for store in self._stores:
            if key in store:
                return store[key]
        raise KeyError(f"No variable {key!r} in any shard.")
