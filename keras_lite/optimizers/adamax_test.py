"""Adamax against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Adamax
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05}, {"learning_rate": 0.02, "beta_1": 0.7, "beta_2": 0.9, "epsilon": 1e-3}]


def reference(values, grads, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    def init(w):
        return {"m": np.zeros_like(w), "u": np.zeros_like(w)}

    def step(w, g, s, t):
        s["m"] += (g - s["m"]) * (1 - beta_1)
        s["u"] = np.maximum(beta_2 * s["u"], np.abs(g))
        return w - learning_rate * s["m"] / ((1 - beta_1 ** t) * (s["u"] + epsilon))

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Adamax, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Adamax, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Adamax, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Adamax, CASES[-1])
