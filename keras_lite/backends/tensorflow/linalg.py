"""TensorFlow: linear algebra (tf.linalg, with norms, lstsq and LAPACK-style pivots written out)."""
import numpy as np
import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.tensorflow.core import convert_to_tensor

_REAL = {tf.complex64: tf.float32, tf.complex128: tf.float64}


def _float_matrix(x):
    """(x in a LAPACK dtype, result dtype): ints and bools become floatx, half floats compute in float32."""
    x = convert_to_tensor(x)
    dtype = x.dtype if (x.dtype.is_floating or x.dtype.is_complex) else tf.as_dtype(
        dtypes.float_result_type(x.dtype.name))
    work = tf.float32 if dtype in (tf.float16, tf.bfloat16) else dtype
    return tf.cast(x, work), dtype


def _common(a, b):
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    dtype = tf.as_dtype(dtypes.float_result_type(a.dtype.name, b.dtype.name))
    work = tf.float32 if dtype in (tf.float16, tf.bfloat16) else dtype
    return tf.cast(a, work), tf.cast(b, work), dtype


def cholesky(x, upper=False):
    x, dtype = _float_matrix(x)
    out = tf.linalg.cholesky(x)
    if tf.executing_eagerly() and bool(tf.reduce_any(tf.math.is_nan(out))):
        raise ValueError("Cholesky decomposition failed: the input is not positive-definite.")
    return tf.cast(tf.linalg.adjoint(out) if upper else out, dtype)


def cholesky_inverse(x, upper=False):
    x, dtype = _float_matrix(x)
    lower = tf.linalg.adjoint(x) if upper else x
    eye = tf.eye(tf.shape(x)[-1], batch_shape=tf.shape(x)[:-2], dtype=x.dtype)
    return tf.cast(tf.linalg.cholesky_solve(lower, eye), dtype)


def det(x):
    x, dtype = _float_matrix(x)
    return tf.cast(tf.linalg.det(x), dtype)


def eig(x):
    x, _ = _float_matrix(x)
    return tf.linalg.eig(x)


def eigh(x):
    x, dtype = _float_matrix(x)
    w, v = tf.linalg.eigh(x)
    return tf.cast(w, _REAL.get(dtype, dtype)), tf.cast(v, dtype)


def inv(x):
    x, dtype = _float_matrix(x)
    return tf.cast(tf.linalg.inv(x), dtype)


def lu_factor(x):
    """tf.linalg.lu gives a row permutation; rewrite it as LAPACK's sequence of 0-based row swaps."""
    x, dtype = _float_matrix(x)
    lu, perm = tf.linalg.lu(x)
    n = x.shape[-1]
    current = tf.broadcast_to(tf.range(n), tf.shape(perm))  # which original row sits at each position
    pivots = []
    for i in range(n):
        # The row that must come to position i is perm[i]; find where it currently sits.
        where = tf.cast(tf.argmax(tf.cast(tf.equal(current, perm[..., i:i + 1]), tf.int32), axis=-1), tf.int32)
        pivots.append(where)
        at_i = current[..., i]
        at_where = tf.gather(current, where[..., None], batch_dims=where.shape.rank)[..., 0]
        positions = tf.range(n)
        current = tf.where(positions == i, at_where[..., None],
                           tf.where(positions == where[..., None], at_i[..., None], current))
    return tf.cast(lu, dtype), tf.stack(pivots, axis=-1)


def _vector_norm(x, ord, axis, keepdims):  # noqa: A002
    a = tf.abs(x)
    if ord is None or ord == 2:
        return tf.sqrt(tf.reduce_sum(a * a, axis=axis, keepdims=keepdims))
    if ord == np.inf:
        return tf.reduce_max(a, axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return tf.reduce_min(a, axis=axis, keepdims=keepdims)
    if ord == 0:
        return tf.reduce_sum(tf.cast(a != 0, a.dtype), axis=axis, keepdims=keepdims)
    if isinstance(ord, str):
        raise ValueError(f"invalid ord {ord!r} for a vector norm.")
    return tf.pow(tf.reduce_sum(tf.pow(a, ord), axis=axis, keepdims=keepdims), 1.0 / ord)


def _matrix_norm(x, ord, axis, keepdims):  # noqa: A002
    row, col = axis
    if ord in (None, "fro"):
        a = tf.abs(x)
        out = tf.sqrt(tf.reduce_sum(a * a, axis=axis, keepdims=True))
    elif ord in ("nuc", 2, -2):
        rank = x.shape.rank
        order = [d for d in range(rank) if d not in (row, col)] + [row, col]
        s = tf.linalg.svd(tf.transpose(x, order), compute_uv=False)
        s = {"nuc": tf.reduce_sum, 2: tf.reduce_max, -2: tf.reduce_min}[ord](s, axis=-1)
        out = tf.expand_dims(tf.expand_dims(s, min(row, col)), max(row, col))
    elif ord in (1, -1, np.inf, -np.inf):
        summed_axis, reduced_axis = (row, col) if ord in (1, -1) else (col, row)
        sums = tf.reduce_sum(tf.abs(x), axis=summed_axis, keepdims=True)
        out = (tf.reduce_max if ord > 0 else tf.reduce_min)(sums, axis=reduced_axis, keepdims=True)
    else:
        raise ValueError(f"invalid ord {ord!r} for a matrix norm.")
    return out if keepdims else tf.squeeze(out, axis=(row, col))


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x, dtype = _float_matrix(x)  # half floats compute in float32 (sums of squares overflow float16)
    return tf.cast(_norm(x, ord, axis, keepdims), _REAL.get(dtype, dtype))


def _norm(x, ord, axis, keepdims):  # noqa: A002
    ndim = x.shape.rank
    if axis is None:
        if ord is None:
            return _vector_norm(x, None, None, keepdims)
        axis = tuple(range(ndim))
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    axes = tuple(a % ndim for a in axes)
    if len(axes) == 1:
        return _vector_norm(x, ord, axes[0], keepdims)
    if len(axes) == 2:
        return _matrix_norm(x, ord, axes, keepdims)
    raise ValueError(f"norm takes 1 or 2 axes; got axis={axis} for a tensor of rank {ndim}.")


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"mode must be 'reduced' or 'complete'; got {mode!r}.")
    x, dtype = _float_matrix(x)
    q, r = tf.linalg.qr(x, full_matrices=mode == "complete")
    return tf.cast(q, dtype), tf.cast(r, dtype)


