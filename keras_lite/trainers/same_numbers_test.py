"""The same model, data and seeds train to the same loss on every engine (initial weights are drawn on the
host, so they are bit-identical; the pinned values below were measured on jax, torch and tensorflow alike)."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import initializers, layers

PINNED_TRAIN_LOSS = 1.1450626850128174  # epoch-1 mean loss, identical to 1e-7 on all three engines
PINNED_EVAL_LOSS = 1.0748584270477295


@pytest.mark.requires_trainable_backend
def test_one_epoch_gives_the_same_loss_on_every_engine():
    rng = np.random.default_rng(42)
    x = rng.normal(size=(64, 8)).astype("float32")
    y = rng.integers(0, 3, size=64)
    inputs = keras.Input((8,))
    hidden = layers.Dense(16, activation="relu", kernel_initializer=initializers.GlorotUniform(seed=1))(inputs)
    outputs = layers.Dense(3, kernel_initializer=initializers.GlorotUniform(seed=2))(hidden)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
    assert abs(history.history["loss"][0] - PINNED_TRAIN_LOSS) < 1e-4
    assert abs(model.evaluate(x, y, verbose=0) - PINNED_EVAL_LOSS) < 1e-4
