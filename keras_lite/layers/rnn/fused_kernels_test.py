"""LSTM and GRU through torch's fused kernels give what the step-by-step loop gives: outputs, states and
gradients, forwards and backwards (TensorFlow's loops: backends/tensorflow/rnn_test.py; jax and numpy run
the layers' own loop)."""
import numpy as np
import pytest

from keras_lite import layers, ops
from keras_lite.backends import BACKEND, engine
from keras_lite.testing.rnn_twins import fused_and_looped

pytestmark = pytest.mark.skipif(BACKEND != "torch", reason="the torch backend's fused LSTM/GRU kernels")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("cls, kwargs", [(layers.LSTM, {}), (layers.LSTM, {"go_backwards": True}),
                                         (layers.GRU, {}), (layers.GRU, {"go_backwards": True}),
                                         (layers.GRU, {"use_bias": False})])
def test_fused_kernel_matches_the_loop_with_gradients(cls, kwargs):
    import torch

    fused, looped, x = fused_and_looped(cls, **kwargs)
    results = []
    for layer in (fused, looped):
        inputs = torch.tensor(x, requires_grad=True)
        initial = [torch.full((3, 5), 0.3) for _ in range(2 if cls is layers.LSTM else 1)]
        out = layer(inputs, initial_state=initial)
        total = sum((o * (i + 1)).sum() for i, o in enumerate(out))
        total.backward()
        grads = [inputs.grad] + [w.value.grad for w in layer.trainable_weights]
        results.append(([_np(o.detach()) for o in out], [_np(g) for g in grads]))
    for a, b in zip(results[0][0] + results[0][1], results[1][0] + results[1][1]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_the_fused_path_is_taken_only_where_it_computes_the_same(monkeypatch):
    calls = []
    real = engine.rnn.lstm
    monkeypatch.setattr(engine.rnn, "lstm", lambda *a, **k: calls.append(1) or real(*a, **k))
    x = np.ones((2, 3, 4), "float32")
    layers.LSTM(2)(x)
    assert calls == [1]
    layers.LSTM(2, activation="relu")(x)
    layers.LSTM(2, unroll=True)(x)
    layers.LSTM(2, dropout=0.5)(x, training=True)
    layers.LSTM(2)(x, mask=np.array([[True, True, False]] * 2))
    assert calls == [1]
    layers.LSTM(2, dropout=0.5)(x, training=False)  # no dropout at inference: fused
    assert calls == [1, 1]
