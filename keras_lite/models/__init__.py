"""`keras_lite.models`. Loading and saving (`keras_lite.saving.saving_api`) are imported on first use
(`keras_lite.backends.common.lazy`)."""
from keras_lite.backends.common import lazy as _lazy
from keras_lite.models.cloning import clone_model
from keras_lite.models.functional import Functional
from keras_lite.models.model import Model
from keras_lite.models.sequential import Sequential

__getattr__, __dir__, __all__ = _lazy.attach(__name__, {
    "keras_lite.saving.saving_api": ("load_model", "model_from_json", "save_model"),
}, eager=("Functional", "Model", "Sequential", "clone_model"))
