import numpy as np
import optree
import pytest

import keras_lite
from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import config
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import abstract_eval
from keras_lite.testing import OpCase, case_ids, run_op_case
from keras_lite.testing.op_cases import expected_dtype

rng = np.random.default_rng(3)
A = rng.normal(size=(3, 4)).astype("float32")
V = np.arange(1, 6, dtype="float32")
I = np.arange(12, dtype="int32").reshape(3, 4)
BIG = np.array([-1e10, -300.5, -1.5, 0.0, 7.6, 300.5, 1e10, np.inf], "float32")
ROWS = np.array([[2], [0]], "int32")
CELLS = np.array([[0, 1], [2, 3], [0, 1]], "int32")


# -- NumPy references -------------------------------------------------------------

def np_scan(step, init, xs, reverse=False):
    carry, ys = init, [None] * len(xs)
    for i in (reversed(range(len(xs))) if reverse else range(len(xs))):
        carry, ys[i] = step(carry, xs[i])
    return carry, np.stack(ys)


def np_saturate(x, dtype):
    info = np.iinfo(dtype)
    return np.clip(np.nan_to_num(x, posinf=info.max, neginf=info.min), info.min, info.max).astype(dtype)


def np_scatter_update(inputs, indices, updates, reduction=None):
    out = inputs.copy()
    key = tuple(np.moveaxis(indices, -1, 0))
    if reduction is None:
        out[key] = updates
    else:
        {"add": np.add, "max": np.maximum, "min": np.minimum, "mul": np.multiply}[reduction].at(out, key, updates)
    return out


def np_cumulative(fn, x, axis=0, reverse=False):
    x = np.flip(x, axis) if reverse else x
    out = fn(x, axis=axis)
    return np.flip(out, axis) if reverse else out


