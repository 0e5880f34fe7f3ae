"""Which classes a config may name: keras_lite's own (by Keras module and class name),
registered custom objects, and `custom_objects` given at load time.

This table is the allow-list of DESIGN decision 6: deserialization builds only
classes found here, and never imports a module named in a file.
"""
import threading

from keras_lite.backends.common import lazy

_PUBLIC = {}        # (keras module, class name) -> class
_PUBLIC_NAMES = {}  # class -> (keras module, class name)
_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = {}
_local = threading.local()


def keras_class(module, *aliases):
    """Register a keras_lite class under the Keras module that files name it by."""

    def register(cls):
        for name in (cls.__name__,) + aliases:
            _PUBLIC[(module, name)] = cls
        _PUBLIC_NAMES.setdefault(cls, (module, cls.__name__))
        return cls

    return register


def public_name(cls):
    """(module, class_name) of a keras_lite class, or None for user classes."""
    return _PUBLIC_NAMES.get(cls)


def public_class(module, class_name):
    lazy.load_all()  # the catalogues imported on first use register their classes as they load
    return _PUBLIC.get((module, class_name))


def public_classes_named(class_name):
    lazy.load_all()
    return [cls for (module, name), cls in _PUBLIC.items() if name == class_name]


def register_keras_serializable(package="Custom", name=None):
    """Register a user class or function so configs can refer to it as 'package>name'."""

    def decorator(obj):
        registered = f"{package}>{name or obj.__name__}"
        if isinstance(obj, type) and not hasattr(obj, "get_config"):
            raise ValueError(f"Cannot register {obj.__name__}: a serializable class must define `get_config()`.")
        _GLOBAL_CUSTOM_OBJECTS[registered] = obj
        _GLOBAL_CUSTOM_NAMES[obj] = registered
        return obj

    return decorator


def get_registered_name(obj):
    return _GLOBAL_CUSTOM_NAMES.get(obj, obj.__name__)


def get_custom_objects():
    """The global dict of custom objects (mutable, as in Keras)."""
    return _GLOBAL_CUSTOM_OBJECTS


class CustomObjectScope:
    """`with custom_object_scope({"MyLayer": MyLayer}):` makes the names visible to deserialization."""

    def __init__(self, custom_objects):
        self.custom_objects = dict(custom_objects or {})

    def __enter__(self):
        stack = _scope_stack()
        stack.append(self.custom_objects)
        return self

    def __exit__(self, *exc):
        _scope_stack().pop()


custom_object_scope = CustomObjectScope


def _scope_stack():
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Look `name` up in custom_objects, open scopes, the global registry, then module_objects."""
    for table in [custom_objects or {}] + list(reversed(_scope_stack())) + [_GLOBAL_CUSTOM_OBJECTS]:
        if name in table:
            return table[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None
