"""LayoutMap: which layout each variable gets, by regular expressions over variable paths."""
import collections.abc
import re

from keras_lite.distribution.tensor_layout import TensorLayout


class LayoutMap(collections.abc.MutableMapping):
    """Maps variable paths (`dense/kernel`, `encoder/attention/query/kernel`) to TensorLayouts.

    A key is a path or a regular expression searched in the path (`"dense.*kernel"`); a path equal to a
    key takes that key's layout, else the one key whose pattern it contains. A path that two patterns
    match is an error; a path that none matches gets None (the distribution replicates it). Values may
    be given as a tuple of axes, e.g. `(None, "model")`.
    """

    def __init__(self, device_mesh):
        self._device_mesh = device_mesh
        self._layouts = {}

    @property
    def device_mesh(self):
        return self._device_mesh

    def __getitem__(self, key):
        return self.match(key)[1]

    def match(self, path):
        """(the key that decides `path`'s layout, the layout), or (None, None)."""
        if path in self._layouts:
            return path, self._layouts[path]
        found = [k for k in self._layouts if re.search(k, path)]
        if len(found) > 1:
            raise ValueError(f"LayoutMap: the path {path!r} matches several keys {found}; make the keys specific "
                             "enough that each variable path matches one.")
        return (found[0], self._layouts[found[0]]) if found else (None, None)

    def __setitem__(self, key, layout):
        if not isinstance(key, str):
            raise TypeError(f"LayoutMap keys are path strings or regular expressions, got {key!r}.")
        if key in self._layouts:
            raise ValueError(f"LayoutMap: {key!r} already has the layout {self._layouts[key]!r}; delete it first.")
        try:
            re.compile(key)
        except re.error as e:
            raise ValueError(f"LayoutMap: the key {key!r} is not a valid regular expression: {e}.") from None
        if isinstance(layout, (tuple, list)):
            layout = TensorLayout(tuple(layout), self._device_mesh)
        if not isinstance(layout, TensorLayout):
            raise TypeError(f"LayoutMap[{key!r}]: expected a TensorLayout or a tuple of mesh axis names/None, got "
                            f"{type(layout).__name__}.")
        if layout.device_mesh is None:
            layout.device_mesh = self._device_mesh
        elif layout.device_mesh is not self._device_mesh:
            raise ValueError(f"LayoutMap[{key!r}]: the layout's mesh {layout.device_mesh!r} is not the map's "
                             f"{self._device_mesh!r}.")
        self._layouts[key] = layout

    def __delitem__(self, key):
        del self._layouts[key]

    def __iter__(self):
        return iter(self._layouts)

    def __len__(self):
        return len(self._layouts)

    def __contains__(self, key):
        return key in self._layouts

    def __repr__(self):
        return f"<LayoutMap {dict((k, v.axes) for k, v in self._layouts.items())} on {self._device_mesh!r}>"