CASES = [
    # conversion and casting
    OpCase("convert_to_tensor", (A,), lambda x: x, dtype="float32"),
    OpCase("convert_to_tensor", (I,), lambda x, dtype: x.astype("float16"), kwargs={"dtype": "float16"},
           dtype="float16", id="convert_to_tensor-float16"),
    OpCase("cast", (A, "bfloat16"), lambda x, d: x, dtype="bfloat16", tol=1e-2, id="cast-bfloat16"),
    OpCase("cast", (A * 10, "int32"), lambda x, d: (x * 1).astype("int32"), dtype="int32", id="cast-int32"),
    OpCase("cast", (I, "float16"), lambda x, d: x.astype("float16"), dtype="float16", id="cast-float16"),
    OpCase("cast", (I, "bool"), lambda x, d: x.astype(bool), dtype="bool", id="cast-bool"),
    OpCase("saturate_cast", (BIG, "uint8"), np_saturate, dtype="uint8", none_dims=None, id="saturate-uint8"),
    OpCase("saturate_cast", (BIG, "int8"), np_saturate, dtype="int8", none_dims=None, id="saturate-int8"),
    OpCase("saturate_cast", (np.array([-1e10, 3e9, 5.0], "float32"), "int32"),
           lambda x, d: np.array([-2147483648, 2147483520, 5], "int32"), dtype="int32", id="saturate-float-int32"),
    OpCase("saturate_cast", (np.array([-300, -1, 77, 300], "int32"), "uint8"),
           lambda x, d: np.array([0, 0, 77, 255], "uint8"), dtype="uint8", id="saturate-int-uint8"),
    OpCase("saturate_cast", (np.array([-1e6, 1.5, 7e4], "float32"), "float16"),
           lambda x, d: np.array([-65504, 1.5, 65504], "float16"), dtype="float16", id="saturate-float16"),
    OpCase("stop_gradient", (A,), lambda x: x, dtype="float32"),
    # slicing
    OpCase("slice", (A, (1, 1), (2, 2)), lambda x, s, n: x[1:3, 1:3], known_dims=(0, 1)),
    OpCase("slice", (A, np.array([2, 3]), (2, 2)), lambda x, s, n: x[1:3, 2:4], none_dims=None,
           id="slice-clamped"),
    OpCase("slice", (A, (1, 2), (-1, 2)), lambda x, s, n: x[1:, 2:4], id="slice-to-end"),
    OpCase("slice_update", (A, (1, 2), np.ones((2, 2), "float32")),
           lambda x, s, u: np.concatenate([x[:1], np.concatenate([x[1:, :2], u], 1)], 0), none_dims=[(0,)]),
    OpCase("slice_update", (I, (2, 3), np.full((2, 2), 7, "int32")),
           lambda x, s, u: np.where(np.arange(3)[:, None] >= 1, np.where(np.arange(4) >= 2, 7, x), x),
           none_dims=None, id="slice_update-clamped"),
    # scattering
    OpCase("scatter", (CELLS, np.array([1.0, 2.0, 3.0], "float32"), (3, 4)),
           lambda i, v, s: np.array([[0, 4, 0, 0], [0, 0, 0, 0], [0, 0, 0, 2]], "float32"),
           known_dims=(0, 1), id="scatter-duplicates-add"),
    OpCase("scatter", (ROWS, np.ones((2, 4), "float32"), (3, 4)),
           lambda i, v, s: np.array([[1] * 4, [0] * 4, [1] * 4], "float32"), id="scatter-rows"),
    OpCase("scatter_update", (A, ROWS, np.ones((2, 4), "float32")), np_scatter_update, none_dims=[(), (0,), (0,)]),
    *[OpCase("scatter_update", (A, CELLS, np.array([5.0, -5.0, 2.0], "float32"), r), np_scatter_update,
             none_dims=[(), (0,), (0,)], id=f"scatter_update-{r}") for r in ("add", "max", "min", "mul")],
    OpCase("scatter_update", (I, ROWS, np.full((2, 4), 9, "int32")), np_scatter_update, dtype="int32",
           none_dims=None, id="scatter_update-int"),
    OpCase("unstack", (A,), lambda x: list(x), none_dims=None),
    OpCase("unstack", (A,), lambda x, axis: list(np.moveaxis(x, axis, 0)), kwargs={"axis": -1}, id="unstack-last"),
    # control flow
    OpCase("cond", (np.array(True), lambda: ops.multiply(A, 2.0), lambda: ops.subtract(A, 1.0)),
           lambda p, t, f: A * 2),
    OpCase("cond", (np.array(False), lambda: ops.multiply(A, 2.0), lambda: ops.subtract(A, 1.0)),
           lambda p, t, f: A - 1, id="cond-false"),
    OpCase("switch", (1, [lambda x: ops.add(x, 1.0), lambda x: ops.multiply(x, 3.0)], A),
           lambda i, b, x: x * 3),
    OpCase("switch", (7, [lambda x: ops.add(x, 1.0), lambda x: ops.multiply(x, 3.0)], A),
           lambda i, b, x: x * 3, id="switch-clamped"),
    OpCase("while_loop", (lambda x: ops.sum(x) < 100.0, lambda x: ops.multiply(x, 2.0), V),
           lambda c, b, x: x * 8),
    OpCase("while_loop", (lambda x: ops.sum(x) < 100.0, lambda x: ops.multiply(x, 2.0), V),
           lambda c, b, x, maximum_iterations: x * 2, kwargs={"maximum_iterations": 1}, id="while_loop-max"),
    OpCase("fori_loop", (0, 4, lambda i, x: ops.add(x, ops.cast(i, "float32")), A), lambda lo, up, b, x: x + 6),
    OpCase("scan", (lambda c, x: (ops.add(c, x), ops.multiply(c, x)), np.zeros(4, "float32"), A),
           lambda f, init, xs: np_scan(lambda c, x: (c + x, c * x), init, xs)),
    OpCase("scan", (lambda c, x: (ops.add(c, x), ops.multiply(c, x)), np.zeros(4, "float32"), A),
           lambda f, init, xs, reverse: np_scan(lambda c, x: (c + x, c * x), init, xs, reverse=True),
           kwargs={"reverse": True}, id="scan-reverse"),
    OpCase("map", (lambda x: ops.multiply(x, x), A), lambda f, xs: xs * xs),
    OpCase("vectorized_map", (lambda x: ops.sum(x), A), lambda f, xs: xs.sum(axis=1)),
    OpCase("associative_scan", (lambda a, b: ops.add(a, b), A), lambda f, x: np.cumsum(x, axis=0)),
    OpCase("associative_scan", (lambda a, b: ops.add(a, b), A), lambda f, x, axis, reverse:
           np_cumulative(np.cumsum, x, axis=1, reverse=True), kwargs={"axis": 1, "reverse": True},
           id="associative_scan-reverse-axis1"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


# -- conversion, casting, shapes and dtypes -----------------------------------------

def test_convert_to_tensor_infers_dtypes_of_python_values():
    assert ops.dtype(ops.convert_to_tensor([1, 2.5, 3])) == "float32"
    assert ops.dtype(ops.convert_to_tensor([1, 2])) == "int32"
    assert ops.dtype(ops.convert_to_tensor([True, False])) == "bool"
    assert ops.dtype(ops.convert_to_tensor(3.0)) == "float32"
    assert ops.dtype(ops.convert_to_tensor(np.arange(3, dtype="int64"))) == expected_dtype("int64")
    np.testing.assert_array_equal(_np(ops.convert_to_tensor([[1, 2.5], [3, 4]])), [[1, 2.5], [3, 4]])


def test_mixed_python_list_follows_floatx():
    previous = config.floatx()
    try:
        keras_lite.backend.set_floatx("float16")
        x = ops.convert_to_tensor([1, 2.5])
        assert ops.dtype(x) == "float16"
        np.testing.assert_array_equal(_np(x), np.array([1, 2.5], "float16"))
    finally:
        keras_lite.backend.set_floatx(previous)


@pytest.mark.parametrize("dtype", ["bfloat16", "float16", "float32", "int8", "uint8", "int32", "bool"])
def test_convert_to_tensor_with_dtype(dtype):
    x = ops.convert_to_tensor([[0, 1.0], [1, 2]], dtype=dtype)
    assert ops.dtype(x) == dtype
    assert tuple(ops.shape(x)) == (2, 2)
    want = np.array([[0, 1], [1, 2]]).astype(np.float32).astype(dtype if dtype != "bfloat16" else "float32")
    np.testing.assert_array_equal(_np(x).astype("float32"), want.astype("float32"))


def test_native_tensors_pass_through_unchanged():
    x = ops.convert_to_tensor(A)
    assert ops.convert_to_tensor(x) is x
    assert ops.is_tensor(x)
    assert not ops.is_tensor(KerasTensor((2,)))
    assert not ops.is_tensor([1.0, 2.0])
    assert ops.is_tensor(A) == (BACKEND == "numpy")


def test_convert_to_numpy_of_variables_and_low_precision_tensors():
    v = keras_lite.Variable(np.array([[1.5, -2.0]], "float32"))
    got = ops.convert_to_numpy(v)
    assert isinstance(got, np.ndarray) and got.dtype == np.float32
    np.testing.assert_array_equal(got, [[1.5, -2.0]])
    assert ops.dtype(v) == "float32" and ops.shape(ops.convert_to_tensor(v)) == (1, 2)
    np.testing.assert_array_equal(_np(ops.convert_to_tensor(v, dtype="float16")), np.array([[1.5, -2.0]], "float16"))
    for dtype in ("bfloat16", "float16"):
        x = ops.convert_to_numpy(ops.cast(A, dtype))
        assert x.dtype.name == dtype
        np.testing.assert_allclose(x.astype("float32"), A, rtol=1e-2, atol=1e-2)


def test_symbolic_conversion_and_cast():
    x = KerasTensor((None, 3), "float32")
    assert ops.convert_to_tensor(x) is x
    y = ops.convert_to_tensor(x, dtype="bfloat16")
    assert isinstance(y, KerasTensor) and y.shape == (None, 3) and y.dtype == "bfloat16"
    assert ops.cast(x, "float16").dtype == "float16"
    assert ops.cast(x, np.int32).dtype == "int32"
    assert ops.shape(x) == (None, 3) and ops.dtype(x) == "float32"
    with pytest.raises(ValueError, match="ops.convert_to_numpy"):
        ops.convert_to_numpy(x)


def test_shape_and_dtype_of_eager_values():
    assert ops.shape(A) == (3, 4)
    assert ops.shape([[1, 2, 3]]) == (1, 3)
    assert all(isinstance(d, int) for d in ops.shape(ops.convert_to_tensor(A)))
    assert ops.dtype(ops.convert_to_tensor(I)) == "int32"
    assert ops.dtype(A) == "float32"


def test_saturate_cast_symbolic_and_python_input():
    assert ops.saturate_cast(KerasTensor((None, 2), "float32"), "uint8").dtype == "uint8"
    np.testing.assert_array_equal(_np(ops.saturate_cast([-5, 3, 400], "uint8")), [0, 3, 255])
    np.testing.assert_array_equal(_np(ops.saturate_cast(np.array([True, False]), "int8")), [1, 0])


# -- control flow ---------------------------------------------------------------------

def test_while_loop_with_tuple_and_list_loop_vars():
    out = ops.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, ops.multiply(x, 2.0)), [0, V])
    assert isinstance(out, tuple) and len(out) == 2
    assert int(_np(out[0])) == 3
    np.testing.assert_allclose(_np(out[1]), V * 8)
    i = ops.while_loop(lambda i: i < 10, lambda i: i + 4, 0)
    assert int(_np(i)) == 12
    assert int(_np(ops.while_loop(lambda i: i < 10, lambda i: i + 4, 0, maximum_iterations=2))) == 8


