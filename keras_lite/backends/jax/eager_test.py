"""The JAX backend's eager shortcuts give what the general path gives: Python numbers left for JAX to
convert, inputs already of the right dtype passed through, custom-gradient activations compiled once."""
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "jax", reason="the jax backend's own shortcuts")

NUMBERS = [0.1, 1 / 3, -2.5e-8, 1e5, 65520.0, 3.5e38, 1e-45, float("inf"), 2.0 ** 24 + 1, 0, 7, -1,
           2 ** 24 + 1, 70000, 2 ** 31 - 1, -2 ** 31]


@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")  # 3.5e38 in float16
@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide", "maximum", "less"])
def test_python_numbers_beside_a_float_tensor_give_what_converting_them_gives(op, dtype):
    x = jnp.linspace(-3, 3, 7).astype(dtype)
    fn = getattr(ops, op)
    for number in NUMBERS:
        for args in ((x, number), (number, x)):
            got = fn(*args)
            want = getattr(jnp, op)(*(a if a is x else jnp.asarray(a, dtype) for a in args))
            assert got.dtype == want.dtype and not got.weak_type
            np.testing.assert_array_equal(np.asarray(got, "float32"), np.asarray(want, "float32"))  # NaN == NaN


def test_numbers_beyond_int32_and_int_tensors_still_convert():
    x = jnp.ones(3, "float32")
    np.testing.assert_array_equal(np.asarray(ops.add(x, 2 ** 40)), np.full(3, 2.0 ** 40 + 1, "float32"))
    i = jnp.arange(3, dtype="int32")
    assert ops.add(i, 1).dtype == jnp.int32
    assert ops.add(i, 1.5).dtype == jnp.float32
    assert ops.add(jnp.asarray([1, 2], "uint8"), 3).dtype == jnp.uint8


def test_a_weakly_typed_tensor_and_a_number_give_a_strong_result():
    out = ops.add(jnp.asarray(1.0), 2.0)  # jnp.asarray of a Python float is weakly typed
    assert out.dtype == jnp.float32 and not out.weak_type


def test_subtract_still_refuses_bools():
    with pytest.raises(ValueError, match="bool"):
        ops.subtract(jnp.asarray([True, False]), True)


def test_same_dtype_inputs_pass_through_and_mixed_ones_promote():
    a, b = jnp.ones((2, 3), "float32"), jnp.ones((3, 2), "float32")
    assert ops.matmul(a, b).dtype == jnp.float32
    assert ops.matmul(a.astype("float16"), b).dtype == jnp.float32
    assert ops.matmul(jnp.ones((2, 2), "int8"), jnp.ones((2, 2), "int8")).dtype == jnp.int32
    assert ops.add(a, a.astype("float16")).dtype == jnp.float32


def test_convert_to_tensor_of_numpy_arrays():
    x = np.arange(6, dtype="float32").reshape(2, 3)
    out = ops.convert_to_tensor(x)
    assert isinstance(out, jax.Array) and out.dtype == jnp.float32
    np.testing.assert_array_equal(np.asarray(out), x)
    assert ops.convert_to_tensor(x.astype("float64")).dtype == jnp.float32  # without x64, as JAX stores it
    assert ops.convert_to_tensor(x, "float16").dtype == jnp.float16


