"""`keras_lite.utils`."""
from keras_lite.backend import clear_session
from keras_lite.backends.common.batch import unpack_x_y_sample_weight
from keras_lite.backends.common.dtypes import standardize_dtype
from keras_lite.backends.common.keras_tensor import is_keras_tensor
from keras_lite.config import (disable_interactive_logging, enable_interactive_logging,
                               is_interactive_logging_enabled)
from keras_lite.saving import (CustomObjectScope, custom_object_scope, deserialize_keras_object, get_custom_objects,
                               get_registered_name, get_registered_object, register_keras_serializable,
                               serialize_keras_object)
from keras_lite.utils.audio_dataset_utils import audio_dataset_from_directory
from keras_lite.utils.batch_packing import pack_x_y_sample_weight
from keras_lite.utils.config import Config
from keras_lite.utils.dataset_utils import split_dataset
from keras_lite.utils.file_utils import get_file
from keras_lite.utils.image_dataset_utils import image_dataset_from_directory
from keras_lite.utils.image_utils import array_to_img, img_to_array, load_img, save_img
from keras_lite.utils.model_visualization import model_to_dot, plot_model
from keras_lite.utils.numerical_utils import normalize, to_categorical
from keras_lite.utils.progbar import Progbar
from keras_lite.utils.py_dataset import PyDataset, Sequence
from keras_lite.utils.rng_utils import set_random_seed
from keras_lite.utils.sequence_utils import pad_sequences
from keras_lite.utils.source_inputs import get_source_inputs
from keras_lite.utils.text_dataset_utils import text_dataset_from_directory
from keras_lite.utils.timeseries_dataset_utils import timeseries_dataset_from_array

__all__ = [
    "Config", "CustomObjectScope", "Progbar", "PyDataset", "Sequence", "array_to_img",
    "audio_dataset_from_directory", "clear_session", "custom_object_scope", "deserialize_keras_object",
    "disable_interactive_logging", "enable_interactive_logging", "get_custom_objects", "get_file",
    "get_registered_name", "get_registered_object", "get_source_inputs", "image_dataset_from_directory",
    "img_to_array", "is_interactive_logging_enabled", "is_keras_tensor", "load_img", "model_to_dot", "normalize",
    "pack_x_y_sample_weight", "pad_sequences", "plot_model", "register_keras_serializable", "save_img", "serialize_keras_object",
    "set_random_seed", "split_dataset", "standardize_dtype", "text_dataset_from_directory",
    "timeseries_dataset_from_array", "to_categorical", "unpack_x_y_sample_weight",
]
