import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing import OpCase, case_ids, run_op_case
from keras_lite.testing.op_cases import expected_dtype

rng = np.random.default_rng(5)
SQ = rng.normal(size=(2, 3, 3)).astype("float32") + 2 * np.eye(3, dtype="float32")
SQ64 = SQ.astype("float64")
SPD = (lambda m: m @ m.transpose(0, 2, 1) + 3 * np.eye(3))(rng.normal(size=(2, 3, 3))).astype("float32")
TALL = rng.normal(size=(2, 4, 3)).astype("float32")
WIDE = rng.normal(size=(3, 5)).astype("float32")
VEC = rng.normal(size=(2, 3)).astype("float32")
RHS = rng.normal(size=(2, 3, 2)).astype("float32")
X = rng.normal(size=(2, 3, 4)).astype("float32")
INTM = np.array([[2, 1], [1, 3]], "int32")
TRI = np.tril(SQ) + np.triu(np.full((3, 3), 7.0, "float32"), 1)  # the upper part must be ignored


def _norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    return np.linalg.norm(x.astype(np.float64), ord=ord, axis=axis, keepdims=keepdims)


def _solve(a, b):
    if b.ndim == a.ndim - 1:
        return np.linalg.solve(a, b[..., None])[..., 0]
    return np.linalg.solve(a, b)


def _chol_inv(x, upper=False):
    l = np.swapaxes(x, -1, -2) if upper else x  # noqa: E741
    return np.linalg.inv(l @ np.swapaxes(l, -1, -2))


def _qr_property(q, r, x, mode):
    np.testing.assert_allclose(q @ r, x, atol=1e-5)
    np.testing.assert_allclose(np.swapaxes(q, -1, -2) @ q, np.broadcast_to(np.eye(q.shape[-1]), q.shape[:-2] +
                                                                            (q.shape[-1],) * 2), atol=1e-5)
    np.testing.assert_allclose(r, np.triu(r), atol=1e-6)