def test_while_loop_nested_loop_vars():
    state = {"n": np.array(0, "int32"), "x": V}
    (out,) = ops.while_loop(lambda s: s["n"] < 2,
                            lambda s: ({"n": s["n"] + 1, "x": ops.add(s["x"], 1.0)},), (state,))
    assert int(_np(out["n"])) == 2
    np.testing.assert_allclose(_np(out["x"]), V + 2)


def test_symbolic_while_and_fori_loops_keep_loop_var_specs():
    x = KerasTensor((None, 4))
    out = ops.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, v), [0, x])
    assert isinstance(out, tuple)
    assert out[0].shape == () and out[0].dtype == "int32"
    assert out[1].shape == (None, 4) and out[1] is not x
    out = ops.fori_loop(0, 3, lambda i, v: v, {"a": x})
    assert out["a"].shape == (None, 4)


def test_scan_with_structures_and_no_xs():
    def step(carry, x):
        total, count = carry
        return (ops.add(total, x["v"]), count + 1), {"double": ops.multiply(x["v"], 2.0), "sum": ops.sum(x["v"])}

    (total, count), ys = ops.scan(step, (np.zeros(4, "float32"), 0), {"v": A})
    np.testing.assert_allclose(_np(total), A.sum(0), rtol=1e-5, atol=1e-6)
    assert int(_np(count)) == 3
    np.testing.assert_allclose(_np(ys["double"]), A * 2)
    np.testing.assert_allclose(_np(ys["sum"]), A.sum(1), rtol=1e-5, atol=1e-5)
    carry, ys = ops.scan(lambda c, x: (ops.add(c, 1.0), c), np.array(0.0, "float32"), length=3)
    assert float(_np(carry)) == 3.0
    np.testing.assert_allclose(_np(ys), [0.0, 1.0, 2.0])


