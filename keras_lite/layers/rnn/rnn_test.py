"""RNN: the time loop against Keras 3 (masks, direction, unrolling, initial and carried states, dropout), custom
and stacked cells, errors at graph-building time, compiled training, variable-length inputs and the guide's model.

Also holds what the other recurrent tests share: `to_np`, `keras_module` and `check_against_keras`
(Keras 3 as an oracle: the same layer in Keras, its weights copied with set_weights, outputs compared).
"""
import re
import types

import numpy as np
import optree
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND, engine
from keras_lite.layers.core.dense import Dense
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.core.masking import Masking
from keras_lite.layers.input_layer import Input
from keras_lite.layers.layer import Layer
from keras_lite.layers.rnn.gru import GRU, GRUCell
from keras_lite.layers.rnn.lstm import LSTM, LSTMCell
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test

RTOL, ATOL = 1e-5, 1e-6
CELLS = {"SimpleRNNCell": SimpleRNNCell, "LSTMCell": LSTMCell, "GRUCell": GRUCell}


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def data(shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def keras_module():
    """Keras 3 as an oracle, on the backend under test (it reads the same KERAS_BACKEND)."""
    return pytest.importorskip("keras")


def keras_tensor(value):
    return keras_module().ops.convert_to_tensor(value)


def build_both(ours, theirs, inputs):
    """Build by a symbolic call on the inputs' full shape (cheaper than a call on data)."""
    theirs(keras_module().Input(batch_shape=inputs.shape))
    ours(Input(batch_shape=inputs.shape))


def check_against_keras(ours, theirs, inputs, call_kwargs=None, keras_call_kwargs=None, rtol=RTOL, atol=ATOL):
    """Build both layers on `inputs`, give ours Keras's weights (set_weights, unchanged), compare every output.

    Also checks that the weights have Keras's shapes, order and names. Returns our outputs as NumPy arrays."""
    keras = keras_module()
    call_kwargs = call_kwargs or {}
    keras_call_kwargs = call_kwargs if keras_call_kwargs is None else keras_call_kwargs
    build_both(ours, theirs, inputs)
    assert [tuple(w.shape) for w in ours.weights] == [tuple(w.shape) for w in theirs.weights]
    assert [w.path.split("/")[-1] for w in ours.weights] == [w.path.split("/")[-1] for w in theirs.weights]
    ours.set_weights(theirs.get_weights())
    expected = [keras.ops.convert_to_numpy(y) for y in optree.tree_leaves(theirs(inputs, **keras_call_kwargs))]
    got = [to_np(y) for y in optree.tree_leaves(ours(inputs, **call_kwargs))]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g.shape == e.shape
        np.testing.assert_allclose(g, e, rtol=rtol, atol=atol)
    return got


def dropout_masks(shape, rate, count, seed):
    """Keep/drop masks as a dropout layer makes them: 0 or 1 / (1 - rate); a list when count is given."""
    rng = np.random.default_rng(seed)
    masks = [((rng.random(shape) >= rate) / (1 - rate)).astype("float32") for _ in range(count or 1)]
    return masks if count else masks[0]


def inject_masks(cell, input_masks, recurrent_masks, convert):
    """Give a cell (ours or Keras's) its dropout masks for the next call, as its RNN would draw them."""
    def conv(m):
        return None if m is None else [convert(x) for x in m] if isinstance(m, list) else convert(m)

    cell._dropout_mask = conv(input_masks)
    cell._recurrent_dropout_mask = conv(recurrent_masks)


def check_training_against_keras(ours, theirs, inputs, masks, call_kwargs=None, keras_call_kwargs=None):
    """Training mode with dropout: the same masks given to both cells (`masks`: {cell getter: (input masks,
    recurrent masks)}), then outputs compared. The masks apply to every step, and are cleared after the call."""
    keras = keras_module()
    call_kwargs = call_kwargs or {}
    keras_call_kwargs = call_kwargs if keras_call_kwargs is None else keras_call_kwargs
    build_both(ours, theirs, inputs)
    ours.set_weights(theirs.get_weights())
    for get_cell, (input_masks, recurrent_masks) in masks.items():
        inject_masks(get_cell(ours), input_masks, recurrent_masks, ops.convert_to_tensor)
        inject_masks(get_cell(theirs), input_masks, recurrent_masks, keras.ops.convert_to_tensor)
    expected = [keras.ops.convert_to_numpy(y)
                for y in optree.tree_leaves(theirs(inputs, training=True, **keras_call_kwargs))]
    got = [to_np(y) for y in optree.tree_leaves(ours(inputs, training=True, **call_kwargs))]
    for get_cell in masks:
        assert get_cell(ours)._dropout_mask is None and get_cell(ours)._recurrent_dropout_mask is None
    inference = [to_np(y) for y in optree.tree_leaves(ours(inputs, **call_kwargs))]
    assert not all(np.allclose(g, i) for g, i in zip(got, inference)), "dropout changed nothing"
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, rtol=RTOL, atol=ATOL)