CASES = [
    OpCase("norm", (X,), _norm, dtype="float32"),
    OpCase("norm", (X,), _norm, kwargs={"axis": -1}, known_dims=(1,), id="norm_vector"),
    OpCase("norm", (X,), _norm, kwargs={"axis": 1, "ord": 1, "keepdims": True}, id="norm_l1_keepdims"),
    OpCase("norm", (X,), _norm, kwargs={"axis": 2, "ord": np.inf}, id="norm_inf"),
    OpCase("norm", (X,), _norm, kwargs={"axis": 2, "ord": 0}, id="norm_zero"),
    OpCase("norm", (X,), _norm, kwargs={"axis": 2, "ord": 3}, id="norm_p3", tol=1e-5),
    OpCase("norm", (X,), _norm, kwargs={"axis": (1, 2)}, id="norm_fro"),
    OpCase("norm", (X,), _norm, kwargs={"axis": (1, 2), "ord": "nuc"}, id="norm_nuc", tol=1e-5),
    OpCase("norm", (X,), _norm, kwargs={"axis": (1, 2), "ord": 2}, id="norm_spectral", tol=1e-5),
    OpCase("norm", (X,), _norm, kwargs={"axis": (2, 1), "ord": -np.inf, "keepdims": True}, id="norm_matrix_neg_inf"),
    OpCase("norm", (X[0],), _norm, kwargs={"ord": 1}, none_dims=None, id="norm_matrix_axis_none"),
    OpCase("norm", (INTM,), _norm, dtype="float32", id="norm_int"),
    OpCase("inv", (SQ,), np.linalg.inv, dtype="float32", tol=1e-4, known_dims=(1, 2)),
    OpCase("inv", (SQ64,), np.linalg.inv, dtype="float64", tol=1e-5, id="inv_float64"),
    OpCase("inv", (INTM,), lambda x: np.linalg.inv(x), dtype="float32", tol=1e-5, none_dims=None, id="inv_int"),
    OpCase("solve", (SQ, RHS), _solve, dtype="float32", tol=1e-4),
    OpCase("solve", (SQ, VEC), _solve, tol=1e-4, id="solve_vector"),
    OpCase("solve", (SQ[0], RHS), _solve, tol=1e-4, none_dims=[None, (0,)], id="solve_broadcast"),
    OpCase("solve_triangular", (TRI, RHS), lambda a, b, lower: _solve(np.tril(a), b), kwargs={"lower": True},
           tol=1e-4),
    OpCase("solve_triangular", (np.swapaxes(TRI, -1, -2).copy(), VEC), lambda a, b: _solve(np.triu(a), b), tol=1e-4,
           id="solve_triangular_upper_vector"),
    OpCase("det", (SQ,), np.linalg.det, dtype="float32", tol=1e-4),
    OpCase("det", (INTM,), np.linalg.det, dtype="float32", tol=1e-5, none_dims=None, id="det_int"),
    OpCase("cholesky", (SPD,), np.linalg.cholesky, dtype="float32", tol=1e-4),
    OpCase("cholesky", (SPD,), lambda x, upper: np.swapaxes(np.linalg.cholesky(x), -1, -2), kwargs={"upper": True},
           tol=1e-4, id="cholesky_upper"),
    OpCase("cholesky_inverse", (np.linalg.cholesky(SPD).astype("float32"),), _chol_inv, dtype="float32", tol=1e-4),
    OpCase("cholesky_inverse", (np.swapaxes(np.linalg.cholesky(SPD), -1, -2).astype("float32"),), _chol_inv,
           kwargs={"upper": True}, tol=1e-4, id="cholesky_inverse_upper"),
    OpCase("svd", (TALL,), lambda x, compute_uv: np.linalg.svd(x, compute_uv=False), kwargs={"compute_uv": False},
           dtype="float32", tol=1e-4, known_dims=(1,)),
    OpCase("lstsq", (TALL[0], TALL[1]), lambda a, b: np.linalg.lstsq(a, b)[0], dtype="float32", tol=1e-4,
           none_dims=None),
    OpCase("lstsq", (TALL[0], TALL[1, :, 0].copy()), lambda a, b: np.linalg.lstsq(a, b)[0], tol=1e-4,
           none_dims=None, id="lstsq_vector"),
    OpCase("pinv", (TALL,), np.linalg.pinv, dtype="float32", tol=1e-4, known_dims=(1, 2)),
    OpCase("matrix_rank", (np.stack([SQ[0], np.ones((3, 3), "float32")]),),
           lambda x: np.linalg.matrix_rank(x).astype("int32"), dtype="int32"),
    OpCase("matrix_rank", (SQ[0],), lambda x, tol: np.linalg.matrix_rank(x, tol=tol).astype("int32"),
           kwargs={"tol": 100.0}, none_dims=None, id="matrix_rank_tol"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _check_spec(op, args, eager, kwargs=None):
    """The symbolic spec (with a None batch dim too) agrees with the eager outputs."""
    import optree

    kwargs = kwargs or {}
    for batch_none in (False, True):
        sym = [KerasTensor((None,) + a.shape[1:] if batch_none else a.shape, expected_dtype(a.dtype)) for a in args]
        spec = optree.tree_leaves(op(*sym, **kwargs))
        for s, e in zip(spec, optree.tree_leaves(eager)):
            want = tuple(ops.shape(e))
            assert s.shape == ((None,) + want[1:] if batch_none else want)
            assert s.dtype == ops.dtype(e)


@pytest.mark.parametrize("mode", ["reduced", "complete"])
def test_qr(mode):
    q, r = ops.qr(TALL, mode=mode)
    assert _np(q).shape == ((2, 4, 3) if mode == "reduced" else (2, 4, 4))
    _qr_property(_np(q), _np(r), TALL, mode)
    _check_spec(ops.qr, (TALL,), (q, r), {"mode": mode})
    with pytest.raises(ValueError, match="mode"):
        ops.qr(TALL, mode="r")


@pytest.mark.parametrize("full_matrices", [True, False])
def test_svd(full_matrices):
    u, s, vh = ops.svd(TALL, full_matrices=full_matrices)
    u, s, vh = _np(u), _np(s), _np(vh)
    k = 3
    np.testing.assert_allclose(s, np.linalg.svd(TALL, compute_uv=False), rtol=1e-4)
    np.testing.assert_allclose(u[..., :k] * s[..., None, :] @ vh[..., :k, :], TALL, atol=1e-4)
    assert u.shape == ((2, 4, 4) if full_matrices else (2, 4, 3))
    _check_spec(ops.svd, (TALL,), ops.svd(TALL, full_matrices=full_matrices), {"full_matrices": full_matrices})


def test_eigh():
    w, v = ops.eigh(SPD)
    w, v = _np(w), _np(v)
    np.testing.assert_allclose(w, np.linalg.eigvalsh(SPD), rtol=1e-4)
    np.testing.assert_allclose(v @ (w[..., None] * np.swapaxes(v, -1, -2)), SPD, atol=1e-4)
    _check_spec(ops.eigh, (SPD,), ops.eigh(SPD))


def test_eig():
    w, v = ops.eig(SQ)
    assert ops.dtype(w) == "complex64" and ops.dtype(v) == "complex64"
    w, v = _np(w), _np(v)
    np.testing.assert_allclose(np.sort_complex(w.ravel()), np.sort_complex(np.linalg.eigvals(SQ).ravel()), atol=1e-4)
    np.testing.assert_allclose(SQ @ v, v * w[..., None, :], atol=1e-4)
    _check_spec(ops.eig, (SQ,), ops.eig(SQ))


def test_lu_factor():
    a = np.concatenate([SQ, np.array([[[0, 1, 2], [1, 0, 0], [3, 1, 1]]], "float32")])
    lu, pivots = ops.lu_factor(a)
    assert ops.dtype(pivots) == "int32"
    lu, pivots = _np(lu), _np(pivots)
    lower = np.tril(lu, -1) + np.eye(3)
    upper = np.triu(lu)
    for b in range(a.shape[0]):
        rows = np.arange(3)
        for i, p in enumerate(pivots[b]):  # LAPACK row swaps, in order
            rows[[i, p]] = rows[[p, i]]
        np.testing.assert_allclose(lower[b] @ upper[b], a[b][rows], atol=1e-5)
        assert np.all(np.abs(lower[b]) <= 1 + 1e-6)  # partial pivoting
    _check_spec(ops.lu_factor, (a,), ops.lu_factor(a))


def test_cholesky_rejects_non_positive_definite():
    with pytest.raises(ValueError):
        ops.cholesky(-SPD)


def test_bad_shapes_are_named():
    with pytest.raises(ValueError, match="ops.inv"):
        ops.inv(KerasTensor((None, 3, 4)))
    with pytest.raises(ValueError, match="ops.solve"):
        ops.solve(KerasTensor((3, 3)), KerasTensor((4, 2)))
    with pytest.raises(ValueError, match="ops.norm"):
        ops.norm(KerasTensor((2, 3, 4)), ord=2)
    with pytest.raises(ValueError, match="ops.lstsq"):
        ops.lstsq(KerasTensor((2, 3, 4)), KerasTensor((3,)))


def test_linalg_namespace():
    assert ops.linalg.norm is ops.norm and ops.linalg.svd is ops.svd


def test_jvp():
    x = np.array([1.0, 2.0, 3.0], "float32")
    t = np.array([1.0, 0.0, 2.0], "float32")
    if BACKEND == "numpy":
        with pytest.raises(NotImplementedError, match="numpy"):
            ops.jvp(lambda v: v * v, (x,), (t,))
        return
    out, tangent = ops.jvp(lambda v: v * v, (x,), (t,))
    np.testing.assert_allclose(_np(out), x * x)
    np.testing.assert_allclose(_np(tangent), 2 * x * t)
    out, tangent, aux = ops.jvp(lambda a, b: (a * b, a + b), (x, x), (t, t), has_aux=True)
    np.testing.assert_allclose(_np(tangent), 2 * x * t)
    np.testing.assert_allclose(_np(aux), 2 * x)
