"""The hand-written TensorFlow loop: `tf.Variable`s, a `tf.function` train step with a GradientTape and
the optimizer (Keras's RMSprop/Adam rules) written out in tf ops; loss and accuracy summed in a
variable, read once an epoch. No tf.keras anywhere."""
import numpy as np
import tensorflow as tf

from _clock import EpochClock
from _optimizer_settings import OPTIMIZER_DEFAULTS


def _loss_and_correct(kind, logits, y):
    if kind == "sparse_categorical":
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
        predicted = tf.argmax(logits, -1, output_type=y.dtype)
        return loss, tf.reduce_sum(tf.cast(predicted == y, tf.float32))
    if kind == "categorical":
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(y, logits))
        return loss, tf.reduce_sum(tf.cast(tf.argmax(logits, -1) == tf.argmax(y, -1), tf.float32))
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(y, logits))
    return loss, tf.reduce_sum(tf.cast((logits > 0.5) == (y > 0.5), tf.float32))


class _Optimizer:
    """Keras's RMSprop or Adam rule on tf.Variables (slots made at build, updated in place)."""

    def __init__(self, kind, variables):
        self.kind, self.settings = kind, OPTIMIZER_DEFAULTS[kind]
        self.slots = [[tf.Variable(tf.zeros_like(v)) for v in variables]
                      for _ in range(1 if kind == "rmsprop" else 2)]
        self.iterations = tf.Variable(0.0)

    def apply(self, grads, variables):
        s = self.settings
        lr, eps = s["learning_rate"], s["epsilon"]
        if self.kind == "rmsprop":
            for g, v, velocity in zip(grads, variables, self.slots[0]):
                velocity.assign(s["rho"] * velocity + (1 - s["rho"]) * g * g)
                v.assign_sub(lr * g / tf.sqrt(velocity + eps))
            return
        t = self.iterations.assign_add(1.0)
        alpha = lr * tf.sqrt(1 - s["beta_2"] ** t) / (1 - s["beta_1"] ** t)
        for g, v, m, u in zip(grads, variables, *self.slots):
            m.assign_add((g - m) * (1 - s["beta_1"]))
            u.assign_add((g * g - u) * (1 - s["beta_2"]))
            v.assign_sub(alpha * m / (tf.sqrt(u) + eps))


class Runner:
    """build / fit / predict / predict_one / call_one over a workload's `raw_tensorflow(rng)`."""

    def __init__(self, workload, seed):
        self.workload = workload
        self.seed = seed
        self.rng = np.random.default_rng(seed)

    def build(self):
        tf.random.set_seed(self.seed)
        values, forward = self.workload.raw_tensorflow(np.random.default_rng(self.seed))
        self.params = {name: tf.Variable(value, name=name) for name, value in values.items()}
        self.forward = forward
        variables = list(self.params.values())
        optimizer = _Optimizer(self.workload.OPTIMIZER, variables)
        self.sums = tf.Variable(tf.zeros(3))
        params, sums, kind = self.params, self.sums, self.workload.LOSS

        @tf.function
        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss, correct = _loss_and_correct(kind, forward(params, x, True), y)
            grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss, variables)]  # dense embedding grads
            optimizer.apply(grads, variables)
            sums.assign_add(tf.stack([loss, correct, 1.0]))

        self.train_step = train_step
        self.predict_step = tf.function(lambda x: forward(params, x, False))

    def fit(self, x, y, epochs):
        batch, steps = self.workload.BATCH, len(x) // self.workload.BATCH
        clock, losses = EpochClock(), []
        for _ in range(epochs):
            clock.start()
            self.sums.assign(tf.zeros(3))
            order = self.rng.permutation(len(x))
            for i in range(steps):
                index = order[i * batch:(i + 1) * batch]
                self.train_step(x[index], y[index])
            sums = self.sums.numpy()
            clock.stop()
            losses.append(float(sums[0] / sums[2]))
        return clock, losses

    def predict(self, x):
        step = self.workload.PREDICT_BATCH
        return np.concatenate([self.predict_step(x[i:i + step]).numpy() for i in range(0, len(x), step)])

    def predict_one(self, x):
        return self.predict_step(x).numpy()

    def call_one(self, x):
        """An eager forward pass (no tf.function), as `model(x)` is."""
        return self.forward(self.params, tf.convert_to_tensor(x), False).numpy()
