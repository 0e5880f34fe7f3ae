"""NumPy: array ops (creation, shape manipulation, joining and splitting, products)."""
import numpy as np
import optree

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.numpy.core import Variable, convert_to_tensor


def _np_dtype(dtype):
    return dtypes.to_numpy_dtype(dtype)


def _promote(xs, dtype=None):
    """The arguments as arrays of their common (Keras) result dtype."""
    xs = [convert_to_tensor(x) for x in xs]
    dtype = _np_dtype(dtype or dtypes.result_type(*(dtypes.standardize_dtype(x.dtype) for x in xs)))
    return [x if x.dtype == dtype else x.astype(dtype) for x in xs]


def _product_args(xs, widen_int8=False):
    """Inputs cast for a product, and the result dtype (bfloat16 is computed in float32)."""
    xs = [convert_to_tensor(x) for x in xs]
    names = [dtypes.standardize_dtype(x.dtype) for x in xs]
    dtype = "int32" if widen_int8 and all(n == "int8" for n in names) else dtypes.result_type(*names)
    compute = "float32" if dtype == "bfloat16" else dtype
    return _promote(xs, compute), dtype


def _as(x, dtype):
    return np.asarray(x).astype(_np_dtype(dtype), copy=False)


# -- creation -----------------------------------------------------------------
def arange(start, stop=None, step=None, dtype=None):
    return np.arange(start, stop, 1 if step is None else step).astype(_np_dtype(dtype))


def zeros(shape, dtype=None):
    return np.zeros(shape, dtype=_np_dtype(dtype))


def ones(shape, dtype=None):
    return np.ones(shape, dtype=_np_dtype(dtype))


def full(shape, fill_value, dtype=None):
    fill_value = convert_to_tensor(fill_value, dtype)
    return np.array(np.broadcast_to(fill_value, shape))


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return np.zeros(x.shape, dtype=_np_dtype(dtype) if dtype else x.dtype)


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return np.ones(x.shape, dtype=_np_dtype(dtype) if dtype else x.dtype)


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    return full(x.shape, fill_value, dtype or dtypes.standardize_dtype(x.dtype))


def eye(N, M=None, k=0, dtype=None):
    return np.eye(N, M, k, dtype=_np_dtype(dtype))


def tri(N, M=None, k=0, dtype=None):
    return np.tri(N, M, k, dtype=_np_dtype(dtype))