def test_symbolic_scan_map_and_vectorized_map_with_none_dims():
    xs = KerasTensor((None, 5, 2))
    carry, ys = ops.scan(lambda c, x: (ops.add(c, x), {"y": ops.sum(x, axis=1)}), np.zeros((5, 2), "float32"), xs)
    assert carry.shape == (5, 2) and ys["y"].shape == (None, 5)
    carry, ys = ops.scan(lambda c, x: (c, ops.multiply(c, 2.0)), KerasTensor((3,)), length=7)
    assert ys.shape == (7, 3)
    out = ops.map(lambda x: {"a": ops.sum(x), "b": x}, xs)
    assert out["a"].shape == (None,) and out["b"].shape == (None, 5, 2)
    out = ops.vectorized_map(lambda e: ops.add(e[0], e[1]), [xs, xs])
    assert out.shape == (None, 5, 2)


def test_map_and_vectorized_map_over_structures():
    out = ops.map(lambda x: {"s": ops.sum(x["a"]), "p": ops.multiply(x["a"], x["b"])}, {"a": A, "b": A})
    np.testing.assert_allclose(_np(out["s"]), A.sum(1), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(out["p"]), A * A, rtol=1e-6)
    out = ops.vectorized_map(lambda e: ops.add(e[0], ops.multiply(e[1], 2.0)), [A, A])
    np.testing.assert_allclose(_np(out), A * 3, rtol=1e-6)


