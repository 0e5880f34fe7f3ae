import hashlib

import numpy as np
import pytest

from keras_lite import initializers, ops
from keras_lite.initializers import _counter_rng

# Digests of the float32 bytes of each initializer's (5, 4) draw. The same on every backend:
# initial weights are generated on the host (DESIGN decision 10).
SAME_ON_EVERY_ENGINE = {
    "GlorotUniform": (initializers.GlorotUniform(seed=7), "9a41200cb4970d4f"),
    "HeNormal": (initializers.HeNormal(seed=7), "eb1dbb8d35aae272"),
    "RandomNormal": (initializers.RandomNormal(seed=3), "70eb861827814669"),
    "Orthogonal": (initializers.Orthogonal(seed=2), "a07ea9a9a6ff8981"),
    "TruncatedNormal": (initializers.TruncatedNormal(seed=1), "1b755e29a27bc499"),
}


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("name", sorted(SAME_ON_EVERY_ENGINE))
def test_seeded_draws_are_bit_identical_across_engines(name):
    init, digest = SAME_ON_EVERY_ENGINE[name]
    w = _np(init((5, 4)))
    assert w.dtype == np.float32
    assert hashlib.sha256(np.ascontiguousarray(w).tobytes()).hexdigest()[:16] == digest


def test_philox_known_answers():
    assert [hex(x) for x in _counter_rng.philox_uint32(0, 0, 4)] == ["0x6627e8d5", "0xe169c58d", "0xbc57ac4c",
                                                                    "0x9b00dbd8"]


def test_seeded_repeat_and_unseeded_differ():
    seeded = initializers.RandomUniform(seed=5)
    np.testing.assert_array_equal(_np(seeded((3,))), _np(seeded((3,))))
    unseeded = initializers.RandomUniform()
    assert not np.array_equal(_np(unseeded((50,))), _np(unseeded((50,))))


def test_global_seed_makes_unseeded_draws_reproducible():
    try:
        _counter_rng.set_global_seed(1337)
        first = _np(initializers.GlorotUniform()((4, 4)))
        _counter_rng.set_global_seed(1337)
        np.testing.assert_array_equal(first, _np(initializers.GlorotUniform()((4, 4))))
    finally:
        _counter_rng.set_global_seed(None)


@pytest.mark.parametrize("init,check", [
    (initializers.RandomUniform(-0.1, 0.1, seed=1), lambda w: w.min() >= -0.1 and w.max() < 0.1),
    (initializers.RandomNormal(1.0, 0.5, seed=1), lambda w: abs(w.mean() - 1) < 0.02 and abs(w.std() - 0.5) < 0.02),
    (initializers.TruncatedNormal(0.0, 1.0, seed=1), lambda w: np.abs(w).max() <= 2.0 and abs(w.std() - 0.88) < 0.02),
    (initializers.GlorotUniform(seed=1), lambda w: np.abs(w).max() <= np.sqrt(6 / (100 + 100))),
    (initializers.HeNormal(seed=1), lambda w: abs(w.std() - np.sqrt(2 / 100)) < 0.01),
    (initializers.VarianceScaling(2.0, "fan_out", "untruncated_normal", seed=1),
     lambda w: abs(w.std() - np.sqrt(2 / 100)) < 0.01),
])
def test_statistics(init, check):
    assert check(_np(init((100, 100))).astype("float64"))


def test_fans_of_conv_kernels_and_axes():
    from keras_lite.initializers.random_initializers import compute_fans

    assert compute_fans((3, 3, 4, 8)) == (36, 72)
    assert compute_fans((5,)) == (5, 5)
    assert compute_fans((2, 3, 4), input_axes=(0, 1), output_axes=2) == (6, 4)
    assert compute_fans((2, 3, 4, 5), input_axes=(1,), output_axes=(3,)) == (3, 5)  # only the named axes
    assert compute_fans((2, 3, 4), input_axes=(0,)) == (6, 8)  # both are needed, else the usual fans


def test_orthogonal_and_identity_and_constants():
    q = _np(initializers.Orthogonal(seed=0)((4, 4))).astype("float64")
    np.testing.assert_allclose(q @ q.T, np.eye(4), atol=1e-5)
    np.testing.assert_array_equal(_np(initializers.Identity(2.0)((2, 3))), 2 * np.eye(2, 3))
    np.testing.assert_array_equal(_np(initializers.Constant(3)((2,))), [3, 3])
    assert _np(initializers.Zeros()((2,), "int32")).dtype == np.int32
    np.testing.assert_array_equal(_np(initializers.Ones()((2, 1))), np.ones((2, 1)))


def test_stft_kernel_is_the_windowed_fourier_basis():
    kernel = _np(initializers.STFT("real", "hann", None, periodic=True)((8, 1, 5)))[:, 0, :]
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(8) / 8)
    np.testing.assert_allclose(kernel[:, 1], window * np.cos(2 * np.pi * np.arange(8) / 8), atol=1e-6)
    imag = _np(initializers.STFT("imag", None, "spectrum")((8, 1, 5)))[:, 0, :]
    np.testing.assert_allclose(imag[:, 1], -np.sin(2 * np.pi * np.arange(8) / 8) / 8, atol=1e-6)


@pytest.mark.parametrize("name", ["glorot_uniform", "he_normal", "zeros", "ones", "orthogonal", "truncated_normal",
                                  "GlorotUniform", "VarianceScaling"])
def test_get_by_name_and_config_round_trip(name):
    init = initializers.get(name)
    config = initializers.serialize(init)
    assert config["module"] == "keras.initializers"
    again = initializers.deserialize(config)
    assert type(again) is type(init) and again.get_config() == init.get_config()


def test_serialized_form_matches_keras():
    assert initializers.serialize(initializers.GlorotUniform()) == {
        "module": "keras.initializers", "class_name": "GlorotUniform",
        "config": {"seed": None, "input_axes": None, "output_axes": None}, "registered_name": None}


def test_bad_identifiers_and_arguments():
    with pytest.raises(ValueError, match="Could not interpret initializer identifier: 'nope'"):
        initializers.get("nope")
    with pytest.raises(ValueError, match="mode must be one of"):
        initializers.VarianceScaling(mode="fan_sideways")
    with pytest.raises(ValueError, match="2D shape"):
        initializers.Identity()((2, 2, 2))
