"""keras_lite.random on the active backend: shapes, dtypes, statistics, seeding, errors, tracing."""
import random as python_random

import numpy as np
import pytest

import keras_lite
from keras_lite import random
from keras_lite.backends import BACKEND, engine
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.random import seed_generator as seed_module
from keras_lite.testing.op_cases import expected_dtype

N = 10_000
# One shape for every draw: JAX compiles gamma, beta and binomial once per shape, and slowly.
S = (2, N // 2)


def _np(x):
    return engine.convert_to_numpy(x)


def _dtype(x):
    return keras_lite.backend.standardize_dtype(x.dtype)


SHAPE_OPS = [
    ("normal", lambda **k: random.normal(S, **k), "float32"),
    ("uniform", lambda **k: random.uniform(S, **k), "float32"),
    ("truncated_normal", lambda **k: random.truncated_normal(S, **k), "float32"),
    ("gamma", lambda **k: random.gamma(S, alpha=2.0, **k), "float32"),
    ("beta", lambda **k: random.beta(S, alpha=2.0, beta=3.0, **k), "float32"),
    ("binomial", lambda **k: random.binomial(S, counts=5, probabilities=0.5, **k), "float32"),
    ("randint", lambda **k: random.randint(S, 0, 10, **k), "int32"),
]


@pytest.mark.parametrize("name,draw,default", SHAPE_OPS, ids=[c[0] for c in SHAPE_OPS])
def test_shape_dtype_and_seeding(name, draw, default):
    x = draw(seed=1)
    assert tuple(x.shape) == S and _dtype(x) == default
    np.testing.assert_array_equal(_np(x), _np(draw(seed=1)))  # an int seed repeats itself
    assert not np.array_equal(_np(draw(seed=1)), _np(draw(seed=2)))
    gen = random.SeedGenerator(7)
    first, second = _np(draw(seed=gen)), _np(draw(seed=gen))
    assert not np.array_equal(first, second)  # a generator advances
    replay = random.SeedGenerator(7)
    np.testing.assert_array_equal(_np(draw(seed=replay)), first)
    np.testing.assert_array_equal(_np(draw(seed=replay)), second)
    assert not np.array_equal(_np(draw()), _np(draw()))  # unseeded: the global generator


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float32", "float64"])
@pytest.mark.parametrize("name", ["normal", "uniform", "truncated_normal", "gamma", "beta", "binomial"])
def test_float_dtypes(name, dtype):
    args = {"gamma": dict(alpha=2.0), "beta": dict(alpha=2.0, beta=2.0),
            "binomial": dict(counts=4, probabilities=0.5)}.get(name, {})
    x = getattr(random, name)(S, dtype=dtype, seed=3, **args)
    assert _dtype(x) == expected_dtype(dtype)
    assert np.all(np.isfinite(_np(x).astype("float32")))


def test_default_dtype_follows_floatx():
    previous = keras_lite.config.floatx()
    keras_lite.config.set_floatx("float16")
    try:
        assert _dtype(random.normal((2,), seed=1)) == "float16"
        assert _dtype(random.uniform((2,), seed=1)) == "float16"
    finally:
        keras_lite.config.set_floatx(previous)


@pytest.mark.parametrize("dtype", ["int16", "int32", "int64", "uint8"])
def test_randint_dtypes_and_range(dtype):
    x = _np(random.randint((N,), minval=-3 if dtype != "uint8" else 3, maxval=9, dtype=dtype, seed=4))
    assert _dtype(x) == expected_dtype(dtype)
    low = -3 if dtype != "uint8" else 3
    assert x.min() == low and x.max() == 8  # [minval, maxval), every value drawn at this size
    assert len(np.unique(x)) == 9 - low


def test_normal_statistics():
    x = _np(random.normal((N,), mean=2.0, stddev=3.0, seed=5))
    assert abs(x.mean() - 2.0) < 0.1 and abs(x.std() - 3.0) < 0.1
    z = _np(random.normal((N,), seed=5))
    assert abs(z.mean()) < 0.05 and abs(z.std() - 1.0) < 0.05


def test_uniform_statistics():
    x = _np(random.uniform((N,), minval=-1.0, maxval=3.0, seed=6))
    assert x.min() >= -1.0 and x.max() < 3.0
    assert abs(x.mean() - 1.0) < 0.05 and abs(x.var() - 16 / 12) < 0.1


def test_truncated_normal_within_two_stddev():
    x = _np(random.truncated_normal((N,), mean=1.0, stddev=0.5, seed=7))
    assert x.min() >= 0.0 - 1e-6 and x.max() <= 2.0 + 1e-6
    assert abs(x.mean() - 1.0) < 0.05
    assert abs(x.std() - 0.5 * 0.8796) < 0.03  # the stddev of N(0, 1) truncated to [-2, 2] is 0.8796


def test_gamma_beta_binomial_statistics():
    g = _np(random.gamma(S, alpha=3.0, seed=8))
    assert g.min() > 0 and abs(g.mean() - 3.0) < 0.1 and abs(g.var() - 3.0) < 0.3
    b = _np(random.beta(S, alpha=2.0, beta=6.0, seed=9))
    assert b.min() > 0 and b.max() < 1 and abs(b.mean() - 0.25) < 0.02
    n = _np(random.binomial(S, counts=10, probabilities=0.3, seed=10))
    assert np.all(n == np.round(n)) and n.min() >= 0 and n.max() <= 10
    assert abs(n.mean() - 3.0) < 0.1 and abs(n.var() - 2.1) < 0.2
    i = random.binomial(S, counts=4, probabilities=0.5, dtype="int32", seed=1)
    assert _dtype(i) == "int32"


def test_array_parameters_broadcast():
    column = lambda *v: np.array(v, "float32")[:, None]  # noqa: E731 - one value per row of S
    x = _np(random.normal(S, mean=column(0.0, 10.0), stddev=column(1.0, 0.1), seed=11))
    assert x.shape == S
    np.testing.assert_allclose(x.mean(axis=1), [0.0, 10.0], atol=0.05)
    np.testing.assert_allclose(x.std(axis=1), [1.0, 0.1], atol=0.05)
    g = _np(random.gamma(S, alpha=column(1.0, 5.0), seed=12))
    np.testing.assert_allclose(g.mean(axis=1), [1.0, 5.0], rtol=0.05)
    n = _np(random.binomial(S, counts=column(4.0, 20.0), probabilities=column(0.5, 0.1), seed=13))
    np.testing.assert_allclose(n.mean(axis=1), [2.0, 2.0], rtol=0.05)


def test_shuffle_is_a_permutation():
    x = np.arange(20, dtype="int32").reshape(10, 2)
    out = _np(random.shuffle(x, seed=1))
    assert out.shape == (10, 2) and _dtype(out) == "int32"
    assert sorted(out[:, 0].tolist()) == list(range(0, 20, 2))
    np.testing.assert_array_equal(out[:, 1], out[:, 0] + 1)  # rows move whole
    assert not np.array_equal(out, x)
    np.testing.assert_array_equal(out, _np(random.shuffle(x, seed=1)))
    cols = _np(random.shuffle(np.arange(12.0).reshape(2, 6), axis=-1, seed=2))
    assert sorted(cols[0].tolist()) == list(range(6))
    np.testing.assert_array_equal(cols[1], cols[0] + 6)
    np.testing.assert_array_equal(_np(random.shuffle(x.tolist(), seed=1)), out)  # lists are converted


def test_categorical_respects_logits():
    logits = np.log(np.array([[0.2, 0.8, 0.0], [1.0, 0.0, 0.0]], "float32") + 1e-30)
    out = random.categorical(logits, 4000, seed=1)
    assert tuple(out.shape) == (2, 4000) and _dtype(out) == "int32"
    out = _np(out)
    assert set(out[1].tolist()) == {0}
    assert set(out[0].tolist()) <= {0, 1}
    assert abs((out[0] == 1).mean() - 0.8) < 0.03
    uniform = _np(random.categorical(np.zeros((2, 3), "float32"), 4000, seed=2))
    assert abs(np.bincount(uniform.ravel(), minlength=3) / uniform.size - 1 / 3).max() < 0.03
    wide = random.categorical(logits.tolist(), 4000, dtype="int64", seed=1)
    assert _dtype(wide) == expected_dtype("int64")
    np.testing.assert_array_equal(_np(wide), out)  # the same draw in another dtype


def test_dropout_fraction_and_scaling():
    x = np.ones((100, 100), "float32") * 3.0
    out = _np(random.dropout(x, rate=0.3, seed=1))
    assert out.shape == x.shape and _dtype(out) == "float32"
    assert abs((out == 0).mean() - 0.3) < 0.03
    np.testing.assert_allclose(out[out != 0], 3.0 / 0.7, rtol=1e-6)
    np.testing.assert_array_equal(_np(random.dropout(x, rate=0.0, seed=1)), x)
    np.testing.assert_array_equal(_np(random.dropout(x, rate=1.0, seed=1)), np.zeros_like(x))
    half = _np(random.dropout(np.ones((4, 8), "float16"), 0.5, seed=2))
    assert _dtype(half) == "float16"


def test_dropout_noise_shape_shares_the_mask():
    x = np.ones((50, 6), "float32")
    out = _np(random.dropout(x, 0.5, noise_shape=(None, 1), seed=3))
    rows_zero, rows_kept = np.all(out == 0, axis=1), np.all(out == 2.0, axis=1)
    assert np.all(rows_zero | rows_kept) and rows_zero.any() and rows_kept.any()
    out = _np(random.dropout(x, 0.5, noise_shape=(1, 6), seed=4))
    assert np.all(out == out[0])


def test_dropout_with_generator_varies_and_replays():
    x = np.ones((8, 8), "float32")
    gen, replay = random.SeedGenerator(5), random.SeedGenerator(5)
    a, b = _np(random.dropout(x, 0.5, seed=gen)), _np(random.dropout(x, 0.5, seed=gen))
    assert not np.array_equal(a, b)
    np.testing.assert_array_equal(_np(random.dropout(x, 0.5, seed=replay)), a)


def test_symbolic_tensor_ops_record_a_node():
    x = KerasTensor((None, 4), "float32")
    y = random.dropout(x, 0.5, seed=random.SeedGenerator(1))
    assert isinstance(y, KerasTensor) and y.shape == (None, 4) and y.dtype == "float32"
    assert y._keras_history is not None
    s = random.shuffle(x, seed=1)
    assert s.shape == (None, 4) and s.dtype == "float32"
    c = random.categorical(x, 3, seed=1)
    assert c.shape == (None, 3) and c.dtype == "int32"


def test_errors_name_the_op_and_argument():
    with pytest.raises(ValueError, match="random.normal.*seed"):
        random.normal((2,), seed="nope")
    with pytest.raises(ValueError, match="random.normal.*seed"):
        random.normal((2,), seed=1.5)
    with pytest.raises(ValueError, match="random.normal.*dtype"):
        random.normal((2,), dtype="int32")
    with pytest.raises(ValueError, match="random.uniform.*shape"):
        random.uniform((2, None))
    with pytest.raises(ValueError, match="random.uniform.*shape"):
        random.uniform((2, -1))
    with pytest.raises(ValueError, match="random.randint.*dtype"):
        random.randint((2,), 0, 3, dtype="float32")
    with pytest.raises(ValueError, match="random.randint.*maxval"):
        random.randint((2,), 3, 3)
    with pytest.raises(ValueError, match="random.dropout.*rate"):
        random.dropout(np.ones(3, "float32"), 1.5)
    with pytest.raises(ValueError, match="random.dropout.*noise_shape"):
        random.dropout(np.ones((2, 3), "float32"), 0.5, noise_shape=(2, 2))
    with pytest.raises(ValueError, match="random.categorical.*2D"):
        random.categorical(np.zeros(3, "float32"), 2)
    with pytest.raises(ValueError, match="random.shuffle.*axis"):
        random.shuffle(np.zeros((2, 3)), axis=2)


# -- SeedGenerator ---------------------------------------------------------------------------

def test_seed_generator_state_and_config():
    gen = random.SeedGenerator(42, name="my_seed")
    assert gen.name == "my_seed"
    assert isinstance(gen.state, engine.Variable) and not gen.state.trainable
    assert gen.state.shape == (2,) and gen.state.path == "my_seed/seed_generator_state"
    assert keras_lite.backend.is_int_dtype(gen.state.dtype)
    np.testing.assert_array_equal(_np(gen.state), [42, 0])
    first = _np(gen.next())
    np.testing.assert_array_equal(first, [42, 0])
    np.testing.assert_array_equal(_np(gen.next()), [42, 1])
    np.testing.assert_array_equal(_np(gen.state), [42, 2])
    assert gen.get_config() == {"seed": 42, "name": "my_seed"}
    clone = random.SeedGenerator.from_config(gen.get_config())
    np.testing.assert_array_equal(_np(clone.state), [42, 0])
    assert random.SeedGenerator().name.startswith("seed_generator")


def test_seed_generator_without_seed_follows_python_random():
    python_random.seed(123)
    a = random.SeedGenerator()
    python_random.seed(123)
    b = random.SeedGenerator()
    np.testing.assert_array_equal(_np(random.normal((3,), seed=a)), _np(random.normal((3,), seed=b)))
    assert a.get_config()["seed"] is None
    assert not np.array_equal(_np(random.SeedGenerator().state), _np(random.SeedGenerator().state))


def test_seed_generator_rejects_bad_arguments():
    with pytest.raises(ValueError, match="seed"):
        random.SeedGenerator(seed=1.5)
    with pytest.raises(ValueError, match="seed"):
        random.SeedGenerator(seed=True)
    with pytest.raises(ValueError, match="unrecognized"):
        random.SeedGenerator(1, bad=2)


def test_large_and_numpy_integer_seeds():
    a = _np(random.normal((3,), seed=2**40 + 5))
    assert np.all(np.isfinite(a))
    np.testing.assert_array_equal(_np(random.normal((3,), seed=np.int64(9))), _np(random.normal((3,), seed=9)))
    np.testing.assert_array_equal(_np(random.SeedGenerator(-1).state)[0], 0xFFFFFFFF)


def test_global_generator_reset():
    seed_module.reset_global_seed_generator()
    python_random.seed(7)
    a = _np(random.uniform((3,)))
    seed_module.reset_global_seed_generator()
    python_random.seed(7)
    np.testing.assert_array_equal(_np(random.uniform((3,))), a)


@pytest.mark.skipif(BACKEND != "jax", reason="jax.jit tracing")
def test_seed_generator_under_jax_jit_through_stateless_scope():
    import jax

    gen = random.SeedGenerator(3)
    x = np.ones((16, 16), "float32")

    @jax.jit
    def step(state, x):
        with StatelessScope([(gen.state, state)]) as scope:
            y = random.dropout(x, 0.5, seed=gen)
            z = random.normal((4,), seed=gen)
        (variable, new_state), = scope.updates()
        assert variable is gen.state
        return y, z, new_state

    state = gen.state.value
    y1, z1, state = step(state, x)
    y2, z2, state = step(state, x)
    np.testing.assert_array_equal(np.asarray(state), [3, 4])  # two draws per step
    assert not np.array_equal(np.asarray(y1), np.asarray(y2))
    np.testing.assert_array_equal(_np(gen.state), [3, 0])  # the variable itself is untouched
    eager = random.SeedGenerator(3)
    np.testing.assert_array_equal(np.asarray(y1), _np(random.dropout(x, 0.5, seed=eager)))
    np.testing.assert_array_equal(np.asarray(z1), _np(random.normal((4,), seed=eager)))

    @jax.jit
    def unscoped(x):
        return random.dropout(x, 0.5, seed=gen)

    with pytest.raises(ValueError, match="StatelessScope"):
        unscoped(x)

    @jax.jit
    def unseeded(x):
        return random.dropout(x, 0.5)

    with pytest.raises(ValueError, match="unseeded"):
        unseeded(x)

    @jax.jit
    def int_seed(x):
        return random.dropout(x, 0.5, seed=4)

    np.testing.assert_array_equal(np.asarray(int_seed(x)), _np(random.dropout(x, 0.5, seed=4)))


@pytest.mark.skipif(BACKEND != "tensorflow", reason="tf.function tracing")
def test_seed_generator_under_tf_function():
    import tensorflow as tf

    gen = random.SeedGenerator(3)

    @tf.function
    def draw():
        return random.normal((4,), seed=gen)

    a, b = draw().numpy(), draw().numpy()
    assert not np.array_equal(a, b)
    np.testing.assert_array_equal(_np(gen.state), [3, 2])


@pytest.mark.skipif(BACKEND != "torch", reason="torch global RNG")
def test_torch_global_rng_untouched():
    import torch

    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    random.normal((5,), seed=random.SeedGenerator(1))
    random.dropout(torch.ones(4), 0.5)
    torch.testing.assert_close(torch.rand(3), expected)
