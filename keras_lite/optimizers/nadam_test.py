"""Nadam against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Nadam
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05}, {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-4}]


def reference(values, grads, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    def u(t):
        return beta_1 * (1 - 0.5 * 0.96 ** t)

    def init(w):
        return {"m": np.zeros_like(w), "v": np.zeros_like(w), "u_product": 1.0}

    def step(w, g, s, t):
        s["u_product"] *= u(t)
        product, product_next = s["u_product"], s["u_product"] * u(t + 1)
        s["m"] += (g - s["m"]) * (1 - beta_1)
        s["v"] += (g * g - s["v"]) * (1 - beta_2)
        m_hat = u(t + 1) * s["m"] / (1 - product_next) + (1 - u(t)) * g / (1 - product)
        v_hat = s["v"] / (1 - beta_2 ** t)
        return w - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Nadam, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Nadam, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Nadam, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Nadam, CASES[-1])