def test_relu_keeps_its_zero_gradient_at_zero_eagerly_and_compiled():
    grad = jax.grad(lambda x: ops.sum(ops.relu(x)))
    x = jnp.asarray([-1.0, 0.0, 2.0])
    np.testing.assert_array_equal(np.asarray(grad(x)), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(np.asarray(jax.jit(grad)(x)), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(np.asarray(ops.relu(x)), [0.0, 0.0, 2.0])


def test_max_pool_is_the_same_eagerly_and_differentiable_when_compiled():
    x = jnp.asarray(np.random.default_rng(0).standard_normal((2, 6, 6, 3)), "float32")
    pool = lambda t: ops.max_pool(t, 2, 2, "valid")  # noqa: E731
    np.testing.assert_array_equal(np.asarray(pool(x)), np.asarray(jax.jit(pool)(x)))
    grad = jax.jit(jax.grad(lambda t: ops.sum(pool(t))))(x)
    assert float(jnp.sum(grad)) == 2 * 3 * 3 * 3  # one winner per window


def test_dtypes_that_follow_floatx_are_not_remembered():
    from keras_lite import config
    from keras_lite.backends.jax.core import _jax_dtype

    assert _jax_dtype(None) == np.float32 and _jax_dtype(float) == np.float32
    previous = config.floatx()
    config.set_floatx("float16")
    try:
        assert _jax_dtype(None) == np.float16 and _jax_dtype(float) == np.float16
        assert _jax_dtype("float32") == np.float32
    finally:
        config.set_floatx(previous)


def _scan_body(weight):
    def body(carry, x):
        carry = carry * weight + x
        return carry, carry * 2.0

    return body


def test_eager_scan_reuses_its_compiled_loop_and_takes_the_captured_values_anew():
    from keras_lite.backends.jax import core

    xs = jnp.arange(12.0).reshape(4, 3)
    init = jnp.zeros(3)
    core._COMPILED_SCANS.clear()
    for weight in (jnp.full(3, 0.5), jnp.full(3, 2.0)):  # a new closure, new captured array, each call
        carry, ys = ops.scan(_scan_body(weight), init, xs)
        want_carry, want_ys = jax.lax.scan(_scan_body(weight), init, xs)
        np.testing.assert_array_equal(np.asarray(carry), np.asarray(want_carry))
        np.testing.assert_array_equal(np.asarray(ys), np.asarray(want_ys))
    assert len(core._COMPILED_SCANS) == 1
    ops.scan(_scan_body(jnp.ones(3)), init, xs[:2])  # other shapes: another loop
    ops.scan(_scan_body(jnp.ones(3)), init, xs, reverse=True)
    assert len(core._COMPILED_SCANS) == 3


def test_scan_inside_a_traced_function_captures_its_tracers():
    xs, init = jnp.arange(6.0).reshape(3, 2), jnp.ones(2)

    def total(weight):  # init and xs are concrete here; only the captured weight is traced
        carry, ys = ops.scan(_scan_body(weight), init, xs)
        return jnp.sum(carry) + jnp.sum(ys)

    weight = jnp.full(2, 0.5)
    want = jax.grad(lambda w: jnp.sum(jax.lax.scan(_scan_body(w), init, xs)[0]) + jnp.sum(
        jax.lax.scan(_scan_body(w), init, xs)[1]))(weight)
    np.testing.assert_allclose(np.asarray(jax.jit(jax.grad(total))(weight)), np.asarray(want))
    np.testing.assert_allclose(np.asarray(jax.grad(total)(weight)), np.asarray(want))


def test_eager_scan_keeps_a_bounded_number_of_loops():
    from keras_lite.backends.jax import core

    core._COMPILED_SCANS.clear()
    for n in range(1, core._MAX_COMPILED_SCANS + 6):
        ops.scan(_scan_body(1.0), jnp.zeros(()), jnp.ones(n))
    assert len(core._COMPILED_SCANS) == core._MAX_COMPILED_SCANS


def test_eager_scan_keeps_weak_types_as_lax_scan_does():
    body = lambda carry, x: (carry, carry + x)  # noqa: E731  (y is bfloat16 only beside a weak x)
    init = jnp.ones(2, "bfloat16")
    for xs in (jnp.ones((3, 2), "float32"), jnp.full((3, 2), 1.0, dtype=None)):
        want = jax.lax.scan(body, init, xs)[1].dtype
        assert ops.scan(body, init, xs)[1].dtype == want
    assert ops.scan(body, init, jnp.ones((3, 2), "float32"))[1].dtype == jnp.float32
