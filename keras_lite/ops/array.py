"""Array numpy-style ops: creation, shape manipulation, reductions, indexing, sorting, products."""
from keras_lite.backends import engine
from keras_lite.ops._dispatch import keras_op

__all__ = ["reshape"]


@keras_op()
def reshape(x, newshape):
    return engine.array.reshape(x, newshape)
