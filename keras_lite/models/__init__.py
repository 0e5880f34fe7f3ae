"""`keras_lite.models`."""
from keras_lite.models.cloning import clone_model
from keras_lite.models.functional import Functional
from keras_lite.models.model import Model
from keras_lite.models.sequential import Sequential
from keras_lite.saving.saving_api import load_model, model_from_json, save_model
