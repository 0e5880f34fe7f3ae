"""NumPy: linear algebra (np.linalg, plus an LU factorisation NumPy lacks)."""
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.numpy.core import convert_to_tensor

_REAL = {np.dtype(np.complex64): np.dtype(np.float32), np.dtype(np.complex128): np.dtype(np.float64)}


def _float_matrix(x):
    """(x in a LAPACK dtype, result dtype): ints and bools become floatx, half floats compute in float32."""
    x = convert_to_tensor(x)
    dtype = dtypes.to_numpy_dtype(dtypes.float_result_type(x.dtype))
    work = np.float32 if dtype.itemsize < 4 and dtype.kind == "f" else dtype
    return x.astype(work, copy=False), dtype


def _common(a, b):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    dtype = dtypes.to_numpy_dtype(dtypes.float_result_type(a.dtype, b.dtype))
    work = np.float32 if dtype.itemsize < 4 and dtype.kind == "f" else dtype
    return a.astype(work, copy=False), b.astype(work, copy=False), dtype


def _mT(x):
    return np.swapaxes(x, -1, -2)


def cholesky(x, upper=False):
    x, dtype = _float_matrix(x)
    out = np.linalg.cholesky(x)
    return (np.conj(_mT(out)) if upper else out).astype(dtype)


def cholesky_inverse(x, upper=False):
    x, dtype = _float_matrix(x)
    lower = np.conj(_mT(x)) if upper else x
    eye = np.broadcast_to(np.eye(x.shape[-1], dtype=x.dtype), x.shape)
    inv_lower = np.linalg.solve(lower, eye)
    return (np.conj(_mT(inv_lower)) @ inv_lower).astype(dtype)


def det(x):
    x, dtype = _float_matrix(x)
    return np.asarray(np.linalg.det(x)).astype(dtype)


def eig(x):
    x, dtype = _float_matrix(x)
    w, v = np.linalg.eig(x)
    complex_dtype = np.complex128 if dtype in (np.float64, np.complex128) else np.complex64
    return w.astype(complex_dtype), v.astype(complex_dtype)


def eigh(x):
    x, dtype = _float_matrix(x)
    w, v = np.linalg.eigh(x)
    return w.astype(_REAL.get(dtype, dtype)), v.astype(dtype)


def inv(x):
    x, dtype = _float_matrix(x)
    return np.linalg.inv(x).astype(dtype)


