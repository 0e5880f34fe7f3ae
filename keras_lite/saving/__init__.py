"""`keras_lite.saving`. The file formats (`saving_api` and what it reads and writes) are imported on first use
(`keras_lite.backends.common.lazy`)."""
from keras_lite.backends.common import lazy as _lazy
from keras_lite.saving.object_registration import (CustomObjectScope, custom_object_scope, get_custom_objects,
                                                   get_registered_name, get_registered_object,
                                                   register_keras_serializable)
from keras_lite.saving.serialization_lib import deserialize_keras_object, serialize_keras_object

__getattr__, __dir__, __all__ = _lazy.attach(__name__, {
    ".saving_api": ("load_model", "load_weights", "save_model", "save_weights"),
}, eager=("CustomObjectScope", "custom_object_scope", "deserialize_keras_object", "get_custom_objects",
          "get_registered_name", "get_registered_object", "register_keras_serializable", "serialize_keras_object"))
