"""`keras_lite.config`: global settings, read once from keras.json and changed with setters."""
import importlib
import os
import sys

from keras_lite.backends import BACKENDS, backend
from keras_lite.backends.common import config as _config
from keras_lite.backends.common.config import (epsilon, floatx, image_data_format, set_epsilon, set_floatx,
                                               set_image_data_format)
from keras_lite.dtype_policies.dtype_policy import dtype_policy, set_dtype_policy


def set_backend(backend):
    """Switch engines by reloading keras_lite; objects made before the switch are unusable after it."""
    if backend not in BACKENDS:
        raise ValueError(f"Unknown keras_lite backend {backend!r}. Valid backends: {', '.join(BACKENDS)}.")
    os.environ["KERAS_BACKEND"] = backend
    for name in [n for n in sys.modules if n == "keras_lite" or n.startswith("keras_lite.")]:
        del sys.modules[name]
    return importlib.import_module("keras_lite")


def enable_flash_attention():
    _config.set("flash_attention", None)


def disable_flash_attention():
    _config.set("flash_attention", False)


def is_flash_attention_enabled():
    """None means 'use it where the engine and shapes allow'; False means never."""
    return _config.get("flash_attention")


def enable_interactive_logging():
    _config.set("interactive_logging", True)


def disable_interactive_logging():
    _config.set("interactive_logging", False)


def is_interactive_logging_enabled():
    return _config.get("interactive_logging")


def enable_traceback_filtering():
    _config.set("traceback_filtering", True)


def disable_traceback_filtering():
    _config.set("traceback_filtering", False)


def is_traceback_filtering_enabled():
    return _config.get("traceback_filtering")


def enable_unsafe_deserialization():
    """Allow loading Lambda layers that carry Python bytecode. Only for files you trust."""
    _config.set("unsafe_deserialization", True)


def is_nnx_enabled():
    """Flax NNX integration is not part of keras_lite."""
    return False


def max_epochs():
    return _config.get("max_epochs")


def set_max_epochs(max_epochs):
    _config.set("max_epochs", None if max_epochs is None else int(max_epochs))


def max_steps_per_epoch():
    return _config.get("max_steps_per_epoch")


def set_max_steps_per_epoch(max_steps_per_epoch):
    _config.set("max_steps_per_epoch", None if max_steps_per_epoch is None else int(max_steps_per_epoch))


__all__ = [
    "backend", "disable_flash_attention", "disable_interactive_logging", "disable_traceback_filtering",
    "dtype_policy", "enable_flash_attention", "enable_interactive_logging", "enable_traceback_filtering",
    "enable_unsafe_deserialization", "epsilon", "floatx", "image_data_format", "is_flash_attention_enabled",
    "is_interactive_logging_enabled", "is_nnx_enabled", "is_traceback_filtering_enabled", "max_epochs",
    "max_steps_per_epoch", "set_backend", "set_dtype_policy", "set_epsilon", "set_floatx",
    "set_image_data_format", "set_max_epochs", "set_max_steps_per_epoch",
]