def keras_twin(ours):
    """The Keras layer built from our layer's config (a config written for Keras loads there unchanged)."""
    keras = keras_module()
    config = ours.get_config()
    return keras.saving.deserialize_keras_object({"module": "keras.layers", "class_name": type(ours).__name__,
                                                  "config": config, "registered_name": None})


# -- contract -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["LSTMCell", "list"])
def test_contract(cell):
    cells = LSTMCell(3) if cell == "LSTMCell" else [LSTMCell(3), GRUCell(2)]
    weights = 3 if cell == "LSTMCell" else 6
    run_layer_test(RNN, {"cell": cells, "return_sequences": True}, (2, 4, 5),
                   expected_output_shape=(2, 4, 3 if cell == "LSTMCell" else 2),
                   expected_num_trainable_weights=weights)


def test_config_keys_match_keras():
    keras = keras_module()
    ours = RNN(LSTMCell(3), go_backwards=True).get_config()
    theirs = keras.layers.RNN(keras.layers.LSTMCell(3), go_backwards=True).get_config()
    assert sorted(ours) == sorted(theirs)
    assert sorted(ours["cell"]["config"]) == sorted(theirs["cell"]["config"])
    assert ours["cell"]["class_name"] == "LSTMCell" and ours["cell"]["module"] == "keras.layers"
    clone = RNN.from_config(ours)
    assert isinstance(clone.cell, LSTMCell) and clone.go_backwards


# -- the loop against Keras ------------------------------------------------------------------------------

LOOP_OPTIONS = [
    {},
    {"return_sequences": True, "return_state": True},
    {"go_backwards": True, "return_sequences": True, "return_state": True},
    {"unroll": True, "go_backwards": True, "return_state": True},
]


@pytest.mark.parametrize("cell", sorted(CELLS))
@pytest.mark.parametrize("options", LOOP_OPTIONS, ids=lambda o: "-".join(o) or "default")
def test_matches_keras(cell, options):
    keras = keras_module()
    check_against_keras(RNN(CELLS[cell](3), **options), keras.layers.RNN(getattr(keras.layers, cell)(3), **options),
                        data((2, 5, 4)))


# Padding at the start and at the end, holes, and an unmasked row.
MASK = np.array([[1, 0, 1, 1, 0], [0, 0, 1, 1, 1], [1, 1, 1, 1, 1]], bool)


@pytest.mark.parametrize("cell", sorted(CELLS))
@pytest.mark.parametrize("options", [{}, {"go_backwards": True}, {"zero_output_for_mask": True},
                                     {"unroll": True}], ids=lambda o: "-".join(o) or "default")
