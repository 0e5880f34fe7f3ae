"""LSTM and LSTMCell: contract, config and weights as Keras, values against NumPy and Keras (inference, training
with dropout, masks), unit_forget_bias, the cell on its own."""
import numpy as np
import pytest

from keras_lite.layers.input_layer import Input
from keras_lite.layers.rnn.lstm import LSTM, LSTMCell
from keras_lite.layers.rnn.rnn_test import (ATOL, MASK, RTOL, check_against_keras, check_training_against_keras,
                                            data, dropout_masks, keras_module, keras_tensor, keras_twin, to_np)
from keras_lite.testing.layer_contract import run_layer_test


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_lstm(x, kernel, recurrent_kernel, bias, mask=None):
    """Reference LSTM (gates i, f, c, o): all outputs and the final (h, c); masked steps keep everything."""
    batch, steps, _ = x.shape
    units = recurrent_kernel.shape[0]
    h = c = np.zeros((batch, units), "float64")
    outputs = []
    for t in range(steps):
        z = x[:, t] @ kernel + h @ recurrent_kernel + bias
        i, f, g, o = (z[:, k * units:(k + 1) * units] for k in range(4))
        new_c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        new_h = sigmoid(o) * np.tanh(new_c)
        keep = np.ones((batch, 1), bool) if mask is None else mask[:, t:t + 1]
        h, c = np.where(keep, new_h, h), np.where(keep, new_c, c)
        outputs.append(h)
    return np.stack(outputs, axis=1), h, c


@pytest.mark.parametrize("kwargs,call_kwargs,shape", [
    ({"units": 3}, {}, (2, 3)),
    ({"units": 3, "return_sequences": True, "go_backwards": True, "use_bias": False}, {}, (2, 4, 3)),
    ({"units": 3, "return_sequences": True, "dropout": 0.25, "recurrent_dropout": 0.25, "seed": 7}, {"training": True},
     (2, 4, 3)),
    ({"units": 2, "unroll": True, "unit_forget_bias": False}, {}, (2, 2)),
    ({"units": 3, "return_sequences": True, "return_state": True}, {}, ((2, 4, 3), (2, 3), (2, 3))),
])
def test_contract(kwargs, call_kwargs, shape):
    weights = 3 if kwargs.get("use_bias", True) else 2
    run_layer_test(LSTM, kwargs, (2, 4, 5), call_kwargs=call_kwargs, expected_output_shape=shape,
                   expected_num_trainable_weights=weights)


def test_config_matches_keras_both_ways():
    keras = keras_module()
    ours = LSTM(3, dropout=0.2, seed=4, return_state=True, use_cudnn=False)
    theirs = keras.layers.LSTM(3, dropout=0.2, seed=4, return_state=True, use_cudnn=False)
    assert sorted(ours.get_config()) == sorted(theirs.get_config())
    assert sorted(LSTMCell(3).get_config()) == sorted(keras.layers.LSTMCell(3).get_config())
    twin = keras_twin(ours)
    assert twin.units == 3 and twin.dropout == 0.2 and twin.return_state
    clone = LSTM.from_config(theirs.get_config())
    assert clone.units == 3 and clone.cell.seed == 4
    assert LSTM.from_config(ours.get_config()).get_config() == ours.get_config()


def test_weights_and_unit_forget_bias():
    layer = LSTM(3)
    layer(data((2, 4, 5)))
    assert [(w.path, w.shape) for w in layer.weights] == [
        (f"{layer.name}/lstm_cell/kernel", (5, 12)), (f"{layer.name}/lstm_cell/recurrent_kernel", (3, 12)),
        (f"{layer.name}/lstm_cell/bias", (12,))]
    np.testing.assert_array_equal(layer.get_weights()[2], [0] * 3 + [1] * 3 + [0] * 6)
    no_forget = LSTM(3, unit_forget_bias=False)
    no_forget(data((2, 4, 5)))
    np.testing.assert_array_equal(no_forget.get_weights()[2], np.zeros(12))
    assert (layer.units, layer.unit_forget_bias, layer.cell.state_size, layer.cell.output_size) == (3, True, [3, 3], 3)


def test_values_against_numpy_with_mask():
    x = data((3, 5, 4))
    layer = LSTM(3, return_sequences=True, return_state=True)
    layer(x)
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=w.shape).astype("float32") * 0.5 for w in layer.weights]
    layer.set_weights(weights)
    outputs, h, c = (to_np(t) for t in layer(x, mask=MASK))
    ref_outputs, ref_h, ref_c = np_lstm(x.astype("float64"), *weights, mask=MASK)
    # masked steps repeat the previous output: zeros before the first kept step
    for got, want in ((outputs, ref_outputs), (h, ref_h), (c, ref_c)):
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("options", [{}, {"return_sequences": True, "return_state": True},
                                     {"go_backwards": True, "return_sequences": True},
                                     {"unroll": True, "return_state": True, "use_bias": False},
                                     {"activation": "relu", "recurrent_activation": "hard_sigmoid"}],
                         ids=lambda o: "-".join(o) or "default")
def test_matches_keras(options):
    keras = keras_module()
    check_against_keras(LSTM(3, **options), keras.layers.LSTM(3, **options), data((3, 5, 4)),
                        call_kwargs={"mask": MASK}, keras_call_kwargs={"mask": keras_tensor(MASK)})


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("dropout,recurrent_dropout", [(0.4, 0.0), (0.4, 0.3), (0.0, 0.3)])
def test_training_with_dropout_matches_keras(dropout, recurrent_dropout):
    """Keras 3 uses one input mask without recurrent dropout, and one mask per gate with it."""
    keras = keras_module()
    count = 4 if recurrent_dropout else None
    masks = (dropout_masks((3, 4), dropout, count, seed=1) if dropout else None,
             dropout_masks((3, 3), recurrent_dropout, count, seed=2) if recurrent_dropout else None)
    options = {"dropout": dropout, "recurrent_dropout": recurrent_dropout, "return_sequences": True}
    check_training_against_keras(LSTM(3, **options), keras.layers.LSTM(3, **options), data((3, 5, 4)),
                                 {lambda layer: layer.cell: masks}, call_kwargs={"mask": MASK},
                                 keras_call_kwargs={"mask": keras_tensor(MASK)})


def test_cell_alone():
    cell = LSTMCell(3)
    x = data((2, 4))
    h0, c0 = data((2, 3), seed=1), data((2, 3), seed=2)
    out, (h, c) = cell(x, [h0, c0])
    kernel, recurrent_kernel, bias = cell.get_weights()
    z = x @ kernel + h0 @ recurrent_kernel + bias
    i, f, g, o = np.split(z, 4, axis=-1)
    want_c = sigmoid(f) * c0 + sigmoid(i) * np.tanh(g)
    np.testing.assert_allclose(to_np(c), want_c, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(to_np(out), sigmoid(o) * np.tanh(want_c), rtol=RTOL, atol=ATOL)
    np.testing.assert_array_equal(to_np(h), to_np(out))
    assert [tuple(s.shape) for s in cell.get_initial_state(batch_size=5)] == [(5, 3), (5, 3)]


def test_symbolic_shapes():
    out, h, c = LSTM(4, return_sequences=True, return_state=True)(Input(shape=(None, 3)))
    assert (out.shape, h.shape, c.shape) == ((None, None, 4), (None, 4), (None, 4))
