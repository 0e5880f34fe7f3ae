"""SGD against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import SGD
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.1},
         {"learning_rate": 0.1, "momentum": 0.9},
         {"learning_rate": 0.1, "momentum": 0.8, "nesterov": True}]


def reference(values, grads, learning_rate=0.01, momentum=0.0, nesterov=False):
    def init(w):
        return {"m": np.zeros_like(w)}

    def step(w, g, s, t):
        if not momentum:
            return w - learning_rate * g
        s["m"] = momentum * s["m"] - learning_rate * g
        return w + (momentum * s["m"] - learning_rate * g if nesterov else s["m"])

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(SGD, kwargs, reference)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(SGD, kwargs)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(SGD, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(SGD, CASES[-1])
