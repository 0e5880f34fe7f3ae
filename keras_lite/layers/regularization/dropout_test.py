"""Dropout: contract, identity outside training, statistics, seeds, noise_shape, config against Keras."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.regularization.dropout import Dropout
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("kwargs", [{"rate": 0.5}, {"rate": 0.5, "noise_shape": (None, 1, 4), "seed": 3},
                                    {"rate": 0.0}])
@pytest.mark.parametrize("training", [True, False])
def test_contract(kwargs, training):
    run_layer_test(Dropout, kwargs, (2, 3, 4), expected_output_shape=(2, 3, 4), call_kwargs={"training": training})


@pytest.mark.parametrize("training", [False, None])
def test_identity_outside_training(training):
    x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    np.testing.assert_array_equal(_np(Dropout(0.5)(x, training=training)), x)


def test_statistics():
    rate = 0.3
    out = _np(Dropout(rate, seed=1)(np.ones((100, 100), "float32"), training=True))
    dropped = (out == 0).mean()
    assert abs(dropped - rate) < 0.03
    np.testing.assert_allclose(out[out != 0], 1 / (1 - rate), rtol=1e-6)


def test_seed_is_reproducible_and_calls_differ():
    x = np.ones((2, 3, 4), "float32")
    first, second = Dropout(0.5, seed=7), Dropout(0.5, seed=7)
    a, b = _np(first(x, training=True)), _np(second(x, training=True))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, _np(first(x, training=True)))


def test_noise_shape_shares_the_mask():
    out = _np(Dropout(0.5, noise_shape=(None, 1, 4), seed=3)(np.ones((2, 3, 4), "float32"), training=True))
    np.testing.assert_array_equal(out, np.broadcast_to(out[:, :1, :], out.shape))
    assert (out == 0).any() and (out != 0).any()


def test_rate_one_drops_everything_and_rate_zero_keeps_all():
    x = np.ones((3, 4), "float32")
    np.testing.assert_array_equal(_np(Dropout(0.0)(x, training=True)), x)
    assert not hasattr(Dropout(0.0), "seed_generator")


def test_training_flag_from_a_model():
    inp = Input((100,))
    model = Model(inp, Dropout(0.5, seed=4)(inp))
    x = np.ones((100, 100), "float32")
    np.testing.assert_array_equal(_np(model(x)), x)
    assert (_np(model(x, training=True)) == 0).any()


def test_symbolic_call_keeps_the_input_history_and_mask():
    inp = Input((3,))
    inp._keras_mask = Input((), dtype="bool")
    history = inp._keras_history
    out = Dropout(0.5)(inp)
    assert out is not inp and inp._keras_history == history
    assert out.shape == (None, 3) and out._keras_mask is inp._keras_mask
    assert Dropout(0.5)(Input((None, 3)), training=True).shape == (None, None, 3)


@pytest.mark.parametrize("kwargs,culprit", [({"rate": 1.5}, "rate"), ({"rate": -0.1}, "rate"),
                                            ({"rate": 0.5, "noise_shape": "abc"}, "noise_shape"),
                                            ({"rate": 0.5, "noise_shape": (None, 0)}, "noise_shape"),
                                            ({"rate": 0.5, "noise_shape": 3}, "noise_shape")])
def test_bad_arguments(kwargs, culprit):
    with pytest.raises(ValueError, match=f"`?{culprit}"):
        Dropout(**kwargs)


def test_noise_shape_that_does_not_broadcast_is_named():
    with pytest.raises(ValueError, match="noise_shape"):
        Dropout(0.5, noise_shape=(None, 2))(np.ones((2, 3), "float32"), training=True)


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for kwargs in ({"rate": 0.2}, {"rate": 0.5, "noise_shape": (None, 1), "seed": 3}):
        theirs = keras.layers.Dropout(name="d", **kwargs).get_config()
        assert Dropout(name="d", **kwargs).get_config() == theirs
        assert Dropout.from_config(theirs).get_config() == theirs
