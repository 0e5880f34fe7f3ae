"""GRU and GRUCell: contract, config and weights as Keras (bias (2, 3 * units) with reset_after), values against
NumPy and Keras for both reset_after forms (inference, training with dropout, masks), the cell on its own."""
import numpy as np
import pytest

from keras_lite.layers.input_layer import Input
from keras_lite.layers.rnn.gru import GRU, GRUCell
from keras_lite.layers.rnn.rnn_test import (ATOL, MASK, RTOL, check_against_keras, check_training_against_keras,
                                            data, dropout_masks, keras_module, keras_tensor, keras_twin, to_np)
from keras_lite.testing.layer_contract import run_layer_test


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_gru_step(x, h, kernel, recurrent_kernel, bias, reset_after):
    """One GRU step (gates z, r, h)."""
    units = h.shape[-1]
    if reset_after:
        input_bias, recurrent_bias = bias
        xz, xr, xh = np.split(x @ kernel + input_bias, 3, axis=-1)
        rz, rr, rh = np.split(h @ recurrent_kernel + recurrent_bias, 3, axis=-1)
        z, r = sigmoid(xz + rz), sigmoid(xr + rr)
        candidate = np.tanh(xh + r * rh)
    else:
        xz, xr, xh = np.split(x @ kernel + bias, 3, axis=-1)
        z = sigmoid(xz + h @ recurrent_kernel[:, :units])
        r = sigmoid(xr + h @ recurrent_kernel[:, units:2 * units])
        candidate = np.tanh(xh + (r * h) @ recurrent_kernel[:, 2 * units:])
    return z * h + (1 - z) * candidate


@pytest.mark.parametrize("kwargs,call_kwargs,shape", [
    ({"units": 3}, {}, (2, 3)),
    ({"units": 3, "reset_after": False, "return_sequences": True, "go_backwards": True}, {}, (2, 4, 3)),
    ({"units": 3, "dropout": 0.25, "recurrent_dropout": 0.25, "seed": 7, "unroll": True}, {"training": True}, (2, 3)),
])
def test_contract(kwargs, call_kwargs, shape):
    run_layer_test(GRU, kwargs, (2, 4, 5), call_kwargs=call_kwargs, expected_output_shape=shape,
                   expected_num_trainable_weights=3)


def test_config_matches_keras_both_ways():
    keras = keras_module()
    ours = GRU(3, reset_after=False, recurrent_dropout=0.1, seed=3)
    theirs = keras.layers.GRU(3, reset_after=False, recurrent_dropout=0.1, seed=3)
    assert sorted(ours.get_config()) == sorted(theirs.get_config())
    assert sorted(GRUCell(3).get_config()) == sorted(keras.layers.GRUCell(3).get_config())
    twin = keras_twin(ours)
    assert twin.units == 3 and not twin.reset_after and twin.recurrent_dropout == 0.1
    clone = GRU.from_config(theirs.get_config())
    assert not clone.reset_after and clone.get_config() == ours.get_config() | {"name": clone.name}


@pytest.mark.parametrize("reset_after", [True, False])
def test_weights_and_values_against_numpy(reset_after):
    x = data((3, 5, 4))
    layer = GRU(3, reset_after=reset_after, return_sequences=True, return_state=True)
    layer(x)
    bias_shape = (2, 9) if reset_after else (9,)
    assert [(w.path, w.shape) for w in layer.weights] == [
        (f"{layer.name}/gru_cell/kernel", (4, 9)), (f"{layer.name}/gru_cell/recurrent_kernel", (3, 9)),
        (f"{layer.name}/gru_cell/bias", bias_shape)]
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=w.shape).astype("float32") * 0.5 for w in layer.weights]
    layer.set_weights(weights)
    outputs, state = (to_np(t) for t in layer(x, mask=MASK))
    h = np.zeros((3, 3))
    for t in range(5):
        keep = MASK[:, t:t + 1]
        h = np.where(keep, np_gru_step(x[:, t].astype("float64"), h, *weights, reset_after), h)
        np.testing.assert_allclose(outputs[:, t], h, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(state, h, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("options", [{}, {"reset_after": False, "return_sequences": True, "return_state": True},
                                     {"go_backwards": True, "return_sequences": True, "use_bias": False},
                                     {"unroll": True, "reset_after": False}],
                         ids=lambda o: "-".join(o) or "default")
def test_matches_keras(options):
    keras = keras_module()
    check_against_keras(GRU(3, **options), keras.layers.GRU(3, **options), data((3, 5, 4)),
                        call_kwargs={"mask": MASK}, keras_call_kwargs={"mask": keras_tensor(MASK)})


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("reset_after", [True, False])
@pytest.mark.parametrize("dropout,recurrent_dropout", [(0.4, 0.0), (0.4, 0.3)])
def test_training_with_dropout_matches_keras(dropout, recurrent_dropout, reset_after):
    keras = keras_module()
    count = 3 if recurrent_dropout else None
    masks = (dropout_masks((3, 4), dropout, count, seed=1),
             dropout_masks((3, 3), recurrent_dropout, count, seed=2) if recurrent_dropout else None)
    options = {"dropout": dropout, "recurrent_dropout": recurrent_dropout, "return_state": True,
               "reset_after": reset_after}
    check_training_against_keras(GRU(3, **options), keras.layers.GRU(3, **options), data((3, 5, 4)),
                                 {lambda layer: layer.cell: masks})


def test_cell_alone_and_symbolic_shapes():
    cell = GRUCell(3)
    x, h0 = data((2, 4)), data((2, 3), seed=1)
    out, state = cell(x, h0)  # a bare state tensor comes back bare
    np.testing.assert_allclose(to_np(out), np_gru_step(x, h0, *cell.get_weights(), True), rtol=RTOL, atol=ATOL)
    np.testing.assert_array_equal(to_np(state), to_np(out))
    out, states = cell(x, [h0])
    assert isinstance(states, list) and len(states) == 1
    assert (cell.state_size, cell.output_size) == (3, 3)
    out, h = GRU(4, return_sequences=True, return_state=True)(Input(shape=(None, 3)))
    assert (out.shape, h.shape) == ((None, None, 4), (None, 4))
