"""Helpers for the callback tests: a tiny regression model, its data, a recorder of saving calls, and a
fake model."""
import os

import numpy as np

import keras_lite as keras
from keras_lite import layers


def tiny_data(n=16, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal((n, 3)) * scale).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.3).astype("float32")
    return x, y


def tiny_model(optimizer=None, metrics=None, seed=1):
    inputs = keras.Input((3,))
    outputs = layers.Dense(1, kernel_initializer=keras.initializers.GlorotUniform(seed=seed))(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=optimizer or keras.optimizers.SGD(0.05), loss="mse", metrics=metrics)
    return model


def count_calls(model, method, monkeypatch):
    """Record the paths `model.<method>` (save, save_weights, load_weights) is called with; the real
    method still runs."""
    calls, real = [], getattr(model, method)

    def record(filepath, *args, **kwargs):
        calls.append(os.fspath(filepath))
        return real(filepath, *args, **kwargs)

    monkeypatch.setattr(model, method, record)
    return calls


class FakeOptimizer:
    def __init__(self, learning_rate=0.1):
        self.learning_rate = learning_rate
        self.name = "fake"


class FakeModel:
    """Enough of a model to drive a callback outside fit, for keras_lite and Keras alike."""

    def __init__(self, learning_rate=0.1):
        self.stop_training = False
        self.optimizer = FakeOptimizer(learning_rate)
        self.weights = [np.zeros(2)]
        self.saved = []

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [np.array(w) for w in weights]

    def save(self, filepath, overwrite=True, **kwargs):
        self.saved.append(("save", filepath))

    def save_weights(self, filepath, overwrite=True, **kwargs):
        self.saved.append(("save_weights", filepath))


def import_keras():
    """Keras 3 as a test oracle, or skip."""
    import pytest

    return pytest.importorskip("keras")
