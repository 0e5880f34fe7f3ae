"""Package namespaces whose public names are imported on first use (PEP 562 module `__getattr__`).

`import keras_lite` then loads only what building and training a model needs; `keras_lite.layers.Dense`,
`from keras_lite.utils import get_file`, `dir()` and `import *` behave as if everything were imported.
Classes register their Keras names for deserialization when their module runs, so
`object_registration` calls `load_all()` before it looks a name up.
"""
import importlib
import sys

_PENDING = {}  # package name -> {attribute: defining module} not imported yet


def attach(package, modules, eager=()):
    """`__getattr__`, `__dir__` and `__all__` for `package`: `modules` maps a module (".sub" relative to the
    package, or absolute) to the public names the package takes from it; `eager` lists those already defined."""
    pending = {name: module for module, names in modules.items() for name in names}
    _PENDING[package] = pending
    public = sorted(set(pending) | set(eager))

    def __getattr__(name):
        module = pending.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        pending.pop(name, None)
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(pending))

    return __getattr__, __dir__, public


def load_all():
    """Import every pending name of every lazy package (so that every class has registered its name)."""
    for package, pending in _PENDING.items():
        for name in list(pending):
            getattr(sys.modules[package], name)
            pending.pop(name, None)
