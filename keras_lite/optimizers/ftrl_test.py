"""Ftrl against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Ftrl
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.1},
         {"learning_rate": 0.1, "learning_rate_power": -0.7, "initial_accumulator_value": 0.3,
          "l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02,
          "l2_shrinkage_regularization_strength": 0.03, "beta": 0.5}]


def reference(values, grads, learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
              l1_regularization_strength=0.0, l2_regularization_strength=0.0,
              l2_shrinkage_regularization_strength=0.0, beta=0.0):
    p = -learning_rate_power
    l1, l2 = l1_regularization_strength, l2_regularization_strength + beta / (2 * learning_rate)

    def init(w):
        return {"n": np.full_like(w, initial_accumulator_value), "z": np.zeros_like(w)}

    def step(w, g, s, t):
        n_new = s["n"] + g * g
        sigma = (n_new ** p - s["n"] ** p) / learning_rate
        s["z"] += g + 2 * l2_shrinkage_regularization_strength * w - sigma * w
        s["n"] = n_new
        return (np.clip(s["z"], -l1, l1) - s["z"]) / (n_new ** p / learning_rate + 2 * l2)

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Ftrl, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Ftrl, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Ftrl, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Ftrl, CASES[-1])
