"""Where each stateful object of a model lives in the weights file, in Keras 3's walk order.

The walk starts at the model (path ""). Functional and Sequential models first yield their
`layers`; then every object yields its attributes sorted by name, private ones (`_x`) last. A
layer or optimizer found in an attribute lives at `<path>/<attribute>`; inside a list, tuple or
dict it lives at `<path>/<attribute>/<snake_case class name>` with `_1`, `_2`, ... for repeats
(nested containers are `container`, `container_1`, ...). Each object is visited once, at the
first path that reaches it. Keras 3 files use the same paths (KERAS_FORMAT.md), so files move
both ways.
"""
from keras_lite.backends.common import naming
from keras_lite.layers.layer import Layer
from keras_lite.optimizers.optimizer import Optimizer

# keras_lite's own bookkeeping that reaches layers Keras does not walk (Keras skips its
# `_functional` and `_operations` too).
_INTERNAL = {"Sequential": {"_stack", "_functional"}, "Functional": {"_operations"}}


def is_saveable(obj):
    return isinstance(obj, (Layer, Optimizer))


def walk(root):
    """[(path, object)] for every layer and optimizer reachable from `root`, each once."""
    found, visited = [], set()
    _visit(root, "", found, visited)
    return found


def _visit(obj, path, found, visited):
    if id(obj) in visited:
        return
    visited.add(id(obj))
    found.append((path, obj))
    for attribute, child in _children(obj):
        child_path = f"{path}/{attribute}" if path else attribute
        if is_saveable(child):
            _visit(child, child_path, found, visited)
        elif isinstance(child, (list, tuple, dict)):
            _visit_container(child, child_path, found, visited, set())


def _visit_container(container, path, found, visited, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    used = {}
    for item in container.values() if isinstance(container, dict) else container:
        if is_saveable(item):
            _visit(item, f"{path}/{_unique(naming.to_snake_case(type(item).__name__), used)}", found, visited)
        elif isinstance(item, (list, tuple, dict)):
            _visit_container(item, f"{path}/{_unique('container', used)}", found, visited, seen_containers)


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def _children(obj):
    kind = _kind(obj)
    if kind in ("Functional", "Sequential"):
        yield "layers", obj.layers
    skip = _INTERNAL.get(kind, set())
    for name in sorted(_attribute_names(obj) - skip, key=lambda n: f"~{n}" if n.startswith("_") else n):
        try:
            value = getattr(obj, name)
        except Exception:  # noqa: BLE001 - a property that cannot be read holds nothing to save
            continue
        yield name, value


def _kind(obj):
    from keras_lite.models.functional import Functional
    from keras_lite.models.sequential import Sequential

    if isinstance(obj, Sequential):
        return "Sequential"
    if isinstance(obj, Functional):
        return "Functional"
    return type(obj).__name__


def _attribute_names(obj):
    """Instance attributes, plus class attributes and properties of user-written classes (Keras reads
    `dir()`; keras_lite's own classes keep their state in instance attributes)."""
    names = set(vars(obj))
    for cls in type(obj).__mro__:
        own = cls.__module__.startswith("keras_lite.") and not cls.__module__.endswith("_test")
        if not own and cls is not object:
            names.update(vars(cls))
    return {n for n in names if not n.startswith("__")}
