"""Selects the engine once, at import (DESIGN decision 1).

`engine` is the active backend module (`keras_lite.backends.jax`, ...);
code above this package calls `engine.numpy.add(...)`, `engine.nn.conv(...)`.
Only the selected engine is imported.
"""
import importlib
import importlib.util

from keras_lite.backends.common import config

BACKENDS = ("jax", "torch", "tensorflow", "numpy")
_ENGINE_PACKAGES = {"jax": ("jax", "JAX"), "torch": ("torch", "PyTorch"),
                    "tensorflow": ("tensorflow", "TensorFlow"), "numpy": ("numpy", "NumPy")}


def _select(name):
    if name not in BACKENDS:
        raise ValueError(
            f"Unknown keras_lite backend {name!r} (from KERAS_BACKEND or keras.json). "
            f"Valid backends: {', '.join(BACKENDS)}.")
    package, label = _ENGINE_PACKAGES[name]
    if importlib.util.find_spec(package) is None:
        raise ImportError(
            f"The {name!r} backend needs {label}, which is not installed. "
            f"Install it with: pip install 'keras_lite[{name}]'")
    return importlib.import_module(f"keras_lite.backends.{name}")


BACKEND = config.configured_backend()
engine = _select(BACKEND)


def backend():
    """The name of the active backend: 'jax', 'torch', 'tensorflow' or 'numpy'."""
    return BACKEND
