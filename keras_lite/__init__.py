"""keras_lite: the Keras 3 API over JAX, PyTorch, TensorFlow or NumPy (KERAS_BACKEND)."""
from keras_lite import (activations, backend, callbacks, config, constraints, dtype_policies,  # noqa: F401
                        initializers, layers, losses, metrics, mixed_precision, models, ops, optimizers, random,
                        regularizers, saving, tree, utils)
from keras_lite.backends import engine as _engine
from keras_lite.backends.common.keras_tensor import KerasTensor  # noqa: F401
from keras_lite.backends.common.naming import name_scope  # noqa: F401
from keras_lite.backends.common.stateless_scope import StatelessScope  # noqa: F401
from keras_lite.dtype_policies import DTypePolicy, FloatDTypePolicy  # noqa: F401
from keras_lite.initializers import Initializer  # noqa: F401
from keras_lite.layers import Input, InputLayer, InputSpec, Layer  # noqa: F401
from keras_lite.models import Functional, Model, Sequential  # noqa: F401
from keras_lite.ops.operation import Operation  # noqa: F401
from keras_lite.regularizers import Regularizer  # noqa: F401

Variable = _engine.Variable
device = _engine.core.device_scope
__version__ = "0.1.0"


def version():
    return __version__


_LAZY_SUBMODULES = ("applications", "datasets", "distribution")


def __getattr__(name):
    """The heavy or rarely used namespaces are imported on first use, keeping `import keras_lite` cheap."""
    if name in _LAZY_SUBMODULES:
        import importlib

        return importlib.import_module(f"keras_lite.{name}")
    raise AttributeError(f"module 'keras_lite' has no attribute {name!r}")
