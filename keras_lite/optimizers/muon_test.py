"""Muon against a NumPy reference written here and Keras 3 as an oracle, on every backend.

The matrix `w` takes the Muon (Newton-Schulz) step; the vector `b` takes the AdamW step."""
import numpy as np
import pytest

import keras_lite
from keras_lite.optimizers import Muon
from keras_lite.optimizers import _test_utils as T

CASES = [{"learning_rate": 0.05},
         {"learning_rate": 0.05, "momentum": 0.9, "nesterov": False, "ns_steps": 3, "adam_lr_ratio": 0.5,
          "weight_decay": 0.1, "adam_weight_decay": 0.01, "rms_rate": None}]


def newton_schulz(x, steps, a=3.4445, b=-4.775, c=2.0315):
    tall = x.shape[0] > x.shape[1]
    if tall:
        x = x.T
    x = x / (np.linalg.norm(x) + 1e-7)
    for _ in range(steps):
        gram = x @ x.T
        x = a * x + (b * gram + c * gram @ gram) @ x
    return x.T if tall else x


def reference(values, grads, learning_rate=0.001, adam_beta_1=0.9, adam_beta_2=0.999, adam_weight_decay=0.004,
              epsilon=1e-7, weight_decay=0.004, adam_lr_ratio=1, momentum=0.95, ns_steps=5, nesterov=True,
              rms_rate=0.2):
    def init(w):
        return {"m": np.zeros_like(w), "v": np.zeros_like(w)}

    def step(w, g, s, t):
        if w.ndim == 2:
            w = w - w * weight_decay * learning_rate
            s["m"] = momentum * s["m"] + g
            direction = g + momentum * s["m"] if nesterov else s["m"]
            update = learning_rate * newton_schulz(direction, ns_steps)
            if rms_rate is not None:
                update = update * np.sqrt(max(w.shape)) * rms_rate
            return w - update
        w = w - w * adam_weight_decay * learning_rate
        lr = learning_rate * adam_lr_ratio
        s["m"] += (g - s["m"]) * (1 - adam_beta_1)
        s["v"] += (g * g - s["v"]) * (1 - adam_beta_2)
        alpha = lr * np.sqrt(1 - adam_beta_2 ** t) / (1 - adam_beta_1 ** t)
        return w - s["m"] * alpha / (np.sqrt(s["v"]) + epsilon)

    return T.reference_run(values, grads, init, step)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_numpy_reference(kwargs):
    T.check_against_reference(Muon, kwargs, reference, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("kwargs", CASES)
def test_matches_keras(kwargs):
    T.check_against_keras(Muon, kwargs, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("via_apply", [False, True], ids=["build", "apply"])
def test_variables_and_config_match_keras(via_apply):
    T.check_structure(Muon, CASES[-1], via_apply=via_apply)


def test_stateless_apply_and_compiled_apply():
    T.check_stateless(Muon, CASES[0], rtol=1e-4, atol=1e-5)


def test_adamw_for_embeddings_and_excluded_layers():
    opt = Muon(exclude_layers=["dense_2"])
    matrix = keras_lite.Variable(np.ones((3, 4), "float32"), name="kernel")
    assert not opt._should_use_adamw(matrix)
    assert opt._should_use_adamw(keras_lite.Variable(np.ones((3, 4, 5), "float32"), name="conv"))
    assert opt._should_use_adamw(keras_lite.Variable(np.ones((3, 4), "float32"), name="embeddings"))
    assert not Muon(exclude_embeddings=False)._should_use_adamw(
        keras_lite.Variable(np.ones((3, 4), "float32"), name="embeddings"))
    assert opt._should_use_adamw(keras_lite.Variable(np.ones((3, 4), "float32"), name="dense_2_kernel"))


def test_newton_schulz_orthogonalizes_and_rejects_vectors():
    x = np.random.default_rng(0).normal(size=(3, 5)).astype("float32")
    got = keras_lite.ops.convert_to_numpy(Muon().zeropower_via_newtonschulz5(x, 5))
    np.testing.assert_allclose(got, newton_schulz(x.astype("float64"), 5), rtol=1e-4, atol=1e-5)
    singular_values = np.linalg.svd(got, compute_uv=False)
    assert np.all((singular_values > 0.5) & (singular_values < 1.5))
    with pytest.raises(ValueError, match="rank >= 2"):
        Muon().zeropower_via_newtonschulz5(np.ones(3, "float32"), 5)
