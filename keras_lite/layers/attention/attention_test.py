"""Attention and AdditiveAttention: contract, outputs and scores against Keras 3 (same weights) and NumPy,
mask lists, causal masks, Embedding(mask_zero=True) masks in a graph, dropout, errors, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.attention.additive_attention import AdditiveAttention
from keras_lite.layers.attention.attention import Attention
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.input_layer import Input
from keras_lite.models.model import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    return pytest.importorskip("keras")


@pytest.mark.parametrize("cls,kwargs,shapes,weights", [
    (Attention, {}, [(2, 3, 4), (2, 5, 4)], 0),
    (Attention, {"use_scale": True}, [(2, 3, 4), (2, 5, 6), (2, 5, 4)], 1),
    (Attention, {"use_scale": True, "score_mode": "concat", "dropout": 0.2, "seed": 1}, [(2, 3, 4), (2, 5, 4)], 2),
    (AdditiveAttention, {}, [(2, 3, 4), (2, 5, 4)], 1),
    (AdditiveAttention, {"use_scale": False}, [(2, 3, 4), (2, 5, 6), (2, 5, 4)], 0),
])
def test_contract(cls, kwargs, shapes, weights):
    out = shapes[0][:2] + (shapes[1][-1],)
    run_layer_test(cls, kwargs, shapes, expected_output_shape=out, expected_num_trainable_weights=weights)
    run_layer_test(cls, kwargs, shapes, expected_output_shape=out, expected_num_trainable_weights=weights,
                   call_kwargs={"use_causal_mask": True, "training": True})


def _pair(cls, kwargs, shapes):
    keras = _keras()
    ours, theirs = cls(**kwargs), getattr(keras.layers, cls.__name__)(**kwargs)
    ours([Input(s) for s in shapes]), theirs([keras.Input(s) for s in shapes])
    assert [(w.path.replace(theirs.name, ours.name), tuple(w.shape)) for w in theirs.weights] == [
        (w.path, tuple(w.shape)) for w in ours.weights]
    rng = np.random.default_rng(0)
    theirs.set_weights([rng.uniform(0.5, 1.5, size=w.shape).astype("float32") for w in theirs.weights])
    ours.set_weights(theirs.get_weights())
    return ours, theirs


def _close(ours, theirs):
    np.testing.assert_allclose(_np(ours), _keras().ops.convert_to_numpy(theirs), rtol=1e-5, atol=1e-5)


KINDS = [(Attention, {}), (Attention, {"use_scale": True}), (Attention, {"score_mode": "concat"}),
         (Attention, {"score_mode": "concat", "use_scale": True}), (AdditiveAttention, {}),
         (AdditiveAttention, {"use_scale": False})]


@pytest.mark.parametrize("cls,kwargs", KINDS)
@pytest.mark.parametrize("key", [False, True])
def test_matches_keras(cls, kwargs, key):
    shapes = [(3, 4), (5, 6), (5, 4)] if key else [(3, 4), (5, 4)]
    ours, theirs = _pair(cls, kwargs, shapes)
    rng = np.random.default_rng(1)
    data = [rng.normal(size=(2,) + s).astype("float32") for s in shapes]
    qm = np.array([[1, 1, 0], [1, 0, 0]], bool)
    vm = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 1]], bool)
    trainings = [False] if BACKEND == "numpy" else [False, True]
    for call in ({}, {"use_causal_mask": True}, {"mask": [qm, vm]}, {"mask": [None, vm], "use_causal_mask": True},
                 {"mask": [qm, None]}):
        for training in trainings:
            a = ours(data, return_attention_scores=True, training=training, **call)
            b = theirs(data, return_attention_scores=True, training=training, **call)
            _close(a[0], b[0]), _close(a[1], b[1])
            _close(ours(data, training=training, **call), b[0])


def test_values_against_numpy():
    rng = np.random.default_rng(2)
    q, v, k = (rng.normal(size=(2, n, 4)).astype("float32") for n in (3, 5, 5))
    vm = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 0]], bool)
    layer = Attention(use_scale=True)
    layer([q, v, k])
    layer.set_weights([np.array(0.7, "float32")])
    logits = 0.7 * np.einsum("btd,bsd->bts", q, k)
    logits = np.where(vm[:, None, :], logits, -np.inf)
    weights = np.exp(logits - logits.max(-1, keepdims=True))
    weights /= weights.sum(-1, keepdims=True)
    out, scores = layer([q, v, k], mask=[None, vm], return_attention_scores=True)
    np.testing.assert_allclose(_np(scores), weights, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(out), weights @ v, rtol=1e-5, atol=1e-5)
    additive = AdditiveAttention()
    additive([q, v])
    scale = rng.normal(size=(4,)).astype("float32")
    additive.set_weights([scale])
    logits = (scale * np.tanh(q[:, :, None, :] + v[:, None, :, :])).sum(-1)
    weights = np.exp(logits - logits.max(-1, keepdims=True))
    weights /= weights.sum(-1, keepdims=True)
    np.testing.assert_allclose(_np(additive([q, v])), weights @ v, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("cls", [Attention, AdditiveAttention])
def test_embedding_masks_flow_in_like_keras(cls):
    keras = _keras()
    built = []
    for emb_cls, att_cls, inp, model_cls in ((Embedding, cls, Input, Model),
                                             (keras.layers.Embedding, getattr(keras.layers, cls.__name__),
                                              keras.Input, keras.Model)):
        tq, tv = inp((None,), dtype="int32"), inp((None,), dtype="int32")
        emb = emb_cls(10, 4, mask_zero=True)
        out = att_cls()([emb(tq), emb(tv)])
        built.append((model_cls([tq, tv], out), out))
    (ours, out), (theirs, _) = built
    assert getattr(out, "_keras_mask", None) is not None  # the query's mask is carried on
    rng = np.random.default_rng(3)
    theirs.set_weights([rng.normal(size=w.shape).astype("float32") for w in theirs.weights])
    ours.set_weights(theirs.get_weights())
    tq = np.array([[1, 2, 3, 0], [4, 0, 0, 0]], "int32")
    tv = np.array([[1, 0, 0], [2, 3, 0]], "int32")
    _close(ours([tq, tv]), theirs([tq, tv]))


def test_none_lengths_and_compute_output_shape():
    layer = Attention()
    out, scores = layer([Input((None, 4)), Input((None, 6)), Input((None, 4))], return_attention_scores=True,
                        use_causal_mask=True)
    assert out.shape == (None, None, 6) and scores.shape == (None, None, None)
    assert layer.compute_output_shape([(2, 3, 4), (2, 5, 6), (2, 5, 4)]) == (2, 3, 6)
    rng = np.random.default_rng(4)
    q_in, v_in = Input((None, 4)), Input((None, 4))
    model = Model([q_in, v_in], Attention()([q_in, v_in], use_causal_mask=True))
    for t, s in ((2, 5), (4, 3)):
        q, v = rng.normal(size=(2, t, 4)).astype("float32"), rng.normal(size=(2, s, 4)).astype("float32")
        logits = np.where(np.tril(np.ones((t, s), bool)), np.einsum("btd,bsd->bts", q, v), -np.inf)
        weights = np.exp(logits - logits.max(-1, keepdims=True))
        np.testing.assert_allclose(_np(model([q, v])), (weights / weights.sum(-1, keepdims=True)) @ v, rtol=1e-5,
                                   atol=1e-5)


def test_dropout_in_training_only():
    layer = Attention(dropout=0.5, seed=2)
    x = np.random.default_rng(5).normal(size=(2, 6, 4)).astype("float32")
    inference = _np(layer([x, x]))
    np.testing.assert_allclose(_np(layer([x, x], training=False)), inference, rtol=1e-6)
    if BACKEND != "numpy":
        trained = _np(layer([x, x], training=True))
        assert np.isfinite(trained).all() and not np.allclose(trained, inference, atol=1e-4)


def test_mixed_precision_and_float16_masks():
    layer = Attention(use_scale=True, dtype="mixed_float16")
    x = np.random.default_rng(6).normal(size=(2, 3, 4)).astype("float32")
    out, scores = layer([x, x], mask=[None, np.array([[1, 1, 0], [1, 0, 0]], bool)], return_attention_scores=True)
    assert ops.dtype(out) == "float16" and np.isfinite(_np(out)).all()
    np.testing.assert_allclose(_np(scores)[1, :, 1:], 0, atol=1e-3)


def test_errors_name_the_layer():
    with pytest.raises(ValueError, match="score_mode"):
        Attention(score_mode="add")
    with pytest.raises(ValueError, match="dropout"):
        AdditiveAttention(dropout=2.0)
    q = Input((3, 4))
    with pytest.raises(ValueError, match=r"'a1'.*list \[query, value\]"):
        Attention(name="a1")(q)
    with pytest.raises(ValueError, match=r"'a2'.*list \[query, value\]"):
        Attention(name="a2")([q, q, q, q])
    with pytest.raises(ValueError, match=r"'a3'.*query shape \(None, 3, 4\).*key shape \(None, 5, 6\).*feature"):
        Attention(name="a3")([q, Input((5, 6))])
    with pytest.raises(ValueError, match=r"'a4'.*same number of steps"):
        AdditiveAttention(name="a4")([q, Input((5, 4)), Input((6, 4))])
    with pytest.raises(ValueError, match=r"'a5'.*same rank"):
        Attention(name="a5")([q, Input((4,))])
    with pytest.raises(ValueError, match=r"'a6'.*mask must be a list"):
        x = np.ones((1, 3, 4), "float32")
        Attention(name="a6")([x, x], mask=np.ones((1, 3), bool))


@pytest.mark.parametrize("cls", [Attention, AdditiveAttention])
def test_masks_of_the_wrong_shape_are_refused(cls):
    """query_mask must be (batch, Tq) and value_mask (batch, Tv): symbolically and eagerly."""
    q, v = Input((3, 4)), Input((5, 4))
    name = cls.__name__
    with pytest.raises(ValueError, match=rf"'a' \({name}\): `query_mask` has shape \(None, 5\); with query shape "
                                         r"\(None, 3, 4\) it must have shape \(None, 3\)"):
        cls(name="a")([q, v], mask=[Input((5,), dtype="bool"), Input((5,), dtype="bool")])
    with pytest.raises(ValueError, match=r"'a'.*`value_mask` has shape \(None, 3\); with value shape \(None, 5, 4\) "
                                         r"it must have shape \(None, 5\)"):
        cls(name="a")([q, v], mask=[None, Input((3,), dtype="bool")])
    x, y = np.ones((2, 3, 4), "float32"), np.ones((2, 5, 4), "float32")
    with pytest.raises(ValueError, match=r"'a'.*`value_mask` has shape \(2, 5, 1\).*must have shape \(2, 5\)"):
        cls(name="a")([x, y], mask=[None, np.ones((2, 5, 1), bool)])
    with pytest.raises(ValueError, match=r"'a'.*`query_mask` has shape \(1, 3\).*must have shape \(2, 3\)"):
        cls(name="a")([x, y], mask=[np.ones((1, 3), bool), None])
    assert cls()([q, v], mask=[Input((3,), dtype="bool"), Input((None,), dtype="bool")]).shape == (None, 3, 4)


@pytest.mark.parametrize("cls,kwargs", [(Attention, {"name": "a"}),
                                        (Attention, {"use_scale": True, "score_mode": "concat", "dropout": 0.1,
                                                     "seed": 3, "name": "a"}),
                                        (AdditiveAttention, {"name": "a"}),
                                        (AdditiveAttention, {"use_scale": False, "dropout": 0.2, "seed": 5,
                                                             "name": "a"})])
def test_config_matches_keras(cls, kwargs):
    keras = _keras()
    theirs = getattr(keras.layers, cls.__name__)(**kwargs).get_config()
    assert cls(**kwargs).get_config() == theirs
    assert cls.from_config(theirs).get_config() == theirs
