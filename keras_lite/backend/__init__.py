"""`keras_lite.backend`: which engine runs, and the helpers Keras users call on it."""
from keras_lite.backends import backend
from keras_lite.backends.common.config import (epsilon, floatx, image_data_format, set_epsilon, set_floatx,
                                               set_image_data_format)
from keras_lite.backends.common.dtypes import is_float_dtype, is_int_dtype, result_type, standardize_dtype
from keras_lite.backends.common.keras_tensor import KerasTensor, is_keras_tensor
from keras_lite.backends.common.naming import get_uid, name_scope
from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.backends.common.variable import Variable as _BaseVariable
from keras_lite.backends import engine as _engine

Variable = _engine.Variable
convert_to_tensor = _engine.convert_to_tensor
convert_to_numpy = _engine.convert_to_numpy
device = _engine.core.device_scope
get_device = _engine.core.get_device


def is_variable(x):
    return isinstance(x, _BaseVariable)


def clear_session(free_memory=True):
    """Resets default name numbering (`dense`, `dense_1`, ...) and, on request, frees engine caches."""
    import gc

    from keras_lite.backends.common import naming
    from keras_lite.random.seed_generator import reset_global_seed_generator

    naming.reset_names()
    reset_global_seed_generator()
    if free_memory:
        gc.collect()


__all__ = [
    "KerasTensor", "StatelessScope", "Variable", "backend", "clear_session", "convert_to_numpy",
    "convert_to_tensor", "device", "epsilon", "floatx", "get_device", "get_uid", "image_data_format",
    "is_float_dtype", "is_int_dtype", "is_keras_tensor", "is_variable", "name_scope", "result_type",
    "set_epsilon", "set_floatx", "set_image_data_format", "standardize_dtype",
]