def test_masks_match_keras(cell, options):
    keras = keras_module()
    options = {"return_sequences": True, "return_state": True, **options}
    check_against_keras(RNN(CELLS[cell](3), **options), keras.layers.RNN(getattr(keras.layers, cell)(3), **options),
                        data((3, 5, 4)), call_kwargs={"mask": MASK}, keras_call_kwargs={"mask": keras_tensor(MASK)})


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_masked_steps_keep_state_and_output(cell):
    """Independent of Keras: padding at the end changes nothing, and a masked step repeats the last output."""
    x = data((2, 6, 4))
    layer = RNN(CELLS[cell](3), return_sequences=True, return_state=True)
    full = [to_np(t) for t in optree.tree_leaves(layer(x))]
    mask = np.array([[1, 1, 1, 1, 0, 0], [1, 1, 0, 1, 1, 1]], bool)
    masked = [to_np(t) for t in optree.tree_leaves(layer(x, mask=mask))]
    short = [to_np(t) for t in optree.tree_leaves(layer(x[:1, :4]))]
    np.testing.assert_allclose(masked[0][0, :4], short[0][0], rtol=RTOL, atol=ATOL)
    for state, short_state in zip(masked[1:], short[1:]):
        np.testing.assert_allclose(state[0], short_state[0], rtol=RTOL, atol=ATOL)
    np.testing.assert_array_equal(masked[0][0, 4], masked[0][0, 3])
    np.testing.assert_array_equal(masked[0][1, 2], masked[0][1, 1])
    np.testing.assert_allclose(masked[0][:, :2], full[0][:, :2], rtol=RTOL, atol=ATOL)
    zeroed = to_np(RNN(layer.cell, return_sequences=True, zero_output_for_mask=True)(x, mask=mask))
    np.testing.assert_array_equal(zeroed[0, 4:], 0)
    np.testing.assert_allclose(zeroed[0, :4], masked[0][0, :4], rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_initial_state_matches_keras(cell):
    keras = keras_module()
    count = 2 if cell == "LSTMCell" else 1
    states = [data((2, 3), seed=i + 1) for i in range(count)]
    check_against_keras(RNN(CELLS[cell](3), return_sequences=True, return_state=True),
                        keras.layers.RNN(getattr(keras.layers, cell)(3), return_sequences=True, return_state=True),
                        data((2, 5, 4)), call_kwargs={"initial_state": states},
                        keras_call_kwargs={"initial_state": [keras_tensor(s) for s in states]})


def test_stacked_cells_match_keras():
    keras = keras_module()
    ours = RNN([LSTMCell(3), GRUCell(2), SimpleRNNCell(4)], return_sequences=True, return_state=True)
    theirs = keras.layers.RNN([keras.layers.LSTMCell(3), keras.layers.GRUCell(2), keras.layers.SimpleRNNCell(4)],
                              return_sequences=True, return_state=True)
    check_against_keras(ours, theirs, data((3, 5, 4)), call_kwargs={"mask": MASK},
                        keras_call_kwargs={"mask": keras_tensor(MASK)})
    out, lstm_state, gru_state, simple_state = ours(data((2, 5, 4)))
    assert [tuple(s.shape) for s in lstm_state] == [(2, 3), (2, 3)]
    assert [tuple(s.shape) for s in gru_state] == [(2, 2)] and [tuple(s.shape) for s in simple_state] == [(2, 4)]


# -- stateful ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layer_cls", [SimpleRNN, LSTM, GRU])
def test_stateful_carries_states_between_calls(layer_cls):
    x = data((2, 6, 4))
    stateful = layer_cls(3, stateful=True, return_sequences=True)
    first = to_np(stateful(x[:, :3]))
    second = to_np(stateful(x[:, 3:]))
    assert len(stateful.weights) == 3  # the carried states are not weights (as Keras)
    whole = layer_cls(3, return_sequences=True)
    whole(x)
    whole.set_weights(stateful.get_weights())
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), to_np(whole(x)), rtol=RTOL, atol=ATOL)
    if BACKEND != "numpy":  # gradients through carried states (on torch they are updated in place)
        _, grads = engine.gradients.value_and_grad(lambda: ops.sum(stateful(x[:, :3])), stateful.trainable_weights)
        assert all(np.isfinite(to_np(g)).all() for g in grads)
    stateful.reset_state()
    for state in optree.tree_leaves(stateful.states):
        np.testing.assert_array_equal(to_np(state), 0)
    np.testing.assert_allclose(to_np(stateful(x[:, :3])), first, rtol=RTOL, atol=ATOL)


