"""StackedRNNCells: sizes, initial state, weights and config as Keras, values against the cells run one after the
other (NumPy-free: each cell is itself checked elsewhere) and against Keras, dropout in every cell."""
import numpy as np
import pytest

from keras_lite.layers.rnn.gru import GRUCell
from keras_lite.layers.rnn.lstm import LSTMCell
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.layers.rnn.rnn_test import (ATOL, RTOL, check_against_keras, check_training_against_keras, data,
                                            dropout_masks, keras_module, to_np)
from keras_lite.layers.rnn.simple_rnn import SimpleRNNCell
from keras_lite.layers.rnn.stacked_rnn_cells import StackedRNNCells


def test_sizes_and_initial_state():
    cells = StackedRNNCells([LSTMCell(3), GRUCell(2)])
    assert cells.state_size == [[3, 3], 2] and cells.output_size == 2
    lstm_state, gru_state = cells.get_initial_state(batch_size=4)
    assert [tuple(s.shape) for s in lstm_state] == [(4, 3), (4, 3)] and [tuple(s.shape) for s in gru_state] == [(4, 2)]


def test_config_matches_keras_both_ways():
    keras = keras_module()
    ours = StackedRNNCells([LSTMCell(3), GRUCell(2, reset_after=False)]).get_config()
    theirs = keras.layers.StackedRNNCells([keras.layers.LSTMCell(3), keras.layers.GRUCell(2, reset_after=False)])
    assert sorted(ours) == sorted(theirs.get_config())
    assert [c["class_name"] for c in ours["cells"]] == ["LSTMCell", "GRUCell"]
    clone = StackedRNNCells.from_config(theirs.get_config())
    assert [type(c) for c in clone.cells] == [LSTMCell, GRUCell] and not clone.cells[1].reset_after
    assert [type(c).__name__ for c in keras.layers.StackedRNNCells.from_config(ours).cells] == ["LSTMCell", "GRUCell"]


def test_one_step_is_the_cells_in_turn():
    lstm, gru = LSTMCell(3), GRUCell(2)
    stacked = StackedRNNCells([lstm, gru])
    x = data((2, 4))
    states = [[data((2, 3), seed=1), data((2, 3), seed=2)], data((2, 2), seed=3)]
    stacked.build((2, 4))
    out, (lstm_state, gru_state) = stacked.call(x, states)
    mid, lstm_want = lstm.call(x, states[0])
    want, gru_want = gru.call(mid, [states[1]])
    np.testing.assert_allclose(to_np(out), to_np(want), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(to_np(gru_state), to_np(gru_want[0]), rtol=RTOL, atol=ATOL)
    for got, expected in zip(lstm_state, lstm_want):
        np.testing.assert_allclose(to_np(got), to_np(expected), rtol=RTOL, atol=ATOL)


def test_in_an_rnn_matches_keras():
    keras = keras_module()
    ours = RNN(StackedRNNCells([SimpleRNNCell(4), LSTMCell(3)]), return_sequences=True, go_backwards=True)
    theirs = keras.layers.RNN(keras.layers.StackedRNNCells([keras.layers.SimpleRNNCell(4), keras.layers.LSTMCell(3)]),
                              return_sequences=True, go_backwards=True)
    check_against_keras(ours, theirs, data((2, 5, 4)))
    assert [w.path for w in ours.weights] == [
        f"{ours.name}/{ours.cell.name}/{cell.name}/{name}" for cell in ours.cell.cells
        for name in ("kernel", "recurrent_kernel", "bias")]


@pytest.mark.requires_trainable_backend
def test_dropout_in_every_cell_matches_keras():
    keras = keras_module()
    ours = RNN([SimpleRNNCell(4, dropout=0.3, recurrent_dropout=0.2), GRUCell(3, dropout=0.4)])
    theirs = keras.layers.RNN([keras.layers.SimpleRNNCell(4, dropout=0.3, recurrent_dropout=0.2),
                               keras.layers.GRUCell(3, dropout=0.4)])
    masks = {lambda layer: layer.cell.cells[0]: (dropout_masks((2, 4), 0.3, None, seed=1),
                                                 dropout_masks((2, 4), 0.2, None, seed=2)),
             lambda layer: layer.cell.cells[1]: (dropout_masks((2, 4), 0.4, None, seed=3), None)}
    check_training_against_keras(ours, theirs, data((2, 5, 4)), masks)


@pytest.mark.requires_trainable_backend
def test_dropout_masks_are_drawn_for_each_cell():
    layer = RNN([SimpleRNNCell(4, dropout=0.5), GRUCell(3, dropout=0.5, recurrent_dropout=0.5)])
    out = to_np(layer(data((2, 5, 4)), training=True))
    assert out.shape == (2, 3) and np.isfinite(out).all()
    for cell in layer.cell.cells:
        assert cell._dropout_mask is None and cell._recurrent_dropout_mask is None


def test_bad_cells():
    with pytest.raises(ValueError, match="cells"):
        StackedRNNCells([])
    with pytest.raises(ValueError, match="`call`"):
        StackedRNNCells([LSTMCell(2), object()])
