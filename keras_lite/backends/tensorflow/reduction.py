"""TensorFlow: reductions, statistics, sorting, searching and indexing."""
import tensorflow as tf

from keras_lite.backends.tensorflow.core import convert_to_tensor

_SUM_DTYPES = {tf.bool: tf.int32, tf.int8: tf.int32, tf.int16: tf.int32, tf.uint8: tf.uint32,
               tf.uint16: tf.uint32}


def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    if x.dtype in _SUM_DTYPES:
        x = tf.cast(x, _SUM_DTYPES[x.dtype])
    return tf.reduce_sum(x, axis=axis, keepdims=keepdims)
