"""serialize_keras_object / deserialize_keras_object in the Keras 3 config format.

A serialized object is `{"module", "class_name", "config", "registered_name"}`, plus
`build_config` / `compile_config` for objects that have them, and `shared_object_id` when one
object is written twice inside an `ObjectSharingScope` (readers then rebuild it once).

Deserialization is data only (DESIGN decision 6): classes and functions come from the allow-list
in object_registration, registered objects and `custom_objects`; no module named in a config is
imported. Under safe mode (the default) a Python lambda's bytecode is refused; nothing in a config
can turn safe mode off. Strings where a layer would read a file or URL are refused, never opened.
"""
import re
import threading
import types

import numpy as np

from keras_lite.backends.common import config as global_config
from keras_lite.saving import lambda_bytecode
from keras_lite.saving import object_registration as registration

_PLAIN = (str, int, float, bool, type(None))
_state = threading.local()

# keras_lite's public classes that a model file has no business creating.
_NOT_FROM_CONFIGS = ("keras.callbacks",)
# Config keys that Keras layers read as file names or URLs (lookup vocabularies, IDF weights).
_FILE_KEYS = ("vocabulary", "idf_weights", "mean", "variance", "filepath", "weights")
_PATH_LIKE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://|/|~|\.{1,2}[/\\]|[a-zA-Z]:[/\\])|[/\\]")


# -- scopes ---------------------------------------------------------------------------------
class SafeModeScope:
    """Fixes the safe mode for every deserialization inside it (nested calls included)."""

    def __init__(self, safe_mode=True):
        self.safe_mode = safe_mode

    def __enter__(self):
        _stack("safe_mode").append(self.safe_mode)
        return self

    def __exit__(self, *exc):
        _stack("safe_mode").pop()


def in_safe_mode():
    """False after `keras_lite.config.enable_unsafe_deserialization()`, else the innermost scope's
    value (None outside any scope)."""
    if global_config.get("unsafe_deserialization"):
        return False
    stack = _stack("safe_mode")
    return stack[-1] if stack else None


class ObjectSharingScope:
    """Configs with the same `shared_object_id` deserialize to one object inside it (a layer shared
    by two nested models stays shared). When serializing, each config made inside it is tagged with
    its object; `finalize` turns the tags of objects written more than once into `shared_object_id`s
    and drops the others (tags survive the copies that nested get_config calls make)."""

    def __enter__(self):
        # "alive" keeps every tagged object alive until the scope ends, so no two share an id.
        _stack("sharing").append({"objects": {}, "alive": []})
        return self

    def __exit__(self, *exc):
        _stack("sharing").pop()

    @staticmethod
    def finalize(tree):
        counts = {}

        def count(node):
            if isinstance(node, dict):
                if _OBJECT_TAG in node:
                    counts[node[_OBJECT_TAG]] = counts.get(node[_OBJECT_TAG], 0) + 1
                for value in node.values():
                    count(value)
            elif isinstance(node, list):
                for value in node:
                    count(value)

        def rewrite(node):
            if isinstance(node, dict):
                out = {k: rewrite(v) for k, v in node.items() if k != _OBJECT_TAG}
                if counts.get(node.get(_OBJECT_TAG), 0) > 1:
                    out["shared_object_id"] = node[_OBJECT_TAG]
                return out
            if isinstance(node, list):
                return [rewrite(v) for v in node]
            return node

        count(tree)
        return rewrite(tree)


_OBJECT_TAG = "__object_id__"


def _stack(kind):
    if not hasattr(_state, kind):
        setattr(_state, kind, [])
    return getattr(_state, kind)


def _sharing():
    stack = _stack("sharing")
    return stack[-1] if stack else None


# -- serialization ------------------------------------------------------------------------------
def serialize_keras_object(obj):
    if isinstance(obj, _PLAIN):
        return obj
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return {"class_name": "__numpy__", "config": {"value": obj.tolist(), "dtype": obj.dtype.name}}
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(x) for x in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode("utf-8")}}
    if isinstance(obj, slice):
        return {"class_name": "__slice__", "config": {"start": serialize_keras_object(obj.start),
                                                      "stop": serialize_keras_object(obj.stop),
                                                      "step": serialize_keras_object(obj.step)}}
    if obj is Ellipsis:
        return {"class_name": "__ellipsis__", "config": {}}
    if isinstance(obj, types.FunctionType):
        registered = registration._GLOBAL_CUSTOM_NAMES.get(obj)
        return {"module": "builtins", "class_name": "function", "config": registered or obj.__name__,
                "registered_name": "function"}
    if hasattr(obj, "get_config"):
        return _serialize_configurable(obj)
    raise TypeError(f"Cannot serialize {obj!r} of type {type(obj).__name__}: it has no `get_config()`.")


