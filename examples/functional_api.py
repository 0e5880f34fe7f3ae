"""The functional-API guide's opening, on the selected backend.

The guide's later programs (layers, models, training) join this example as
keras_lite grows to run them.
"""
import numpy as np

import keras_lite as keras
from keras_lite import ops

print("backend:", keras.backend.backend())

inputs = keras.KerasTensor((None, 784))
print(inputs.shape)
print(repr(inputs.dtype))

x = np.arange(6, dtype="float32").reshape(2, 3)
print("ops.sum(x, axis=1) =", ops.convert_to_numpy(ops.sum(x, axis=1)))
print("symbolic ops.exp:", ops.exp(keras.KerasTensor((None, 3))))
