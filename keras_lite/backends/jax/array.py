"""JAX: array ops (creation, shape manipulation, joining and splitting, products)."""
import jax
import jax.numpy as jnp
import numpy as np

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.jax.core import Variable, convert_to_tensor


def _jnp_dtype(dtype):
    """The dtype JAX stores `dtype` as (64-bit types narrow without x64), without a warning."""
    return jax.dtypes.canonicalize_dtype(dtypes.to_numpy_dtype(dtype))


def _promote(xs, dtype=None):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = dtype or dtypes.result_type(*(dtypes.standardize_dtype(x.dtype) for x in xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _product_args(xs, widen_int8=False):
    xs = [convert_to_tensor(x) for x in xs]
    first = xs[0].dtype
    if all(x.dtype == first for x in xs) and not (widen_int8 and first == np.int8):
        return xs  # the usual case (a layer's inputs and weights): nothing to cast
    names = [dtypes.standardize_dtype(x.dtype) for x in xs]
    dtype = "int32" if widen_int8 and all(n == "int8" for n in names) else dtypes.result_type(*names)
    return _promote(xs, dtype)


# -- creation -----------------------------------------------------------------
def arange(start, stop=None, step=None, dtype=None):
    return jnp.arange(start, stop, 1 if step is None else step, dtype=_jnp_dtype(dtype))


def zeros(shape, dtype=None):
    return jnp.zeros(shape, dtype=_jnp_dtype(dtype))


def ones(shape, dtype=None):
    return jnp.ones(shape, dtype=_jnp_dtype(dtype))


def full(shape, fill_value, dtype=None):
    return jnp.broadcast_to(convert_to_tensor(fill_value, dtype), shape)


def zeros_like(x, dtype=None):
    return jnp.zeros_like(convert_to_tensor(x), dtype=_jnp_dtype(dtype) if dtype else None)


def ones_like(x, dtype=None):
    return jnp.ones_like(convert_to_tensor(x), dtype=_jnp_dtype(dtype) if dtype else None)


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    return full(x.shape, fill_value, dtype or dtypes.standardize_dtype(x.dtype))


def eye(N, M=None, k=0, dtype=None):
    return jnp.eye(N, M, k, dtype=_jnp_dtype(dtype))


def tri(N, M=None, k=0, dtype=None):
    return jnp.tri(N, M, k, dtype=_jnp_dtype(dtype))


def _cast_space(y, dtype):
    if dtypes.is_int_dtype(dtype):
        y = jnp.floor(y)
    return convert_to_tensor(y, dtype)


def _compute():
    """The float type to compute spacings in: float64 if enabled, else float32."""
    return jnp.result_type(float)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    y, step = jnp.linspace(jnp.asarray(start, _compute()), jnp.asarray(stop, _compute()), num, endpoint,
                           retstep=True, axis=axis)
    y = _cast_space(y, dtype)
    return (y, step) if retstep else y


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    y = jnp.logspace(jnp.asarray(start, _compute()), jnp.asarray(stop, _compute()), num, endpoint, base, axis=axis)
    return convert_to_tensor(y, dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    y = jnp.geomspace(jnp.asarray(start, _compute()), jnp.asarray(stop, _compute()), num, endpoint, axis=axis)
    return convert_to_tensor(y, dtype)


def bartlett(x):
    return convert_to_tensor(jnp.bartlett(x), config.floatx())


def blackman(x):
    return convert_to_tensor(jnp.blackman(x), config.floatx())


def hamming(x):
    return convert_to_tensor(jnp.hamming(x), config.floatx())


def hanning(x):
    return convert_to_tensor(jnp.hanning(x), config.floatx())


def kaiser(x, beta):
    return convert_to_tensor(jnp.kaiser(x, beta), config.floatx())


def meshgrid(*x, indexing="xy"):
    return list(jnp.meshgrid(*(convert_to_tensor(t) for t in x), indexing=indexing))


def vander(x, N=None, increasing=False):
    return jnp.vander(convert_to_tensor(x), N, increasing)


# -- shape manipulation -------------------------------------------------------
def reshape(x, newshape):
    return jnp.reshape(convert_to_tensor(x), newshape)


def transpose(x, axes=None):
    return jnp.transpose(convert_to_tensor(x), axes)


def expand_dims(x, axis):
    return jnp.expand_dims(convert_to_tensor(x), axis)


def squeeze(x, axis=None):
    return jnp.squeeze(convert_to_tensor(x), axis)


def ravel(x):
    return jnp.ravel(convert_to_tensor(x))


def broadcast_to(x, shape):
    return jnp.broadcast_to(convert_to_tensor(x), shape)


def moveaxis(x, source, destination):
    return jnp.moveaxis(convert_to_tensor(x), source, destination)


def swapaxes(x, axis1, axis2):
    return jnp.swapaxes(convert_to_tensor(x), axis1, axis2)


def flip(x, axis=None):
    return jnp.flip(convert_to_tensor(x), axis)


def roll(x, shift, axis=None):
    return jnp.roll(convert_to_tensor(x), shift, axis)


def rot90(array, k=1, axes=(0, 1)):
    return jnp.rot90(convert_to_tensor(array), k, axes)


def tile(x, repeats):
    return jnp.tile(convert_to_tensor(x), repeats)


def repeat(x, repeats, axis=None):
    if isinstance(repeats, (list, tuple)):
        repeats = np.asarray(repeats)
    return jnp.repeat(convert_to_tensor(x), repeats, axis)


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    if mode == "constant":
        return jnp.pad(x, pad_width, mode, constant_values=0 if constant_values is None else constant_values)
    return jnp.pad(x, pad_width, "wrap" if mode == "circular" else mode)


def diag(x, k=0):
    return jnp.diag(convert_to_tensor(x), k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    return jnp.diagonal(convert_to_tensor(x), offset, axis1, axis2)


def tril(x, k=0):
    return jnp.tril(convert_to_tensor(x), k)


def triu(x, k=0):
    return jnp.triu(convert_to_tensor(x), k)


def size(x):
    return jnp.asarray(jnp.size(convert_to_tensor(x)), dtype="int32")


# -- joining and splitting ----------------------------------------------------
def concatenate(xs, axis=0):
    return jnp.concatenate(_promote(xs), axis=axis)


def stack(x, axis=0):
    return jnp.stack(_promote(x), axis=axis)


def hstack(xs):
    return jnp.hstack(_promote(xs))


def vstack(xs):
    return jnp.vstack(_promote(xs))


def dstack(xs):
    return jnp.dstack(_promote(xs))


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    if isinstance(indices_or_sections, int):
        return jnp.array_split(x, indices_or_sections, axis)
    bounds = [None] + list(indices_or_sections) + [None]  # slices clip like NumPy's
    lead = (slice(None),) * (axis % x.ndim)
    return [x[lead + (slice(a, b),)] for a, b in zip(bounds[:-1], bounds[1:])]


# -- indexing -----------------------------------------------------------------
def _index(k):
    if isinstance(k, Variable):
        return k.value
    if isinstance(k, list):
        return np.asarray(k)
    return k


def get_item(x, key):
    x = convert_to_tensor(x)
    key = tuple(map(_index, key)) if isinstance(key, tuple) else _index(key)
    basic = key if isinstance(key, tuple) else (key,)
    if any(isinstance(k, int) for k in basic) and all(
            k is None or k is Ellipsis or isinstance(k, (int, slice)) for k in basic):
        # JAX clamps out-of-range ints; index a zero-stride NumPy view to raise IndexError as NumPy does.
        try:
            np.broadcast_to(np.empty((), bool), x.shape)[key]
        except IndexError as e:
            raise ValueError(str(e)) from None
    return x[key]


# -- products -----------------------------------------------------------------
def matmul(x1, x2):
    x1, x2 = _product_args((x1, x2), widen_int8=True)
    return jnp.matmul(x1, x2)


def dot(x1, x2):
    x1, x2 = _product_args((x1, x2))
    return jnp.dot(x1, x2)


def tensordot(x1, x2, axes=2):
    x1, x2 = _product_args((x1, x2))
    return jnp.tensordot(x1, x2, axes)


def einsum(subscripts, *operands, **kwargs):
    operands = _product_args(operands, widen_int8=True)
    return jnp.einsum(subscripts, *operands, **kwargs)


def inner(x1, x2):
    x1, x2 = _product_args((x1, x2))
    return jnp.inner(x1, x2)


def outer(x1, x2):
    x1, x2 = _product_args((x1, x2))
    return jnp.outer(x1, x2)


def kron(x1, x2):
    x1, x2 = _product_args((x1, x2))
    return jnp.kron(x1, x2)


def vdot(x1, x2):
    x1, x2 = _product_args((x1, x2))
    return jnp.vdot(x1, x2)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1):
    x1, x2 = _product_args((x1, x2))
    return jnp.cross(x1, x2, axisa, axisb, axisc)


def correlate(x1, x2, mode="valid"):
    dtype = dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
    dtype = "float64" if dtype in ("int64", "uint64") else dtype if dtype in ("bfloat16", "float16", "float64") \
        else "float32"
    x1, x2 = _promote((x1, x2), dtype)
    return jnp.correlate(x1, x2, mode)


# -- vectorize ----------------------------------------------------------------
def vmap(fn, args):
    return jax.vmap(fn)(*args)
