"""Adagrad against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import Adagrad
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.1}, {"learning_rate": 0.05, "initial_accumulator_value": 0.5, "epsilon": 1e-3}]


def reference(values, grads, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    def init(w):
        return {"acc": np.full_like(w, initial_accumulator_value)}

    def step(w, g, s, t):
        s["acc"] += g * g
        return w - learning_rate * g / np.sqrt(s["acc"] + epsilon)

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Adagrad, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Adagrad, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Adagrad, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Adagrad, CASES[-1])
