"""Unique default names (`dense`, `dense_1`, ...) and the name scope that forms variable paths."""
import collections
import re
import threading

_counters = collections.defaultdict(int)
_local = threading.local()


def auto_name(prefix):
    """`prefix` the first time, then `prefix_1`, `prefix_2`, ... (Keras numbering)."""
    n = _counters[prefix]
    _counters[prefix] += 1
    return prefix if n == 0 else f"{prefix}_{n}"


def get_uid(prefix=""):
    """1 the first time a prefix is seen, then 2, 3, ..."""
    _counters[("uid", prefix)] += 1
    return _counters[("uid", prefix)]


def reset_names():
    _counters.clear()


def to_snake_case(name):
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _stack():
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


class name_scope:
    """Prefixes the paths of variables created inside it: `dense/kernel`.

    `owner` (a layer) makes re-entering its own scope a no-op, so a layer's
    build inside its own call does not give `dense/dense/kernel`.
    """

    def __init__(self, name, owner=None):
        if not isinstance(name, str) or "/" in name:
            raise ValueError(f"name_scope expects a name without '/', got {name!r}.")
        self.name = name
        self.owner = owner

    def __enter__(self):
        stack = self._stack = _stack()
        self._pushed = not (self.owner is not None and stack and stack[-1][1] is self.owner)
        if self._pushed:
            stack.append((self.name, self.owner))
        return self

    def __exit__(self, *exc):
        if self._pushed:
            self._stack.pop()


def current_path():
    return "/".join(name for name, _ in _stack())
