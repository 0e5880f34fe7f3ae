"""Adam against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Adam
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05},
         {"learning_rate": 0.05, "amsgrad": True, "beta_1": 0.8, "beta_2": 0.9, "epsilon": 1e-3}]


def reference(values, grads, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False):
    def init(w):
        return {"m": np.zeros_like(w), "v": np.zeros_like(w), "v_hat": np.zeros_like(w)}

    def step(w, g, s, t):
        s["m"] += (g - s["m"]) * (1 - beta_1)
        s["v"] += (g * g - s["v"]) * (1 - beta_2)
        s["v_hat"] = np.maximum(s["v_hat"], s["v"])
        second = s["v_hat"] if amsgrad else s["v"]
        alpha = learning_rate * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
        return w - s["m"] * alpha / (np.sqrt(second) + epsilon)

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Adam, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Adam, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Adam, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Adam, CASES[-1])
