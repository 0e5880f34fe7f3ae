"""Lamb against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Lamb
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05}, {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-4}]


def reference(values, grads, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    def init(w):
        return {"m": np.zeros_like(w), "v": np.zeros_like(w)}

    def step(w, g, s, t):
        s["m"] += (g - s["m"]) * (1 - beta_1)
        s["v"] += (g * g - s["v"]) * (1 - beta_2)
        update = (s["m"] / (1 - beta_1 ** t)) / (np.sqrt(s["v"] / (1 - beta_2 ** t)) + epsilon)
        w_norm, u_norm = np.linalg.norm(w), np.linalg.norm(update)
        ratio = w_norm / u_norm if w_norm > 0 and u_norm > 0 else 1.0
        return w - ratio * learning_rate * update

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Lamb, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Lamb, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Lamb, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Lamb, CASES[-1])
