"""Fashion-MNIST: 60,000 training and 10,000 test 28x28 uint8 images of clothing, labels 0-9.

The four files are kept gzipped in $KERAS_HOME/datasets/fashion-mnist, as Keras keeps them.
"""
import gzip
import os

import numpy as np

from keras_lite.datasets._origins import TF_KERAS_DATASETS
from keras_lite.utils.file_utils import get_file

FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz")


def load_data():
    """`(x_train, y_train), (x_test, y_test)`: uint8 arrays (n, 28, 28) and (n,)."""
    paths = [get_file(name, origin=TF_KERAS_DATASETS + name, cache_subdir=os.path.join("datasets", "fashion-mnist"))
             for name in FILES]
    y_train, x_train, y_test, x_test = (read_idx(path) for path in paths)
    return (x_train, y_train), (x_test, y_test)


def read_idx(path):
    """A gzipped IDX file (big-endian magic 0x0000 08 <rank>, then one uint32 per dimension) as uint8."""
    with gzip.open(path, "rb") as f:
        content = bytearray(f.read())  # writable arrays, as users often scale them in place
    if len(content) < 4 or content[:3] != b"\x00\x00\x08":
        raise ValueError(f"{path} is not an IDX file of unsigned bytes.")
    rank = content[3]
    shape = tuple(int(d) for d in np.frombuffer(content, ">u4", count=rank, offset=4))
    data = np.frombuffer(content, np.uint8, offset=4 + 4 * rank)
    if data.size != int(np.prod(shape)):
        raise ValueError(f"{path}: the header announces shape {shape} but {data.size} values follow.")
    return data.reshape(shape)
