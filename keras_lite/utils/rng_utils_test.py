"""set_random_seed makes Python, NumPy, initializers and runtime random ops repeat."""
import random

import numpy as np
import pytest

import keras_lite as keras
from keras_lite.utils import set_random_seed


def draw():
    layer = keras.layers.Dense(3)
    layer.build((None, 2))
    dropped = keras.layers.Dropout(0.5)(np.ones((1, 8), "float32"), training=True)
    return (random.random(), np.random.rand(), keras.ops.convert_to_numpy(keras.random.normal((3,))),
            keras.ops.convert_to_numpy(layer.kernel), keras.ops.convert_to_numpy(dropped),
            keras.ops.convert_to_numpy(keras.random.uniform((2,), seed=keras.random.SeedGenerator())))


def test_same_seed_same_numbers():
    set_random_seed(1234)
    first = draw()
    set_random_seed(1234)
    second = draw()
    for a, b in zip(first, second):
        assert np.array_equal(a, b)
    set_random_seed(99)
    assert not np.array_equal(draw()[3], first[3])


def test_bad_seeds():
    for seed in (1.5, "1", True, None):
        with pytest.raises(ValueError, match="must be an integer"):
            set_random_seed(seed)
    with pytest.raises(ValueError, match=r"\[0, 2\*\*32\)"):
        set_random_seed(-1)
    set_random_seed(np.int64(7))