def test_stateful_needs_a_fixed_batch_size():
    with pytest.raises(ValueError, match=r"lstm.*stateful=True.*\(None, 5, 4\)"):
        LSTM(3, stateful=True, name="lstm")(Input(shape=(5, 4)))
    out = LSTM(3, stateful=True)(Input(batch_shape=(2, 5, 4)))
    assert out.shape == (2, 3)


# -- dropout -------------------------------------------------------------------------------------------

@pytest.mark.requires_trainable_backend
def test_dropout_masks_are_drawn_once_per_sequence():
    """kernel = I, recurrent_kernel = 0, linear: each output step is its input step times the dropout mask."""
    layer = SimpleRNN(6, activation=None, use_bias=False, dropout=0.5, return_sequences=True, seed=1)
    x = np.ones((4, 5, 6), "float32")
    layer(x)
    layer.set_weights([np.eye(6, dtype="float32"), np.zeros((6, 6), "float32")])
    out = to_np(layer(x, training=True))
    np.testing.assert_array_equal(out, np.broadcast_to(out[:, :1], out.shape))  # the same mask at every step
    assert set(np.unique(out)) <= {0.0, 2.0} and 0 < (out == 0).mean() < 1
    again = to_np(layer(x, training=True))
    assert not np.array_equal(again, out)  # a new mask for the next call
    np.testing.assert_array_equal(to_np(layer(x)), x)  # inference: no dropout


@pytest.mark.requires_trainable_backend
def test_recurrent_dropout_masks_are_drawn_once_per_sequence():
    """kernel = 0, recurrent_kernel = I, linear, h0 = 1: h_t = h0 * mask**t, one mask for every step."""
    layer = SimpleRNN(6, activation=None, use_bias=False, recurrent_dropout=0.5, return_sequences=True, seed=2)
    x = np.zeros((4, 3, 2), "float32")
    layer(x)
    layer.set_weights([np.zeros((2, 6), "float32"), np.eye(6, dtype="float32")])
    out = to_np(layer(x, initial_state=np.ones((4, 6), "float32"), training=True))
    mask = out[:, 0]
    assert set(np.unique(mask)) <= {0.0, 2.0} and 0 < (mask == 0).mean() < 1
    np.testing.assert_allclose(out, np.stack([mask, mask ** 2, mask ** 3], axis=1))
    for cell in (layer.cell,):
        assert cell._dropout_mask is None and cell._recurrent_dropout_mask is None  # cleared after the call


# -- errors at graph-building time -----------------------------------------------------------------------

@pytest.mark.parametrize("layer", [lambda: LSTM(3, name="my_lstm"), lambda: GRU(3, name="my_lstm"),
                                   lambda: SimpleRNN(3, name="my_lstm"),
                                   lambda: RNN(LSTMCell(3), name="my_lstm")])
def test_rank_2_input_is_refused_naming_layer_and_shape(layer):
    with pytest.raises(ValueError, match=r"my_lstm.*ndim=3.*\(None, 4\)"):
        layer()(Input(shape=(4,)))


@pytest.mark.parametrize("layer", [lambda: LSTM(3, name="my_rnn"), lambda: GRU(3, name="my_rnn"),
                                   lambda: SimpleRNN(3, name="my_rnn"), lambda: RNN(LSTMCell(3), name="my_rnn")])
