"""A user's train_step override, written in each engine's idiom as the Keras guides show, trains a model."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops
from keras_lite.backends import BACKEND


class _Base(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(8, activation="relu")
        self.out = layers.Dense(1)
        self.loss_tracker = keras.metrics.Mean(name="loss")

    def call(self, inputs):
        return self.out(self.hidden(inputs))

    @property
    def metrics(self):
        return [self.loss_tracker]


class TorchIdiom(_Base):
    def train_step(self, data):
        x, y = data
        y_pred = self(x, training=True)
        loss = self.compute_loss(y=y, y_pred=y_pred)
        for v in self.trainable_weights:
            v.value.grad = None
        loss.backward()
        import torch

        with torch.no_grad():
            self.optimizer.apply([v.value.grad for v in self.trainable_weights], self.trainable_weights)
            self.loss_tracker.update_state(loss.detach())
        return {m.name: m.result() for m in self.metrics}


class TensorFlowIdiom(_Base):
    def train_step(self, data):
        import tensorflow as tf

        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, [v.value for v in self.trainable_weights])
        self.optimizer.apply(grads, self.trainable_weights)
        self.loss_tracker.update_state(loss)
        return {m.name: m.result() for m in self.metrics}


class JaxIdiom(_Base):
    def compute_loss_and_updates(self, trainable_variables, non_trainable_variables, x, y, training=False):
        y_pred, non_trainable_variables = self.stateless_call(trainable_variables, non_trainable_variables, x,
                                                              training=training)
        return self.compute_loss(x, y, y_pred), (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        import jax

        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y = data
        grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)
        (loss, (_, non_trainable_variables)), grads = grad_fn(trainable_variables, non_trainable_variables, x, y,
                                                              training=True)
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(optimizer_variables, grads,
                                                                                  trainable_variables)
        metrics_variables = self.loss_tracker.stateless_update_state(metrics_variables, loss)
        logs = {"loss": self.loss_tracker.stateless_result(metrics_variables)}
        return logs, (trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables)


IDIOMS = {"torch": TorchIdiom, "tensorflow": TensorFlowIdiom, "jax": JaxIdiom}


@pytest.mark.skipif(BACKEND not in IDIOMS, reason="the numpy backend does not train")
def test_custom_train_step_in_the_engines_idiom_trains():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(128, 4)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], "float32")).astype("float32")
    model = IDIOMS[BACKEND]()
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    history = model.fit(x, y, batch_size=32, epochs=10, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < 0.5 * losses[0], losses
    assert np.asarray(ops.convert_to_numpy(model(x[:2]))).shape == (2, 1)
