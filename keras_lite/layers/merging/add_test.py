"""Add: contract, values (with Keras's broadcasting), the functional form, shape errors, masks."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.merging.add import Add, add
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("shapes,out", [([(2, 3), (2, 3)], (2, 3)), ([(2, 3), (2, 3), (2, 3)], (2, 3)),
                                        ([(2, 4, 3), (2, 3)], (2, 4, 3)), ([(2, 3), (2, 1)], (2, 3))])
def test_contract(shapes, out):
    run_layer_test(Add, {}, shapes, expected_output_shape=out)


def test_values():
    rng = np.random.default_rng(0)
    a, b, c = (rng.normal(size=(2, 3)).astype("float32") for _ in range(3))
    np.testing.assert_allclose(_np(Add()([a, b, c])), a + b + c, rtol=1e-6)
    low = rng.normal(size=(2, 3)).astype("float32")
    high = rng.normal(size=(2, 4, 3)).astype("float32")
    np.testing.assert_allclose(_np(Add()([high, low])), high + low[:, None, :], rtol=1e-6)


def test_functional_form_in_a_model():
    x, y = Input((3,)), Input((3,))
    out = add([x, y], name="sum")
    model = Model([x, y], out)
    assert out.shape == (None, 3) and model.layers[-1].name == "sum"
    a, b = np.ones((2, 3), "float32"), np.full((2, 3), 2.0, "float32")
    np.testing.assert_allclose(_np(model([a, b])), a + b)


def test_incompatible_shapes_fail_at_graph_building():
    with pytest.raises(ValueError, match=r"'bad'.*\(None, 3\), \(None, 4\)"):
        Add(name="bad")([Input((3,)), Input((4,))])
    with pytest.raises(ValueError, match=r"'bad2'.*\(2, 3\), \(5, 3\)"):
        Add(name="bad2")([Input(batch_shape=(2, 3)), Input(batch_shape=(5, 3))])
    layer = Add(name="shared")
    layer([Input((3,)), Input((3,))])
    with pytest.raises(ValueError, match="'shared'"):  # a later call is checked too
        layer([Input((2,)), Input((5,))])
    with pytest.raises(ValueError, match="list"):
        Add()(Input((3,)))


def test_masks():
    x = np.ones((2, 3, 4), "float32")
    m1, m2 = np.array([[1, 0, 0], [1, 1, 0]], bool), np.array([[0, 0, 1], [1, 0, 0]], bool)
    layer = Add()
    np.testing.assert_array_equal(_np(layer.compute_mask([x, x], [m1, m2])), m1 | m2)
    assert layer.compute_mask([x, x], [m1, None]) is None
    assert layer.compute_mask([x, x], None) is None
    np.testing.assert_allclose(_np(layer([x, x], mask=[m1, m2])), 2 * x)  # Add ignores masks in its values


def test_matches_keras():
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(2, 4, 3)).astype("float32"), rng.normal(size=(2, 1)).astype("float32")
    np.testing.assert_allclose(_np(Add()([a, b])), keras.ops.convert_to_numpy(keras.layers.Add()([a, b])), rtol=1e-6)
    assert Add(name="a").get_config() == keras.layers.Add(name="a").get_config()
