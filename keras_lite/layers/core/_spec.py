"""Output specs for layers whose call may hand back its input unchanged.

A symbolic call must return new KerasTensors: returning the input itself
would make the layer's node overwrite where that tensor came from.
"""
import optree

from keras_lite.backends.common.keras_tensor import KerasTensor


def spec_like(inputs, dtype=None):
    """Fresh KerasTensors with the shapes (and dtypes, unless `dtype` is given) of `inputs`."""
    return optree.tree_map(
        lambda x: KerasTensor(x.shape, dtype or x.dtype, sparse=x.sparse, ragged=x.ragged)
        if isinstance(x, KerasTensor) else x, inputs, none_is_leaf=True)
