"""keras_lite: the Keras 3 API over JAX, PyTorch, TensorFlow or NumPy (KERAS_BACKEND)."""
from keras_lite import backend, config, dtype_policies, ops, random, tree  # noqa: F401
from keras_lite.backends import engine as _engine
from keras_lite.backends.common.keras_tensor import KerasTensor  # noqa: F401
from keras_lite.backends.common.naming import name_scope  # noqa: F401
from keras_lite.backends.common.stateless_scope import StatelessScope  # noqa: F401
from keras_lite.dtype_policies import DTypePolicy  # noqa: F401

Variable = _engine.Variable
device = _engine.core.device_scope
__version__ = "0.1.0"
from keras_lite import activations, constraints, initializers, layers, models, regularizers, saving  # noqa: E402,F401
from keras_lite.layers import Input, InputLayer, Layer  # noqa: E402,F401
from keras_lite.models import Functional, Model, Sequential  # noqa: E402,F401
