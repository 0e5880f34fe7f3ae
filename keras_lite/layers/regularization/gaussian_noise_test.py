"""GaussianNoise: contract, identity outside training, statistics, seeds, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.regularization.gaussian_noise import GaussianNoise
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("training", [True, False])
def test_contract(training):
    run_layer_test(GaussianNoise, {"stddev": 0.3, "seed": 1}, (2, 3, 4), expected_output_shape=(2, 3, 4),
                   call_kwargs={"training": training})


def test_identity_outside_training():
    x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    np.testing.assert_array_equal(_np(GaussianNoise(0.5)(x)), x)
    np.testing.assert_array_equal(_np(GaussianNoise(0.5)(x, training=False)), x)


def test_statistics():
    x = np.full((100, 100), 3.0, "float32")
    noise = _np(GaussianNoise(0.4, seed=2)(x, training=True)) - 3.0
    assert abs(noise.mean()) < 0.03
    assert abs(noise.std() - 0.4) < 0.03


def test_seed_is_reproducible_and_calls_differ():
    x = np.zeros((2, 3, 4), "float32")
    layer = GaussianNoise(0.5, seed=9)
    a = _np(layer(x, training=True))
    np.testing.assert_array_equal(a, _np(GaussianNoise(0.5, seed=9)(x, training=True)))
    assert not np.array_equal(a, _np(layer(x, training=True)))


def test_symbolic_output_is_a_new_tensor():
    inp = Input((None, 3))
    out = GaussianNoise(0.1)(inp, training=True)
    assert out is not inp and out.shape == (None, None, 3) and out.dtype == "float32"


@pytest.mark.parametrize("stddev", [-0.1, 1.5])
def test_bad_stddev(stddev):
    with pytest.raises(ValueError, match="GaussianNoise: `stddev`"):
        GaussianNoise(stddev)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.GaussianNoise(0.2, seed=4, name="g").get_config()
    assert GaussianNoise(0.2, seed=4, name="g").get_config() == theirs
    assert GaussianNoise.from_config(theirs).get_config() == theirs
    assert GaussianNoise(0.2).supports_masking
