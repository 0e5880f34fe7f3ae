"""Training end to end under a mixed global policy: float16/bfloat16 compute, float32 weights, loss scaling."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, mixed_precision, ops


@pytest.fixture
def policy():
    def use(name):
        mixed_precision.set_global_policy(name)
    yield use
    mixed_precision.set_global_policy("float32")


def classifier():
    inputs = keras.Input((16,))
    x = layers.Dense(32, activation="relu")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Dense(4)(x)
    outputs = layers.Activation("softmax", dtype="float32")(x)  # as the Keras guide advises
    return keras.Model(inputs, outputs)


def blobs(n=256, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    x = rng.normal(size=(n, 16)).astype("float32") * 0.5
    x[np.arange(n), y * 4] += 2.0
    return x, y


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("name, compute", [("mixed_float16", "float16"), ("mixed_bfloat16", "bfloat16")])
def test_a_mixed_policy_trains_with_float32_weights(policy, name, compute):
    policy(name)
    model = classifier()
    dense = model.layers[1]
    assert dense.compute_dtype == compute and dense.variable_dtype == "float32"
    assert all(w.dtype == "float32" for w in model.weights)
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    scaled = isinstance(model.optimizer, keras.optimizers.LossScaleOptimizer)
    assert scaled == (name == "mixed_float16")  # loss scaling only where float16 could underflow
    x, y = blobs()
    history = model.fit(x, y, batch_size=32, epochs=3, verbose=0)
    assert history.history["accuracy"][-1] > 0.9, history.history
    assert all(np.isfinite(w).all() and w.dtype == np.float32 for w in model.get_weights())
    assert ops.dtype(dense(ops.convert_to_tensor(x[:2]))) == compute
    assert model.predict(x[:8], verbose=0).dtype == np.float32
    if scaled:  # a step whose scaled gradients overflow is skipped and halves the scale (24 steps, no growth)
        applied = int(ops.convert_to_numpy(model.optimizer.iterations))
        scale = float(ops.convert_to_numpy(model.optimizer.dynamic_scale))
        assert 0 < applied <= 24 and scale == 2.0 ** 15 / 2 ** (24 - applied)
