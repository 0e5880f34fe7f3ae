"""MNIST handwritten digits: 60,000 training and 10,000 test images, 28x28 uint8, labels 0-9."""
import numpy as np

from keras_lite.datasets._origins import TF_KERAS_DATASETS
from keras_lite.utils.file_utils import get_file

_HASH = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


def load_data(path="mnist.npz"):
    """`(x_train, y_train), (x_test, y_test)`: uint8 arrays (n, 28, 28) and (n,).

    `path` is the file name in the cache ($KERAS_HOME/datasets); it is downloaded when absent.
    """
    path = get_file(fname=path, origin=TF_KERAS_DATASETS + "mnist.npz", file_hash=_HASH)
    with np.load(path, allow_pickle=False) as f:
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])
