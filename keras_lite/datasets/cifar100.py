"""CIFAR-100: 50,000 training and 10,000 test 32x32 colour images in 100 fine (20 coarse) classes."""
import os

import numpy as np

from keras_lite.datasets._cifar import load_batch, to_image_layout
from keras_lite.utils.file_utils import get_file

_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
_HASH = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"


def load_data(label_mode="fine"):
    """`(x_train, y_train), (x_test, y_test)`: uint8 images (n, 32, 32, 3) (channels first under the
    'channels_first' image data format) and int64 labels (n, 1), fine (0-99) or coarse (0-19).

    Cached as $KERAS_HOME/datasets/cifar-100-python-target_archive and extracted beside it, as Keras does.
    """
    if label_mode not in ("fine", "coarse"):
        raise ValueError(f"cifar100.load_data: `label_mode` must be 'fine' or 'coarse'; got {label_mode!r}.")
    path = get_file(fname="cifar-100-python-target", origin=_ORIGIN, extract=True, file_hash=_HASH)
    folder = os.path.join(path, "cifar-100-python")
    splits = []
    for name in ("train", "test"):
        x, y = load_batch(os.path.join(folder, name), label_key=f"{label_mode}_labels")
        splits.append((to_image_layout(x), np.reshape(np.asarray(y, "int64"), (-1, 1))))
    return tuple(splits)
