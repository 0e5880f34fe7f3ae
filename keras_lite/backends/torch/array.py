"""PyTorch: array ops (creation, shape manipulation, joining and splitting, products)."""
import torch

from keras_lite.backends.torch.core import convert_to_tensor


def reshape(x, newshape):
    if isinstance(newshape, int):
        newshape = (newshape,)
    return torch.reshape(convert_to_tensor(x), tuple(newshape))
