"""`keras_lite.optimizers`."""
from keras_lite.optimizers import schedules  # noqa: F401
from keras_lite.optimizers.adadelta import Adadelta
from keras_lite.optimizers.adafactor import Adafactor
from keras_lite.optimizers.adagrad import Adagrad
from keras_lite.optimizers.adam import Adam
from keras_lite.optimizers.adamax import Adamax
from keras_lite.optimizers.adamw import AdamW
from keras_lite.optimizers.ftrl import Ftrl
from keras_lite.optimizers.lamb import Lamb
from keras_lite.optimizers.lion import Lion
from keras_lite.optimizers.loss_scale_optimizer import LossScaleOptimizer
from keras_lite.optimizers.multi_optimizer import MultiOptimizer, OptimizerMap
from keras_lite.optimizers.muon import Muon
from keras_lite.optimizers.nadam import Nadam
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.optimizers.rmsprop import RMSprop
from keras_lite.optimizers.schedule_free_adamw import ScheduleFreeAdamW
from keras_lite.optimizers.sgd import SGD
from keras_lite.saving import serialization_lib

# Names `get` accepts: each class by its own name and lower-cased (Keras's lookup), e.g. "adamw".
_BY_NAME = {}
for _cls in (Adadelta, Adafactor, Adagrad, Adam, Adamax, AdamW, Ftrl, Lamb, Lion, LossScaleOptimizer, Nadam,
             RMSprop, SGD):
    _BY_NAME[_cls.__name__] = _BY_NAME[_cls.__name__.lower()] = _cls
del _cls

deserialize, get = serialization_lib.identifier_functions("optimizer", _BY_NAME)


def serialize(optimizer):
    return serialization_lib.serialize_keras_object(optimizer)


__all__ = ["Adadelta", "Adafactor", "Adagrad", "Adam", "AdamW", "Adamax", "Ftrl", "Lamb", "Lion",
           "LossScaleOptimizer", "MultiOptimizer", "Muon", "Nadam", "Optimizer", "OptimizerMap", "RMSprop",
           "SGD", "ScheduleFreeAdamW", "deserialize", "get", "schedules", "serialize"]