@pytest.mark.skipif(BACKEND not in ("torch", "numpy"), reason="needs host values inside the mapped function")
def test_vectorized_map_falls_back_to_a_loop():
    out = ops.vectorized_map(lambda x: ops.multiply(x, float(ops.convert_to_numpy(ops.sum(x)))), A)
    np.testing.assert_allclose(_np(out), A * A.sum(1, keepdims=True), rtol=1e-5)


def test_cond_and_switch_on_tensors():
    x = ops.convert_to_tensor(A)
    out = ops.cond(ops.sum(x) > 100.0, lambda: ops.multiply(x, 2.0), lambda: ops.subtract(x, 1.0))
    np.testing.assert_allclose(_np(out), A - 1)
    out = ops.switch(ops.convert_to_tensor(0), [lambda a, b: ops.add(a, b), lambda a, b: ops.subtract(a, b)], x, x)
    np.testing.assert_allclose(_np(out), A * 2)
    assert float(_np(ops.switch(-4, [lambda: 1.0, lambda: 2.0]))) == 1.0


def test_symbolic_cond_closes_over_keras_tensors():
    x = KerasTensor((None, 3))
    out = ops.cond(KerasTensor((), "bool"), lambda: ops.multiply(x, 2.0), lambda: x)
    assert isinstance(out, KerasTensor) and out is not x
    assert out.shape == (None, 3) and out.dtype == "float32"
    assert out._keras_history[0].op is ops.cond
    assert x._keras_history is None  # tracing the branches recorded nothing on x
    out = ops.switch(KerasTensor((), "int32"), [lambda a: a, lambda a: ops.add(a, 1.0)], x)
    assert out.shape == (None, 3)


def test_symbolic_branches_must_agree():
    x = KerasTensor((2, 3))
    with pytest.raises(ValueError, match="ops.cond"):
        ops.cond(KerasTensor((), "bool"), lambda: x, lambda: (x, x))
    with pytest.raises(ValueError, match="ops.cond"):
        ops.cond(KerasTensor((), "bool"), lambda: x, lambda: ops.cast(x, "int32"))
    out = ops.cond(KerasTensor((), "bool"), lambda: x, lambda: KerasTensor((5, 3)))
    assert out.shape == (None, 3)


def test_associative_scan_over_a_structure_and_non_commutative_f():
    # (a, b) pairs compose affine maps x -> a * x + b; composition is associative, not commutative.
    a = np.array([2.0, 0.5, 3.0], "float32")[:, None] * np.array([1.0, -1.0, 2.0, 0.5], "float32")
    b = A

    def compose(first, second):
        return {"a": ops.multiply(first["a"], second["a"]),
                "b": ops.add(ops.multiply(second["a"], first["b"]), second["b"])}

    def reference(a, b):
        out_a, out_b, ca, cb = [], [], 1.0, 0.0
        for ai, bi in zip(a, b):
            ca, cb = ca * ai, ai * cb + bi
            out_a.append(ca)
            out_b.append(cb)
        return np.stack(out_a), np.stack(out_b)

    out = ops.associative_scan(compose, {"a": a, "b": b})
    want_a, want_b = reference(a, b)
    np.testing.assert_allclose(_np(out["a"]), want_a, rtol=1e-6)
    np.testing.assert_allclose(_np(out["b"]), want_b, rtol=1e-6)
    out = ops.associative_scan(compose, {"a": a, "b": b}, reverse=True)
    want_a, want_b = reference(a[::-1], b[::-1])
    np.testing.assert_allclose(_np(out["b"]), want_b[::-1], rtol=1e-6, atol=1e-6)
    spec = ops.associative_scan(compose, {"a": KerasTensor((None, 2)), "b": KerasTensor((None, 2))})
    assert spec["b"].shape == (None, 2)


# -- graphs: the same ops inside jax.jit / tf.function ------------------------------------

def _compiled(fn):
    if BACKEND == "jax":
        import jax

        return jax.jit(fn)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        return tf.function(fn, autograph=False)
    return fn


