import numpy as np
import pytest

from keras_lite import activations, ops

X = np.array([[-3.0, -0.5, 0.0, 0.7, 4.0]], "float32")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x), "float64")


def _softplus(x):
    return np.log1p(np.exp(x))


@pytest.mark.parametrize("name,reference", [
    ("relu", lambda x: np.maximum(x, 0)),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x))),
    ("tanh", np.tanh),
    ("softplus", _softplus),
    ("softsign", lambda x: x / (1 + np.abs(x))),
    ("elu", lambda x: np.where(x > 0, x, np.exp(x) - 1)),
    ("selu", lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * (np.exp(x) - 1))),
    ("silu", lambda x: x / (1 + np.exp(-x))),
    ("swish", lambda x: x / (1 + np.exp(-x))),
    ("mish", lambda x: x * np.tanh(_softplus(x))),
    ("exponential", np.exp),
    ("linear", lambda x: x),
    ("relu6", lambda x: np.clip(x, 0, 6)),
    ("softmax", lambda x: np.exp(x) / np.exp(x).sum(-1, keepdims=True)),
    ("log_softmax", lambda x: x - np.log(np.exp(x).sum(-1, keepdims=True))),
])
def test_activation_values(name, reference):
    fn = activations.get(name)
    np.testing.assert_allclose(_np(fn(X)), reference(X.astype("float64")), rtol=1e-5, atol=1e-6)


def test_relu_options():
    out = _np(activations.relu(X, negative_slope=0.1, max_value=3.0, threshold=0.5))
    want = np.minimum(np.where(X > 0.5, X, 0.1 * (X - 0.5)), 3.0)
    np.testing.assert_allclose(out, want, rtol=1e-6)


def test_serialize_is_the_name_and_get_resolves_it():
    assert activations.serialize(activations.relu) == "relu"
    assert activations.get("relu") is activations.relu
    assert activations.get(None) is activations.linear
    assert activations.deserialize("gelu") is activations.gelu
    custom = lambda x: x  # noqa: E731
    assert activations.get(custom) is custom
    with pytest.raises(ValueError, match="Could not interpret activation function identifier: 'nope'"):
        activations.get("nope")
