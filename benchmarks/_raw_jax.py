"""The hand-written JAX loop: one `jax.jit` train step (state donated) with the optimizer, loss and
accuracy written out in jax.numpy, the same update rules as Keras's RMSprop and Adam."""
import jax
import jax.numpy as jnp
import numpy as np

from _clock import EpochClock
from _optimizer_settings import OPTIMIZER_DEFAULTS


def _loss_and_correct(kind, logits, y):
    if kind == "sparse_categorical":
        log_p = jax.nn.log_softmax(logits)
        loss = -jnp.mean(jnp.take_along_axis(log_p, y[:, None].astype(jnp.int32), axis=-1))
        return loss, jnp.sum(jnp.argmax(logits, -1) == y)
    if kind == "categorical":
        loss = -jnp.mean(jnp.sum(y * jax.nn.log_softmax(logits), -1))
        return loss, jnp.sum(jnp.argmax(logits, -1) == jnp.argmax(y, -1))
    loss = jnp.mean(jnp.maximum(logits, 0) - logits * y + jnp.log1p(jnp.exp(-jnp.abs(logits))))
    return loss, jnp.sum((logits > 0.5) == (y > 0.5))


def _optimizer(kind):
    settings = OPTIMIZER_DEFAULTS[kind]
    lr, eps = settings["learning_rate"], settings["epsilon"]
    tree_map = jax.tree_util.tree_map
    if kind == "rmsprop":
        rho = settings["rho"]

        def init(params):
            return tree_map(jnp.zeros_like, params)

        def update(grads, velocity, params):
            velocity = tree_map(lambda v, g: rho * v + (1 - rho) * g * g, velocity, grads)
            params = tree_map(lambda p, g, v: p - lr * g / jnp.sqrt(v + eps), params, grads, velocity)
            return params, velocity

        return init, update
    beta_1, beta_2 = settings["beta_1"], settings["beta_2"]

    def init(params):
        return tree_map(jnp.zeros_like, params), tree_map(jnp.zeros_like, params), jnp.zeros((), jnp.float32)

    def update(grads, state, params):
        m, v, t = state
        t = t + 1
        alpha = lr * jnp.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
        m = tree_map(lambda m, g: m + (g - m) * (1 - beta_1), m, grads)
        v = tree_map(lambda v, g: v + (g * g - v) * (1 - beta_2), v, grads)
        params = tree_map(lambda p, m, v: p - alpha * m / (jnp.sqrt(v) + eps), params, m, v)
        return params, (m, v, t)

    return init, update


class Runner:
    """build / fit / predict / predict_one / call_one over a workload's `raw_jax(rng)` (params, forward)."""

    def __init__(self, workload, seed):
        self.workload = workload
        self.seed = seed
        self.rng = np.random.default_rng(seed)

    def build(self):
        workload = self.workload
        values, self.forward = workload.raw_jax(np.random.default_rng(self.seed))
        params = jax.tree_util.tree_map(jnp.asarray, values)
        opt_init, opt_update = _optimizer(workload.OPTIMIZER)
        forward, kind = self.forward, workload.LOSS

        def train_step(state, x, y):
            params, opt_state, sums, key = state
            key, dropout_key = jax.random.split(key)

            def loss_fn(params):
                logits = forward(params, x, True, dropout_key)
                return _loss_and_correct(kind, logits, y)

            (loss, correct), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
            params, opt_state = opt_update(grads, opt_state, params)
            sums = sums + jnp.stack([loss, correct.astype(jnp.float32), 1.0])
            return params, opt_state, sums, key

        self.state = (params, opt_init(params), jnp.zeros(3), jax.random.key(self.seed))
        self.train_step = jax.jit(train_step, donate_argnums=0)
        self.predict_step = jax.jit(lambda params, x: forward(params, x, False, None))

    def fit(self, x, y, epochs):
        batch, steps = self.workload.BATCH, len(x) // self.workload.BATCH
        clock, losses = EpochClock(), []
        for _ in range(epochs):
            clock.start()
            params, opt_state, _, key = self.state
            self.state = (params, opt_state, jnp.zeros(3), key)
            order = self.rng.permutation(len(x))
            for i in range(steps):
                index = order[i * batch:(i + 1) * batch]
                self.state = self.train_step(self.state, x[index], y[index])
            sums = np.asarray(self.state[2])
            clock.stop()
            losses.append(float(sums[0] / sums[2]))
        return clock, losses

    def predict(self, x):
        step = self.workload.PREDICT_BATCH
        params = self.state[0]
        return np.concatenate([np.asarray(self.predict_step(params, x[i:i + step])) for i in range(0, len(x), step)])

    def predict_one(self, x):
        return np.asarray(self.predict_step(self.state[0], x))

    def call_one(self, x):
        """An eager (op-by-op) forward pass, as `model(x)` is on JAX."""
        return np.asarray(self.forward(self.state[0], jnp.asarray(x), False, None))
