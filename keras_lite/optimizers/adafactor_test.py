"""Adafactor against a NumPy reference written here and Keras 3 as an oracle, on every backend.

The matrix `w` takes the factored second moment, the vector `b` the plain one."""
import numpy as np
import pytest

from keras_lite.optimizers import Adafactor
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05},
         {"learning_rate": 0.5, "beta_2_decay": -0.6, "epsilon_1": 1e-20, "epsilon_2": 0.01, "clip_threshold": 0.5}]


def reference(values, grads, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=0.001,
              clip_threshold=1.0, relative_step=True):
    def rms(x):
        return np.sqrt(np.mean(x * x))

    def init(w):
        return {"r": np.zeros(w.shape[:-1]), "c": np.zeros(w.shape[:-2] + w.shape[-1:]), "v": np.zeros_like(w)}

    def step(w, g, s, t):
        rho = min(learning_rate, 1 / np.sqrt(t))
        alpha = max(epsilon_2, rms(w)) * rho
        g2 = g * g + epsilon_1
        decay = 1 - t ** beta_2_decay
        if w.ndim >= 2:
            s["r"] = decay * s["r"] + (1 - decay) * g2.mean(axis=-1)
            s["c"] = decay * s["c"] + (1 - decay) * g2.mean(axis=-2)
            s["v"] = (s["r"] / s["r"].mean(axis=-1, keepdims=True))[..., None] * s["c"][..., None, :]
        else:
            s["v"] = decay * s["v"] + (1 - decay) * g2
        u = g / np.sqrt(s["v"])
        u = u / max(1.0, rms(u) / clip_threshold)
        return w - alpha * u

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Adafactor, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Adafactor, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Adafactor, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Adafactor, CASES[-1])
