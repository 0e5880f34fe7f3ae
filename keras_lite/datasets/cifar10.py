"""CIFAR-10: 50,000 training and 10,000 test 32x32 colour images in 10 classes."""
import os

import numpy as np

from keras_lite.datasets._cifar import load_batch, to_image_layout
from keras_lite.utils.file_utils import get_file

_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
_HASH = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"


def load_data():
    """`(x_train, y_train), (x_test, y_test)`: uint8 images (n, 32, 32, 3) (channels first under the
    'channels_first' image data format) and uint8 labels (n, 1).

    The archive is cached as $KERAS_HOME/datasets/cifar-10-batches-py-target_archive and extracted
    beside it, as Keras does; its batch files are read with a pickle reader that accepts NumPy arrays only.
    """
    path = get_file(fname="cifar-10-batches-py-target", origin=_ORIGIN, extract=True, file_hash=_HASH)
    folder = os.path.join(path, "cifar-10-batches-py")
    train = [load_batch(os.path.join(folder, f"data_batch_{i}")) for i in range(1, 6)]
    x_test, y_test = load_batch(os.path.join(folder, "test_batch"))
    x_train = np.concatenate([x for x, _ in train]).astype("uint8")
    y_train = np.concatenate([np.asarray(y) for _, y in train]).astype("uint8").reshape(-1, 1)
    x_test = np.asarray(x_test).astype("uint8")
    y_test = np.asarray(y_test).astype("uint8").reshape(-1, 1)
    return (to_image_layout(x_train), y_train), (to_image_layout(x_test), y_test)
