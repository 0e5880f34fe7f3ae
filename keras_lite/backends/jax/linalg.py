"""JAX: linear algebra.

Most functions are jit-compiled as a whole (`_compiled`): in eager mode JAX otherwise
compiles every primitive separately, which costs several times more on first use.
"""
import functools
import inspect

import jax
import jax.numpy as jnp

from keras_lite.backends.common import dtypes
from keras_lite.backends.jax.core import _jax_dtype, convert_to_tensor

_REAL = {"complex64": "float32", "complex128": "float64"}


def _compiled(*static):
    """jax.jit the function; arguments named in `static` are compile-time constants, the rest tensors."""
    def wrap(fn):
        jitted = jax.jit(fn, static_argnames=static)
        names = tuple(inspect.signature(fn).parameters)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            kwargs.update(zip(names, args))
            for name, value in kwargs.items():
                if name not in static and value is not None:
                    kwargs[name] = convert_to_tensor(value)
            return jitted(**kwargs)
        return call
    return wrap


def _float_matrix(x):
    """(x in a LAPACK dtype, result dtype): ints and bools become floatx, half floats compute in float32."""
    x = convert_to_tensor(x)
    dtype = dtypes.float_result_type(x.dtype)
    work = "float32" if dtype in ("float16", "bfloat16") else dtype
    return convert_to_tensor(x, work), _jax_dtype(dtype)


def _common(a, b):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    dtype = dtypes.float_result_type(a.dtype, b.dtype)
    work = "float32" if dtype in ("float16", "bfloat16") else dtype
    return convert_to_tensor(a, work), convert_to_tensor(b, work), _jax_dtype(dtype)


def _mT(x):
    return jnp.swapaxes(x, -1, -2)


def _check_finite(out, op):
    if not isinstance(out, jax.core.Tracer) and bool(jnp.any(jnp.isnan(out))):
        raise ValueError(f"{op} failed: the input is not positive-definite.")
    return out


def cholesky(x, upper=False):
    return _check_finite(_cholesky(x, upper=upper), "Cholesky decomposition")


@_compiled("upper")
def _cholesky(x, upper):
    x, dtype = _float_matrix(x)
    out = jnp.linalg.cholesky(x)
    return (jnp.conj(_mT(out)) if upper else out).astype(dtype)


@_compiled("upper")
def cholesky_inverse(x, upper=False):
    x, dtype = _float_matrix(x)
    lower = jnp.conj(_mT(x)) if upper else x
    eye = jnp.broadcast_to(jnp.eye(x.shape[-1], dtype=x.dtype), x.shape)
    import jax.scipy.linalg as jsl  # not at import: it loads eight more jax modules

    inv_lower = jsl.solve_triangular(lower, eye, lower=True)
    return (jnp.conj(_mT(inv_lower)) @ inv_lower).astype(dtype)


@_compiled()
def det(x):
    x, dtype = _float_matrix(x)
    return jnp.linalg.det(x).astype(dtype)


@_compiled()
def eig(x):
    x, _ = _float_matrix(x)
    return jnp.linalg.eig(x)


@_compiled()
def eigh(x):
    x, dtype = _float_matrix(x)
    w, v = jnp.linalg.eigh(x)
    return w.astype(_REAL.get(dtype.name, dtype)), v.astype(dtype)


@_compiled()
def inv(x):
    x, dtype = _float_matrix(x)
    return jnp.linalg.inv(x).astype(dtype)


@_compiled()
def lu_factor(x):
    x, dtype = _float_matrix(x)
    lu, pivots, _ = jax.lax.linalg.lu(x)
    return lu.astype(dtype), pivots.astype("int32")


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    return _norm(x, ord=ord, axis=tuple(axis) if isinstance(axis, list) else axis, keepdims=bool(keepdims))


@_compiled("ord", "axis", "keepdims")
def _norm(x, ord, axis, keepdims):  # noqa: A002
    dtype = _jax_dtype(dtypes.float_result_type(x.dtype))
    if not jnp.iscomplexobj(x):  # half floats compute in float32 (sums of squares overflow float16)
        x = x.astype("float32" if dtype.itemsize < 4 else dtype)
    out = jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)
    return out if jnp.iscomplexobj(x) else out.astype(dtype)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"mode must be 'reduced' or 'complete'; got {mode!r}.")
    return _qr(x, mode=mode)


@_compiled("mode")
def _qr(x, mode):
    x, dtype = _float_matrix(x)
    q, r = jnp.linalg.qr(x, mode=mode)
    return q.astype(dtype), r.astype(dtype)


def _solve_matrix_rhs(a, b, solver):
    """b of rank a.ndim - 1 is a (batch of) vector(s); otherwise a (batch of) matrices."""
    if b.ndim == a.ndim - 1:
        return solver(a, b[..., None])[..., 0]
    return solver(a, b)


@_compiled()
def solve(a, b):
    a, b, dtype = _common(a, b)
    return _solve_matrix_rhs(a, b, jnp.linalg.solve).astype(dtype)


@_compiled("lower")
def solve_triangular(a, b, lower=False):
    a, b, dtype = _common(a, b)

    def solver(m, r):
        batch = jnp.broadcast_shapes(m.shape[:-2], r.shape[:-2])
        m = jnp.broadcast_to(m, batch + m.shape[-2:])
        r = jnp.broadcast_to(r, batch + r.shape[-2:])
        import jax.scipy.linalg as jsl

        return jsl.solve_triangular(m, r, lower=lower)

    return _solve_matrix_rhs(a, b, solver).astype(dtype)


@_compiled("full_matrices", "compute_uv")
def svd(x, full_matrices=True, compute_uv=True):
    x, dtype = _float_matrix(x)
    real = _REAL.get(dtype.name, dtype)
    if not compute_uv:
        return jnp.linalg.svd(x, compute_uv=False).astype(real)
    u, s, vh = jnp.linalg.svd(x, full_matrices=full_matrices)
    return u.astype(dtype), s.astype(real), vh.astype(dtype)


@_compiled("rcond")
def lstsq(a, b, rcond=None):
    a, b, dtype = _common(a, b)
    return jnp.linalg.lstsq(a, b, rcond=rcond)[0].astype(dtype)


@_compiled("tol")
def matrix_rank(x, tol=None):
    x, _ = _float_matrix(x)
    s = jnp.linalg.svd(x, compute_uv=False)
    if tol is None:
        tol = jnp.max(s, axis=-1, keepdims=True) * max(x.shape[-2:]) * jnp.finfo(x.dtype).eps
    else:
        tol = jnp.asarray(tol)[..., None]
    return jnp.sum(s > tol, axis=-1).astype("int32")


@_compiled("rcond")
def pinv(x, rcond=None):
    x, dtype = _float_matrix(x)
    if rcond is None:
        rcond = max(x.shape[-2:]) * jnp.finfo(x.dtype).eps
    return jnp.linalg.pinv(x, rtol=rcond).astype(dtype)


def jvp(fun, primals, tangents, has_aux=False):
    primals = tuple(convert_to_tensor(p) for p in primals)
    tangents = tuple(convert_to_tensor(t) for t in tangents)
    return jax.jvp(fun, primals, tangents, has_aux=has_aux)
