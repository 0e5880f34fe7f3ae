"""Bidirectional: contract, config and weights as Keras, values against Keras for every merge mode with masks
(inference and training with dropout), states, a given backward layer, initial states, errors."""
import numpy as np
import pytest

from keras_lite.layers.input_layer import Input
from keras_lite.layers.rnn.bidirectional import Bidirectional
from keras_lite.layers.rnn.gru import GRU
from keras_lite.layers.rnn.lstm import LSTM
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.layers.rnn.rnn_test import (ATOL, MASK, RTOL, check_against_keras, check_training_against_keras,
                                            data, dropout_masks, keras_module, keras_tensor, to_np)
from keras_lite.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from keras_lite.testing.layer_contract import run_layer_test


@pytest.mark.parametrize("merge_mode,return_sequences,shape", [
    ("concat", True, (2, 4, 6)), ("sum", False, (2, 3)), ("ave", True, (2, 4, 3)), ("mul", False, (2, 3))])
def test_contract(merge_mode, return_sequences, shape):
    run_layer_test(Bidirectional, {"layer": LSTM(3, return_sequences=return_sequences), "merge_mode": merge_mode},
                   (2, 4, 5), expected_output_shape=shape, expected_num_trainable_weights=6)


def test_contract_with_states():
    run_layer_test(Bidirectional, {"layer": GRU(3, return_state=True), "merge_mode": None}, (2, 4, 5),
                   expected_output_shape=((2, 3), (2, 3), (2, 3), (2, 3)), expected_num_trainable_weights=6)


def test_config_matches_keras_both_ways():
    keras = keras_module()
    ours = Bidirectional(LSTM(3, return_sequences=True, name="lstm"), merge_mode="sum")
    theirs = keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True, name="lstm"), merge_mode="sum")
    config, keras_config = ours.get_config(), theirs.get_config()
    assert sorted(config) == sorted(keras_config)
    for key in ("layer", "backward_layer"):
        assert config[key]["class_name"] == keras_config[key]["class_name"] == "LSTM"
        assert config[key]["config"] == {**keras_config[key]["config"], "dtype": config[key]["config"]["dtype"]}
    assert config["layer"]["config"]["name"] == "forward_lstm"
    assert config["backward_layer"]["config"]["go_backwards"]
    twin = keras.layers.Bidirectional.from_config(config)
    assert twin.forward_layer.name == "forward_lstm" and twin.backward_layer.go_backwards
    clone = Bidirectional.from_config(keras_config)
    assert clone.forward_layer.name == "forward_lstm" and clone.backward_layer.name == "backward_lstm"
    assert clone.merge_mode == "sum" and clone.get_config() == {**config, "name": clone.name}


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "ave", "mul", None])
@pytest.mark.parametrize("layer", ["LSTM", "GRU"])
def test_matches_keras_with_masks(merge_mode, layer):
    keras = keras_module()
    ours = Bidirectional({"LSTM": LSTM, "GRU": GRU}[layer](3, return_sequences=True), merge_mode=merge_mode)
    theirs = keras.layers.Bidirectional(getattr(keras.layers, layer)(3, return_sequences=True), merge_mode=merge_mode)
    check_against_keras(ours, theirs, data((3, 5, 4)), call_kwargs={"mask": MASK},
                        keras_call_kwargs={"mask": keras_tensor(MASK)})
    assert [w.path.split("/", 1)[1] for w in ours.weights] == [
        f"forward_{ours.forward_layer.name[8:]}/{layer.lower()}_cell/{name}"
        for name in ("kernel", "recurrent_kernel", "bias")] + [
        f"backward_{ours.forward_layer.name[8:]}/{layer.lower()}_cell/{name}"
        for name in ("kernel", "recurrent_kernel", "bias")]


def test_masked_steps_output_zeros_in_both_directions():
    x = data((3, 5, 4))
    out = to_np(Bidirectional(SimpleRNN(2, return_sequences=True))(x, mask=MASK))
    np.testing.assert_array_equal(out[~MASK], 0)
    assert np.all(out[MASK] != 0)


def test_return_state_matches_keras():
    keras = keras_module()
    ours = Bidirectional(LSTM(3, return_state=True))
    theirs = keras.layers.Bidirectional(keras.layers.LSTM(3, return_state=True))
    outputs = check_against_keras(ours, theirs, data((3, 5, 4)), call_kwargs={"mask": MASK},
                                  keras_call_kwargs={"mask": keras_tensor(MASK)})
    assert [o.shape for o in outputs] == [(3, 6), (3, 3), (3, 3), (3, 3), (3, 3)]
    symbolic = Bidirectional(GRU(2, return_state=True, return_sequences=True), merge_mode=None)(
        Input(shape=(None, 4)))
    assert [t.shape for t in symbolic] == [(None, None, 2), (None, None, 2), (None, 2), (None, 2)]


