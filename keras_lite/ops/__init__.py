"""`keras_lite.ops`: every public op, eager on the active engine or symbolic on KerasTensors.

Image ops live in `keras_lite.ops.image` only, as in Keras."""
from keras_lite.ops import image, linalg, nn, numpy  # noqa: F401
from keras_lite.ops.core import *  # noqa: F401,F403
from keras_lite.ops.linalg import *  # noqa: F401,F403
from keras_lite.ops.math import *  # noqa: F401,F403
from keras_lite.ops.nn import *  # noqa: F401,F403
from keras_lite.ops.numpy import *  # noqa: F401,F403
from keras_lite.ops import _operators  # noqa: F401,E402  (installs operators; needs the names above)
