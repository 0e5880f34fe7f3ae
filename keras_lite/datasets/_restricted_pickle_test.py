"""The dataset pickle reader: NumPy arrays load, anything else is refused before it can run."""
import io
import os
import pickle
import zipfile

import numpy as np
import pytest

from keras_lite.datasets._restricted_pickle import RestrictedUnpickler, load_npz, load_pickle


class WritesAFile:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return open, (self.path, "w")


def test_arrays_lists_and_dicts_load():
    value = {"data": np.arange(6, dtype="uint8").reshape(2, 3), "labels": [1, 2], "name": "x", "raw": b"\x00"}
    for protocol in (3, 4):
        loaded = RestrictedUnpickler(io.BytesIO(pickle.dumps(value, protocol=protocol))).load()
        assert np.array_equal(loaded["data"], value["data"]) and loaded["labels"] == [1, 2]


def test_numpy_1_global_names_resolve_without_importing_numpy_core():
    data = pickle.dumps(np.arange(3), protocol=3).replace(b"numpy._core.multiarray", b"numpy.core.multiarray")
    assert RestrictedUnpickler(io.BytesIO(data)).load().tolist() == [0, 1, 2]


def test_code_in_a_pickle_is_refused_and_never_runs(tmp_path):
    target = tmp_path / "created_by_pickle"
    (tmp_path / "evil.pkl").write_bytes(pickle.dumps({"data": WritesAFile(str(target))}))
    with pytest.raises(pickle.UnpicklingError, match="Refusing to load io.open"):
        load_pickle(tmp_path / "evil.pkl")
    assert not target.exists()
    for name in (b"cos\nsystem\n", b"cnumpy\nload\n", b"cnumpy.lib.npyio\nload\n"):
        with pytest.raises(pickle.UnpicklingError, match="only NumPy arrays"):
            RestrictedUnpickler(io.BytesIO(name + b"(S'x'\ntR.")).load()


def test_npz_object_members_go_through_the_restricted_reader(tmp_path):
    sequences = np.empty(2, dtype=object)
    sequences[0], sequences[1] = [1, 2, 3], [4]
    np.savez(tmp_path / "ok.npz", x=sequences, y=np.array([0, 1]))
    arrays = load_npz(tmp_path / "ok.npz")
    assert arrays["x"].tolist() == [[1, 2, 3], [4]] and arrays["y"].tolist() == [0, 1]

    target = tmp_path / "created_by_npz"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "|O", "fortran_order": False, "shape": (1,)})
    with zipfile.ZipFile(tmp_path / "evil.npz", "w") as archive:
        archive.writestr("x.npy", header.getvalue() + pickle.dumps(WritesAFile(str(target))))
    with pytest.raises(pickle.UnpicklingError, match="Refusing"):
        load_npz(tmp_path / "evil.npz")
    assert not target.exists() and not os.path.exists(target)
