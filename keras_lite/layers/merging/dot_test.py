"""Dot: contract, values against NumPy and Keras (axes forms, normalize), the functional form, errors, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.dot import Dot, dot
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("kwargs,shapes,out", [({"axes": -1}, [(2, 3), (2, 3)], (2, 1)),
                                               ({"axes": (2, 2)}, [(2, 4, 3), (2, 5, 3)], (2, 4, 5)),
                                               ({"axes": [1, 2], "normalize": True}, [(2, 3, 4), (2, 5, 3)],
                                                (2, 4, 5))])
def test_contract(kwargs, shapes, out):
    run_layer_test(Dot, kwargs, shapes, expected_output_shape=out)


CASES = [(1, (2, 3), (2, 3)), (-1, (2, 4, 3), (2, 5, 3)), ((1, 2), (2, 3, 4), (2, 5, 3)), ((2, 1), (2, 4, 3), (2, 3)),
         ((1, 1), (2, 3), (2, 3, 6)), (-1, (2, 4, 3), (2, 3))]


@pytest.mark.parametrize("axes,s1,s2", CASES)
@pytest.mark.parametrize("normalize", [False, True])
def test_values_against_numpy(axes, s1, s2, normalize):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=s1).astype("float32"), rng.normal(size=s2).astype("float32")
    a0, a1 = (axes, axes) if isinstance(axes, int) else axes
    a0, a1 = a0 % len(s1), a1 % len(s2)
    if normalize:
        x, y = (v / np.linalg.norm(v, axis=a, keepdims=True) for v, a in ((x, a0), (y, a1)))
    expected = np.stack([np.tensordot(x[i], y[i], axes=(a0 - 1, a1 - 1)) for i in range(2)])
    if expected.ndim == 1:
        expected = expected[:, None]
    out = _np(Dot(axes=axes, normalize=normalize)([x, y]))
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("axes,s1,s2", CASES)
def test_matches_keras(axes, s1, s2):
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=s1).astype("float32"), rng.normal(size=s2).astype("float32")
    theirs = keras.ops.convert_to_numpy(keras.layers.Dot(axes=axes, normalize=True)([x, y]))
    np.testing.assert_allclose(_np(Dot(axes=axes, normalize=True)([x, y])), theirs, rtol=1e-5, atol=1e-6)
    ours = Dot(axes=axes)([Input(batch_shape=(None,) + s1[1:]), Input(batch_shape=(None,) + s2[1:])])
    assert ours.shape == keras.layers.Dot(axes=axes).compute_output_shape([(None,) + s1[1:], (None,) + s2[1:]])


def test_functional_form_and_errors():
    assert dot([Input((3,)), Input((3,))], axes=1).shape == (None, 1)
    with pytest.raises(ValueError, match=r"'d1'.*size 3.*size 4.*\(None, 3\), \(None, 4\)"):
        Dot(axes=1, name="d1")([Input((3,)), Input((4,))])
    with pytest.raises(ValueError, match="'d2'.*non-batch axis"):
        Dot(axes=0, name="d2")([Input((3,)), Input((3,))])
    with pytest.raises(ValueError, match="'d3'.*exactly 2 inputs"):
        Dot(axes=1, name="d3")([Input((3,))] * 3)
    with pytest.raises(TypeError, match="axes"):
        Dot(axes="1")
    with pytest.raises(ValueError, match="axes"):
        Dot(axes=(1, 2, 3))
    x = np.ones((2, 3), "float32")
    assert Dot(axes=1).compute_mask([x, x], [x > 0, x > 0]) is None


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for kwargs in ({"axes": 1, "name": "d"}, {"axes": (1, 2), "normalize": True, "name": "d"}):
        theirs = keras.layers.Dot(**kwargs).get_config()
        assert Dot(**kwargs).get_config() == theirs
        assert Dot.from_config(theirs).get_config() == theirs