def _serialize_configurable(obj):
    cls = type(obj)
    public = registration.public_name(cls)
    if public is not None:
        module, class_name = public
        registered_name = class_name if module.startswith("keras.src.") else None  # not exported by Keras
    else:
        module = None if cls.__module__ == "__main__" else cls.__module__
        class_name, registered_name = cls.__name__, registration.get_registered_name(cls)
    inner = obj.get_config()
    if not isinstance(inner, dict):
        raise TypeError(f"{cls.__name__}.get_config() must return a dict, got {type(inner).__name__}.")
    config = {"module": module, "class_name": class_name, "config": serialize_keras_object(inner),
              "registered_name": registered_name}
    build_config = _build_config(obj)
    if build_config is not None:
        config["build_config"] = serialize_keras_object(build_config)
    if hasattr(obj, "get_compile_config"):
        from keras_lite.saving import compile_config

        config["compile_config"] = compile_config.serialize_compile_config(obj)
    sharing = _sharing()
    if sharing is not None:
        sharing["alive"].append(obj)
        config[_OBJECT_TAG] = id(obj)
    return config


def _build_config(obj):
    """The object's own build config; for a graph model without one, what Keras 3 writes for it:
    no shape for a Functional model, the input shape for a built Sequential one."""
    build_config = obj.get_build_config() if hasattr(obj, "get_build_config") else None
    if build_config is None:
        from keras_lite.models.functional import Functional
        from keras_lite.models.sequential import Sequential

        if isinstance(obj, Sequential) and obj.built:
            return {"input_shape": tuple(obj.inputs[0].shape)}
        if isinstance(obj, Functional):
            return {"input_shape": None}
    return build_config


# -- deserialization ----------------------------------------------------------------------------
def resolve_class(config, custom_objects=None, module_objects=None):
    """The class (or function) a serialized config names, from the allow-list only."""
    class_name = config.get("class_name")
    registered_name = config.get("registered_name")
    module = config.get("module")
    for name in filter(None, (registered_name, class_name)):
        found = registration.get_registered_object(name, custom_objects, module_objects)
        if found is not None:
            return found
    if module is not None:
        found = registration.public_class(module, class_name)
        if found is not None:
            return found
    candidates = registration.public_classes_named(class_name)
    if len(set(candidates)) == 1:
        return candidates[0]
    raise TypeError(
        f"Could not locate class {class_name!r} (module {module!r}). Make sure custom classes are "
        "decorated with `@keras_lite.saving.register_keras_serializable()` or passed in `custom_objects`.")


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    module_objects = kwargs.pop("module_objects", None)
    scoped = in_safe_mode()
    safe_mode = safe_mode if scoped is None else scoped
    with SafeModeScope(safe_mode):
        return _deserialize(config, custom_objects, module_objects, safe_mode)


def _deserialize(config, custom_objects, module_objects, safe_mode):
    if isinstance(config, _PLAIN):
        if isinstance(config, str) and (custom_objects or module_objects):
            found = registration.get_registered_object(config, custom_objects, module_objects)
            if found is not None:
                return found
        return config
    if isinstance(config, (list, tuple)):
        return [_deserialize(c, custom_objects, module_objects, safe_mode) for c in config]
    if not isinstance(config, dict):
        raise TypeError(f"Cannot deserialize {config!r}.")
    if "class_name" not in config or "config" not in config:
        return {k: _deserialize(v, custom_objects, module_objects, safe_mode) for k, v in config.items()}
    special = _special_value(config, custom_objects, safe_mode)
    if special is not _NOT_SPECIAL:
        return special
    sharing = _sharing()
    shared_id = config.get("shared_object_id")
    if sharing is not None and shared_id is not None and shared_id in sharing["objects"]:
        class_name, obj = sharing["objects"][shared_id]
        if class_name != config["class_name"]:
            raise ValueError(f"shared_object_id {shared_id} names both a {class_name} and a "
                             f"{config['class_name']}; the config is inconsistent.")
        return obj
    if config["class_name"] == "function":
        return _function(config, custom_objects, module_objects)
    cls = resolve_class(config, custom_objects, module_objects)
    if safe_mode and (registration.public_name(cls) or ("",))[0] in _NOT_FROM_CONFIGS:
        raise TypeError(f"{config['class_name']} is a {registration.public_name(cls)[0]} class: those act on files "
                        "and the network, so they are not built from configs in safe mode.")
    inner = config["config"]
    if isinstance(inner, dict):
        inner = _checked_inner_config(inner, config, custom_objects, safe_mode)
    with registration.CustomObjectScope(custom_objects):  # nested configs see the same custom objects
        if isinstance(inner, dict) and hasattr(cls, "from_config"):
            obj = cls.from_config(inner)
        elif isinstance(inner, dict):
            obj = cls(**inner)
        else:
            raise TypeError(f"The config of {config['class_name']!r} must be a dict, got {inner!r}.")
        _build_and_compile(obj, config)
    if sharing is not None and shared_id is not None:
        sharing["objects"][shared_id] = (config["class_name"], obj)
    return obj


