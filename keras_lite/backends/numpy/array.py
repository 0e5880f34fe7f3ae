"""NumPy: array ops (creation, shape manipulation, joining and splitting, products)."""
import numpy as np

from keras_lite.backends.numpy.core import convert_to_tensor


def reshape(x, newshape):
    return np.reshape(convert_to_tensor(x), newshape)
