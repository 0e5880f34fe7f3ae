"""The TensorFlow LSTM/GRU loops (input projection before the loop; compiled when called eagerly) give what
the layers' step-by-step loop gives: outputs, states and gradients, eagerly and inside a tf.function."""
import numpy as np
import pytest

from keras_lite import layers
from keras_lite.backends import BACKEND, engine
from keras_lite.testing.rnn_twins import fused_and_looped

pytestmark = pytest.mark.skipif(BACKEND != "tensorflow", reason="the tensorflow backend's own loops")


def _outputs_and_gradients(layer, x, states, compiled):
    import tensorflow as tf

    def run(inputs):
        with tf.GradientTape() as tape:
            tape.watch(inputs)
            out = layer(inputs, initial_state=[tf.fill((3, 5), 0.3) for _ in range(states)])
            total = sum(tf.reduce_sum(o * (i + 1)) for i, o in enumerate(out))
        return list(out), tape.gradient(total, [inputs] + [w.value for w in layer.trainable_weights])

    out, grads = (tf.function(run, autograph=False) if compiled else run)(tf.constant(x))
    return [np.asarray(t) for t in out + grads]


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "tf.function"])
@pytest.mark.parametrize("cls, kwargs", [(layers.LSTM, {}), (layers.LSTM, {"go_backwards": True}),
                                         (layers.LSTM, {"use_bias": False}), (layers.GRU, {}),
                                         (layers.GRU, {"go_backwards": True}), (layers.GRU, {"use_bias": False})])
def test_the_loops_match_the_layers_step_by_step_loop_with_gradients(cls, kwargs, compiled, monkeypatch):
    name = "lstm" if cls is layers.LSTM else "gru"
    calls = []
    real = getattr(engine.rnn, name)
    monkeypatch.setattr(engine.rnn, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    fused, looped, x = fused_and_looped(cls, **kwargs)
    states = 2 if cls is layers.LSTM else 1
    got = _outputs_and_gradients(fused, x, states, compiled)
    assert calls, "the fused path was not taken"
    want = _outputs_and_gradients(looped, x, states, compiled)
    for a, b in zip(got, want):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


def test_eager_calls_of_new_shapes():
    layer = layers.LSTM(4, return_sequences=True, return_state=True)
    for batch, steps in [(2, 5), (3, 9), (1, 1), (2, 5)]:
        x = np.random.default_rng(steps).normal(size=(batch, steps, 3)).astype("float32")
        outputs, h, c = (np.asarray(t) for t in layer(x))
        assert outputs.shape == (batch, steps, 4) and h.shape == c.shape == (batch, 4)
        np.testing.assert_array_equal(outputs[:, -1], h)
