"""Reading the pickles inside dataset files (CIFAR batches, object arrays in imdb.npz / reuters.npz)
without letting a file run code.

A pickle can name any importable callable and have it called while loading. These files only need
NumPy array reconstruction, so the unpickler resolves exactly those names and refuses every other one
with pickle.UnpicklingError; lists, dicts, strings, bytes and numbers need no names at all.
"""
import io
import pickle
import zipfile

import numpy as np

_RECONSTRUCT = np.ndarray((0,)).__reduce__()[0]  # the function NumPy pickles arrays with
_ALLOWED = {
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
    ("numpy.core.multiarray", "_reconstruct"): _RECONSTRUCT,  # name written by NumPy 1.x (and Python 2)
    ("numpy._core.multiarray", "_reconstruct"): _RECONSTRUCT,  # name written by NumPy 2.x
}


class RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"Refusing to load {module}.{name} from a dataset file: only NumPy arrays are allowed. "
                "The file may be corrupted or malicious.") from None


def load_pickle(path, encoding="ASCII"):
    """Unpickle a file with RestrictedUnpickler (`encoding="bytes"` for Python 2 pickles such as CIFAR's)."""
    with open(path, "rb") as f:
        return RestrictedUnpickler(f, encoding=encoding).load()


def load_npz(path):
    """{name: array} of an .npz file; object arrays (ragged sequences) are unpickled with RestrictedUnpickler."""
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                with archive.open(member) as raw:
                    arrays[member[:-len(".npy")]] = _read_npy(io.BytesIO(raw.read()))
    return arrays


def _read_npy(f):
    version = np.lib.format.read_magic(f)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    _, _, dtype = read_header(f)
    if dtype.hasobject:
        return RestrictedUnpickler(f).load()
    f.seek(0)
    return np.lib.format.read_array(f, allow_pickle=False)
