"""Linear algebra ops on (batches of) matrices: the last two axes are the matrix.

Integer and bool inputs compute in floatx; half-precision floats compute in float32 and
return their own dtype. Shape rules are written here because abstract evaluation would
run factorisations on placeholder zeros, which some engines reject (singular matrices).
"""
from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import broadcast_shapes, reduced_shape, shape_of

__all__ = [
    "cholesky", "cholesky_inverse", "det", "eig", "eigh", "inv", "jvp", "lstsq", "lu_factor", "matrix_rank",
    "norm", "pinv", "qr", "solve", "solve_triangular", "svd",
]
_COMPLEX = {"float64": "complex128", "complex128": "complex128"}
_REAL = {"complex64": "float32", "complex128": "float64"}


def _matrix(x, op_name, square=True):
    """The shape of x, checked to be a (batch of) matrices; and its float result dtype."""
    shape = shape_of(x)
    if len(shape) < 2:
        raise ValueError(f"ops.{op_name}: expected a matrix or a batch of matrices; got shape {shape}.")
    if square and None not in shape[-2:] and shape[-1] != shape[-2]:
        raise ValueError(f"ops.{op_name}: expected square matrices (..., M, M); got shape {shape}.")
    return shape, dtypes.float_result_type(dtype_of(x))


@keras_op(spec=lambda x, upper=False: KerasTensor(*_matrix(x, "cholesky")))
def cholesky(x, upper=False):
    """The Cholesky factor of positive-definite matrices: lower (L @ L^H = x), or upper if asked."""
    return engine.linalg.cholesky(x, upper=upper)


@keras_op(spec=lambda x, upper=False: KerasTensor(*_matrix(x, "cholesky_inverse")))
def cholesky_inverse(x, upper=False):
    """The inverse of A from its Cholesky factor x (A = x @ x^H, or x^H @ x if upper)."""
    return engine.linalg.cholesky_inverse(x, upper=upper)


def _det_spec(x):
    shape, dtype = _matrix(x, "det")
    return KerasTensor(shape[:-2], dtype)


@keras_op(spec=_det_spec)
def det(x):
    return engine.linalg.det(x)


def _eig_spec(x):
    shape, dtype = _matrix(x, "eig")
    complex_dtype = _COMPLEX.get(dtype, "complex64")
    return KerasTensor(shape[:-1], complex_dtype), KerasTensor(shape, complex_dtype)


@keras_op(spec=_eig_spec)
def eig(x):
    """(eigenvalues, eigenvectors) of general square matrices, as complex tensors."""
    return engine.linalg.eig(x)


def _eigh_spec(x):
    shape, dtype = _matrix(x, "eigh")
    return KerasTensor(shape[:-1], _REAL.get(dtype, dtype)), KerasTensor(shape, dtype)


@keras_op(spec=_eigh_spec)
def eigh(x):
    """(eigenvalues in ascending order, eigenvectors as columns) of symmetric/Hermitian matrices."""
    return engine.linalg.eigh(x)


@keras_op(spec=lambda x: KerasTensor(*_matrix(x, "inv")))
def inv(x):
    return engine.linalg.inv(x)


def _lu_spec(x):
    shape, dtype = _matrix(x, "lu_factor", square=False)
    m, n = shape[-2:]
    k = None if m is None or n is None else min(m, n)
    return KerasTensor(shape, dtype), KerasTensor(shape[:-2] + (k,), "int32")


@keras_op(spec=_lu_spec)
def lu_factor(x):
    """(lu, pivots) as LAPACK getrf: L (unit diagonal) and U packed in one matrix, 0-based row swaps."""
    return engine.linalg.lu_factor(x)


