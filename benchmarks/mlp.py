"""Workload: the guide's MNIST MLP (784 → 64 → 64 → 10), batch 64, RMSprop, sparse CE from logits.

Run alone with `python benchmarks/mlp.py [run.py options]`.
"""
import numpy as np

from _init import glorot, zeros

NAME = "mlp"
TITLE = "MNIST MLP 784-64-64-10, batch 64, RMSprop, sparse CE from logits"
BATCH = 64
STEPS_PER_EPOCH = 300
PREDICT_BATCH = 1024
PREDICT_SAMPLES = 19456  # 19 batches of 1024
OPTIMIZER = "rmsprop"
LOSS = "sparse_categorical"
SIZES = (784, 64, 64, 10)


def make_data(n, rng):
    x = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, n).astype(np.int32)
    return x, y


def build_model(keras):
    """The guide's code, for keras_lite and Keras 3 alike."""
    layers = keras.layers
    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")


def compile_model(model, keras):
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])


def _params(rng):
    params = {}
    for i, (fan_in, fan_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
        params[f"w{i}"] = glorot(rng, (fan_in, fan_out))
        params[f"b{i}"] = zeros(fan_out)
    return params


def raw_jax(rng):
    import jax.numpy as jnp

    def forward(p, x, training, key):
        h = x
        for i in range(len(SIZES) - 1):
            h = h @ p[f"w{i}"] + p[f"b{i}"]
            if i < len(SIZES) - 2:
                h = jnp.maximum(h, 0.0)
        return h

    return _params(rng), forward


def raw_tensorflow(rng):
    import tensorflow as tf

    def forward(p, x, training):
        h = x
        for i in range(len(SIZES) - 1):
            h = tf.matmul(h, p[f"w{i}"]) + p[f"b{i}"]
            if i < len(SIZES) - 2:
                h = tf.nn.relu(h)
        return h

    return _params(rng), forward


def raw_torch(rng):
    from torch import nn

    return nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))


if __name__ == "__main__":
    import sys

    import run

    sys.exit(run.main(workloads=[NAME]))