def lu_factor(x):
    """Partial-pivoting LU as LAPACK getrf: (L and U packed, 0-based row swaps as int32)."""
    x, dtype = _float_matrix(x)
    lu = np.array(x, copy=True)
    m, n = lu.shape[-2:]
    batch = lu.shape[:-2]
    lu = lu.reshape((-1, m, n))
    rows = np.arange(lu.shape[0])
    pivots = np.zeros((lu.shape[0], min(m, n)), dtype=np.int32)
    for j in range(min(m, n)):
        p = j + np.argmax(np.abs(lu[:, j:, j]), axis=1)
        pivots[:, j] = p
        current, chosen = lu[rows, j].copy(), lu[rows, p].copy()
        lu[rows, j], lu[rows, p] = chosen, current
        diag = lu[:, j, j:j + 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            factors = np.where(diag != 0, lu[:, j + 1:, j] / np.where(diag != 0, diag, 1), 0)
        lu[:, j + 1:, j] = factors
        lu[:, j + 1:, j + 1:] -= factors[:, :, None] * lu[:, j:j + 1, j + 1:]
    return lu.reshape(batch + (m, n)).astype(dtype), pivots.reshape(batch + (min(m, n),))


def _vector_norm(x, ord, axis, keepdims):  # noqa: A002
    a = np.abs(x)
    if ord is None or ord == 2:
        return np.sqrt(np.sum(a * a, axis=axis, keepdims=keepdims))
    if ord == np.inf:
        return np.max(a, axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return np.min(a, axis=axis, keepdims=keepdims)
    if ord == 0:
        return np.sum(a != 0, axis=axis, keepdims=keepdims).astype(a.dtype)
    if isinstance(ord, str):
        raise ValueError(f"invalid ord {ord!r} for a vector norm.")
    with np.errstate(divide="ignore"):
        return np.sum(a ** ord, axis=axis, keepdims=keepdims) ** (1.0 / ord)


def _matrix_norm(x, ord, axis, keepdims):  # noqa: A002
    row, col = axis
    if ord in (None, "fro"):
        a = np.abs(x)
        out = np.sqrt(np.sum(a * a, axis=axis, keepdims=True))
    elif ord in ("nuc", 2, -2):
        s = np.linalg.svd(np.moveaxis(x, (row, col), (-2, -1)), compute_uv=False)
        s = {"nuc": np.sum, 2: np.max, -2: np.min}[ord](s, axis=-1)
        out = np.expand_dims(s, (row, col))
    elif ord in (1, -1, np.inf, -np.inf):
        summed_axis, reduced_axis = (row, col) if ord in (1, -1) else (col, row)
        sums = np.sum(np.abs(x), axis=summed_axis, keepdims=True)
        out = (np.max if ord > 0 else np.min)(sums, axis=reduced_axis, keepdims=True)
    else:
        raise ValueError(f"invalid ord {ord!r} for a matrix norm.")
    return out if keepdims else np.squeeze(out, axis=(row, col))


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x = convert_to_tensor(x)
    dtype = dtypes.to_numpy_dtype(dtypes.float_result_type(x.dtype))
    if dtype.kind == "c":
        dtype = np.dtype(np.float64 if dtype == np.complex128 else np.float32)
    elif x.dtype.kind != "c":  # half floats compute in float32 (sums of squares overflow float16)
        x = x.astype(np.float32 if dtype.itemsize < 4 else dtype, copy=False)
    ndim = x.ndim
    if axis is None:
        if ord is None:
            return np.asarray(_vector_norm(x, None, None, keepdims)).astype(dtype)
        axis = tuple(range(ndim))
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    axes = tuple(a % ndim for a in axes)
    if len(axes) == 1:
        out = _vector_norm(x, ord, axes[0], keepdims)
    elif len(axes) == 2:
        out = _matrix_norm(x, ord, axes, keepdims)
    else:
        raise ValueError(f"norm takes 1 or 2 axes; got axis={axis} for a tensor of rank {ndim}.")
    return np.asarray(out).astype(dtype)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"mode must be 'reduced' or 'complete'; got {mode!r}.")
    x, dtype = _float_matrix(x)
    q, r = np.linalg.qr(x, mode=mode)
    return q.astype(dtype), r.astype(dtype)


def _solve_matrix_rhs(a, b, solver):
    """b of rank a.ndim - 1 is a (batch of) vector(s); otherwise a (batch of) matrices."""
    if b.ndim == a.ndim - 1:
        return solver(a, b[..., None])[..., 0]
    return solver(a, b)


def solve(a, b):
    a, b, dtype = _common(a, b)
    return _solve_matrix_rhs(a, b, np.linalg.solve).astype(dtype)


def _triangular_solve(a, b, lower):
    """Forward or back substitution, batched over leading dims (NumPy has no trsm)."""
    n = a.shape[-1]
    x = np.zeros(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + b.shape[-2:], dtype=b.dtype)
    order = range(n) if lower else range(n - 1, -1, -1)
    for i in order:
        rest = a[..., i:i + 1, :] @ x
        x[..., i, :] = (b[..., i, :] - rest[..., 0, :]) / a[..., i, i:i + 1]
    return x


def solve_triangular(a, b, lower=False):
    a, b, dtype = _common(a, b)
    a = np.tril(a) if lower else np.triu(a)
    return _solve_matrix_rhs(a, b, lambda m, r: _triangular_solve(m, r, lower)).astype(dtype)


def svd(x, full_matrices=True, compute_uv=True):
    x, dtype = _float_matrix(x)
    real = _REAL.get(dtype, dtype)
    if not compute_uv:
        return np.linalg.svd(x, compute_uv=False).astype(real)
    u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
    return u.astype(dtype), s.astype(real), vh.astype(dtype)


def lstsq(a, b, rcond=None):
    a, b, dtype = _common(a, b)
    return np.linalg.lstsq(a, b, rcond=rcond)[0].astype(dtype)


def matrix_rank(x, tol=None):
    x, _ = _float_matrix(x)
    return np.asarray(np.linalg.matrix_rank(x, tol=tol)).astype(np.int32)


def pinv(x, rcond=None):
    x, dtype = _float_matrix(x)
    if rcond is None:
        rcond = max(x.shape[-2:]) * np.finfo(x.dtype).eps
    return np.linalg.pinv(x, rcond=rcond).astype(dtype)


def jvp(fun, primals, tangents, has_aux=False):
    raise NotImplementedError("The numpy backend has no automatic differentiation: ops.jvp is unavailable.")
