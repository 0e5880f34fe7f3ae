"""Every weight-bearing layer of issues 3 and 4 against Keras 3: the same weights in the same layout.

One table. Each row builds the layer twice from the same constructor (once from `keras.layers`, once from
`keras_lite.layers`) on the same tiny inputs, then checks that the weights have Keras's shapes, names and
order and the same trainable/non-trainable split, that `set_weights(keras_layer.get_weights())` works
unchanged, and that the outputs agree in float32 (in training mode too where it differs without randomness).
Keras runs on the backend under test (it reads the same KERAS_BACKEND).
"""
import numpy as np
import optree
import pytest

from keras_lite import layers as lite_layers
from keras_lite import ops

RTOL, ATOL = 1e-5, 1e-5


def ints(shape, high):
    """An integer input (indices below `high`) in a row's input list; plain tuples are float32 inputs."""
    return ("ints", shape, high)


def adapt(layer, inputs):
    layer.adapt(inputs[0])


# (id, constructor given a layers namespace, inputs, options). Options: `list_input` calls the layer on the
# list of inputs rather than on them as positional arguments; `training` also compares a training-mode call;
# `prepare` runs on the Keras layer after it is built (ours gets its state only through set_weights).
CASES = [
    ("Dense", lambda L: L.Dense(3), [(2, 4)], {}),
    ("Dense-3d", lambda L: L.Dense(3, use_bias=False), [(2, 3, 4)], {}),
    ("EinsumDense", lambda L: L.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="de"),
     [(2, 3, 4)], {}),
    ("Embedding", lambda L: L.Embedding(7, 3), [ints((2, 4), 7)], {}),
    ("PReLU", lambda L: L.PReLU(shared_axes=[1]), [(2, 3, 4)], {}),
    ("Conv1D", lambda L: L.Conv1D(2, 3, padding="same"), [(2, 5, 3)], {}),
    ("Conv2D", lambda L: L.Conv2D(2, 2, strides=2), [(2, 4, 4, 3)], {}),
    ("Conv3D", lambda L: L.Conv3D(2, 2), [(1, 3, 3, 3, 2)], {}),
    ("Conv1DTranspose", lambda L: L.Conv1DTranspose(2, 3, strides=2), [(2, 4, 3)], {}),
    ("Conv2DTranspose", lambda L: L.Conv2DTranspose(2, 2, strides=2, padding="same"), [(2, 3, 3, 3)], {}),
    ("Conv3DTranspose", lambda L: L.Conv3DTranspose(2, 2, strides=2), [(1, 2, 2, 2, 2)], {}),
    ("DepthwiseConv1D", lambda L: L.DepthwiseConv1D(3, depth_multiplier=2), [(2, 5, 3)], {}),
    ("DepthwiseConv2D", lambda L: L.DepthwiseConv2D(2, depth_multiplier=2), [(2, 4, 4, 3)], {}),
    ("SeparableConv1D", lambda L: L.SeparableConv1D(4, 3, depth_multiplier=2), [(2, 5, 3)], {}),
    ("SeparableConv2D", lambda L: L.SeparableConv2D(4, 2, depth_multiplier=2), [(2, 4, 4, 3)], {}),
    ("BatchNormalization", lambda L: L.BatchNormalization(), [(4, 3, 5)], {"training": True}),
    ("BatchNormalization-axis1", lambda L: L.BatchNormalization(axis=1, center=False), [(4, 3, 5)],
     {"training": True}),
    ("LayerNormalization", lambda L: L.LayerNormalization(), [(2, 3, 4)], {}),
    ("GroupNormalization", lambda L: L.GroupNormalization(groups=2), [(2, 3, 4)], {}),
    ("Normalization-adapted", lambda L: L.Normalization(), [(5, 3)], {"prepare": adapt}),
    ("Normalization-mean-variance", lambda L: L.Normalization(mean=[0.5, -1.0, 2.0], variance=[1.0, 4.0, 0.25]),
     [(5, 3)], {}),
    ("SimpleRNN", lambda L: L.SimpleRNN(3, return_sequences=True), [(2, 4, 5)], {}),
    ("LSTM", lambda L: L.LSTM(3, return_state=True), [(2, 4, 5)], {}),
    ("GRU-reset_after", lambda L: L.GRU(3, return_sequences=True), [(2, 4, 5)], {}),
    ("GRU-reset_before", lambda L: L.GRU(3, reset_after=False), [(2, 4, 5)], {}),
    ("RNN-StackedRNNCells", lambda L: L.RNN(L.StackedRNNCells([L.LSTMCell(3), L.GRUCell(2)])), [(2, 4, 5)], {}),
    ("Bidirectional-LSTM", lambda L: L.Bidirectional(L.LSTM(3, return_sequences=True)), [(2, 4, 5)], {}),
    ("TimeDistributed-Dense", lambda L: L.TimeDistributed(L.Dense(3)), [(2, 4, 5)], {}),
    ("ConvLSTM1D", lambda L: L.ConvLSTM1D(2, 3, padding="same"), [(2, 3, 5, 2)], {}),
    ("ConvLSTM2D", lambda L: L.ConvLSTM2D(2, 2, return_sequences=True), [(2, 3, 4, 4, 2)], {}),
    ("MultiHeadAttention", lambda L: L.MultiHeadAttention(num_heads=2, key_dim=3), [(2, 4, 5), (2, 3, 6)], {}),
    # value_dim stays key_dim: Keras 3.15 on jax fails when they differ (its jax.nn.dot_product_attention path).
    ("MultiHeadAttention-key", lambda L: L.MultiHeadAttention(num_heads=2, key_dim=3),
     [(2, 4, 5), (2, 3, 6), (2, 3, 4)], {}),
    ("MultiHeadAttention-axes", lambda L: L.MultiHeadAttention(num_heads=2, key_dim=3, attention_axes=(1, 2)),
     [(2, 2, 3, 5), (2, 2, 3, 4)], {}),
    ("Attention-scale", lambda L: L.Attention(use_scale=True), [(2, 4, 3), (2, 5, 3)], {"list_input": True}),
    ("AdditiveAttention", lambda L: L.AdditiveAttention(), [(2, 4, 3), (2, 5, 3)], {"list_input": True}),
]


