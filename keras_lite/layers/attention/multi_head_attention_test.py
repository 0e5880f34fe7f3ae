"""MultiHeadAttention: contract, weights and outputs against Keras 3 (set_weights), a NumPy reference,
masks from Embedding(mask_zero=True), attention_mask broadcasting, causal and sliding-window masks,
attention axes, None sequence lengths, errors, config."""
import json
import re

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.attention.multi_head_attention import MultiHeadAttention
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.input_layer import Input
from keras_lite.models.model import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


class _ListMHA(MultiHeadAttention):
    """run_layer_test hands several inputs over as one list."""

    def __call__(self, inputs, **kwargs):
        return super().__call__(*inputs, **kwargs)


@pytest.mark.parametrize("kwargs,shapes,call_kwargs,out,weights", [
    ({"num_heads": 2, "key_dim": 3}, [(2, 4, 5), (2, 6, 7)], {}, (2, 4, 5), 8),
    ({"num_heads": 2, "key_dim": 3, "value_dim": 4, "output_shape": 6, "use_bias": False},
     [(2, 4, 5), (2, 6, 7), (2, 6, 3)], {}, (2, 4, 6), 4),
    ({"num_heads": 1, "key_dim": 2, "use_gate": True}, [(2, 3, 4), (2, 3, 4)], {"use_causal_mask": True},
     (2, 3, 4), 10),
    # (return_attention_scores is left out: run_layer_test's shape comparison takes a tuple of output
    # shapes for one shape; the scores are checked against Keras below.)
    ({"num_heads": 2, "key_dim": 2, "attention_axes": (1, 2)}, [(2, 3, 2, 4), (2, 2, 2, 4)], {}, (2, 3, 2, 4), 8),
    ({"num_heads": 2, "key_dim": 2, "dropout": 0.2, "seed": 1}, [(2, 3, 4), (2, 5, 4)], {"training": True},
     (2, 3, 4), 8),
])
def test_contract(kwargs, shapes, call_kwargs, out, weights):
    run_layer_test(_ListMHA, kwargs, shapes, call_kwargs=call_kwargs, expected_output_shape=out,
                   expected_num_trainable_weights=weights, zero_gradient_weights=("key/bias",))


def _keras():
    return pytest.importorskip("keras")


def _pair(kwargs, shapes, seed=0):
    """Ours and Keras's layer built on inputs of `shapes` (batch left out), with Keras's weights copied over."""
    keras = _keras()
    ours, theirs = MultiHeadAttention(**kwargs), keras.layers.MultiHeadAttention(**kwargs)
    ours(*[Input(s) for s in shapes]), theirs(*[keras.Input(s) for s in shapes])
    assert [(w.path.replace(theirs.name, ours.name), tuple(w.shape)) for w in theirs.weights] == [
        (w.path, tuple(w.shape)) for w in ours.weights]
    rng = np.random.default_rng(seed)
    # Random biases too, so that a wrong bias or order shows.
    theirs.set_weights([rng.normal(size=w.shape).astype("float32") * 0.5 for w in theirs.weights])
    ours.set_weights(theirs.get_weights())  # unchanged: same shapes, same order
    return ours, theirs


def _close(ours, theirs, atol=1e-5):
    keras = _keras()
    np.testing.assert_allclose(_np(ours), keras.ops.convert_to_numpy(theirs), rtol=1e-5, atol=atol)


