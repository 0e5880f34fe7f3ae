"""PyTorch: linear algebra (torch.linalg)."""
import warnings

import torch

from keras_lite.backends.common import dtypes
from keras_lite.backends.torch.core import _torch_dtype, convert_to_tensor

_REAL = {torch.complex64: torch.float32, torch.complex128: torch.float64}


def _float_matrix(x):
    """(x in a LAPACK dtype, result dtype): ints and bools become floatx, half floats compute in float32."""
    x = convert_to_tensor(x)
    if x.is_floating_point() or x.is_complex():
        dtype = x.dtype
    else:
        dtype = _torch_dtype(dtypes.float_result_type(dtypes.standardize_dtype(x.dtype)))
    work = torch.float32 if dtype in (torch.float16, torch.bfloat16) else dtype
    return x.to(work), dtype


def _common(a, b):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    name = dtypes.float_result_type(dtypes.standardize_dtype(a.dtype), dtypes.standardize_dtype(b.dtype))
    dtype = _torch_dtype(name)
    work = torch.float32 if dtype in (torch.float16, torch.bfloat16) else dtype
    return a.to(work), b.to(work), dtype


def cholesky(x, upper=False):
    x, dtype = _float_matrix(x)
    return torch.linalg.cholesky(x, upper=upper).to(dtype)


def cholesky_inverse(x, upper=False):
    x, dtype = _float_matrix(x)
    return torch.cholesky_inverse(x, upper=upper).to(dtype)


def det(x):
    x, dtype = _float_matrix(x)
    return torch.linalg.det(x).to(dtype)


def eig(x):
    x, _ = _float_matrix(x)
    return torch.linalg.eig(x)


def eigh(x):
    x, dtype = _float_matrix(x)
    w, v = torch.linalg.eigh(x)
    return w.to(_REAL.get(dtype, dtype)), v.to(dtype)


def inv(x):
    x, dtype = _float_matrix(x)
    return torch.linalg.inv(x).to(dtype)


def lu_factor(x):
    x, dtype = _float_matrix(x)
    lu, pivots = torch.linalg.lu_factor(x)
    return lu.to(dtype), (pivots - 1).to(torch.int32)  # torch counts rows from 1


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x, dtype = _float_matrix(x)  # half floats compute in float32 (sums of squares overflow float16)
    if isinstance(axis, list):
        axis = tuple(axis)
    if ord is None and axis is None:
        out = torch.linalg.vector_norm(x, dim=None, keepdim=keepdims)
    else:
        out = torch.linalg.norm(x, ord=ord, dim=axis, keepdim=keepdims)
    return out.to(_REAL.get(dtype, dtype))


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"mode must be 'reduced' or 'complete'; got {mode!r}.")
    x, dtype = _float_matrix(x)
    q, r = torch.linalg.qr(x, mode=mode)
    return q.to(dtype), r.to(dtype)


def _solve_matrix_rhs(a, b, solver):
    """b of rank a.ndim - 1 is a (batch of) vector(s); otherwise a (batch of) matrices."""
    if b.ndim == a.ndim - 1:
        return solver(a, b.unsqueeze(-1)).squeeze(-1)
    return solver(a, b)


def solve(a, b):
    a, b, dtype = _common(a, b)
    return _solve_matrix_rhs(a, b, torch.linalg.solve).to(dtype)


def solve_triangular(a, b, lower=False):
    a, b, dtype = _common(a, b)
    return _solve_matrix_rhs(a, b, lambda m, r: torch.linalg.solve_triangular(m, r, upper=not lower)).to(dtype)


def svd(x, full_matrices=True, compute_uv=True):
    x, dtype = _float_matrix(x)
    real = _REAL.get(dtype, dtype)
    if not compute_uv:
        return torch.linalg.svdvals(x).to(real)
    u, s, vh = torch.linalg.svd(x, full_matrices=full_matrices)
    return u.to(dtype), s.to(real), vh.to(dtype)


def lstsq(a, b, rcond=None):
    a, b, dtype = _common(a, b)
    vector = b.ndim == 1
    if vector:
        b = b.unsqueeze(-1)
    if a.device.type == "cpu":
        # gelsd (SVD-based) drops singular values below rcond as NumPy does; the default gelsy does not.
        out = torch.linalg.lstsq(a, b, rcond=rcond, driver="gelsd").solution
    else:  # CUDA offers only gels (full rank): use the pseudo-inverse instead
        out = torch.linalg.pinv(a, rtol=rcond) @ b
    return (out.squeeze(-1) if vector else out).to(dtype)


def matrix_rank(x, tol=None):
    x, _ = _float_matrix(x)
    return torch.linalg.matrix_rank(x, atol=tol).to(torch.int32)


def pinv(x, rcond=None):
    x, dtype = _float_matrix(x)
    return torch.linalg.pinv(x, rtol=rcond).to(dtype)


def jvp(fun, primals, tangents, has_aux=False):
    primals = tuple(convert_to_tensor(p) for p in primals)
    tangents = tuple(convert_to_tensor(t) for t in tangents)
    with warnings.catch_warnings():  # torch's first forward-mode call loads decompositions via torch.jit.script
        warnings.filterwarnings("ignore", message=".*torch.jit.script.*", category=DeprecationWarning)
        return torch.func.jvp(fun, primals, tangents, has_aux=has_aux)
