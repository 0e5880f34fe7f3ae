"""RMSprop against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import RMSprop
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05},
         {"learning_rate": 0.05, "rho": 0.8, "momentum": 0.5, "centered": True, "epsilon": 1e-3}]


def reference(values, grads, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    def init(w):
        return {"v": np.zeros_like(w), "m": np.zeros_like(w), "mean": np.zeros_like(w)}

    def step(w, g, s, t):
        s["v"] = rho * s["v"] + (1 - rho) * g * g
        s["mean"] = rho * s["mean"] + (1 - rho) * g
        denominator = s["v"] - s["mean"] ** 2 if centered else s["v"]
        increment = learning_rate * g / np.sqrt(denominator + epsilon)
        if momentum > 0:
            s["m"] = momentum * s["m"] + increment
            increment = s["m"]
        return w - increment

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(RMSprop, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(RMSprop, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(RMSprop, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(RMSprop, CASES[-1])