@pytest.mark.parametrize("mask_shape", [(4,), (3, 2), ()])
def test_mask_of_the_wrong_shape_is_refused(layer, mask_shape):
    """Symbolically and eagerly: a ValueError naming the layer, the mask's shape and the one it needs."""
    with pytest.raises(ValueError, match=r"'my_rnn' \(\w+\): `mask` has shape %s; with input shape \(None, 3, 4\) "
                                         r"it must have shape \(None, 3\)" % re.escape(str((None,) + mask_shape))):
        layer()(Input((3, 4)), mask=Input(mask_shape, dtype="bool"))
    with pytest.raises(ValueError, match=r"'my_rnn'.*`mask` has shape %s.*must have shape \(2, 3\)"
                                         % re.escape(str((2,) + mask_shape))):
        layer()(data((2, 3, 4)), mask=np.ones((2,) + mask_shape, bool))


def test_mask_with_unknown_sizes_fits():
    assert LSTM(2)(Input((None, 4)), mask=Input((5,), dtype="bool")).shape == (None, 2)
    assert LSTM(2)(Input((3, 4)), mask=Input((None,), dtype="bool")).shape == (None, 2)


def test_unroll_needs_known_timesteps():
    with pytest.raises(ValueError, match=r"my_rnn.*unroll=True.*\(None, None, 4\)"):
        LSTM(3, unroll=True, name="my_rnn")(Input(shape=(None, 4)))
    assert LSTM(3, unroll=True)(Input(shape=(6, 4))).shape == (None, 3)


def test_initial_state_count_is_checked():
    with pytest.raises(ValueError, match=r"my_lstm.*2 initial state tensor\(s\).*got 1"):
        LSTM(3, name="my_lstm")(Input(shape=(5, 4)), initial_state=[Input(shape=(3,))])


def test_bad_cells_and_arguments():
    with pytest.raises(ValueError, match="state_size"):
        RNN(Dense(3))
    with pytest.raises(ValueError, match="units"):
        LSTMCell(0)
    with pytest.raises(ValueError, match="use_cudnn"):
        LSTM(3, use_cudnn="sometimes")


# -- custom cells ----------------------------------------------------------------------------------------

