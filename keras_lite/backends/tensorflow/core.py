"""TensorFlow: tensors, Variable, conversion, abstract evaluation and devices."""
import contextlib

import numpy as np
import optree
import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = True
SUPPORTS_RAGGED_TENSORS = True
IS_THREAD_SAFE = True
ENGINE_ERRORS = (TypeError, ValueError, tf.errors.InvalidArgumentError, tf.errors.UnimplementedError)


def _tf_dtype(dtype):
    return tf.as_dtype(dtypes.standardize_dtype(dtype))


class Variable(BaseVariable, tf.__internal__.types.Tensor):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = tf.Variable(value, trainable=self.trainable, name=self.name)

    def _direct_assign(self, value):
        self._value.assign(value)

    def _deferred_read(self):
        return self.value


def _variable_to_tensor(variable, dtype=None, name=None, as_ref=False):
    value = variable.value
    if isinstance(value, tf.Variable):
        value = value.read_value() if not as_ref else value
    return value if dtype is None else tf.cast(value, dtype)


tf.register_tensor_conversion_function(Variable, _variable_to_tensor)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor) and sparse is False:
        x = tf.sparse.to_dense(x)
    if isinstance(x, tf.RaggedTensor) and ragged is False:
        x = x.to_tensor()
    if isinstance(x, (tf.Tensor, tf.Variable, tf.SparseTensor, tf.RaggedTensor)):
        if dtype is not None and x.dtype != _tf_dtype(dtype):
            return tf.cast(x, _tf_dtype(dtype))
        if isinstance(x, tf.Variable):
            return x.read_value()
        return x
    if dtype is None:
        if isinstance(x, np.ndarray) or (hasattr(x, "__array__") and not isinstance(x, (list, tuple))):
            x = np.asarray(x)
            dtype = dtypes.standardize_dtype(x.dtype)
        else:
            dtype = dtypes.infer_dtype(x)
    if isinstance(x, np.ndarray) and x.dtype.kind in "iuf" and dtypes.standardize_dtype(x.dtype) != dtype:
        return tf.cast(tf.convert_to_tensor(x), _tf_dtype(dtype))
    return tf.convert_to_tensor(x, dtype=_tf_dtype(dtype))



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor):
        x = tf.sparse.to_dense(x)
    if isinstance(x, tf.RaggedTensor):
        x = x.to_tensor()
    if isinstance(x, (tf.Tensor, tf.Variable)):
        return x.numpy()
    return np.asarray(x)


def is_tensor(x):
    return tf.is_tensor(x)


def shape(x):
    """Static dims as ints; dims unknown at trace time as scalar tensors."""
    static = x.shape.as_list()
    if None not in static:
        return tuple(static)
    dynamic = tf.shape(x)
    return tuple(d if d is not None else dynamic[i] for i, d in enumerate(static))


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """Trace fn on graph placeholders: TensorFlow infers shapes without computing."""
    graph = tf.Graph()
    with graph.as_default():
        placeholders = [tf.compat.v1.placeholder(_tf_dtype(d), shape=s) for s, d in specs]
        out = fn(placeholders)
    return optree.tree_map(
        lambda o: KerasTensor(tuple(o.shape.as_list()), dtypes.standardize_dtype(o.dtype))
        if tf.is_tensor(o) else o,
        out, none_is_leaf=True)


@contextlib.contextmanager
def device_scope(device_name):
    """Places computations inside on a device, e.g. 'cpu:0' or 'gpu:0'."""
    with tf.device(_parse_device(device_name)):
        yield


def _parse_device(device_name):
    kind, _, index = str(device_name).lower().partition(":")
    kind = {"cuda": "gpu"}.get(kind, kind)
    if kind not in ("cpu", "gpu", "tpu"):
        raise ValueError(f"Unknown device {device_name!r}; expected 'cpu', 'gpu' or 'tpu' with an index.")
    return f"/{kind.upper()}:{int(index or 0)}"


def get_device():
    spec = tf.config.list_logical_devices()
    return spec[0].name if spec else "/CPU:0"
