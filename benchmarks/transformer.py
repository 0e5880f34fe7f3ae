"""Workload: one transformer block — MultiHeadAttention(4 heads × 16) + LayerNorm + Dense feed-forward —
on sequences of 128 × 64 features, batch 32, Adam, sparse CE from logits over a pooled output.

Run alone with `python benchmarks/transformer.py`.
"""
import numpy as np

from _init import glorot, ones, zeros

NAME = "transformer"
TITLE = "transformer block (MHA 4x16 + LayerNorm + Dense 128), seq 128 x 64, batch 32, Adam"
BATCH = 32
STEPS_PER_EPOCH = 20
PREDICT_BATCH = 256
PREDICT_SAMPLES = 1024
OPTIMIZER = "adam"
LOSS = "sparse_categorical"
LENGTH, DIM, HEADS, KEY_DIM, HIDDEN, CLASSES = 128, 64, 4, 16, 128, 10
EPSILON = 1e-3  # LayerNormalization's default


def make_data(n, rng):
    x = rng.standard_normal((n, LENGTH, DIM), dtype=np.float32)
    y = rng.integers(0, CLASSES, n).astype(np.int32)
    return x, y


def build_model(keras):
    layers = keras.layers
    inputs = keras.Input(shape=(LENGTH, DIM))
    attention = layers.MultiHeadAttention(num_heads=HEADS, key_dim=KEY_DIM)(inputs, inputs)
    x = layers.LayerNormalization()(layers.add([inputs, attention]))
    feed = layers.Dense(HIDDEN, activation="relu")(x)
    feed = layers.Dense(DIM)(feed)
    x = layers.LayerNormalization()(layers.add([x, feed]))
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(CLASSES)(x)
    return keras.Model(inputs, outputs, name="transformer_block")


def compile_model(model, keras):
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])


def _params(rng):
    params = {}
    for name in ("query", "key", "value"):
        params[name + "_w"] = glorot(rng, (DIM, HEADS, KEY_DIM), DIM, HEADS * KEY_DIM)
        params[name + "_b"] = zeros(HEADS, KEY_DIM)
    params["out_w"] = glorot(rng, (HEADS, KEY_DIM, DIM), HEADS * KEY_DIM, DIM)
    params["out_b"] = zeros(DIM)
    for name in ("norm0", "norm1"):
        params[name + "_g"], params[name + "_b"] = ones(DIM), zeros(DIM)
    params["ff0_w"], params["ff0_b"] = glorot(rng, (DIM, HIDDEN)), zeros(HIDDEN)
    params["ff1_w"], params["ff1_b"] = glorot(rng, (HIDDEN, DIM)), zeros(DIM)
    params["head_w"], params["head_b"] = glorot(rng, (DIM, CLASSES)), zeros(CLASSES)
    return params


def _block(einsum, softmax, relu, mean, rsqrt):
    """The block over engine primitives, shared by the JAX and TensorFlow loops (same einsums as Keras)."""
    def norm(p, name, x):
        centred = x - mean(x, -1)
        variance = mean(centred * centred, -1)
        return centred * rsqrt(variance + EPSILON) * p[name + "_g"] + p[name + "_b"]

    def forward(p, x, training, key=None):
        q, k, v = (einsum("bsd,dhk->bshk", x, p[n + "_w"]) + p[n + "_b"] for n in ("query", "key", "value"))
        scores = softmax(einsum("bqhk,bshk->bhqs", q * (1.0 / KEY_DIM ** 0.5), k))
        attended = einsum("bhqs,bshk->bqhk", scores, v)
        x = norm(p, "norm0", x + einsum("bqhk,hkd->bqd", attended, p["out_w"]) + p["out_b"])
        feed = relu(x @ p["ff0_w"] + p["ff0_b"]) @ p["ff1_w"] + p["ff1_b"]
        x = norm(p, "norm1", x + feed)
        pooled = mean(x, 1)[:, 0]
        return pooled @ p["head_w"] + p["head_b"]

    return forward


def raw_jax(rng):
    import jax
    import jax.numpy as jnp

    forward = _block(jnp.einsum, jax.nn.softmax, lambda h: jnp.maximum(h, 0.0),
                     lambda h, axis: jnp.mean(h, axis, keepdims=True), jax.lax.rsqrt)
    return _params(rng), forward


def raw_tensorflow(rng):
    import tensorflow as tf

    forward = _block(tf.einsum, tf.nn.softmax, tf.nn.relu,
                     lambda h, axis: tf.reduce_mean(h, axis, keepdims=True), tf.math.rsqrt)
    return _params(rng), forward


def raw_torch(rng):
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.attention = nn.MultiheadAttention(DIM, HEADS, batch_first=True)
            self.norm0, self.norm1 = nn.LayerNorm(DIM, eps=EPSILON), nn.LayerNorm(DIM, eps=EPSILON)
            self.feed = nn.Sequential(nn.Linear(DIM, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, DIM))
            self.head = nn.Linear(DIM, CLASSES)

        def forward(self, x):
            x = self.norm0(x + self.attention(x, x, x, need_weights=False)[0])
            x = self.norm1(x + self.feed(x))
            return self.head(torch.mean(x, dim=1))

    return Block()


if __name__ == "__main__":
    import sys

    import run

    sys.exit(run.main(workloads=[NAME]))