class MinimalCell(Layer):
    """h_t = tanh(x_t @ w) + 0.5 * h_{t-1}: a cell written against the Keras API only."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), name="w")

    def call(self, inputs, states):
        h = ops.tanh(ops.matmul(inputs, self.w)) + 0.5 * states[0]
        return h, [h]


def test_custom_cell_against_numpy():
    x = data((2, 4, 3))
    layer = RNN(MinimalCell(2), return_sequences=True)
    out = to_np(layer(x))
    w = layer.get_weights()[0]
    h = np.zeros((2, 2), "float32")
    for t in range(4):
        h = np.tanh(x[:, t] @ w) + 0.5 * h
        np.testing.assert_allclose(out[:, t], h, rtol=RTOL, atol=ATOL)
    assert layer(Input(shape=(None, 3))).shape == (None, None, 2)


# -- in models ---------------------------------------------------------------------------------------------

def test_variable_length_embedding_lstm_with_mask_zero():
    inputs = Input(shape=(None,))
    embedded = Embedding(20, 4, mask_zero=True)(inputs)
    sequences = LSTM(3, return_sequences=True)(embedded)
    assert sequences.shape == (None, None, 3)
    assert tuple(sequences._keras_mask.shape) == (None, None)
    outputs = LSTM(2)(sequences)
    model = Model(inputs, outputs)
    rng = np.random.default_rng(0)
    for length in (1, 5):
        idx = rng.integers(1, 20, size=(3, length)).astype("float32")
        padded = np.concatenate([idx, np.zeros((3, 2), "float32")], axis=1)
        np.testing.assert_allclose(to_np(model(padded)), to_np(model(idx)), rtol=RTOL, atol=ATOL)


def test_embedding_mask_zero_lstm_matches_keras():
    keras = keras_module()
    idx = np.array([[3, 5, 1, 0, 0], [0, 2, 7, 4, 9]], "int32")

    def build(layers, model_cls, input_fn):
        inputs = input_fn(shape=(None,), dtype="int32")
        x = layers[0](inputs)
        x = layers[1](x)
        return model_cls(inputs, layers[2](x))

    ours = build([Embedding(10, 4, mask_zero=True), LSTM(3, return_sequences=True), GRU(2)], Model, Input)
    theirs = build([keras.layers.Embedding(10, 4, mask_zero=True), keras.layers.LSTM(3, return_sequences=True),
                    keras.layers.GRU(2)], keras.Model, keras.Input)
    ours.set_weights(theirs.get_weights())
    np.testing.assert_allclose(to_np(ours(idx)), keras.ops.convert_to_numpy(theirs(idx)), rtol=RTOL, atol=ATOL)


def test_encoder_decoder_with_states_and_masks_matches_keras():
    """The seq2seq pattern: the encoder's last states start the decoder; both inputs padded with zeros."""
    keras = keras_module()
    ours_ns = types.SimpleNamespace(Embedding=Embedding, LSTM=LSTM, GRU=GRU, Dense=Dense, Masking=Masking)

    def build(layers, input_fn, model_cls):
        encoder_in = input_fn(shape=(None,), dtype="int32")
        decoder_in = input_fn(shape=(None, 3))
        _, h, c = layers.LSTM(4, return_state=True)(layers.Embedding(10, 3, mask_zero=True)(encoder_in))
        masked = layers.Masking()(decoder_in)
        # Keras 3 drops the mask an input carries when initial_state is given (keras_lite keeps it): pass it
        decoded = layers.LSTM(4, return_sequences=True)(masked, initial_state=[h, c], mask=masked._keras_mask)
        return model_cls([encoder_in, decoder_in], layers.Dense(2)(layers.GRU(2, return_sequences=True)(decoded)))

    ours, theirs = build(ours_ns, Input, Model), build(keras.layers, keras.Input, keras.Model)
    ours.set_weights(theirs.get_weights())
    encoder_data = np.array([[3, 5, 1, 0], [2, 7, 0, 0]], "int32")
    decoder_data = data((2, 5, 3))
    decoder_data[0, 3:] = 0
    decoder_data[1, 1] = 0
    got = to_np(ours([encoder_data, decoder_data]))
    np.testing.assert_allclose(got, keras.ops.convert_to_numpy(theirs([encoder_data, decoder_data])), rtol=RTOL,
                               atol=ATOL)
    np.testing.assert_array_equal(got[0, 3], got[0, 2])  # a masked decoder step repeats the previous output


def test_mask_is_kept_with_initial_state():
    x = data((2, 5, 3))
    x[1, 1:3] = 0
    h, c = data((2, 4), seed=1), data((2, 4), seed=2)
    sequences, h_in, c_in = Input(shape=(None, 3)), Input(shape=(4,)), Input(shape=(4,))
    layer = LSTM(4, return_sequences=True)
    model = Model([sequences, h_in, c_in], layer(Masking()(sequences), initial_state=[h_in, c_in]))
    out = to_np(model([x, h, c]))
    np.testing.assert_array_equal(out[1, 1], out[1, 0])
    np.testing.assert_array_equal(out[1, 2], out[1, 0])
    np.testing.assert_allclose(out, to_np(layer(x, initial_state=[h, c], mask=np.any(x != 0, axis=-1))), rtol=RTOL,
                               atol=ATOL)


