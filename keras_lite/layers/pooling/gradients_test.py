"""Gradients flow through every pooling layer inside the compiled train step (the weights below them move)."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("rank", [1, 2, 3])
def test_a_compiled_step_trains_the_weights_below_each_pooling_layer(rank):
    spatial = (6,) * rank
    conv = getattr(layers, f"Conv{rank}D")(2, 1, name="conv")
    inputs = keras.Input(spatial + (1,))
    x = conv(inputs)
    x = getattr(layers, f"MaxPooling{rank}D")(2, padding="same")(x)
    x = getattr(layers, f"AveragePooling{rank}D")(2, padding="same")(x)
    pooled = layers.concatenate([getattr(layers, f"GlobalMaxPooling{rank}D")()(x),
                                 getattr(layers, f"GlobalAveragePooling{rank}D")()(x)])
    model = keras.Model(inputs, layers.Dense(1)(pooled))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    before = conv.get_weights()[0].copy()
    rng = np.random.default_rng(0)
    loss = model.train_on_batch(rng.random((4,) + spatial + (1,), dtype="float32"), np.ones((4, 1), "float32"))
    assert np.isfinite(loss).all()
    assert not np.allclose(before, conv.get_weights()[0])