def test_control_flow_and_slicing_inside_compiled_functions():
    def fn(x, start):
        total = ops.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, ops.add(s, ops.sum(x))), (0, 0.0))[1]
        picked = ops.cond(total > 0.0, lambda: ops.multiply(x, 2.0), lambda: x)
        _, ys = ops.scan(lambda c, row: (ops.add(c, row), {"r": ops.sum(row)}), ops.multiply(x[0], 0.0), x)
        corner = ops.slice(x, start, (2, 2))
        patched = ops.slice_update(x, start, ops.multiply(corner, 0.0))
        return total, picked, ys["r"], corner, patched, ops.map(lambda r: ops.sum(r), x)

    start = np.array([1, 2], "int32")
    total, picked, rows, corner, patched, mapped = _compiled(fn)(A, start)
    np.testing.assert_allclose(_np(total), 3 * A.sum(), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(_np(picked), A * 2 if A.sum() > 0 else A)
    np.testing.assert_allclose(_np(rows), A.sum(1), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(_np(corner), A[1:3, 2:4])
    want = A.copy()
    want[1:3, 2:4] = 0
    np.testing.assert_allclose(_np(patched), want)
    np.testing.assert_allclose(_np(mapped), A.sum(1), rtol=1e-5, atol=1e-5)


def test_ops_inside_abstract_evaluation_of_another_function():
    """Engine placeholders (tracers, meta tensors, graph placeholders, zeros) hold no values."""
    def fn(x):
        carry, ys = ops.scan(lambda c, r: (ops.add(c, r), {"s": ops.sum(r)}), ops.multiply(x[0], 0.0), x)
        _, looped = ops.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, ops.multiply(v, 2.0)), (0, x))
        picked = ops.cond(ops.sum(x) > 0.0, lambda: x, lambda: ops.multiply(x, 2.0))
        chosen = ops.switch(ops.cast(ops.sum(x), "int32"), [lambda v: v, lambda v: ops.add(v, 1.0)], x)
        corner = ops.slice(x, ops.cast(ops.sum(x[:2], axis=0), "int32")[:2] * 0, (1, 2))
        return carry, ys, looped, picked, chosen, corner, ops.fori_loop(0, ops.cast(ops.sum(x), "int32"),
                                                                        lambda i, v: v, x)

    out = abstract_eval(fn, (KerasTensor((None, 3)),), {})
    shapes = [t.shape for t in optree.tree_leaves(out)]
    assert shapes == [(3,), (None,), (None, 3), (None, 3), (None, 3), (1, 2), (None, 3)]


# -- gradients ---------------------------------------------------------------------------

def _grad(fn, *args):
    """Gradients of the scalar fn(*args) with respect to every argument, as NumPy arrays."""
    if BACKEND == "jax":
        import jax

        return [np.asarray(g) for g in jax.grad(fn, argnums=tuple(range(len(args))))(*args)]
    if BACKEND == "torch":
        import torch

        ts = [torch.tensor(a, requires_grad=True) for a in args]
        fn(*ts).backward()
        return [t.grad.numpy() for t in ts]
    import tensorflow as tf

    ts = [tf.constant(a) for a in args]
    with tf.GradientTape() as tape:
        for t in ts:
            tape.watch(t)
        y = fn(*ts)
    return [g.numpy() for g in tape.gradient(y, ts)]


@pytest.mark.requires_trainable_backend
def test_stop_gradient_blocks_the_gradient():
    (g,) = _grad(lambda x: ops.sum(ops.multiply(x, ops.stop_gradient(x))), V)
    np.testing.assert_allclose(g, V)


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("style", ["upstream", "keyword", "portable"])
def test_custom_gradient_replaces_the_gradient(style):
    @ops.custom_gradient
    def double_grad(x):
        y = ops.multiply(x, x)

        if style == "upstream":
            def grad(upstream):
                return ops.multiply(upstream, 10.0)
        elif style == "keyword":
            def grad(*args, upstream):
                return ops.multiply(upstream, 10.0)
        else:
            def grad(*args, upstream=None):
                if upstream is None:
                    (upstream,) = args
                return ops.multiply(upstream, 10.0)
        return y, grad

    (g,) = _grad(lambda x: ops.sum(double_grad(x)), V)
    np.testing.assert_allclose(g, np.full_like(V, 10.0))
    np.testing.assert_allclose(_np(double_grad(V)), V * V)


