"""serialize_keras_object / deserialize_keras_object in the Keras 3 config format.

A serialized object is `{"module", "class_name", "config", "registered_name"}`.
Classes are resolved from the allow-list in object_registration only.
"""
import types

import numpy as np

from keras_lite.saving import object_registration as registration

_PLAIN = (str, int, float, bool, type(None))


def serialize_keras_object(obj):
    if isinstance(obj, _PLAIN):
        return obj
    if isinstance(obj, (np.generic,)):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return {"class_name": "__numpy__", "config": {"value": obj.tolist(), "dtype": obj.dtype.name}}
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(x) for x in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, types.FunctionType):
        registered = registration._GLOBAL_CUSTOM_NAMES.get(obj)
        return {"module": "builtins", "class_name": "function", "config": registered or obj.__name__,
                "registered_name": "function"}
    if hasattr(obj, "get_config"):
        cls = type(obj)
        public = registration.public_name(cls)
        if public is not None:
            module, class_name = public
            registered_name = None
        else:
            module, class_name = cls.__module__, cls.__name__
            registered_name = registration.get_registered_name(cls)
        return {"module": module, "class_name": class_name,
                "config": serialize_keras_object(obj.get_config()), "registered_name": registered_name}
    raise TypeError(f"Cannot serialize {obj!r} of type {type(obj).__name__}: it has no `get_config()`.")


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
    if isinstance(config, _PLAIN):
        if isinstance(config, str) and (custom_objects or module_objects):
            found = registration.get_registered_object(config, custom_objects, module_objects)
            if found is not None:
                return found
        return config
    if isinstance(config, list):
        return [deserialize_keras_object(c, custom_objects, safe_mode, module_objects=module_objects) for c in config]
    if not isinstance(config, dict):
        raise TypeError(f"Cannot deserialize {config!r}.")
    if "class_name" not in config or "config" not in config:
        return {k: deserialize_keras_object(v, custom_objects, safe_mode, module_objects=module_objects)
                for k, v in config.items()}
    if config["class_name"] == "__numpy__":
        return np.array(config["config"]["value"], dtype=config["config"]["dtype"])
    if config["class_name"] == "function":
        name = config["config"]
        found = registration.get_registered_object(name, custom_objects, module_objects)
        if found is None:
            raise TypeError(f"Could not locate function {name!r}: register it or pass it in `custom_objects`.")
        return found
    cls = resolve_class(config, custom_objects, module_objects)
    inner = config["config"]
    with registration.CustomObjectScope(custom_objects):  # nested configs see the same custom objects
        if hasattr(cls, "from_config"):
            return cls.from_config(inner)
        return cls(**inner)


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
