"""Workload: the guide's toy ResNet on 32×32×3 images, batch 64, RMSprop(1e-3), categorical CE from logits.

Compute-bound: most of a step is convolution kernels. Run alone with `python benchmarks/resnet.py`.
"""
import numpy as np

from _init import conv_kernel, glorot, zeros

NAME = "resnet"
TITLE = "toy ResNet (guide) on 32x32x3, batch 64, RMSprop, categorical CE from logits"
BATCH = 64
STEPS_PER_EPOCH = 12
PREDICT_BATCH = 256
PREDICT_SAMPLES = 512
OPTIMIZER = "rmsprop"
LOSS = "categorical"
CHANNELS_FIRST_FOR_TORCH = True
# (name, input channels, output channels, padding) of the 3×3 convolutions, in order.
CONVS = (("c0", 3, 32, "VALID"), ("c1", 32, 64, "VALID"), ("c2", 64, 64, "SAME"), ("c3", 64, 64, "SAME"),
         ("c4", 64, 64, "SAME"), ("c5", 64, 64, "SAME"), ("c6", 64, 64, "VALID"))


def make_data(n, rng):
    x = rng.random((n, 32, 32, 3), dtype=np.float32)
    y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, n)]
    return x, y


def build_model(keras):
    """The guide's code, for keras_lite and Keras 3 alike."""
    layers = keras.layers
    inputs = keras.Input(shape=(32, 32, 3), name="img")
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    block_1_output = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_2_output = layers.add([x, block_1_output])
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_3_output = layers.add([x, block_2_output])
    x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(256, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs, name="toy_resnet")


def compile_model(model, keras):
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                  loss=keras.losses.CategoricalCrossentropy(from_logits=True), metrics=["acc"])


def _params(rng):
    params = {}
    for name, cin, cout, _ in CONVS:
        params[name + "w"] = conv_kernel(rng, 3, cin, cout)
        params[name + "b"] = zeros(cout)
    params["d0w"], params["d0b"] = glorot(rng, (64, 256)), zeros(256)
    params["d1w"], params["d1b"] = glorot(rng, (256, 10)), zeros(10)
    return params


def raw_jax(rng):
    import jax
    import jax.numpy as jnp

    padding = {name: pad for name, _, _, pad in CONVS}

    def forward(p, x, training, key):
        def c(name, h):
            h = jax.lax.conv_general_dilated(h, p[name + "w"], (1, 1), padding[name],
                                             dimension_numbers=("NHWC", "HWIO", "NHWC"))
            return jnp.maximum(h + p[name + "b"], 0.0)

        h = jax.lax.reduce_window(c("c1", c("c0", x)), -jnp.inf, jax.lax.max, (1, 3, 3, 1), (1, 3, 3, 1), "VALID")
        h = c("c3", c("c2", h)) + h
        h = c("c5", c("c4", h)) + h
        h = c("c6", h).mean(axis=(1, 2))
        h = jnp.maximum(h @ p["d0w"] + p["d0b"], 0.0)
        if training:
            h = jnp.where(jax.random.bernoulli(key, 0.5, h.shape), h / 0.5, 0.0)
        return h @ p["d1w"] + p["d1b"]

    return _params(rng), forward


def raw_tensorflow(rng):
    import tensorflow as tf

    padding = {name: pad for name, _, _, pad in CONVS}

    def forward(p, x, training):
        def c(name, h):
            return tf.nn.relu(tf.nn.conv2d(h, p[name + "w"], 1, padding[name]) + p[name + "b"])

        h = tf.nn.max_pool2d(c("c1", c("c0", x)), 3, 3, "VALID")
        h = c("c3", c("c2", h)) + h
        h = c("c5", c("c4", h)) + h
        h = tf.reduce_mean(c("c6", h), axis=(1, 2))
        h = tf.nn.relu(tf.matmul(h, p["d0w"]) + p["d0b"])
        if training:
            h = tf.nn.dropout(h, 0.5)
        return tf.matmul(h, p["d1w"]) + p["d1b"]

    return _params(rng), forward


def raw_torch(rng):
    import torch
    from torch import nn

    class ToyResNet(nn.Module):
        """The toy ResNet in torch's own layout (NCHW: the runner hands it channels-first images)."""

        def __init__(self):
            super().__init__()
            self.convs = nn.ModuleDict({name: nn.Conv2d(cin, cout, 3, padding=1 if pad == "SAME" else 0)
                                        for name, cin, cout, pad in CONVS})
            self.pool = nn.MaxPool2d(3)
            self.dense0, self.dense1 = nn.Linear(64, 256), nn.Linear(256, 10)
            self.dropout = nn.Dropout(0.5)

        def forward(self, x):
            c = lambda name, h: torch.relu(self.convs[name](h))  # noqa: E731
            h = self.pool(c("c1", c("c0", x)))
            h = c("c3", c("c2", h)) + h
            h = c("c5", c("c4", h)) + h
            h = c("c6", h).mean(dim=(2, 3))
            return self.dense1(self.dropout(torch.relu(self.dense0(h))))

    return ToyResNet()


if __name__ == "__main__":
    import sys

    import run

    sys.exit(run.main(workloads=[NAME]))
