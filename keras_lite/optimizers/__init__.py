"""`keras_lite.optimizers`."""
from keras_lite.optimizers import schedules  # noqa: F401
from keras_lite.optimizers.adam import Adam
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.optimizers.rmsprop import RMSprop
from keras_lite.optimizers.sgd import SGD
from keras_lite.saving import serialization_lib

_BY_NAME = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "SGD": SGD, "Adam": Adam, "RMSprop": RMSprop}

deserialize, get = serialization_lib.identifier_functions("optimizer", _BY_NAME)


def serialize(optimizer):
    return serialization_lib.serialize_keras_object(optimizer)


__all__ = ["Adam", "Optimizer", "RMSprop", "SGD", "deserialize", "get", "schedules", "serialize"]