_NOT_SPECIAL = object()


def _special_value(config, custom_objects, safe_mode):
    """Values Keras writes with reserved class names (arrays, bytes, slices, lambdas)."""
    kind, inner = config["class_name"], config["config"]
    if kind in ("__numpy__", "__tensor__"):
        return np.array(inner["value"], dtype=inner["dtype"])
    if kind == "__bytes__":
        return inner["value"].encode("utf-8")
    if kind == "__slice__":
        return slice(*(_deserialize(inner.get(k), custom_objects, None, safe_mode) for k in ("start", "stop", "step")))
    if kind == "__ellipsis__":
        return Ellipsis
    if kind == "__lambda__":
        if safe_mode:
            raise ValueError(lambda_bytecode.refusal("A config"))
        return lambda_bytecode.load(config)
    return _NOT_SPECIAL


def _function(config, custom_objects, module_objects):
    name = config["config"]
    found = registration.get_registered_object(name, custom_objects, module_objects) if isinstance(
        name, str) else None
    if found is None and isinstance(name, str):
        found = _public_function(config.get("module"), name)
    if found is None:
        raise TypeError(f"Could not locate function {name!r}: register it with "
                        "`@keras_lite.saving.register_keras_serializable()` or pass it in `custom_objects`.")
    return found


def _public_function(module, name):
    """keras_lite's own activation, loss and metric functions, by Keras module and name."""
    from keras_lite import activations, losses, metrics

    tables = {"keras.activations": activations, "keras.losses": losses, "keras.metrics": metrics}
    for table in ([tables[module]] if module in tables else tables.values()):
        fn = getattr(table, name, None) if name in table.__all__ else None
        if isinstance(fn, types.FunctionType):
            return fn
    return None


def _checked_inner_config(inner, config, custom_objects, safe_mode):
    """Refuse file references; replace Lambda bytecode by a supplied function, or by the decoded one
    when safe mode is off, or refuse it."""
    owner = inner.get("name") or config["class_name"]
    for key in _FILE_KEYS:
        value = inner.get(key)
        if isinstance(value, str) and _PATH_LIKE.search(value):
            raise ValueError(
                f"{config['class_name']} {owner!r}: config key {key!r} is a file path or URL ({value!r}). Loading "
                "never opens files or URLs named in a config; rebuild the layer with the values themselves.")
    lambdas = {k: v for k, v in inner.items() if isinstance(v, dict) and v.get("class_name") == "__lambda__"}
    if not lambdas:
        return inner
    inner = dict(inner)
    for key, value in lambdas.items():
        supplied = _supplied_function(value, owner, key, custom_objects)
        if supplied is not None:
            inner[key] = supplied
        elif safe_mode:
            name = owner if key == "function" else f"{owner}.{key}"
            raise ValueError(lambda_bytecode.refusal(f"{config['class_name']} layer {owner!r} (its `{key}`)", name))
        else:
            inner[key] = lambda_bytecode.load(value)
    return inner


def _supplied_function(value, owner, key, custom_objects):
    recorded = value.get("name") or (value.get("config") or {}).get("name")
    for name in filter(None, (recorded, owner if key == "function" else f"{owner}.{key}")):
        found = registration.get_registered_object(name, custom_objects)
        if callable(found):
            return found
    return None


def _build_and_compile(obj, config):
    """Keras's generic steps after from_config: build from `build_config`, compile from `compile_config`."""
    build_config = config.get("build_config")
    if build_config and getattr(obj, "built", True) is False and hasattr(obj, "build_from_config"):
        from keras_lite.saving import building

        building.build_from_config(obj, build_config)
    compile_config = config.get("compile_config")
    if compile_config and hasattr(obj, "compile"):
        from keras_lite.saving import compile_config as compiling

        compiling.compile_from_config(obj, compile_config)


def identifier_functions(kind, table, instantiate=True):
    """`deserialize` and `get` for a family of objects (initializers, regularizers, ...).

    `table` maps the names a user may pass ("glorot_uniform", "GlorotUniform") to classes, or to
    functions when `instantiate` is False (activations).
    """

    def deserialize(config, custom_objects=None):
        if isinstance(config, str):
            return get(config)
        return deserialize_keras_object(config, custom_objects=custom_objects, module_objects=table)

    def get(identifier):
        if identifier is None:
            return None
        if isinstance(identifier, dict):
            return deserialize(identifier)
        if isinstance(identifier, str):
            found = table.get(identifier) or registration.get_registered_object(identifier)
            if found is None:
                raise ValueError(f"Could not interpret {kind} identifier: {identifier!r}.")
            return found() if instantiate and isinstance(found, type) else found
        if instantiate and isinstance(identifier, type):
            return identifier()
        if callable(identifier) or hasattr(identifier, "get_config"):
            return identifier
        raise ValueError(f"Could not interpret {kind} identifier: {identifier!r}.")

    return deserialize, get

