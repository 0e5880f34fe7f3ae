"""Softmax: contract, values against NumPy, masks (as arguments and from a graph), config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.activations.softmax import Softmax
from keras_lite.layers.input_layer import Input
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _masked_softmax(x, mask, axis=-1):
    logits = np.where(mask, x, -1e9)
    return np.where(mask, _softmax(logits, axis), 0.0)


X = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32")


@pytest.mark.parametrize("axis", [-1, 1, (1, 2), [2]])
def test_contract_and_values(axis):
    run_layer_test(Softmax, {"axis": axis}, (2, 3, 4), expected_output_shape=(2, 3, 4))
    np.testing.assert_allclose(_np(Softmax(axis)(X)), _softmax(X, tuple(axis) if isinstance(axis, list) else axis),
                               rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("mask", [
    np.array([[True, False, True, True]]),                       # broadcast over batch and rows
    np.random.default_rng(1).random((2, 3, 4)) > 0.3,            # full shape
    np.array([[1.0, 0.0, 0.7, 0.2]], "float32"),                 # float mask: > 0.5 keeps
])
def test_mask(mask):
    keep = mask if mask.dtype == bool else mask > 0.5
    expected = _masked_softmax(X, keep)
    np.testing.assert_allclose(_np(Softmax()(X, mask=mask)), expected, rtol=1e-5, atol=1e-7)


def test_mask_matches_keras():
    keras = pytest.importorskip("keras")
    mask = np.random.default_rng(3).random((2, 3, 4)) > 0.4
    for axis in (-1, (1, 2)):
        theirs = np.asarray(keras.ops.convert_to_numpy(keras.layers.Softmax(axis)(X, mask=mask)))
        np.testing.assert_allclose(_np(Softmax(axis)(X, mask=mask)), theirs, rtol=1e-5, atol=1e-7)


def test_mask_in_float16_stays_finite():
    out = _np(Softmax(dtype="float16")(X.astype("float16"), mask=np.array([True, False, True, False])))
    assert out.dtype == np.float16 and np.isfinite(out).all()
    np.testing.assert_allclose(out.sum(-1), 1.0, rtol=1e-3)
    assert (out[..., 1] == 0).all()


def test_mask_from_the_graph():
    x, m = Input((3, 4)), Input((3, 4), dtype="bool")
    model = Model([x, m], Softmax()(x, mask=m))
    mask = np.random.default_rng(4).random((2, 3, 4)) > 0.3
    np.testing.assert_allclose(_np(model([X, mask])), _masked_softmax(X, mask), rtol=1e-5, atol=1e-7)


def test_mask_that_does_not_broadcast_is_an_error():
    with pytest.raises(ValueError, match=r"Layer 's' \(Softmax\): `mask` has shape \(2, 3\); with input shape "
                                         r"\(2, 3, 4\) it must have a shape that broadcasts to \(2, 3, 4\)"):
        Softmax(name="s")(X, mask=np.ones((2, 3), bool))
    with pytest.raises(ValueError, match=r"`mask` has shape \(None, 3\); .* broadcasts to \(None, 3, 4\)"):
        Softmax()(Input((3, 4)), mask=Input((3,), dtype="bool"))


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Softmax(axis=1, name="s").get_config()
    assert Softmax(axis=1, name="s").get_config() == theirs
    assert Softmax.from_config(theirs).get_config() == theirs
    assert Softmax().supports_masking
