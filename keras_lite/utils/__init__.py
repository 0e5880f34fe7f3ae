"""`keras_lite.utils`. The helpers in its own submodules are imported on first use
(`keras_lite.backends.common.lazy`)."""
from keras_lite.backend import clear_session
from keras_lite.backends.common import lazy as _lazy
from keras_lite.backends.common.batch import unpack_x_y_sample_weight
from keras_lite.backends.common.dtypes import standardize_dtype
from keras_lite.backends.common.keras_tensor import is_keras_tensor
from keras_lite.config import (disable_interactive_logging, enable_interactive_logging,
                               is_interactive_logging_enabled)
from keras_lite.saving import (CustomObjectScope, custom_object_scope, deserialize_keras_object, get_custom_objects,
                               get_registered_name, get_registered_object, register_keras_serializable,
                               serialize_keras_object)

__getattr__, __dir__, __all__ = _lazy.attach(__name__, {
    ".audio_dataset_utils": ("audio_dataset_from_directory",),
    ".batch_packing": ("pack_x_y_sample_weight",),
    ".config": ("Config",),
    ".dataset_utils": ("split_dataset",),
    ".file_utils": ("get_file",),
    ".image_dataset_utils": ("image_dataset_from_directory",),
    ".image_utils": ("array_to_img", "img_to_array", "load_img", "save_img"),
    ".model_visualization": ("model_to_dot", "plot_model"),
    ".numerical_utils": ("normalize", "to_categorical"),
    ".progbar": ("Progbar",),
    ".py_dataset": ("PyDataset", "Sequence"),
    ".rng_utils": ("set_random_seed",),
    ".sequence_utils": ("pad_sequences",),
    ".source_inputs": ("get_source_inputs",),
    ".text_dataset_utils": ("text_dataset_from_directory",),
    ".timeseries_dataset_utils": ("timeseries_dataset_from_array",),
}, eager=("CustomObjectScope", "clear_session", "custom_object_scope", "deserialize_keras_object",
          "disable_interactive_logging", "enable_interactive_logging", "get_custom_objects", "get_registered_name",
          "get_registered_object", "is_interactive_logging_enabled", "is_keras_tensor", "register_keras_serializable",
          "serialize_keras_object", "standardize_dtype", "unpack_x_y_sample_weight"))