def _broadcast_batch(a, b):
    batch = tf.broadcast_static_shape(a.shape[:-2], b.shape[:-2])
    if batch.is_fully_defined():
        return tf.broadcast_to(a, batch.as_list() + a.shape[-2:].as_list()), \
            tf.broadcast_to(b, batch.as_list() + b.shape[-2:].as_list())
    shape = tf.broadcast_dynamic_shape(tf.shape(a)[:-2], tf.shape(b)[:-2])
    return tf.broadcast_to(a, tf.concat([shape, tf.shape(a)[-2:]], 0)), \
        tf.broadcast_to(b, tf.concat([shape, tf.shape(b)[-2:]], 0))


def _solve_matrix_rhs(a, b, solver):
    """b of rank a.ndim - 1 is a (batch of) vector(s); otherwise a (batch of) matrices."""
    if b.shape.rank == a.shape.rank - 1:
        return solver(a, b[..., None])[..., 0]
    return solver(a, b)


def solve(a, b):
    a, b, dtype = _common(a, b)
    return tf.cast(_solve_matrix_rhs(a, b, lambda m, r: tf.linalg.solve(*_broadcast_batch(m, r))), dtype)


def solve_triangular(a, b, lower=False):
    a, b, dtype = _common(a, b)

    def solver(m, r):
        return tf.linalg.triangular_solve(*_broadcast_batch(m, r), lower=lower)

    return tf.cast(_solve_matrix_rhs(a, b, solver), dtype)


def svd(x, full_matrices=True, compute_uv=True):
    x, dtype = _float_matrix(x)
    real = _REAL.get(dtype, dtype)
    if not compute_uv:
        return tf.cast(tf.linalg.svd(x, compute_uv=False), real)
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices)
    return tf.cast(u, dtype), tf.cast(s, real), tf.cast(tf.linalg.adjoint(v), dtype)


def _cutoff(s, shape, rcond, dtype):
    if rcond is None:
        rcond = max(shape[-2:]) * np.finfo(dtype.as_numpy_dtype).eps
    return tf.reduce_max(s, axis=-1, keepdims=True) * rcond


def lstsq(a, b, rcond=None):
    """Through the SVD, dropping singular values below rcond * max as NumPy does."""
    a, b, dtype = _common(a, b)
    s, u, v = tf.linalg.svd(a, full_matrices=False)
    keep = s > _cutoff(s, a.shape, rcond, a.dtype)
    s_inv = tf.where(keep, 1.0 / tf.where(keep, s, tf.ones_like(s)), tf.zeros_like(s))
    vector = b.shape.rank == 1
    rhs = b[:, None] if vector else b
    out = v @ (s_inv[:, None] * (tf.linalg.adjoint(u) @ rhs))
    return tf.cast(out[:, 0] if vector else out, dtype)


def matrix_rank(x, tol=None):
    x, _ = _float_matrix(x)
    s = tf.linalg.svd(x, compute_uv=False)
    limit = _cutoff(s, x.shape, None, x.dtype) if tol is None else tf.cast(tol, s.dtype)[..., None]
    return tf.reduce_sum(tf.cast(s > limit, tf.int32), axis=-1)


def pinv(x, rcond=None):
    x, dtype = _float_matrix(x)
    if rcond is None:
        rcond = max(x.shape[-2:]) * np.finfo(x.dtype.as_numpy_dtype).eps
    return tf.cast(tf.linalg.pinv(x, rcond=rcond), dtype)


def jvp(fun, primals, tangents, has_aux=False):
    primals = tuple(convert_to_tensor(p) for p in primals)
    tangents = tuple(convert_to_tensor(t) for t in tangents)
    with tf.autodiff.ForwardAccumulator(primals, tangents) as accumulator:
        out = fun(*primals)
    if has_aux:
        out, aux = out
    tangent_out = tf.nest.map_structure(
        lambda o: accumulator.jvp(o, unconnected_gradients=tf.UnconnectedGradients.ZERO), out)
    return (out, tangent_out, aux) if has_aux else (out, tangent_out)
