"""Concatenate: contract, values, the functional form, shape errors at graph-building time, masks vs Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.concatenate import Concatenate, concatenate
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("axis,shapes,out", [(-1, [(2, 3), (2, 4)], (2, 7)), (1, [(2, 3, 4), (2, 5, 4)], (2, 8, 4)),
                                             (-1, [(2, 3, 1), (2, 3, 2), (2, 3, 3)], (2, 3, 6))])
def test_contract(axis, shapes, out):
    run_layer_test(Concatenate, {"axis": axis}, shapes, expected_output_shape=out)


def test_values_and_functional_form():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 3, 4)).astype("float32"), rng.normal(size=(2, 2, 4)).astype("float32")
    np.testing.assert_array_equal(_np(Concatenate(axis=1)([a, b])), np.concatenate([a, b], axis=1))
    np.testing.assert_array_equal(_np(concatenate([a, a])), np.concatenate([a, a], axis=-1))
    assert concatenate([Input((None, 4)), Input((None, 2))], axis=-1).shape == (None, None, 6)
    assert concatenate([Input((None, 4)), Input((3, 4))], axis=1).shape == (None, None, 4)
    assert concatenate([Input((None, 4)), Input((3, 4))], axis=-1, name="c").shape == (None, 3, 8)


def test_mismatched_shapes_fail_at_graph_building():
    with pytest.raises(ValueError, match=r"'cat'.*\(None, 4, 3\), \(None, 4, 5\)"):
        Concatenate(axis=1, name="cat")([Input((4, 3)), Input((4, 5))])
    with pytest.raises(ValueError, match=r"'cat2'.*ranks.*\(None, 4, 3\), \(None, 3\)"):
        Concatenate(name="cat2")([Input((4, 3)), Input((3,))])
    with pytest.raises(ValueError, match=r"'cat3'.*axis 3 is out of range"):
        Concatenate(axis=3, name="cat3")([Input((4, 3)), Input((4, 3))])
    with pytest.raises(ValueError, match="list"):
        Concatenate()(Input((3,)))


def test_masks_match_keras():
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(1)
    x1, x2 = rng.normal(size=(2, 3, 4)).astype("float32"), rng.normal(size=(2, 5, 4)).astype("float32")
    m1, m2 = rng.random((2, 3)) > 0.5, rng.random((2, 5)) > 0.5
    for masks in ([m1, m2], [m1, None], [None, m2]):
        ours = Concatenate(axis=1).compute_mask([x1, x2], masks)
        theirs = keras.layers.Concatenate(axis=1).compute_mask([x1, x2], masks)
        np.testing.assert_array_equal(_np(ours), keras.ops.convert_to_numpy(theirs))
    y = rng.normal(size=(2, 3, 2)).astype("float32")
    ours = Concatenate().compute_mask([x1, y], [m1, None])
    theirs = keras.layers.Concatenate().compute_mask([x1, y], [m1, None])
    np.testing.assert_array_equal(_np(ours), keras.ops.convert_to_numpy(theirs))
    assert Concatenate().compute_mask([x1, y], [None, None]) is None


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Concatenate(axis=1, name="c").get_config()
    assert Concatenate(axis=1, name="c").get_config() == theirs
    assert Concatenate.from_config(theirs).get_config() == theirs


def test_symbolic_mask_from_masked_inputs():
    from keras_lite.layers.core.embedding import Embedding
    from keras_lite.models import Model
    inputs = Input((None,), dtype="int32")
    embedded = Embedding(5, 2, mask_zero=True)(inputs)
    joined = Concatenate(axis=1)([embedded, embedded])
    assert joined.shape == (None, None, 2) and joined._keras_mask.shape == (None, None)
    idx = np.array([[1, 0, 3]], "int32")
    assert _np(Model(inputs, joined)(idx)).shape == (1, 6, 2)