def make_inputs(specs, rng):
    return [rng.integers(0, spec[2], size=spec[1]) if spec[0] == "ints"
            else rng.normal(size=spec).astype("float32") for spec in specs]


def layout(variables):
    """(name, shape) of each variable, in order; the name is the last path component, as Keras writes it."""
    return [(v.path.split("/")[-1], tuple(v.shape)) for v in variables]


def call(layer, inputs, options, **kwargs):
    args = [inputs] if options.get("list_input") else inputs
    return [np.asarray(ops.convert_to_numpy(y)) for y in optree.tree_leaves(layer(*args, **kwargs))]


def build(layer, input_fn, inputs, options):
    """Build by a symbolic call on the inputs' full shapes (cheaper than a call on data)."""
    symbolic = [input_fn(batch_shape=x.shape, dtype=str(x.dtype)) for x in inputs]
    layer(*([symbolic] if options.get("list_input") else symbolic))


@pytest.mark.parametrize("make, specs, options", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_weights_and_outputs_match_keras(make, specs, options):
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(0)
    inputs = make_inputs(specs, rng)
    theirs, ours = make(keras.layers), make(lite_layers)
    build(theirs, keras.Input, inputs, options)
    build(ours, lite_layers.Input, inputs, options)
    if options.get("prepare"):
        options["prepare"](theirs, inputs)

    assert layout(ours.weights) == layout(theirs.weights)
    assert layout(ours.trainable_weights) == layout(theirs.trainable_weights)
    assert layout(ours.non_trainable_weights) == layout(theirs.non_trainable_weights)

    if not options.get("prepare"):
        # Nudge every float weight so that zero biases, unit gammas and fresh moving statistics are not special.
        # (Not after `prepare`: Keras's Normalization reads adapted statistics only when adapt finalizes them.)
        theirs.set_weights([w + 0.1 * rng.normal(size=w.shape).astype(w.dtype) if w.dtype.kind == "f" else w
                            for w in theirs.get_weights()])
    ours.set_weights(theirs.get_weights())
    modes = [{}, {"training": True}] if options.get("training") else [{}]
    for mode in modes:
        expected, got = call(theirs, inputs, options, **mode), call(ours, inputs, options, **mode)
        assert [g.shape for g in got] == [e.shape for e in expected]
        for g, e in zip(got, expected):
            np.testing.assert_allclose(g, e, rtol=RTOL, atol=ATOL)
    for g, e in zip(ours.get_weights(), theirs.get_weights()):  # moving statistics updated alike
        np.testing.assert_allclose(g, e, rtol=RTOL, atol=ATOL)
