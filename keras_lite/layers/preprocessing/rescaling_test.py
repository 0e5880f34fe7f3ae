"""Rescaling: contract, values against NumPy and Keras, per-channel scales, config round trips."""
import json

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_layer import Input
from keras_lite.layers.preprocessing.rescaling import Rescaling
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    keras = pytest.importorskip("keras")
    if keras.backend.backend() != BACKEND:
        pytest.skip("keras runs on another engine")
    return keras


@pytest.mark.parametrize("kwargs", [{"scale": 1 / 255}, {"scale": 2.0, "offset": -1.0},
                                    {"scale": [1.0, 2.0, 3.0], "offset": 0.5}])
def test_contract_and_values(kwargs):
    x = np.random.default_rng(0).uniform(0, 255, size=(2, 4, 4, 3)).astype("float32")
    layer = run_layer_test(Rescaling, kwargs, x.shape, input_data=x, expected_output_shape=x.shape)
    want = x * np.asarray(kwargs["scale"], "float32") + np.float32(kwargs.get("offset", 0.0))
    np.testing.assert_allclose(_np(layer(x)), want, rtol=1e-6)


def test_integer_inputs_become_floats():
    out = Rescaling(1 / 255)(np.full((1, 2, 2, 1), 255, "uint8"))
    assert ops.dtype(out) == "float32"
    np.testing.assert_allclose(_np(out), 1.0, rtol=1e-6)
    assert Rescaling(0.5)(Input((2, 2, 1), dtype="int32")).dtype == "float32"


def test_channels_first_scale_follows_the_global_format():
    x = np.random.default_rng(1).normal(size=(2, 3, 2, 2)).astype("float32")
    previous = backend_config.image_data_format()
    backend_config.set_image_data_format("channels_first")
    try:
        out = _np(Rescaling([1.0, 2.0, 3.0], offset=[0.0, 1.0, 2.0])(x))
    finally:
        backend_config.set_image_data_format(previous)
    np.testing.assert_allclose(out, x * np.array([1, 2, 3.0])[:, None, None] + np.array([0, 1, 2.0])[:, None, None],
                               rtol=1e-6)


@pytest.mark.parametrize("kwargs", [{"scale": 1 / 255, "offset": -0.5}, {"scale": [0.5, 2.0], "offset": 1.0}])
def test_values_and_config_match_keras(kwargs):
    keras = _keras()
    x = np.random.default_rng(2).normal(size=(2, 3, 2)).astype("float32")
    ours, theirs = Rescaling(**kwargs, name="r"), keras.layers.Rescaling(**kwargs, name="r")
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-6)
    assert ours.get_config() == theirs.get_config()
    assert Rescaling.from_config(theirs.get_config()).get_config() == theirs.get_config()


def test_numpy_scale_survives_a_json_round_trip():
    layer = Rescaling(np.array([0.5, 2.0], "float32"))
    config = json.loads(json.dumps(layer.get_config()))
    clone = Rescaling.from_config(config)
    x = np.ones((1, 2), "float32")
    np.testing.assert_allclose(_np(clone(x)), [[0.5, 2.0]])
