"""The tensorflow backend: the same module and function names as every other backend."""
import sys


def _import_tensorflow_alone():
    """TensorFlow's TFLite helpers import JAX whenever it is installed; hide JAX while
    TensorFlow loads so that one engine is in memory (the import falls back cleanly)."""
    if "jax" in sys.modules:
        import tensorflow  # noqa: F401
        return
    sys.modules["jax"] = None
    try:
        import tensorflow  # noqa: F401
    finally:
        del sys.modules["jax"]


_import_tensorflow_alone()
from keras_lite.backends.tensorflow import (array, core, elementwise, foreach, gradients, image, linalg, math, nn,  # noqa: F401
                                            random, reduction, rnn, trainer)
from keras_lite.backends.tensorflow.core import Variable, cast, convert_to_numpy, convert_to_tensor, is_tensor, shape

NAME = "tensorflow"
