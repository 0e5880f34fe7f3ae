"""TensorFlow: array ops (creation, shape manipulation, joining and splitting, products)."""
import tensorflow as tf

from keras_lite.backends.tensorflow.core import convert_to_tensor


def reshape(x, newshape):
    return tf.reshape(convert_to_tensor(x), newshape)
