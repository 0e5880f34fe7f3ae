"""PReLU: contract, the alpha weight's shape (shared_axes), values against NumPy and Keras, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.activations.prelu import PReLU
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("shared_axes", [None, [1], [1, 2], 2])
def test_contract(shared_axes):
    # A non-zero alpha, so that the gradient check sees alpha at work.
    run_layer_test(PReLU, {"alpha_initializer": "ones", "shared_axes": shared_axes}, (2, 3, 4),
                   expected_output_shape=(2, 3, 4), expected_num_trainable_weights=1)


@pytest.mark.parametrize("shared_axes,alpha_shape", [(None, (3, 4)), ([1], (1, 4)), ([1, 2], (1, 1)), (2, (3, 1)),
                                                     ([-1], (3, 1))])
def test_alpha_shape(shared_axes, alpha_shape):
    layer = PReLU(shared_axes=shared_axes)
    layer.build((None, 3, 4))
    assert tuple(layer.alpha.shape) == alpha_shape
    assert layer.alpha.path == f"{layer.name}/alpha"
    np.testing.assert_array_equal(_np(layer.alpha.value), np.zeros(alpha_shape))


def test_values():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    alpha = rng.uniform(0.1, 0.5, size=(1, 4)).astype("float32")
    layer = PReLU(shared_axes=[1])
    layer(x)
    layer.set_weights([alpha])
    np.testing.assert_allclose(_np(layer(x)), np.where(x >= 0, x, alpha * x), rtol=1e-6)


def test_values_match_keras():
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 3, 4)).astype("float32")
    alpha = rng.uniform(0.1, 0.5, size=(3, 1)).astype("float32")
    ours, theirs = PReLU(shared_axes=[2]), keras.layers.PReLU(shared_axes=[2])
    ours(x), theirs(x)
    ours.set_weights([alpha]), theirs.set_weights([alpha])
    np.testing.assert_allclose(_np(ours(x)), np.asarray(keras.ops.convert_to_numpy(theirs(x))), rtol=1e-6)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    kwargs = {"alpha_initializer": "ones", "alpha_regularizer": "l2", "alpha_constraint": "non_neg",
              "shared_axes": [1, 2], "name": "p"}
    theirs = keras.layers.PReLU(**kwargs).get_config()
    assert PReLU(**kwargs).get_config() == theirs
    assert PReLU.from_config(theirs).get_config() == theirs
    assert PReLU(name="p").get_config() == keras.layers.PReLU(name="p").get_config()


def test_regularizer_adds_a_loss():
    layer = PReLU(alpha_initializer="ones", alpha_regularizer="l2")
    layer(np.ones((1, 3), "float32"))
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(_np(layer.losses[0])), 0.01 * 3, rtol=1e-6)


def test_output_shape_before_build():
    layer = PReLU()
    assert layer.compute_output_shape((None, 3, 4)) == (None, 3, 4) and not layer.built


def test_unknown_non_shared_dims_are_an_error():
    with pytest.raises(ValueError, match=r"non-shared input dimension must be known.*\(None, None, 4\)"):
        PReLU()(Input((None, 4)))
    assert PReLU(shared_axes=[1])(Input((None, 4))).shape == (None, None, 4)


def test_input_mismatch_is_named():
    layer = PReLU()
    layer(Input((3, 4)))
    with pytest.raises(ValueError, match=r"'p_re_lu.*expected axis 1 of size 3, found shape \(None, 5, 4\)"):
        layer(Input((5, 4)))
    with pytest.raises(ValueError, match="expected ndim=3"):
        layer(Input((3, 4, 1)))
    shared = PReLU(shared_axes=[1])
    shared(Input((3, 4)))
    assert shared(Input((7, 4))).shape == (None, 7, 4)  # a shared axis may change size
    with pytest.raises(ValueError, match="shared axis 3 is out of range"):
        PReLU(shared_axes=3)(Input((3, 4)))
    with pytest.raises(ValueError, match="shared_axes must be non-zero"):
        PReLU(shared_axes=[0])
