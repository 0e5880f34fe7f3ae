"""SimpleRNN and SimpleRNNCell: contract, config and weights as Keras, values against NumPy and Keras (inference,
training with dropout, masks), the cell on its own."""
import numpy as np
import pytest

from keras_lite.layers.input_layer import Input
from keras_lite.layers.rnn.rnn_test import (ATOL, MASK, RTOL, check_against_keras, check_training_against_keras,
                                            data, dropout_masks, keras_module, keras_tensor, keras_twin, to_np)
from keras_lite.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from keras_lite.testing.layer_contract import run_layer_test


@pytest.mark.parametrize("kwargs,call_kwargs,shape", [
    ({"units": 3}, {}, (2, 3)),
    ({"units": 3, "return_sequences": True, "go_backwards": True, "activation": "relu"}, {}, (2, 4, 3)),
    ({"units": 3, "dropout": 0.25, "recurrent_dropout": 0.25, "seed": 7, "unroll": True}, {"training": True}, (2, 3)),
])
def test_contract(kwargs, call_kwargs, shape):
    run_layer_test(SimpleRNN, kwargs, (2, 4, 5), call_kwargs=call_kwargs, expected_output_shape=shape,
                   expected_num_trainable_weights=3)


def test_config_matches_keras_both_ways():
    keras = keras_module()
    ours = SimpleRNN(3, activation="relu", dropout=0.3, seed=2, go_backwards=True)
    theirs = keras.layers.SimpleRNN(3, activation="relu", dropout=0.3, seed=2, go_backwards=True)
    assert sorted(ours.get_config()) == sorted(theirs.get_config())  # Keras writes no seed here
    assert sorted(SimpleRNNCell(3).get_config()) == sorted(keras.layers.SimpleRNNCell(3).get_config())
    twin = keras_twin(ours)
    assert twin.units == 3 and twin.go_backwards and twin.dropout == 0.3
    assert SimpleRNN.from_config(theirs.get_config()).go_backwards


def test_weights_and_values_against_numpy():
    x = data((3, 5, 4))
    layer = SimpleRNN(3, return_sequences=True, return_state=True)
    layer(x)
    assert [(w.path, w.shape) for w in layer.weights] == [
        (f"{layer.name}/simple_rnn_cell/kernel", (4, 3)),
        (f"{layer.name}/simple_rnn_cell/recurrent_kernel", (3, 3)), (f"{layer.name}/simple_rnn_cell/bias", (3,))]
    kernel, recurrent_kernel, bias = layer.get_weights()
    outputs, state = (to_np(t) for t in layer(x, mask=MASK))
    h = np.zeros((3, 3))
    for t in range(5):
        h = np.where(MASK[:, t:t + 1], np.tanh(x[:, t] @ kernel + h @ recurrent_kernel + bias), h)
        np.testing.assert_allclose(outputs[:, t], h, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(state, h, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("options", [{}, {"return_sequences": True, "return_state": True},
                                     {"go_backwards": True, "return_sequences": True, "use_bias": False},
                                     {"unroll": True, "activation": None}],
                         ids=lambda o: "-".join(o) or "default")
def test_matches_keras(options):
    keras = keras_module()
    check_against_keras(SimpleRNN(3, **options), keras.layers.SimpleRNN(3, **options), data((3, 5, 4)),
                        call_kwargs={"mask": MASK}, keras_call_kwargs={"mask": keras_tensor(MASK)})


@pytest.mark.requires_trainable_backend
def test_training_with_dropout_matches_keras():
    keras = keras_module()
    masks = (dropout_masks((3, 4), 0.4, None, seed=1), dropout_masks((3, 3), 0.3, None, seed=2))
    options = {"dropout": 0.4, "recurrent_dropout": 0.3, "return_sequences": True}
    check_training_against_keras(SimpleRNN(3, **options), keras.layers.SimpleRNN(3, **options), data((3, 5, 4)),
                                 {lambda layer: layer.cell: masks}, call_kwargs={"mask": MASK},
                                 keras_call_kwargs={"mask": keras_tensor(MASK)})


def test_cell_alone_and_symbolic_shapes():
    cell = SimpleRNNCell(3, activation=None)
    x, h0 = data((2, 4)), data((2, 3), seed=1)
    out, states = cell(x, [h0])
    kernel, recurrent_kernel, bias = cell.get_weights()
    np.testing.assert_allclose(to_np(out), x @ kernel + h0 @ recurrent_kernel + bias, rtol=RTOL, atol=ATOL)
    assert len(states) == 1 and (cell.state_size, cell.output_size) == (3, 3)
    assert [tuple(s.shape) for s in cell.get_initial_state(batch_size=2)] == [(2, 3)]
    assert SimpleRNN(4, return_sequences=True)(Input(shape=(7, 3))).shape == (None, 7, 4)
