"""AlphaDropout: contract, identity outside training, the SELU-preserving values and statistics, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.regularization.alpha_dropout import AlphaDropout
from keras_lite.testing.layer_contract import run_layer_test

ALPHA_P = -1.6732632423543772 * 1.0507009873554805


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _affine(rate):
    a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5
    return a, -a * ALPHA_P * rate


@pytest.mark.parametrize("kwargs", [{"rate": 0.3}, {"rate": 0.3, "noise_shape": (None, 1, 4), "seed": 2}])
@pytest.mark.parametrize("training", [True, False])
def test_contract(kwargs, training):
    run_layer_test(AlphaDropout, kwargs, (2, 3, 4), expected_output_shape=(2, 3, 4),
                   call_kwargs={"training": training})


def test_identity_outside_training():
    x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    np.testing.assert_array_equal(_np(AlphaDropout(0.5)(x)), x)


def test_values_and_statistics():
    rate = 0.2
    x = np.random.default_rng(1).normal(size=(100, 100)).astype("float32")
    out = _np(AlphaDropout(rate, seed=3)(x, training=True))
    a, b = _affine(rate)
    dropped = np.isclose(out, a * ALPHA_P + b, atol=1e-6)
    assert abs(dropped.mean() - rate) < 0.03
    np.testing.assert_allclose(out[~dropped], a * x[~dropped] + b, rtol=1e-5, atol=1e-6)
    assert abs(out.mean()) < 0.05 and abs(out.std() - 1.0) < 0.05  # SELU's fixed point is kept


def test_noise_shape_shares_the_mask():
    x = np.ones((2, 3, 4), "float32")
    out = _np(AlphaDropout(0.3, noise_shape=(None, 1, 4), seed=2)(x, training=True))
    np.testing.assert_allclose(out, np.broadcast_to(out[:, :1, :], out.shape))


def test_seed_is_reproducible():
    x = np.ones((2, 3, 4), "float32")
    np.testing.assert_array_equal(_np(AlphaDropout(0.5, seed=9)(x, training=True)),
                                  _np(AlphaDropout(0.5, seed=9)(x, training=True)))


def test_bad_arguments():
    with pytest.raises(ValueError, match="AlphaDropout: `rate`"):
        AlphaDropout(2.0)
    with pytest.raises(ValueError, match="AlphaDropout .* rate 1"):
        AlphaDropout(1.0)(np.ones((2, 2), "float32"), training=True)
    with pytest.raises(ValueError, match=r"noise_shape \(None, 1\) and input shape \(2, 3, 4\) differ in rank"):
        AlphaDropout(0.5, noise_shape=(None, 1))(np.ones((2, 3, 4), "float32"), training=True)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.AlphaDropout(0.2, noise_shape=(None, 1), seed=4, name="a").get_config()
    assert AlphaDropout(0.2, noise_shape=(None, 1), seed=4, name="a").get_config() == theirs
    assert AlphaDropout.from_config(theirs).get_config() == theirs
    assert AlphaDropout(0.2).supports_masking
