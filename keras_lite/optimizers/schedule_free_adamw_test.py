"""ScheduleFreeAdamW against a NumPy reference written here and Keras 3 as an oracle, on every backend."""
import numpy as np
import pytest

from keras_lite.optimizers import ScheduleFreeAdamW
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05},
         {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-4, "warmup_steps": 3}]


def reference(values, grads, learning_rate=0.0025, beta_1=0.9, beta_2=0.999, epsilon=1e-8, warmup_steps=0,
              old_z_is_new_z=False):
    def init(w):
        return {"z": np.array(w), "v": np.zeros_like(w)}

    def step(y, g, s, t):
        lr = learning_rate * min(t / warmup_steps, 1.0) if warmup_steps > 0 else learning_rate
        x = (y - (1 - beta_1) * s["z"]) / beta_1
        s["v"] += (g * g - s["v"]) * (1 - beta_2)
        s["z"] = s["z"] - lr * g / (np.sqrt(s["v"] / (1 - beta_2 ** t)) + epsilon)
        if old_z_is_new_z:
            x = (y - (1 - beta_1) * s["z"]) / beta_1
        x = (1 - 1 / t) * x + (1 / t) * s["z"]
        return (1 - beta_1) * s["z"] + beta_1 * x

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(ScheduleFreeAdamW, kwargs, reference)


# Keras 3.15 keeps `momentum_old = momentum.value` and uses it after assigning the momentum. On torch
# and TensorFlow that value is a live view of the variable, so Keras recovers x from the *new* z there
# (on JAX and NumPy it uses the old one, as the algorithm says). keras_lite computes x before the
# assignment, so it follows the algorithm on every backend.
KERAS_USES_NEW_Z = T.BACKEND in ("torch", "tensorflow")


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    if not KERAS_USES_NEW_Z:
        T.check_against_keras(ScheduleFreeAdamW, kwargs)
        return
    _, _, theirs = T.run_keras("ScheduleFreeAdamW", kwargs)
    flawed = reference([v.astype("float64") for v in T.VALUES], T.GRADS, old_z_is_new_z=True, **kwargs)
    T.assert_histories_close(theirs, flawed)  # the divergence is exactly Keras's read of the new z


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(ScheduleFreeAdamW, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(ScheduleFreeAdamW, CASES[-1])
