"""Normalization: contract, adapt (arrays, tensors, lists of batches), weights as Keras, invert, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.input_layer import Input
from keras_lite.layers.preprocessing.normalization import Normalization
from keras_lite.testing.layer_contract import run_layer_test

EPS = 1e-7


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


def _data(shape=(20, 3, 4), seed=0):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=shape) * rng.uniform(0.5, 3, size=shape[1:]) + 2).astype("float32")


def test_contract_adaptable():
    run_layer_test(Normalization, {}, (2, 3, 4), expected_output_shape=(2, 3, 4),
                   expected_num_non_trainable_weights=3)


def test_contract_with_given_statistics():
    run_layer_test(Normalization, {"mean": [1.0, 2.0, 3.0, 4.0], "variance": [1.0, 4.0, 9.0, 16.0]}, (2, 3, 4),
                   expected_output_shape=(2, 3, 4))


@pytest.mark.parametrize("axis", [-1, 1, (1, 2), None])
def test_adapt_on_an_array(axis):
    x = _data()
    layer = Normalization(axis=axis)
    layer.adapt(x)
    keep = () if axis is None else tuple(a % 3 for a in ((axis,) if isinstance(axis, int) else axis))
    reduce = tuple(a for a in range(3) if a not in keep)
    mean, var = x.mean(axis=reduce, keepdims=True), x.var(axis=reduce, keepdims=True)
    np.testing.assert_allclose(_np(layer(x)), (x - mean) / np.maximum(np.sqrt(var), EPS), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(layer.get_weights()[0], mean.reshape([x.shape[a] for a in keep]), rtol=1e-6)
    np.testing.assert_allclose(_np(layer.mean), mean, rtol=1e-6)
    np.testing.assert_allclose(_np(layer.variance), var, rtol=1e-5)


def test_adapt_on_a_tensor_and_on_lists_of_batches():
    x = _data((30, 4))
    reference = Normalization()
    reference.adapt(x)
    want = reference.get_weights()
    np.testing.assert_allclose(want[0], x.mean(0), rtol=1e-6)
    np.testing.assert_allclose(want[1], x.var(0), rtol=1e-5)
    for data in ([x[:7], x[7:20], x[20:]],                      # uneven batches
                 (b for b in [x[:15], x[15:]]),                 # a generator
                 [(x[:10], np.zeros(10)), (x[10:], np.zeros(20))],  # (x, y) pairs
                 ops.convert_to_tensor(x)):                     # one backend tensor
        layer = Normalization()
        layer.adapt(data)
        for got, expected in zip(layer.get_weights()[:2], want[:2]):
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_weights_are_named_and_ordered_as_keras():
    layer = Normalization(axis=(1, 2))
    layer.build((None, 3, 4))
    assert [v.path for v in layer.weights] == [f"{layer.name}/mean", f"{layer.name}/variance", f"{layer.name}/count"]
    assert [tuple(v.shape) for v in layer.weights] == [(3, 4), (3, 4), ()]
    assert [v.dtype for v in layer.weights] == ["float32", "float32", "int32"]
    assert not layer.trainable_weights and len(layer.non_trainable_weights) == 3


def test_invert_undoes_normalization():
    x = _data()
    forward, backward = Normalization(), Normalization(invert=True)
    forward.adapt(x)
    backward.adapt(x)
    np.testing.assert_allclose(_np(backward(forward(x))), x, rtol=1e-5, atol=1e-5)


def test_given_statistics_broadcast_along_kept_axes():
    x = _data((2, 3, 4))
    mean, var = np.arange(4, dtype="float32"), np.arange(1, 5, dtype="float32")
    out = Normalization(axis=(1, 2), mean=mean, variance=var)(x)
    np.testing.assert_allclose(_np(out), (x - mean) / np.sqrt(var), rtol=1e-6)
    out = Normalization(mean=3.0, variance=4.0)(x)
    np.testing.assert_allclose(_np(out), (x - 3) / 2, rtol=1e-6)
    layer = Normalization(mean=3.0, variance=4.0, invert=True)
    np.testing.assert_allclose(_np(layer(np.ones((1, 2), "float32"))), [[5.0, 5.0]], rtol=1e-6)


@pytest.mark.parametrize("kwargs", [{}, {"axis": (1, 2)}, {"axis": None}, {"invert": True}])
def test_adapt_and_weights_match_keras(kwargs):
    keras = _keras()
    x = _data()
    ours, theirs = Normalization(**kwargs, name="n"), keras.layers.Normalization(**kwargs, name="n")
    ours.adapt(x)
    theirs.adapt(x)
    for got, want in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    y = _data((5, 3, 4), seed=1)
    np.testing.assert_allclose(_np(ours(y)), keras.ops.convert_to_numpy(theirs(y)), rtol=1e-5, atol=1e-5)
    assert ours.get_config() == theirs.get_config()
    # Weights move between the two unchanged.
    fresh = Normalization(**kwargs)
    fresh.build((None, 3, 4))
    fresh.set_weights(theirs.get_weights())
    np.testing.assert_allclose(_np(fresh(y)), keras.ops.convert_to_numpy(theirs(y)), rtol=1e-5, atol=1e-5)


def test_given_statistics_match_keras():
    keras = _keras()
    kwargs = {"mean": [1.0, 2.0], "variance": [4.0, 0.25], "name": "n"}
    x = _data((3, 2))
    ours, theirs = Normalization(**kwargs), keras.layers.Normalization(**kwargs)
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-6)
    assert ours.get_config() == theirs.get_config()
    assert Normalization.from_config(theirs.get_config()).get_config() == theirs.get_config()
    assert ours.weights == []


def test_build_config_round_trip_after_adapt():
    layer = Normalization()
    layer.adapt(_data((10, 4)))
    clone = Normalization.from_config(layer.get_config())
    clone.build_from_config(layer.get_build_config())
    clone.set_weights(layer.get_weights())
    x = _data((2, 4), seed=3)
    np.testing.assert_allclose(_np(clone(x)), _np(layer(x)), rtol=1e-6)


def test_bad_input():
    with pytest.raises(ValueError, match="both `mean` and `variance`"):
        Normalization(mean=1.0)
    with pytest.raises(ValueError, match="same shape"):
        Normalization(mean=[1.0, 2.0], variance=[1.0])
    with pytest.raises(ValueError, match=r"Normalization 'n1'.*\(None, None\)"):
        Normalization(name="n1")(Input((None,)))
    with pytest.raises(ValueError, match=r"Normalization 'n2'.*out of range.*\(None, 3\)"):
        Normalization(axis=2, name="n2")(Input((3,)))
    layer = Normalization(name="n3")
    layer.adapt(_data((4, 3)))
    with pytest.raises(ValueError, match=r"Normalization 'n3'.*\(4, 5\)"):
        layer.adapt(_data((4, 5)))
    with pytest.raises(ValueError, match="cannot change them"):
        Normalization(mean=1.0, variance=1.0).adapt(_data((4, 3)))
    with pytest.raises(ValueError, match="no batches"):
        Normalization().adapt([])
    with pytest.raises(TypeError, match="array or tensor"):
        Normalization().adapt([[1.0, 2.0]])