def _norm_spec(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    shape = shape_of(x)
    dtype = dtypes.float_result_type(dtype_of(x))
    if axis is None and ord is not None and len(shape) > 2:
        raise ValueError(f"ops.norm: with ord={ord!r} and axis=None the input must be 1-D or 2-D; "
                         f"got shape {shape}.")
    if axis is not None and not isinstance(axis, int) and len(axis) > 2:
        raise ValueError(f"ops.norm: axis takes one axis (vector norm) or two (matrix norm); got {axis}.")
    return KerasTensor(reduced_shape(shape, axis, keepdims, "norm"), _REAL.get(dtype, dtype))


@keras_op(spec=_norm_spec)
def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002 - the Keras name
    """Vector norm over one axis, matrix norm over two, as np.linalg.norm.

    Vector ords: None/2, inf, -inf, 0 and any p; matrix ords: None/'fro', 'nuc', inf, -inf, 1, -1, 2, -2.
    """
    return engine.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def _qr_spec(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"ops.qr: mode must be 'reduced' or 'complete'; got {mode!r}.")
    shape, dtype = _matrix(x, "qr", square=False)
    batch, (m, n) = shape[:-2], shape[-2:]
    if mode == "complete":
        return KerasTensor(batch + (m, m), dtype), KerasTensor(shape, dtype)
    k = None if m is None or n is None else min(m, n)
    return KerasTensor(batch + (m, k), dtype), KerasTensor(batch + (k, n), dtype)


@keras_op(spec=_qr_spec)
def qr(x, mode="reduced"):
    """(q, r) with x = q @ r, q orthonormal columns, r upper triangular."""
    return engine.linalg.qr(x, mode=mode)


def _solve_spec(op_name):
    def spec(a, b, **kwargs):
        a_shape, _ = _matrix(a, op_name)
        b_shape = shape_of(b)
        dtype = dtypes.float_result_type(dtype_of(a), dtype_of(b))
        vector = len(b_shape) == len(a_shape) - 1
        if len(b_shape) < (1 if vector else 2):
            raise ValueError(f"ops.{op_name}: b must have shape (..., M) or (..., M, N); got {b_shape}.")
        rows = b_shape[-1] if vector else b_shape[-2]
        if None not in (rows, a_shape[-1]) and rows != a_shape[-1]:
            raise ValueError(f"ops.{op_name}: a of shape {a_shape} and b of shape {b_shape} do not match.")
        core = b_shape[-1:] if vector else b_shape[-2:]
        batch = broadcast_shapes(a_shape[:-2], b_shape[:len(b_shape) - len(core)])
        return KerasTensor(batch + tuple(core), dtype)
    return spec


@keras_op(spec=_solve_spec("solve"))
def solve(a, b):
    """x with a @ x = b; b of rank a.ndim - 1 is a (batch of) vector(s), else of matrices."""
    return engine.linalg.solve(a, b)


@keras_op(spec=_solve_spec("solve_triangular"))
def solve_triangular(a, b, lower=False):
    """solve() for triangular a, reading only its lower (or upper) triangle."""
    return engine.linalg.solve_triangular(a, b, lower=lower)


def _svd_spec(x, full_matrices=True, compute_uv=True):
    shape, dtype = _matrix(x, "svd", square=False)
    batch, (m, n) = shape[:-2], shape[-2:]
    k = None if m is None or n is None else min(m, n)
    s = KerasTensor(batch + (k,), _REAL.get(dtype, dtype))
    if not compute_uv:
        return s
    if full_matrices:
        return KerasTensor(batch + (m, m), dtype), s, KerasTensor(batch + (n, n), dtype)
    return KerasTensor(batch + (m, k), dtype), s, KerasTensor(batch + (k, n), dtype)


@keras_op(spec=_svd_spec)
def svd(x, full_matrices=True, compute_uv=True):
    """(u, s, vh) with x = u @ diag(s) @ vh; only s if compute_uv is False."""
    return engine.linalg.svd(x, full_matrices=full_matrices, compute_uv=compute_uv)


def _lstsq_spec(a, b, rcond=None):
    a_shape, b_shape = shape_of(a), shape_of(b)
    if len(a_shape) != 2 or len(b_shape) not in (1, 2):
        raise ValueError(f"ops.lstsq: expected a of shape (M, N) and b of shape (M,) or (M, K); "
                         f"got {a_shape} and {b_shape}.")
    if None not in (a_shape[0], b_shape[0]) and a_shape[0] != b_shape[0]:
        raise ValueError(f"ops.lstsq: a of shape {a_shape} and b of shape {b_shape} differ in rows.")
    dtype = dtypes.float_result_type(dtype_of(a), dtype_of(b))
    return KerasTensor((a_shape[1],) + tuple(b_shape[1:]), dtype)


@keras_op(spec=_lstsq_spec)
def lstsq(a, b, rcond=None):
    """The least-squares solution of a @ x = b (singular values below rcond * max are dropped)."""
    return engine.linalg.lstsq(a, b, rcond=rcond)


@keras_op(spec=lambda x, tol=None: KerasTensor(_matrix(x, "matrix_rank", square=False)[0][:-2], "int32"))
def matrix_rank(x, tol=None):
    """The number of singular values above tol (default: max(s) * max(M, N) * eps); int32."""
    return engine.linalg.matrix_rank(x, tol=tol)


def _pinv_spec(x, rcond=None):
    shape, dtype = _matrix(x, "pinv", square=False)
    return KerasTensor(shape[:-2] + (shape[-1], shape[-2]), dtype)


@keras_op(spec=_pinv_spec)
def pinv(x, rcond=None):
    """The Moore-Penrose pseudo-inverse (singular values below rcond * max are dropped)."""
    return engine.linalg.pinv(x, rcond=rcond)


@keras_op()
def jvp(fun, primals, tangents, has_aux=False):
    """(fun(*primals), the directional derivative along tangents) [+ aux]: forward-mode autodiff."""
    return engine.linalg.jvp(fun, primals, tangents, has_aux=has_aux)