CASES = [  # (init kwargs, input shapes without batch, call kwargs)
    ({"num_heads": 2, "key_dim": 3}, [(4, 5), (6, 7)], {}),
    ({"num_heads": 2, "key_dim": 3}, [(4, 5), (4, 5)], {"use_causal_mask": True}),
    ({"num_heads": 2, "key_dim": 3, "output_shape": (3, 2)}, [(4, 5), (6, 7), (6, 3)], {}),
    # (Keras's fused path needs value_dim == key_dim; its explicit path, taken with the scores, does not.)
    ({"num_heads": 2, "key_dim": 3, "value_dim": 2}, [(4, 5), (6, 7), (6, 3)], {"return_attention_scores": True}),
    ({"num_heads": 3, "key_dim": 2, "use_bias": False, "use_gate": True}, [(4, 5), (6, 7)], {}),
    ({"num_heads": 2, "key_dim": 3}, [(4, 5), (6, 7)], {"return_attention_scores": True}),
    ({"num_heads": 2, "key_dim": 3, "dropout": 0.3}, [(5, 4), (5, 4)], {"use_causal_mask": True}),
    ({"num_heads": 2, "key_dim": 3, "sliding_window": 2}, [(5, 4), (5, 4)], {"use_causal_mask": True}),
    ({"num_heads": 2, "key_dim": 3, "sliding_window": 2}, [(5, 4), (5, 4)], {"return_attention_scores": True}),
    ({"num_heads": 2, "key_dim": 2, "attention_axes": (1, 2)}, [(3, 2, 4), (2, 2, 4)], {}),
    ({"num_heads": 2, "key_dim": 2, "attention_axes": -2}, [(3, 2, 4), (3, 5, 4)],
     {"return_attention_scores": True}),
]


@pytest.mark.parametrize("kwargs,shapes,call_kwargs", CASES)
def test_matches_keras_inference(kwargs, shapes, call_kwargs):
    ours, theirs = _pair(kwargs, shapes)
    rng = np.random.default_rng(1)
    data = [rng.normal(size=(2,) + s).astype("float32") for s in shapes]
    a, b = ours(*data, **call_kwargs), theirs(*data, **call_kwargs)
    if call_kwargs.get("return_attention_scores"):
        _close(a[1], b[1])
        a, b = a[0], b[0]
    _close(a, b)


@pytest.mark.parametrize("kwargs,shapes,call_kwargs", [c for c in CASES if not c[0].get("dropout")])
def test_matches_keras_training(kwargs, shapes, call_kwargs):
    if BACKEND == "numpy":
        pytest.skip("the numpy backend does not train")
    ours, theirs = _pair(kwargs, shapes)
    rng = np.random.default_rng(2)
    data = [rng.normal(size=(3,) + s).astype("float32") for s in shapes]
    a, b = ours(*data, training=True, **call_kwargs), theirs(*data, training=True, **call_kwargs)
    for x, y in zip(a if isinstance(a, tuple) else [a], b if isinstance(b, tuple) else [b]):
        _close(x, y)


def test_none_sequence_lengths():
    ours, theirs = _pair({"num_heads": 2, "key_dim": 3}, [(None, 5), (None, 7)])
    assert ours.get_build_config() == theirs.get_build_config() == {
        "shapes_dict": {"query_shape": (None, None, 5), "value_shape": (None, None, 7)}}
    out, scores = ours(Input((None, 5)), Input((None, 7)), return_attention_scores=True)
    assert out.shape == (None, None, 5) and scores.shape == (None, 2, None, None)
    rng = np.random.default_rng(3)
    for t, s in ((3, 6), (5, 2)):
        q, v = rng.normal(size=(2, t, 5)).astype("float32"), rng.normal(size=(2, s, 7)).astype("float32")
        _close(ours(q, v, use_causal_mask=True), theirs(q, v, use_causal_mask=True))
    # A graph with unknown lengths, causal mask included, runs on data of any length.
    q_in, v_in = Input((None, 5)), Input((None, 7))
    model = Model([q_in, v_in], ours(q_in, v_in, use_causal_mask=True))
    q, v = rng.normal(size=(2, 4, 5)).astype("float32"), rng.normal(size=(2, 7, 7)).astype("float32")
    _close(model([q, v]), theirs(q, v, use_causal_mask=True))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("causal", [False, True])