def ticket_model(layers, keras_input, model_cls):
    """The guide's multi-input ticket model (functional-api-guide.txt)."""
    num_tags, num_words, num_departments = 12, 10000, 4
    title_input = keras_input(shape=(None,), name="title")
    body_input = keras_input(shape=(None,), name="body")
    tags_input = keras_input(shape=(num_tags,), name="tags")
    title_features = layers["Embedding"](num_words, 64)(title_input)
    body_features = layers["Embedding"](num_words, 64)(body_input)
    title_features = layers["LSTM"](128)(title_features)
    body_features = layers["LSTM"](32)(body_features)
    x = layers["concatenate"]([title_features, body_features, tags_input])
    priority_pred = layers["Dense"](1, name="priority")(x)
    department_pred = layers["Dense"](num_departments, name="department")(x)
    return model_cls(inputs=[title_input, body_input, tags_input],
                     outputs={"priority": priority_pred, "department": department_pred})


def test_guide_ticket_model_shapes_and_parameter_counts():
    concatenate = pytest.importorskip("keras_lite.layers.merging.concatenate").concatenate
    model = ticket_model({"Embedding": Embedding, "LSTM": LSTM, "Dense": Dense, "concatenate": concatenate}, Input,
                         Model)
    by_name = {layer.name: layer for layer in model.layers}
    lstms = [layer for layer in model.layers if isinstance(layer, LSTM)]
    assert [layer.count_params() for layer in lstms] == [4 * 128 * (64 + 128 + 1), 4 * 32 * (64 + 32 + 1)]
    assert [tuple(layer.output.shape) for layer in lstms] == [(None, 128), (None, 32)]
    assert [w.shape for w in lstms[0].weights] == [(64, 512), (128, 512), (512,)]
    assert by_name["priority"].output.shape == (None, 1) and by_name["department"].output.shape == (None, 4)
    expected_total = 2 * 10000 * 64 + 98816 + 12416 + (172 + 1) + (172 * 4 + 4)
    assert model.count_params() == expected_total
    keras = keras_module()
    theirs = ticket_model({"Embedding": keras.layers.Embedding, "LSTM": keras.layers.LSTM,
                           "Dense": keras.layers.Dense, "concatenate": keras.layers.concatenate}, keras.Input,
                          keras.Model)
    assert theirs.count_params() == expected_total
    rng = np.random.default_rng(0)
    batch = [rng.integers(10000, size=(2, 12)), rng.integers(10000, size=(2, 30)),
             rng.integers(2, size=(2, 12)).astype("float32")]
    out = model(batch)
    assert to_np(out["priority"]).shape == (2, 1) and to_np(out["department"]).shape == (2, 4)


@pytest.mark.requires_trainable_backend
def test_compiled_training_and_prediction():
    """fit runs the loop jit-compiled on jax and in a tf.function on tensorflow; the loss goes down."""
    from keras_lite import losses, optimizers

    rng = np.random.default_rng(0)
    idx = rng.integers(1, 12, size=(60, 7)).astype("float32")  # the last batch is smaller
    idx[:30, 5:] = 0
    targets = (idx[:, :1] > 6).astype("float32")
    inputs = Input(shape=(None,))
    x = Embedding(12, 8, mask_zero=True)(inputs)
    x = LSTM(8, dropout=0.1, recurrent_dropout=0.1, return_sequences=True)(x)
    outputs = Dense(1)(GRU(4, go_backwards=True)(x))
    model = Model(inputs, outputs)
    model.compile(optimizer=optimizers.Adam(0.02), loss=losses.MeanSquaredError())
    history = model.fit(idx, targets, batch_size=16, epochs=4, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert history.history["loss"][-1] < history.history["loss"][0]
    np.testing.assert_allclose(model.predict(idx, batch_size=16, verbose=0), to_np(model(idx)), rtol=1e-4, atol=1e-5)


def test_prediction_on_every_backend():
    rng = np.random.default_rng(1)
    idx = rng.integers(0, 12, size=(8, 6)).astype("float32")
    inputs = Input(shape=(None,))
    outputs = LSTM(3)(Embedding(12, 4, mask_zero=True)(inputs))
    model = Model(inputs, outputs)
    np.testing.assert_allclose(model.predict(idx, batch_size=4, verbose=0), to_np(model(idx)), rtol=1e-5, atol=1e-6)