def _cast_space(y, dtype):
    if dtypes.is_int_dtype(dtype):
        y = np.floor(y)
    return _as(y, dtype)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    y, step = np.linspace(np.asarray(start, "float64"), np.asarray(stop, "float64"), num, endpoint,
                          retstep=True, axis=axis)
    y = _cast_space(y, dtype)
    return (y, step) if retstep else y


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    y = np.logspace(np.asarray(start, "float64"), np.asarray(stop, "float64"), num, endpoint, base, axis=axis)
    return _as(y, dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    y = np.geomspace(np.asarray(start, "float64"), np.asarray(stop, "float64"), num, endpoint, axis=axis)
    return _as(y, dtype)


def bartlett(x):
    return _as(np.bartlett(x), config.floatx())


def blackman(x):
    return _as(np.blackman(x), config.floatx())


def hamming(x):
    return _as(np.hamming(x), config.floatx())


def hanning(x):
    return _as(np.hanning(x), config.floatx())


def kaiser(x, beta):
    return _as(np.kaiser(x, beta), config.floatx())


def meshgrid(*x, indexing="xy"):
    return list(np.meshgrid(*(convert_to_tensor(t) for t in x), indexing=indexing))


def vander(x, N=None, increasing=False):
    x = convert_to_tensor(x)
    return np.vander(x, N, increasing).astype(x.dtype, copy=False)


# -- shape manipulation -------------------------------------------------------
def reshape(x, newshape):
    return np.reshape(convert_to_tensor(x), newshape)


def transpose(x, axes=None):
    return np.transpose(convert_to_tensor(x), axes)


def expand_dims(x, axis):
    return np.expand_dims(convert_to_tensor(x), axis)


def squeeze(x, axis=None):
    return np.squeeze(convert_to_tensor(x), axis)


def ravel(x):
    return np.ravel(convert_to_tensor(x))


def broadcast_to(x, shape):
    return np.broadcast_to(convert_to_tensor(x), shape)


def moveaxis(x, source, destination):
    return np.moveaxis(convert_to_tensor(x), source, destination)


def swapaxes(x, axis1, axis2):
    return np.swapaxes(convert_to_tensor(x), axis1, axis2)


def flip(x, axis=None):
    return np.flip(convert_to_tensor(x), axis)


def roll(x, shift, axis=None):
    return np.roll(convert_to_tensor(x), shift, axis)


def rot90(array, k=1, axes=(0, 1)):
    return np.rot90(convert_to_tensor(array), k, axes)


def tile(x, repeats):
    return np.tile(convert_to_tensor(x), repeats)


def repeat(x, repeats, axis=None):
    return np.repeat(convert_to_tensor(x), convert_to_tensor(repeats), axis)


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    if mode == "constant":
        return np.pad(x, pad_width, mode, constant_values=0 if constant_values is None else constant_values)
    return np.pad(x, pad_width, "wrap" if mode == "circular" else mode)


def diag(x, k=0):
    return np.diag(convert_to_tensor(x), k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    return np.diagonal(convert_to_tensor(x), offset, axis1, axis2).copy()


def tril(x, k=0):
    return np.tril(convert_to_tensor(x), k)


def triu(x, k=0):
    return np.triu(convert_to_tensor(x), k)


def size(x):
    return np.asarray(np.size(convert_to_tensor(x)), dtype="int32")


# -- joining and splitting ----------------------------------------------------
def concatenate(xs, axis=0):
    return np.concatenate(_promote(xs), axis=axis)


def stack(x, axis=0):
    return np.stack(_promote(x), axis=axis)


def hstack(xs):
    return np.hstack(_promote(xs))


def vstack(xs):
    return np.vstack(_promote(xs))


def dstack(xs):
    return np.dstack(_promote(xs))


def split(x, indices_or_sections, axis=0):
    return np.array_split(convert_to_tensor(x), indices_or_sections, axis)


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
    return np.asarray(x[key])


# -- products -----------------------------------------------------------------
def matmul(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2), widen_int8=True)
    return _as(np.matmul(x1, x2), dtype)


def dot(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _as(np.dot(x1, x2), dtype)


def tensordot(x1, x2, axes=2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _as(np.tensordot(x1, x2, axes), dtype)


def einsum(subscripts, *operands, **kwargs):
    operands, dtype = _product_args(operands, widen_int8=True)
    return _as(np.einsum(subscripts, *operands, **kwargs), dtype)


def inner(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _as(np.inner(x1, x2), dtype)


def outer(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _as(np.outer(x1, x2), dtype)


def kron(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _as(np.kron(x1, x2), dtype)


def vdot(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return _as(np.vdot(x1, x2), dtype)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1):
    """Written out by components (NumPy 2 deprecates 2-vectors in np.cross)."""
    (a, b), dtype = _product_args((x1, x2))
    a, b = np.moveaxis(a, axisa, -1), np.moveaxis(b, axisb, -1)
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        return _as(a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0], dtype)
    a = a if a.shape[-1] == 3 else np.concatenate([a, np.zeros_like(a[..., :1])], -1)
    b = b if b.shape[-1] == 3 else np.concatenate([b, np.zeros_like(b[..., :1])], -1)
    c = np.stack([a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1],
                  a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2],
                  a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]], -1)
    return _as(np.moveaxis(c, -1, axisc), dtype)


def correlate(x1, x2, mode="valid"):
    dtype = dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
    dtype = "float64" if dtype in ("int64", "uint64") else dtype if dtype in ("bfloat16", "float16", "float64") \
        else "float32"
    x1, x2 = _promote((x1, x2), "float32" if dtype == "bfloat16" else dtype)
    return _as(np.correlate(x1, x2, mode), dtype)


# -- vectorize ----------------------------------------------------------------
def vmap(fn, args):
    """fn mapped over the leading axis of every array in args, outputs stacked (a Python loop)."""
    n = args[0].shape[0]
    if n == 0:
        probe = fn(*(np.zeros(a.shape[1:], a.dtype) for a in args))
        return optree.tree_map(lambda o: np.zeros((0,) + np.shape(o), np.asarray(o).dtype), probe)
    outs = [fn(*(a[i] for a in args)) for i in range(n)]
    return optree.tree_map(lambda *o: np.stack([np.asarray(convert_to_tensor(t)) for t in o]), *outs)