def test_values_against_numpy(causal):
    layer = MultiHeadAttention(num_heads=2, key_dim=3, value_dim=4)
    rng = np.random.default_rng(4)
    q, v, k = (rng.normal(size=(2, 5, d)).astype("float32") for d in (6, 7, 8))
    layer(q, v, k)
    weights = [rng.normal(size=w.shape).astype("float32") * 0.5 for w in layer.weights]
    layer.set_weights(weights)
    wq, bq, wk, bk, wv, bv, wo, bo = weights
    qh = np.einsum("btd,dnh->btnh", q, wq) + bq
    kh = np.einsum("bsd,dnh->bsnh", k, wk) + bk
    vh = np.einsum("bsd,dnh->bsnh", v, wv) + bv
    logits = np.einsum("btnh,bsnh->bnts", qh, kh) / np.sqrt(3.0)
    if causal:
        logits = np.where(np.tril(np.ones((5, 5), bool)), logits, -1e9)
    expected = np.einsum("btnh,nhd->btd", np.einsum("bnts,bsnh->btnh", _softmax(logits), vh), wo) + bo
    out, scores = layer(q, v, k, use_causal_mask=causal, return_attention_scores=True)
    np.testing.assert_allclose(_np(out), expected, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(scores), _softmax(logits), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(layer(q, v, k, use_causal_mask=causal)), expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("mask_shape", [(2, 4, 6), (1, 4, 6), (4, 6), (2, 1, 4, 6)])
@pytest.mark.parametrize("scores", [False, True])
def test_attention_mask_broadcasting(mask_shape, scores):
    ours, theirs = _pair({"num_heads": 2, "key_dim": 3}, [(4, 5), (6, 7)])
    rng = np.random.default_rng(5)
    q, v = rng.normal(size=(2, 4, 5)).astype("float32"), rng.normal(size=(2, 6, 7)).astype("float32")
    mask = rng.random(mask_shape) > 0.4
    mask[..., 0] = True  # every query row keeps a key
    kw = {"attention_mask": mask, "return_attention_scores": scores}
    a, b = ours(q, v, **kw), theirs(q, v, **kw)
    for x, y in zip(a if scores else [a], b if scores else [b]):
        _close(x, y)
    # The same mask as int 0/1 means the same.
    _close(ours(q, v, attention_mask=mask.astype("int32")), theirs(q, v, attention_mask=mask))


def _token_models(keras, kwargs, key=False, causal=False):
    """The same Embedding(mask_zero=True) -> MultiHeadAttention graph in keras_lite and in Keras."""
    models = []
    for lib, emb_cls, mha_cls, inp, model_cls in (
            ("ours", Embedding, MultiHeadAttention, Input, Model),
            ("keras", keras.layers.Embedding, keras.layers.MultiHeadAttention, keras.Input, keras.Model)):
        tq, tv = inp((None,), dtype="int32"), inp((None,), dtype="int32")
        emb = emb_cls(10, 4, mask_zero=True)
        eq, ev = emb(tq), emb(tv)
        mha = mha_cls(**kwargs)
        out = mha(eq, ev, ev, use_causal_mask=causal) if key else mha(eq, ev, use_causal_mask=causal)
        models.append((model_cls([tq, tv], out), emb, mha, out))
    (ours, o_emb, o_mha, o_out), (theirs, t_emb, t_mha, _) = models
    rng = np.random.default_rng(6)
    weights = [rng.normal(size=w.shape).astype("float32") * 0.5 for w in theirs.weights]
    theirs.set_weights(weights)
    ours.set_weights(weights)
    return ours, theirs, o_out


@pytest.mark.parametrize("key,causal", [(False, False), (True, False), (False, True)])
def test_embedding_masks_flow_in_like_keras(key, causal):
    keras = _keras()
    ours, theirs, out = _token_models(keras, {"num_heads": 2, "key_dim": 3}, key=key, causal=causal)
    assert getattr(out, "_keras_mask", None) is not None  # the output carries the query mask
    tq = np.array([[1, 2, 3, 0, 0], [4, 5, 0, 0, 0]], "int32")
    tv = np.array([[1, 0, 0, 0], [2, 3, 4, 0]], "int32")
    _close(ours([tq, tv]), theirs([tq, tv]))
    # Graphs move both ways through their configs (as JSON, as in a .keras file), masks included.
    from_keras = Model.from_config(json.loads(json.dumps(theirs.get_config())))
    from_keras.set_weights(theirs.get_weights())
    _close(from_keras([tq, tv]), theirs([tq, tv]))
    to_keras = keras.Model.from_config(json.loads(json.dumps(ours.get_config())))
    to_keras.set_weights(ours.get_weights())
    _close(ours([tq, tv]), to_keras([tq, tv]))


def test_eager_masks_carried_by_tensors():
    """Where engine tensors carry attributes (torch, tensorflow), an eager Embedding's mask reaches the layer."""
    keras = _keras()
    emb, theirs_emb = Embedding(10, 4, mask_zero=True), keras.layers.Embedding(10, 4, mask_zero=True)
    tokens = np.array([[1, 2, 0, 0], [3, 0, 0, 0]], "int32")
    x = emb(tokens)
    if getattr(x, "_keras_mask", None) is None:
        pytest.skip("this engine's arrays carry no mask attribute; masks flow through graphs instead")
    theirs_emb(tokens)
    emb.set_weights(theirs_emb.get_weights())
    ours, theirs = _pair({"num_heads": 2, "key_dim": 3}, [(4, 4), (4, 4)])
    out = ours(emb(tokens), emb(tokens))
    _close(out, theirs(theirs_emb(tokens), theirs_emb(tokens)))
    np.testing.assert_array_equal(_np(out._keras_mask), tokens != 0)


def test_explicit_masks_match_the_equivalent_attention_mask():
    ours, theirs = _pair({"num_heads": 2, "key_dim": 3}, [(4, 5), (6, 7)])
    rng = np.random.default_rng(7)
    q, v = rng.normal(size=(2, 4, 5)).astype("float32"), rng.normal(size=(2, 6, 7)).astype("float32")
    qm = np.array([[1, 1, 1, 0], [1, 1, 0, 0]], bool)
    vm = np.array([[1, 1, 1, 1, 0, 0], [1, 0, 1, 0, 1, 0]], bool)
    full = qm[:, :, None] & vm[:, None, :]
    for scores in (False, True):
        a = ours(q, v, query_mask=qm, value_mask=vm, return_attention_scores=scores)
        b = theirs(q, v, attention_mask=full, return_attention_scores=scores)
        for x, y in zip(a if scores else [a], b if scores else [b]):
            _close(x, y)
    # A value mask alone is what Keras's value_mask argument gives.
    _close(ours(q, v, value_mask=vm), theirs(q, v, value_mask=vm))
    _close(ours(q, v, key_mask=vm), theirs(q, v, key_mask=vm))


def test_dropout_in_training_only():
    layer = MultiHeadAttention(num_heads=2, key_dim=4, dropout=0.5, seed=3)
    x = np.random.default_rng(8).normal(size=(2, 6, 5)).astype("float32")
    inference = _np(layer(x, x))
    np.testing.assert_allclose(_np(layer(x, x, training=False)), inference, rtol=1e-6, atol=1e-6)
    if BACKEND == "numpy":
        return
    trained = _np(layer(x, x, training=True))
    assert np.isfinite(trained).all() and not np.allclose(trained, inference, atol=1e-4)


def test_trains_in_a_model():
    if BACKEND == "numpy":
        pytest.skip("the numpy backend does not train")
    from keras_lite.layers.pooling.global_average_pooling import GlobalAveragePooling1D

    tokens = Input((None,), dtype="int32")
    x = Embedding(20, 8, mask_zero=True)(tokens)
    mha = MultiHeadAttention(2, 4, dropout=0.1, seed=1)
    x = mha(x, x, use_causal_mask=True)
    model = Model(tokens, GlobalAveragePooling1D()(x))
    model.compile("adam", "mse")
    rng = np.random.default_rng(11)
    data = rng.integers(1, 20, size=(16, 5)).astype("int32")
    data[:, 3:] = 0
    before = [_np(w) for w in mha.weights]
    history = model.fit(data, rng.normal(size=(16, 8)).astype("float32"), epochs=1, batch_size=8, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert all(not np.allclose(b, _np(w)) for b, w in zip(before, mha.weights) if "kernel" in w.path)


def test_functional_model_config_round_trip():
    q_in, v_in, k_in = Input((None, 5)), Input((None, 7)), Input((None, 3))
    out = MultiHeadAttention(2, 3, name="mha")(q_in, value=v_in, key=k_in, use_causal_mask=False)
    model = Model([q_in, v_in, k_in], out)
    clone = Model.from_config(model.get_config())
    clone.set_weights(model.get_weights())
    rng = np.random.default_rng(9)
    data = [rng.normal(size=(2, 4, d)).astype("float32") for d in (5, 7, 3)]
    np.testing.assert_allclose(_np(clone(data)), _np(model(data)), rtol=1e-6, atol=1e-6)


def test_build_from_config_and_compute_output_shape():
    layer = MultiHeadAttention(2, 3, output_shape=(4, 2))
    layer.build_from_config({"shapes_dict": {"query_shape": [None, 3, 5], "value_shape": [None, 6, 7]}})
    assert layer.built and [w.path for w in layer.weights][0] == f"{layer.name}/query/kernel"
    assert layer.compute_output_shape((None, 3, 5), (None, 6, 7)) == (None, 3, 4, 2)
    assert MultiHeadAttention(2, 3).compute_output_shape((2, 3, 5), (2, 6, 7), (2, 6, 1)) == (2, 3, 5)


def test_mixed_precision():
    layer = MultiHeadAttention(2, 3, dtype="mixed_float16")
    x = np.random.default_rng(10).normal(size=(2, 4, 5)).astype("float32")
    out, scores = layer(x, x, return_attention_scores=True)
    assert ops.dtype(out) == "float16" and ops.dtype(scores) == "float16"
    assert ops.dtype(layer(x, x, use_causal_mask=True)) == "float16"
    assert all(w.dtype == "float32" for w in layer.weights)


def test_errors_name_the_layer():
    for kwargs, match in (({"num_heads": 0, "key_dim": 2}, "num_heads"), ({"num_heads": 2, "key_dim": 2.5}, "key_dim"),
                          ({"num_heads": 2, "key_dim": 2, "value_dim": -1}, "value_dim"),
                          ({"num_heads": 2, "key_dim": 2, "dropout": 1.5}, "dropout"),
                          ({"num_heads": 2, "key_dim": 2, "attention_axes": "1"}, "attention_axes"),
                          ({"num_heads": 2, "key_dim": 2, "output_shape": "x"}, "output_shape"),
                          ({"num_heads": 2, "key_dim": 2, "sliding_window": 0}, "sliding_window"),
                          ({"num_heads": 2, "key_dim": 2, "dropout": 0.1, "flash_attention": True}, "flash")):
        with pytest.raises(ValueError, match=match):
            MultiHeadAttention(**kwargs)
    with pytest.raises(ValueError, match=r"'m1'.*value shape \(None, 6, 7\), key shape \(None, 5, 7\).*agree"):
        MultiHeadAttention(2, 2, name="m1")(Input((4, 5)), Input((6, 7)), Input((5, 7)))
    with pytest.raises(ValueError, match=r"'m2'.*same rank"):
        MultiHeadAttention(2, 2, name="m2")(Input((4, 5)), Input((6, 2, 7)))
    with pytest.raises(ValueError, match=r"'m3'.*attention_axes"):
        MultiHeadAttention(2, 2, attention_axes=3, name="m3")(Input((4, 5)), Input((6, 5)))
    with pytest.raises(ValueError, match=r"'m4'.*last \(feature\) dimension"):
        MultiHeadAttention(2, 2, name="m4")(Input((4, None)), Input((6, 5)))
    with pytest.raises(TypeError, match="'m5'"):
        MultiHeadAttention(2, 2, name="m5")(Input((4, 5)))


@pytest.mark.parametrize("argument,mask_shape,needs", [
    ("query_mask", (6,), r"with query shape \(B, 4, 5\) it must have shape \(B, 4\)"),
    ("query_mask", (4, 1), r"must have shape \(B, 4\)"),
    ("value_mask", (4,), r"with value shape \(B, 6, 7\) it must have shape \(B, 6\)"),
    ("key_mask", (4,), r"with key shape \(B, 6, 7\) it must have shape \(B, 6\)"),
    ("attention_mask", (4, 5), r"with query shape \(B, 4, 5\), value shape \(B, 6, 7\) it must have a shape of "
                               r"rank >= 2 that broadcasts to \(B, 4, 6\)"),
    ("attention_mask", (6, 4), r"broadcasts to \(B, 4, 6\)"),
    ("attention_mask", (3, 4, 6), r"broadcasts to \(B, 2, 4, 6\)"),  # with the heads' axis: 2 heads
    ("attention_mask", (1, 1, 4, 6), r"broadcasts to \(B, 4, 6\)"),  # one dim too many
])
def test_masks_of_the_wrong_shape_are_refused(argument, mask_shape, needs):
    """Symbolically and eagerly, a ValueError naming the layer, the argument and the shapes."""
    for batch, q, v, mask in (
            ("None", Input((4, 5)), Input((6, 7)), Input(mask_shape, dtype="bool")),
            ("2", np.ones((2, 4, 5), "float32"), np.ones((2, 6, 7), "float32"), np.ones((2,) + mask_shape, bool))):
        given = re.escape(str((None if batch == "None" else 2,) + mask_shape))
        with pytest.raises(ValueError, match=rf"'mha' \(MultiHeadAttention\): `{argument}` has shape {given}; .*"
                                             + needs.replace("B", batch)):
            MultiHeadAttention(2, 3, name="mha")(q, v, **{argument: mask})


def test_masks_that_fit_are_accepted():
    q, v = Input((4, 5)), Input((None, 7))
    layer = MultiHeadAttention(2, 3)
    for kwargs in ({"query_mask": Input((4,), dtype="bool"), "value_mask": Input((6,), dtype="bool"),
                    "key_mask": Input((None,), dtype="bool")},
                   {"attention_mask": Input((4, 6), dtype="bool")}, {"attention_mask": Input((1, 6), dtype="bool")},
                   {"attention_mask": Input((2, 4, 1), dtype="bool")}):
        assert layer(q, v, **kwargs).shape == (None, 4, 5)
    # A mask given with shapes unknown until the data arrives is checked then.
    with pytest.raises(ValueError, match=r"`value_mask` has shape \(2, 3\).*must have shape \(2, 6\)"):
        layer(np.ones((2, 4, 5), "float32"), np.ones((2, 6, 7), "float32"), value_mask=np.ones((2, 3), bool))


@pytest.mark.parametrize("kwargs", [
    {"num_heads": 2, "key_dim": 3, "name": "m"},
    {"num_heads": 2, "key_dim": 3, "value_dim": 4, "dropout": 0.1, "use_bias": False, "output_shape": 8,
     "attention_axes": (1,), "sliding_window": 3, "kernel_initializer": "he_normal", "kernel_regularizer": "l2",
     "activity_regularizer": "l2", "bias_constraint": "non_neg", "use_gate": True, "seed": 4, "name": "m"},
])
def test_config_matches_keras(kwargs):
    keras = _keras()
    ours, theirs = MultiHeadAttention(**kwargs), keras.layers.MultiHeadAttention(**kwargs)
    assert ours.get_config() == theirs.get_config()
    assert MultiHeadAttention.from_config(theirs.get_config()).get_config() == theirs.get_config()
    ours(Input((4, 5)), Input((6, 5))), theirs(keras.Input((4, 5)), keras.Input((6, 5)))
    assert ours.get_config() == theirs.get_config()  # after build: normalized attention_axes, as Keras
    assert ours.get_build_config() == theirs.get_build_config()
    json_like = {**theirs.get_config(), "attention_axes": [1], "output_shape": None}
    assert MultiHeadAttention.from_config(json_like).get_config()["attention_axes"] == (1,)