@pytest.mark.requires_trainable_backend
def test_custom_gradient_with_two_arguments():
    @ops.custom_gradient
    def product(x, y):
        return ops.multiply(x, y), lambda up: (ops.multiply(up, 2.0), ops.multiply(up, 3.0))

    gx, gy = _grad(lambda x, y: ops.sum(product(x, y)), V, V)
    np.testing.assert_allclose(gx, np.full_like(V, 2.0))
    np.testing.assert_allclose(gy, np.full_like(V, 3.0))


def test_custom_gradient_forward_everywhere_and_symbolic():
    @ops.custom_gradient
    def square(x):
        return ops.multiply(x, x), lambda upstream: upstream

    np.testing.assert_allclose(_np(square(V)), V * V)
    np.testing.assert_allclose(_np(square(keras_lite.Variable(V))), V * V)
    out = square(KerasTensor((None, 5)))
    assert isinstance(out, KerasTensor) and out.shape == (None, 5)


# -- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: ops.scan(lambda c, x: (c, x), 0.0), "ops.scan: pass `xs`"),
    (lambda: ops.scan(lambda c, x: (c, x), 0.0, A, length=5), "ops.scan: length=5"),
    (lambda: ops.scan(lambda c, x: (c, x), 0.0, A, unroll=0), "ops.scan: `unroll`"),
    (lambda: ops.scan(lambda c, x: c, KerasTensor((2,)), KerasTensor((3, 2))), "ops.scan: `f` must return a pair"),
    (lambda: ops.map(lambda x: x, {"a": A, "b": V}), "ops.map: .*different leading sizes"),
    (lambda: ops.map(lambda x: x, np.float32(1.0)), "ops.map: .*leading axis"),
    (lambda: ops.slice(A, (0, 0), (2,)), "ops.slice: `shape`"),
    (lambda: ops.slice(A, (0, 0, 0), (2, 2)), "ops.slice: `start_indices`"),
    (lambda: ops.slice(A, (0, 0), (4, 2)), "ops.slice: slice shape"),
    (lambda: ops.slice(KerasTensor((None, 4)), (0, 0), (2, 5)), "ops.slice: slice shape"),
    (lambda: ops.slice_update(A, (0, 0), np.ones((4, 1), "float32")), "ops.slice_update"),
    (lambda: ops.scatter(CELLS, np.ones(2, "float32"), (3, 4)), "ops.scatter: `values`"),
    (lambda: ops.scatter(np.zeros((2, 3), "int32"), np.ones(2, "float32"), (3, 4)), "ops.scatter: `indices`"),
    (lambda: ops.scatter_update(A, ROWS, np.ones((2, 4), "float32"), reduction="avg"), "ops.scatter_update: invalid"),
    (lambda: ops.unstack(A, num=2), "ops.unstack: num=2"),
    (lambda: ops.unstack(KerasTensor((None, 2))), "ops.unstack: dim 0"),
    (lambda: ops.unstack(A, axis=2), "ops.unstack: axis 2"),
    (lambda: ops.switch(0, [], A), "ops.switch: `branches`"),
    (lambda: ops.associative_scan(lambda a, b: a, [A, V]), "ops.associative_scan"),
])
def test_bad_input_names_the_op(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_non_callables_are_type_errors():
    with pytest.raises(TypeError, match="ops.while_loop: `body`"):
        ops.while_loop(lambda x: x < 1, 3, 0)
    with pytest.raises(TypeError, match="ops.cond: `true_fn`"):
        ops.cond(True, 1.0, lambda: 2.0)


def test_unstack_symbolic_with_num_and_scatter_update_reduction_case():
    parts = ops.unstack(KerasTensor((None, 2)), num=4, axis=0)
    assert len(parts) == 4 and parts[0].shape == (2,)
    out = ops.scatter_update(np.zeros(4, "float32"), np.array([[0], [0], [1]]), np.ones(3, "float32"), reduction="ADD")
    np.testing.assert_array_equal(_np(out), [2, 1, 0, 0])
