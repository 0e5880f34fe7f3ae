"""The weights HDF5 tree: `<path>/vars/<i>` stores, and refusal of anything reaching outside the file."""
import io

import h5py
import numpy as np
import pytest

from keras_lite.saving import weights_h5
from keras_lite.saving.weights_h5 import H5Reader, H5Writer


def _written(build):
    buffer = io.BytesIO()
    writer = H5Writer(buffer)
    build(writer)
    writer.close()
    return buffer


def test_stores_write_vars_groups_and_read_them_back():
    def build(writer):
        writer.make("", name="model")
        store = writer.make("layers/dense", name="dense")
        store["0"] = np.ones((2, 3), "float32")
        store["1"] = np.zeros(3, "float32")
        assert store.keys() == ["0", "1"] and len(store) == 2 and "1" in store
        writer.make("unnamed")  # no name, nothing written: no group
    buffer = _written(build)
    with h5py.File(buffer, "r") as f:
        assert dict(f["vars"].attrs) == {"name": "model"} and "unnamed" not in f
        assert dict(f["layers/dense/vars"].attrs) == {"name": "dense"}
    reader = H5Reader(buffer, "w.h5")
    store = reader.get("layers/dense")
    assert store.keys() == ["0", "1"] and "0" in store and len(store) == 2
    np.testing.assert_array_equal(store["0"], np.ones((2, 3)))
    assert reader.get("missing").keys() == [] and reader.has_path("layers") and not reader.has_path("nope")
    with pytest.raises(KeyError, match="no variable '7' under layers/dense/vars"):
        store["7"]
    reader.close()


def test_bfloat16_keeps_its_type():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    value = np.array([1.5, -2.0], dtype=ml_dtypes.bfloat16)

    def build(writer):
        writer.make("x")["0"] = value
    reader = H5Reader(_written(build))
    loaded = reader.get("x")["0"]
    assert loaded.dtype == ml_dtypes.bfloat16
    np.testing.assert_array_equal(loaded.astype("float32"), value.astype("float32"))


def _file_with(tmp_path, make):
    path = tmp_path / "w.weights.h5"
    with h5py.File(path, "w") as f:
        f.create_group("layers/dense/vars")["0"] = np.ones(2, "float32")
        make(f, tmp_path)
    return str(path)


def _other_file(tmp_path):
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f["data"] = np.arange(4, dtype="float32")
    return str(other)


HOSTILE = {
    "external link": (lambda f, d: f["layers/dense/vars"].__setitem__("1", h5py.ExternalLink(_other_file(d), "data")),
                      "external link to .*other.h5"),
    "soft link": (lambda f, d: f["layers"].__setitem__("alias", h5py.SoftLink("/layers/dense")), "SoftLink"),
    "external storage": (lambda f, d: f.create_dataset("raw", shape=(4,), dtype="f4",
                                                       external=[(str(d / "raw.bin"), 0, 16)]),
                         "external files"),
    "virtual dataset": (lambda f, d: f.create_virtual_dataset("virtual", _layout(_other_file(d))),
                        "virtual dataset"),
    "string data": (lambda f, d: f.create_dataset("text", data=np.array([b"abc"])), "non-numeric"),
}


def _layout(other):
    layout = h5py.VirtualLayout(shape=(4,), dtype="f4")
    layout[:] = h5py.VirtualSource(other, "data", shape=(4,))
    return layout


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_files_reaching_outside_themselves_are_refused_before_reading(kind, tmp_path):
    make, message = HOSTILE[kind]
    with pytest.raises(ValueError, match=message):
        H5Reader(_file_with(tmp_path, make))


def test_deep_trees_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(weights_h5, "MAX_DEPTH", 2)
    with pytest.raises(ValueError, match="deeper than 2 levels"):
        H5Reader(_file_with(tmp_path, lambda f, d: f.create_group("a/b/c/d")))


def test_compressed_datasets_that_would_explode_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(weights_h5, "BOMB_FLOOR_BYTES", 1 << 10)
    path = _file_with(tmp_path, lambda f, d: f.create_dataset(
        "layers/big/vars/0", data=np.zeros(1 << 16, "float32"), compression="gzip", chunks=(1 << 14,)))
    reader = H5Reader(path)
    with pytest.raises(ValueError, match="decompression bomb"):
        reader.get("layers/big")["0"]
    reader.close()


def test_a_file_that_is_not_hdf5_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.weights.h5"
    path.write_bytes(b"not hdf5")
    with pytest.raises(ValueError, match="junk.weights.h5 is not a readable HDF5 weights file"):
        H5Reader(str(path))
