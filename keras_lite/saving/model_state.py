"""Moving the state of every layer and optimizer of a model to and from a weights file.

Each object found by `object_tree.walk` writes and reads its own variables through the store at
its path (`save_own_variables` / `load_own_variables`, which users may override).
"""
import warnings

from keras_lite.layers.layer import Layer
from keras_lite.saving import object_tree


def save_state(root, writer, objects_to_skip=()):
    skip = {id(o) for o in objects_to_skip}
    for path, obj in object_tree.walk(root):
        if id(obj) in skip:
            continue
        name = getattr(obj, "name", None)
        obj.save_own_variables(writer.make(path, name=name if isinstance(name, str) else None))


def load_state(root, reader, skip_mismatch=False, objects_to_skip=(), restore_on_failure=False):
    """Load every object; with `skip_mismatch` the ones that do not fit are skipped with a warning,
    otherwise they raise one ValueError that lists them (with `restore_on_failure`, after putting
    every variable back as it was)."""
    skip = {id(o) for o in objects_to_skip}
    targets = [(path, obj) for path, obj in object_tree.walk(root) if id(obj) not in skip]
    before = _snapshot(obj for _, obj in targets) if restore_on_failure and not skip_mismatch else []
    failures = []
    for path, obj in targets:
        try:
            obj.load_own_variables(reader.get(path))
        except Exception as e:  # noqa: BLE001 - collected and reported together, as Keras does
            failures.append((path, obj, e))
    if not failures:
        return
    where = [f"{type(obj).__name__} {getattr(obj, 'name', '')!r} at {path or '/'}" for path, obj, _ in failures]
    message = (f"{len(failures)} object(s) could not be loaded from {reader.description}. First error, for "
               f"{where[0]}:\n\n{failures[0][2]}\n\nObjects not loaded: {where}")
    if skip_mismatch:
        warnings.warn(message + "\nThey keep their current values (skip_mismatch=True).", stacklevel=3)
        return
    for variable, value in before:
        variable.assign(value)
    raise ValueError(message)


def _snapshot(objects):
    saved = []
    for obj in objects:
        variables = (obj._trainable_variables + obj._non_trainable_variables if isinstance(obj, Layer)
                     else obj.variables)
        saved.extend((v, v.numpy()) for v in variables)
    return saved
