"""Global settings (floatx, epsilon, image data format, flags), read once from keras.json.

The one place where configuration lives; the public `keras_lite.config`
module exposes getters and setters over it.
"""
import json
import os

_FLOATS = ("float16", "bfloat16", "float32", "float64")
_FORMATS = ("channels_last", "channels_first")


def keras_home():
    return os.path.expanduser(os.environ.get("KERAS_HOME", os.path.join("~", ".keras")))


def _read_keras_json():
    path = os.path.join(keras_home(), "keras.json")
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_settings = _read_keras_json()
_state = {
    "floatx": _settings.get("floatx", "float32") if _settings.get("floatx") in _FLOATS else "float32",
    "epsilon": _settings["epsilon"] if isinstance(_settings.get("epsilon"), (int, float)) else 1e-7,
    "image_data_format": _settings.get("image_data_format", "channels_last")
    if _settings.get("image_data_format") in _FORMATS else "channels_last",
    "flash_attention": None,
    "interactive_logging": True,
    "traceback_filtering": True,
    "unsafe_deserialization": False,
    "max_epochs": None,
    "max_steps_per_epoch": None,
    "dtype_policy": None,
}


def configured_backend():
    """The backend named by KERAS_BACKEND, else keras.json, else jax."""
    return os.environ.get("KERAS_BACKEND") or _settings.get("backend") or "jax"


def floatx():
    return _state["floatx"]


def set_floatx(value):
    value = str(value)
    if value not in _FLOATS:
        raise ValueError(f"Unknown floatx {value!r}; expected one of {_FLOATS}.")
    _state["floatx"] = value


def epsilon():
    return _state["epsilon"]


def set_epsilon(value):
    _state["epsilon"] = float(value)


def image_data_format():
    return _state["image_data_format"]


def set_image_data_format(data_format):
    value = str(data_format).lower()
    if value not in _FORMATS:
        raise ValueError(f"Unknown data_format {data_format!r}; expected one of {_FORMATS}.")
    _state["image_data_format"] = value


def standardize_data_format(data_format):
    """None means the global setting; anything else must be a known format."""
    if data_format is None:
        return image_data_format()
    value = str(data_format).lower()
    if value not in _FORMATS:
        raise ValueError(f"Unknown data_format {data_format!r}; expected one of {_FORMATS}.")
    return value


def get(key):
    return _state[key]


def set(key, value):  # noqa: A001 - mirrors get()
    if key not in _state:
        raise KeyError(key)
    _state[key] = value
