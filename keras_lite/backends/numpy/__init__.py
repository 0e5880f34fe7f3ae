"""The numpy backend: the same module and function names as every other backend."""
from keras_lite.backends.numpy import (array, core, elementwise, foreach, gradients, image, linalg, math, nn,  # noqa: F401
                                       random, reduction, rnn, trainer)
from keras_lite.backends.numpy.core import Variable, cast, convert_to_numpy, convert_to_tensor, is_tensor, shape

NAME = "numpy"