def test_initial_state_matches_keras():
    keras = keras_module()
    states = [data((3, 3), seed=i) for i in range(4)]
    check_against_keras(Bidirectional(LSTM(3, return_sequences=True)),
                        keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True)), data((3, 5, 4)),
                        call_kwargs={"initial_state": states},
                        keras_call_kwargs={"initial_state": [keras_tensor(s) for s in states]})


def test_given_backward_layer_matches_keras():
    keras = keras_module()
    ours = Bidirectional(LSTM(3, return_sequences=True), backward_layer=GRU(3, return_sequences=True,
                                                                             go_backwards=True))
    theirs = keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True),
                                        backward_layer=keras.layers.GRU(3, return_sequences=True, go_backwards=True))
    check_against_keras(ours, theirs, data((3, 5, 4)))
    assert isinstance(ours.backward_layer, GRU)


@pytest.mark.requires_trainable_backend
def test_training_with_dropout_matches_keras():
    keras = keras_module()
    options = {"dropout": 0.4, "recurrent_dropout": 0.3, "return_sequences": True}
    masks = {lambda layer: layer.forward_layer.cell: (dropout_masks((3, 4), 0.4, 4, seed=1),
                                                      dropout_masks((3, 3), 0.3, 4, seed=2)),
             lambda layer: layer.backward_layer.cell: (dropout_masks((3, 4), 0.4, 4, seed=3),
                                                       dropout_masks((3, 3), 0.3, 4, seed=4))}
    check_training_against_keras(Bidirectional(LSTM(3, **options)),
                                 keras.layers.Bidirectional(keras.layers.LSTM(3, **options)), data((3, 5, 4)), masks,
                                 call_kwargs={"mask": MASK}, keras_call_kwargs={"mask": keras_tensor(MASK)})


def test_initial_weights_and_generic_rnn():
    layer = Bidirectional(RNN(SimpleRNNCell(2)), merge_mode="ave")
    layer(data((2, 3, 4)))
    weights = [w + 1 for w in layer.get_weights()]
    again = Bidirectional(RNN(SimpleRNNCell(2)), merge_mode="ave", weights=weights)
    out = again(data((2, 3, 4)))
    for got, want in zip(again.get_weights(), weights):
        np.testing.assert_array_equal(got, want)
    assert tuple(out.shape) == (2, 2)


def test_stateful_states_and_reset():
    layer = Bidirectional(LSTM(2, stateful=True))
    first = to_np(layer(data((2, 3, 4))))
    assert len(layer.states) == 4 and len(layer.weights) == 6
    assert not np.allclose(to_np(layer(data((2, 3, 4)))), first)
    layer.reset_state()
    np.testing.assert_allclose(to_np(layer(data((2, 3, 4)))), first, rtol=RTOL, atol=ATOL)
    with pytest.raises(AttributeError, match="stateful"):
        Bidirectional(LSTM(2)).reset_state()


def test_errors():
    with pytest.raises(ValueError, match="merge_mode"):
        Bidirectional(LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="Layer"):
        Bidirectional("lstm")
    with pytest.raises(ValueError, match="go_backwards"):
        Bidirectional(LSTM(2), backward_layer=LSTM(2))
    with pytest.raises(ValueError, match="return_sequences"):
        Bidirectional(LSTM(2), backward_layer=LSTM(2, go_backwards=True, return_sequences=True))
    with pytest.raises(ValueError, match=r"bi.*ndim=3.*\(None, 4\)"):
        Bidirectional(LSTM(2), name="bi")(Input(shape=(4,)))


def test_mask_of_the_wrong_shape_names_the_wrapper():
    match = r"'bi' \(Bidirectional\): `mask` has shape \(%s, 4\); with input shape \(%s, 3, 4\).*\(%s, 3\)"
    with pytest.raises(ValueError, match=match % (("None",) * 3)):
        Bidirectional(LSTM(2), name="bi")(Input((3, 4)), mask=Input((4,), dtype="bool"))
    with pytest.raises(ValueError, match=match % (("2",) * 3)):
        Bidirectional(GRU(2), name="bi")(data((2, 3, 4)), mask=np.ones((2, 4), bool))
    assert Bidirectional(LSTM(2))(Input((3, 4)), mask=Input((3,), dtype="bool")).shape == (None, 4)
