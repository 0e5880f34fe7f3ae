"""Workload: Embedding(10000, 64) → LSTM(32) → Dense(1) on length-100 sequences, batch 32, Adam,
binary CE from logits.

The recurrent loop dominates: the raw references are `lax.scan` (JAX), `torch.nn.LSTM` (the engine's
fused kernel) and `tf.scan` inside a `tf.function` (TensorFlow). Run alone with `python benchmarks/lstm.py`.
"""
import numpy as np

from _init import glorot, zeros

NAME = "lstm"
TITLE = "Embedding(10000,64) -> LSTM(32) -> Dense(1), length 100, batch 32, Adam, binary CE from logits"
BATCH = 32
STEPS_PER_EPOCH = 20
PREDICT_BATCH = 256
PREDICT_SAMPLES = 1024
OPTIMIZER = "adam"
LOSS = "binary"
VOCAB, EMBED, UNITS, LENGTH = 10000, 64, 32, 100


def make_data(n, rng):
    x = rng.integers(0, VOCAB, (n, LENGTH)).astype(np.int32)
    y = rng.integers(0, 2, (n, 1)).astype(np.float32)
    return x, y


def build_model(keras):
    layers = keras.layers
    inputs = keras.Input(shape=(LENGTH,), dtype="int32")
    x = layers.Embedding(VOCAB, EMBED)(inputs)
    x = layers.LSTM(UNITS)(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs, name="lstm_classifier")


def compile_model(model, keras):
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])


def _params(rng):
    bias = zeros(4 * UNITS)
    bias[UNITS:2 * UNITS] = 1.0  # forget gate starts open, as Keras's unit_forget_bias
    return {"embedding": rng.uniform(-0.05, 0.05, (VOCAB, EMBED)).astype(np.float32),
            "kernel": glorot(rng, (EMBED, 4 * UNITS)),
            "recurrent": np.linalg.qr(rng.normal(size=(4 * UNITS, UNITS)))[0].T.astype(np.float32),
            "bias": bias, "dense_w": glorot(rng, (UNITS, 1)), "dense_b": zeros(1)}


def raw_jax(rng):
    import jax
    import jax.numpy as jnp

    def forward(p, x, training, key):
        inputs = jnp.take(p["embedding"], x, axis=0) @ p["kernel"] + p["bias"]  # (batch, time, 4 units)

        def cell(carry, z):
            h, c = carry
            i, f, g, o = jnp.split(z + h @ p["recurrent"], 4, axis=-1)
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
            h = jax.nn.sigmoid(o) * jnp.tanh(c)
            return (h, c), None

        zero = jnp.zeros((x.shape[0], UNITS), inputs.dtype)
        (h, _), _ = jax.lax.scan(cell, (zero, zero), jnp.swapaxes(inputs, 0, 1))
        return h @ p["dense_w"] + p["dense_b"]

    return _params(rng), forward


def raw_tensorflow(rng):
    import tensorflow as tf

    def forward(p, x, training):
        inputs = tf.matmul(tf.gather(p["embedding"], x), p["kernel"]) + p["bias"]

        def cell(carry, z):
            h, c = carry
            i, f, g, o = tf.split(z + tf.matmul(h, p["recurrent"]), 4, axis=-1)
            c = tf.sigmoid(f) * c + tf.sigmoid(i) * tf.tanh(g)
            return tf.sigmoid(o) * tf.tanh(c), c

        zero = tf.zeros((tf.shape(x)[0], UNITS))
        h, _ = tf.scan(cell, tf.transpose(inputs, (1, 0, 2)), initializer=(zero, zero))
        return tf.matmul(h[-1], p["dense_w"]) + p["dense_b"]

    return _params(rng), forward


def raw_torch(rng):
    from torch import nn

    class Classifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(VOCAB, EMBED)
            self.lstm = nn.LSTM(EMBED, UNITS, batch_first=True)
            self.dense = nn.Linear(UNITS, 1)

        def forward(self, x):
            _, (h, _) = self.lstm(self.embedding(x))
            return self.dense(h[-1])

    return Classifier()


if __name__ == "__main__":
    import sys

    import run

    sys.exit(run.main(workloads=[NAME]))
