"""GaussianDropout: contract, identity outside training, statistics, seeds, config against Keras."""
import math

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.regularization.gaussian_dropout import GaussianDropout
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("training", [True, False])
def test_contract(training):
    run_layer_test(GaussianDropout, {"rate": 0.3, "seed": 1}, (2, 3, 4), expected_output_shape=(2, 3, 4),
                   call_kwargs={"training": training})


def test_identity_outside_training():
    x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    np.testing.assert_array_equal(_np(GaussianDropout(0.5)(x)), x)


def test_statistics():
    rate = 0.2
    out = _np(GaussianDropout(rate, seed=3)(np.full((100, 100), 2.0, "float32"), training=True)) / 2.0
    assert abs(out.mean() - 1.0) < 0.03
    assert abs(out.std() - math.sqrt(rate / (1 - rate))) < 0.03


def test_seed_is_reproducible():
    x = np.ones((2, 3, 4), "float32")
    np.testing.assert_array_equal(_np(GaussianDropout(0.5, seed=9)(x, training=True)),
                                  _np(GaussianDropout(0.5, seed=9)(x, training=True)))


def test_rate_one_is_refused_in_training():
    x = np.ones((2, 2), "float32")
    np.testing.assert_array_equal(_np(GaussianDropout(1.0)(x)), x)
    with pytest.raises(ValueError, match="GaussianDropout .* rate 1"):
        GaussianDropout(1.0)(x, training=True)
    with pytest.raises(ValueError, match="GaussianDropout: `rate`"):
        GaussianDropout(1.2)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.GaussianDropout(0.2, seed=4, name="g").get_config()
    assert GaussianDropout(0.2, seed=4, name="g").get_config() == theirs
    assert GaussianDropout.from_config(theirs).get_config() == theirs
    assert GaussianDropout(0.2).supports_masking
