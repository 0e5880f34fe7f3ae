"""Adadelta against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Adadelta
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 1.0}, {"learning_rate": 0.5, "rho": 0.8, "epsilon": 1e-4}]


def reference(values, grads, learning_rate=0.001, rho=0.95, epsilon=1e-7):
    def init(w):
        return {"grad_sq": np.zeros_like(w), "delta_sq": np.zeros_like(w)}

    def step(w, g, s, t):
        s["grad_sq"] = rho * s["grad_sq"] + (1 - rho) * g * g
        delta = -np.sqrt(s["delta_sq"] + epsilon) * g / np.sqrt(s["grad_sq"] + epsilon)
        s["delta_sq"] = rho * s["delta_sq"] + (1 - rho) * delta * delta
        return w + learning_rate * delta

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Adadelta, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Adadelta, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Adadelta, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Adadelta, CASES[-1])
