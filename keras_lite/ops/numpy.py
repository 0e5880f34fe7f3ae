"""`keras_lite.ops.numpy`: the NumPy-style ops (elementwise, array and reduction families)."""
from keras_lite.ops.array import *  # noqa: F401,F403
from keras_lite.ops.array import __all__ as _array_all
from keras_lite.ops.elementwise import *  # noqa: F401,F403
from keras_lite.ops.elementwise import __all__ as _elementwise_all
from keras_lite.ops.reduction import *  # noqa: F401,F403
from keras_lite.ops.reduction import __all__ as _reduction_all
from keras_lite.ops.math import slogdet  # Keras files it under numpy

__all__ = sorted(_array_all + _elementwise_all + _reduction_all + ["slogdet"])
