"""The weights file (`model.weights.h5` inside a `.keras` archive, or a `.weights.h5` file).

An HDF5 tree where each object that owns state has a group `<path>/vars` holding datasets
"0", "1", ... and the attribute `name` (KERAS_FORMAT.md). `H5Writer.make(path, name)` and
`H5Reader.get(path)` hand an object the store it reads or writes its own variables through.

Reading is safe for files from strangers: before any value is read the whole tree is checked,
and external links, soft links, external raw storage, virtual datasets and non-numeric data are
refused, so opening a weights file never opens another file. A dataset's size is checked against
what it stores before it is read (no decompression bombs).

h5py is imported when a file is first opened, not with keras_lite (it costs ~0.1-0.2 s of CPU).
"""
import numpy as np

MAX_DEPTH = 64
MAX_OBJECTS = 1_000_000
BOMB_FLOOR_BYTES = 1 << 26
MAX_RATIO = 100


class _WriteStore:
    """The `vars` group of one object; created on first write unless the object is named (as Keras does)."""

    def __init__(self, h5file, path, name):
        self._h5file, self._path, self._group = h5file, path, None
        if name is not None:
            self._create().attrs["name"] = name

    def _create(self):
        if self._group is None:
            self._group = self._h5file.require_group(f"{self._path}/vars" if self._path else "vars")
        return self._group

    def __setitem__(self, key, value):
        value = np.asarray(value)
        group = self._create()
        if value.dtype.name == "bfloat16":
            group.create_dataset(key, data=value).attrs["dtype"] = "bfloat16"
        else:
            group[key] = value

    def keys(self):
        return list(self._group.keys()) if self._group is not None else []

    def __len__(self):
        return len(self.keys())

    def __contains__(self, key):
        return key in self.keys()


class H5Writer:
    def __init__(self, target):
        """`target`: a file path or a writable binary file object."""
        import h5py

        self._h5file = h5py.File(target, "w")

    def make(self, path, name=None):
        return _WriteStore(self._h5file, path, name)

    def close(self):
        self._h5file.close()


class _ReadStore:
    """The datasets of one object's `vars` group (empty when the file has none for it)."""

    def __init__(self, group, path, description):
        self._group, self._path, self._description = group, path, description

    def keys(self):
        return list(self._group.keys()) if self._group is not None else []

    def __len__(self):
        return len(self.keys())

    def __contains__(self, key):
        return key in self.keys()

    def __getitem__(self, key):
        if self._group is None or key not in self._group:
            raise KeyError(f"{self._description}: no variable {key!r} under {self._path or '/'}vars.")
        dataset = self._group[key]
        stored = dataset.id.get_storage_size()
        if dataset.nbytes > BOMB_FLOOR_BYTES and dataset.nbytes > MAX_RATIO * max(stored, 1):
            raise ValueError(f"{self._description}: dataset {dataset.name!r} declares {dataset.nbytes} bytes but "
                             f"stores {stored}; refusing a potential decompression bomb.")
        if dataset.attrs.get("dtype") == "bfloat16":
            import ml_dtypes

            return np.asarray(dataset[()]).view(ml_dtypes.bfloat16)
        return np.asarray(dataset[()])


class H5Reader:
    def __init__(self, source, description=None):
        """`source`: a file path or a readable binary file object."""
        import h5py

        self.description = description or str(source)
        try:
            self._h5file = h5py.File(source, "r")
        except OSError as e:
            raise ValueError(f"{self.description} is not a readable HDF5 weights file ({e}).") from None
        try:
            check_tree(self._h5file, self.description)
        except Exception:
            self._h5file.close()
            raise

    def get(self, path):
        import h5py

        group_path = f"{path}/vars" if path else "vars"
        group = self._h5file.get(group_path)
        return _ReadStore(group if isinstance(group, h5py.Group) else None, f"{path}/" if path else "",
                          self.description)

    def has_path(self, path):
        return path in self._h5file

    def close(self):
        self._h5file.close()


def check_tree(h5file, description):
    """Refuse anything in the file that could reach outside it or is not plain numeric data."""
    import h5py

    count = [0]

    def visit(group, depth):
        if depth > MAX_DEPTH:
            raise ValueError(f"{description}: the HDF5 tree is deeper than {MAX_DEPTH} levels at {group.name!r} "
                             "(or loops back on itself); refusing it.")
        for key in group:
            count[0] += 1
            if count[0] > MAX_OBJECTS:
                raise ValueError(f"{description}: the HDF5 file holds more than {MAX_OBJECTS} objects; refusing it.")
            link = group.get(key, getlink=True)
            where = f"{group.name.rstrip('/')}/{key}"
            if isinstance(link, h5py.ExternalLink):
                raise ValueError(f"{description}: {where!r} is an HDF5 external link to {link.filename!r}; weights "
                                 "files may not refer to other files.")
            if not isinstance(link, h5py.HardLink):
                raise ValueError(f"{description}: {where!r} is an HDF5 {type(link).__name__}; only plain groups "
                                 "and datasets are allowed in a weights file.")
            item = group[key]
            if isinstance(item, h5py.Group):
                visit(item, depth + 1)
            elif isinstance(item, h5py.Dataset):
                _check_dataset(item, where, description)
            else:
                raise ValueError(f"{description}: {where!r} is not a group or dataset; refusing the file.")

    visit(h5file, 0)


def _check_dataset(dataset, where, description):
    if dataset.is_virtual:
        raise ValueError(f"{description}: {where!r} is a virtual dataset (it maps data from other files); "
                         "refusing the file.")
    if dataset.external:
        raise ValueError(f"{description}: {where!r} keeps its data in external files "
                         f"{[entry[0] for entry in dataset.external]}; refusing the file.")
    kind = dataset.dtype.kind
    bfloat16 = kind == "V" and dataset.dtype.itemsize == 2 and dataset.attrs.get("dtype") == "bfloat16"
    if kind not in "biuf" and not bfloat16:
        raise ValueError(f"{description}: {where!r} holds non-numeric data of type {dataset.dtype}; refusing it.")
