"""TensorFlow: array ops (creation, shape manipulation, joining and splitting, products)."""
import numpy as np
import tensorflow as tf

from keras_lite.backends.common import config, dtypes
from keras_lite.backends.tensorflow._host_ints import int_vector
from keras_lite.backends.tensorflow.core import Variable, convert_to_tensor, shape as _shape

# Dtypes that TensorFlow's matmul/einsum kernels lack, and the type to compute them in.
_PRODUCT_COMPUTE = {"bool": "int32", "int8": "int32", "int16": "int32", "uint8": "int32", "uint16": "int32",
                    "uint32": "int64", "uint64": "int64"}
_INDEX_MODES = ("edge", "reflect", "symmetric", "wrap", "circular")


def _tf(dtype):
    return tf.as_dtype(dtypes.standardize_dtype(dtype))


def _name(x):
    return dtypes.standardize_dtype(x.dtype)


def _promote(xs, dtype=None):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = dtype or dtypes.result_type(*map(_name, xs))
    return [convert_to_tensor(x, dtype) for x in xs]


def _product_args(xs, widen_int8=False):
    xs = [convert_to_tensor(x) for x in xs]
    names = list(map(_name, xs))
    dtype = "int32" if widen_int8 and all(n == "int8" for n in names) else dtypes.result_type(*names)
    return _promote(xs, _PRODUCT_COMPUTE.get(dtype, dtype)), dtype


def _axes(axis, rank):
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    return tuple(a % rank for a in axes)


# -- creation -----------------------------------------------------------------
def arange(start, stop=None, step=None, dtype=None):
    if stop is None:
        start, stop = 0, start
    compute = "int64" if dtypes.is_int_dtype(dtype) else "float64"
    return tf.cast(tf.range(start, stop, 1 if step is None else step, dtype=_tf(compute)), _tf(dtype))


def zeros(shape, dtype=None):
    return tf.zeros(shape, dtype=_tf(dtype))


def ones(shape, dtype=None):
    return tf.ones(shape, dtype=_tf(dtype))


def full(shape, fill_value, dtype=None):
    return tf.broadcast_to(convert_to_tensor(fill_value, dtype), shape)


def zeros_like(x, dtype=None):
    return tf.zeros_like(convert_to_tensor(x), dtype=_tf(dtype) if dtype else None)


def ones_like(x, dtype=None):
    return tf.ones_like(convert_to_tensor(x), dtype=_tf(dtype) if dtype else None)


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    return tf.broadcast_to(convert_to_tensor(fill_value, dtype or _name(x)), tf.shape(x))


def _grid(N, M, k):
    M = N if M is None else M
    return tf.range(N)[:, None] + k, tf.range(M)[None, :]


def eye(N, M=None, k=0, dtype=None):
    rows, cols = _grid(N, M, k)
    return tf.cast(tf.equal(rows, cols), _tf(dtype))


def tri(N, M=None, k=0, dtype=None):
    rows, cols = _grid(N, M, k)
    return tf.cast(rows >= cols, _tf(dtype))


def _move_first(y, axis):
    """Moves the leading axis of y to `axis`."""
    rank = len(y.shape)
    axis = axis % rank
    return tf.transpose(y, list(range(1, axis + 1)) + [0] + list(range(axis + 1, rank)))


def _spaced(start, stop, num, endpoint):
    """NumPy's linspace in float64: (samples along a new leading axis, step)."""
    start, stop = convert_to_tensor(start, "float64"), convert_to_tensor(stop, "float64")
    shape = tf.broadcast_static_shape(start.shape, stop.shape)
    start, stop = tf.broadcast_to(start, shape), tf.broadcast_to(stop, shape)
    div = num - 1 if endpoint else num
    step = (stop - start) / div if div > 0 else tf.fill(tf.shape(start), np.float64("nan"))
    t = tf.reshape(tf.range(num, dtype=tf.float64), [num] + [1] * len(shape))
    y = start + t * step
    if endpoint and num > 1:
        y = tf.concat([y[:-1], stop[None]], 0)
    return y, step


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    y, step = _spaced(start, stop, num, endpoint)
    if dtypes.is_int_dtype(dtype):
        y = tf.floor(y)
    y = tf.cast(_move_first(y, axis), _tf(dtype))
    return (y, step) if retstep else y


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    y, _ = _spaced(start, stop, num, endpoint)
    return tf.cast(_move_first(tf.pow(tf.cast(base, tf.float64), y), axis), _tf(dtype))


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    start, stop = convert_to_tensor(start, "float64"), convert_to_tensor(stop, "float64")
    log10 = lambda v: tf.math.log(tf.abs(v)) / np.log(10.0)  # noqa: E731
    y, _ = _spaced(log10(start), log10(stop), num, endpoint)
    y = tf.sign(start) * tf.pow(tf.constant(10.0, tf.float64), y)
    rest = y.shape[1:]
    if num == 1:
        y = tf.broadcast_to(start, rest)[None]
    elif num > 1:
        last = tf.broadcast_to(stop, rest)[None] if endpoint else y[-1:]
        y = tf.concat([tf.broadcast_to(start, rest)[None], y[1:-1], last], 0)
    return tf.cast(_move_first(y, axis), _tf(dtype))


def _window(values):
    return tf.constant(values.astype(dtypes.to_numpy_dtype(config.floatx())))


def bartlett(x):
    return _window(np.bartlett(x))


def blackman(x):
    return _window(np.blackman(x))


def hamming(x):
    return _window(np.hamming(x))


def hanning(x):
    return _window(np.hanning(x))


def kaiser(x, beta):
    return _window(np.kaiser(x, beta))


def meshgrid(*x, indexing="xy"):
    return list(tf.meshgrid(*(tf.reshape(convert_to_tensor(t), [-1]) for t in x), indexing=indexing))


def vander(x, N=None, increasing=False):
    x = convert_to_tensor(x)
    N = _shape(x)[0] if N is None else N
    powers = tf.range(N) if increasing else tf.range(N - 1, -1, -1)
    return tf.pow(x[:, None], tf.cast(powers, x.dtype)[None, :])


# -- shape manipulation -------------------------------------------------------
def reshape(x, newshape):
    return tf.reshape(convert_to_tensor(x), int_vector(newshape))


def transpose(x, axes=None):
    return tf.transpose(convert_to_tensor(x), perm=int_vector(axes))


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    if isinstance(axis, int):
        return tf.expand_dims(x, axis)
    for a in sorted(_axes(axis, len(x.shape) + len(axis))):
        x = tf.expand_dims(x, a)
    return x


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    return tf.squeeze(x, None if axis is None else list(_axes(axis, len(x.shape))))


def ravel(x):
    return tf.reshape(convert_to_tensor(x), [-1])


def broadcast_to(x, shape):
    return tf.broadcast_to(convert_to_tensor(x), shape)


def _moveaxis_perm(rank, source, destination):
    source, destination = _axes(source, rank), _axes(destination, rank)
    if len(source) != len(destination):
        raise ValueError("source and destination must name the same number of axes.")
    order = [a for a in range(rank) if a not in source]
    for dst, src in sorted(zip(destination, source)):
        order.insert(dst, src)
    return order


def moveaxis(x, source, destination):
    x = convert_to_tensor(x)
    return tf.transpose(x, int_vector(_moveaxis_perm(len(x.shape), source, destination)))


def swapaxes(x, axis1, axis2):
    x = convert_to_tensor(x)
    perm = list(range(len(x.shape)))
    a, b = axis1 % len(perm), axis2 % len(perm)
    perm[a], perm[b] = perm[b], perm[a]
    return tf.transpose(x, int_vector(perm))


def flip(x, axis=None):
    x = convert_to_tensor(x)
    rank = len(x.shape)
    return tf.reverse(x, list(range(rank)) if axis is None else list(_axes(axis, rank)))


def roll(x, shift, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return tf.reshape(tf.roll(tf.reshape(x, [-1]), shift, 0), tf.shape(x))
    return tf.roll(x, shift, axis)


def rot90(array, k=1, axes=(0, 1)):
    x = convert_to_tensor(array)
    a, b = axes
    k %= 4
    if k == 0:
        return x
    if k == 2:
        return tf.reverse(x, [a, b])
    perm = list(range(len(x.shape)))
    perm[a], perm[b] = perm[b], perm[a]
    if k == 1:
        return tf.transpose(tf.reverse(x, [b]), perm)
    return tf.reverse(tf.transpose(x, perm), [b])


def tile(x, repeats):
    x = convert_to_tensor(x)
    repeats = list(repeats)
    rank = len(x.shape)
    if len(repeats) > rank:
        x = tf.reshape(x, [1] * (len(repeats) - rank) + list(_shape(x)))
    repeats = [1] * (len(x.shape) - len(repeats)) + repeats
    return tf.tile(x, repeats)


def repeat(x, repeats, axis=None):
    return tf.repeat(convert_to_tensor(x), repeats, axis)


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    if mode in ("constant", "empty"):
        return tf.pad(x, int_vector(pad_width), constant_values=0 if constant_values is None else constant_values)
    if mode not in _INDEX_MODES:
        raise NotImplementedError(f"The tensorflow backend does not implement ops.pad with mode={mode!r}.")
    static = x.shape.as_list()
    if None in static and mode in ("reflect", "symmetric"):
        return tf.pad(x, pad_width, mode=mode.upper())
    for axis, (before, after) in enumerate(pad_width):
        if before or after:
            if static[axis] is None:
                raise NotImplementedError(
                    f"The tensorflow backend needs a known size on axis {axis} for ops.pad with mode={mode!r}.")
            index = np.pad(np.arange(static[axis]), (before, after), "wrap" if mode == "circular" else mode)
            x = tf.gather(x, index, axis=axis)
    return x


def diag(x, k=0):
    x = convert_to_tensor(x)
    return tf.linalg.diag(x, k=k) if len(x.shape) == 1 else tf.linalg.diag_part(x, k=k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    rank = len(x.shape)
    a, b = axis1 % rank, axis2 % rank
    x = tf.transpose(x, [i for i in range(rank) if i not in (a, b)] + [a, b])
    return tf.linalg.diag_part(x, k=offset)


def _band(x, k, lower):
    shape = tf.shape(x)
    rows = tf.range(shape[-2])[:, None] + k
    cols = tf.range(shape[-1])[None, :]
    return tf.where(rows >= cols if lower else rows <= cols, x, tf.zeros_like(x))


def tril(x, k=0):
    return _band(convert_to_tensor(x), k, True)


def triu(x, k=0):
    return _band(convert_to_tensor(x), k, False)


def size(x):
    return tf.size(convert_to_tensor(x), out_type=tf.int32)


# -- joining and splitting ----------------------------------------------------
def concatenate(xs, axis=0):
    xs = _promote(xs)
    if axis is None:
        return tf.concat([tf.reshape(x, [-1]) for x in xs], 0)
    return tf.concat(xs, axis)


def stack(x, axis=0):
    return tf.stack(_promote(x), axis)


def _atleast(x, rank):
    n = len(x.shape)
    if n >= rank:
        return x
    if rank == 3 and n == 2:
        return x[:, :, None]
    if rank == 3 and n == 1:
        return x[None, :, None]
    return tf.reshape(x, [1] * (rank - n) + list(_shape(x)))


def hstack(xs):
    xs = [_atleast(x, 1) for x in _promote(xs)]
    return tf.concat(xs, 0 if len(xs[0].shape) == 1 else 1)


def vstack(xs):
    return tf.concat([_atleast(x, 2) for x in _promote(xs)], 0)


def dstack(xs):
    return tf.concat([_atleast(x, 3) for x in _promote(xs)], 2)


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    rank = len(x.shape)
    axis %= rank
    dim = x.shape[axis]
    if isinstance(indices_or_sections, int):
        n = indices_or_sections
        if dim is None:
            return tf.split(x, n, axis)
        sizes = [dim // n + (1 if i < dim % n else 0) for i in range(n)]
        return tf.split(x, sizes, axis)
    bounds = [None] + list(indices_or_sections) + [None]
    lead = (slice(None),) * axis
    return [x[lead + (slice(a, b),)] for a, b in zip(bounds[:-1], bounds[1:])]


# -- indexing -----------------------------------------------------------------
def _index(k):
    if isinstance(k, Variable):
        return k.value
    if isinstance(k, (list, np.ndarray)):
        return tf.constant(np.asarray(k))
    return k


def _is_array(k):
    return tf.is_tensor(k) and (len(k.shape) > 0 or k.dtype == tf.bool)


def get_item(x, key):
    x = convert_to_tensor(x)
    key = tuple(map(_index, key)) if isinstance(key, tuple) else (_index(key),)
    if not any(map(_is_array, key)):
        return x[key]
    return _advanced_get_item(x, key)


def _advanced_get_item(x, key):
    """NumPy advanced indexing: basic indexing first, then one gather_nd over the indexed axes."""
    consumed = sum(len(k.shape) if _is_array(k) and k.dtype == tf.bool else 1
                   for k in key if k is not None and k is not Ellipsis)
    expanded = []
    for k in key:
        expanded.extend([slice(None)] * (len(x.shape) - consumed) if k is Ellipsis else [k])
    if not any(k is Ellipsis for k in key):
        expanded.extend([slice(None)] * (len(x.shape) - consumed))
    basic, arrays, y_axes, at = [], [], [], 0
    for k in expanded:
        if k is None:
            basic.append(None)
            at += 1
        elif isinstance(k, slice):
            basic.append(k)
            at += 1
        elif _is_array(k) and k.dtype == tf.bool:
            basic.extend([slice(None)] * len(k.shape))
            coords = tf.where(k)  # (count, mask rank) int64
            for j in range(len(k.shape)):
                arrays.append(coords[:, j])
                y_axes.append(at + j)
            at += len(k.shape)
        else:  # an index array, or an int among index arrays
            basic.append(slice(None))
            arrays.append(tf.convert_to_tensor(k))
            y_axes.append(at)
            at += 1
    y = x[tuple(basic)]
    dims = _shape(y)
    arrays = [tf.cast(a, tf.int64) for a in arrays]
    arrays = [tf.where(a < 0, a + tf.cast(dims[ax], tf.int64), a) for a, ax in zip(arrays, y_axes)]
    batch, dynamic = tf.TensorShape([]), tf.constant([], tf.int32)
    for a in arrays:
        batch = tf.broadcast_static_shape(batch, a.shape)
        dynamic = tf.broadcast_dynamic_shape(dynamic, tf.shape(a))
    if len(arrays) > 1:
        arrays = [tf.broadcast_to(a, dynamic) for a in arrays]
    rest = [i for i in range(len(y.shape)) if i not in y_axes]
    out = tf.gather_nd(tf.transpose(y, y_axes + rest), tf.stack(arrays, -1))
    positions = [i for i, k in enumerate(expanded) if k is not None and not isinstance(k, slice)]
    if positions != list(range(positions[0], positions[0] + len(positions))):
        return out
    # Adjacent index arrays: their dims replace the indexed axes in place.
    first = y_axes[0]
    nb = len(batch)
    perm = list(range(nb, nb + first)) + list(range(nb)) + list(range(nb + first, len(out.shape)))
    return tf.transpose(out, perm)


# -- products -----------------------------------------------------------------
def matmul(x1, x2):
    x1, x2 = convert_to_tensor(x1), convert_to_tensor(x2)
    ranks = (x1.shape.rank or 0, x2.shape.rank or 0)  # an unknown rank takes the general path below
    if x1.dtype == x2.dtype and x1.dtype.is_floating and min(ranks) > 1:
        if isinstance(x1, tf.Tensor) and isinstance(x2, tf.Tensor):
            # The kernels tf.linalg.matmul picks, without its Python layers (~15 µs per eager call).
            if ranks == (2, 2):
                return tf.raw_ops.MatMul(a=x1, b=x2)
            return tf.raw_ops.BatchMatMulV2(x=x1, y=x2)
        return tf.linalg.matmul(x1, x2)
    (x1, x2), dtype = _product_args((x1, x2), widen_int8=True)
    a = x1[None, :] if len(x1.shape) == 1 else x1
    b = x2[:, None] if len(x2.shape) == 1 else x2
    out = tf.linalg.matmul(a, b)
    if len(x2.shape) == 1:
        out = tf.squeeze(out, -1)
    if len(x1.shape) == 1:
        out = tf.squeeze(out, -2 if len(x2.shape) > 1 else -1)
    return tf.cast(out, _tf(dtype))


def _tensordot(x1, x2, a, b):
    return tf.tensordot(x1, x2, [[a % len(x1.shape)], [b % len(x2.shape)]])


def dot(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    if not x1.shape.rank or not x2.shape.rank:
        return tf.cast(x1 * x2, _tf(dtype))
    return tf.cast(_tensordot(x1, x2, -1, -2 if len(x2.shape) > 1 else 0), _tf(dtype))


def tensordot(x1, x2, axes=2):
    (x1, x2), dtype = _product_args((x1, x2))
    return tf.cast(tf.tensordot(x1, x2, axes if isinstance(axes, int) else [list(a) for a in axes]), _tf(dtype))


def einsum(subscripts, *operands, **kwargs):
    operands, dtype = _product_args(operands, widen_int8=True)
    return tf.cast(tf.einsum(subscripts, *operands), _tf(dtype))


def inner(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    if not x1.shape.rank or not x2.shape.rank:
        return tf.cast(x1 * x2, _tf(dtype))
    return tf.cast(_tensordot(x1, x2, -1, -1), _tf(dtype))


def outer(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return tf.cast(tf.reshape(x1, [-1, 1]) * tf.reshape(x2, [1, -1]), _tf(dtype))


def kron(x1, x2):
    (a, b), dtype = _product_args((x1, x2))
    rank = max(len(a.shape), len(b.shape))
    a = tf.reshape(a, [1] * (rank - len(a.shape)) + list(_shape(a)))
    b = tf.reshape(b, [1] * (rank - len(b.shape)) + list(_shape(b)))
    sa, sb = _shape(a), _shape(b)
    # kron(a, b)[i*nb + j] = a[i] * b[j], per axis: repeat a's entries, tile b.
    # (Interleaved broadcasting would need more than the 5 dims TF's graph kernels handle.)
    for axis, n in enumerate(sb):
        a = tf.repeat(a, n, axis=axis)
    return tf.cast(a * tf.tile(b, sa), _tf(dtype))


def vdot(x1, x2):
    (x1, x2), dtype = _product_args((x1, x2))
    return tf.cast(tf.reduce_sum(tf.math.conj(tf.reshape(x1, [-1])) * tf.reshape(x2, [-1])), _tf(dtype))


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1):
    (a, b), dtype = _product_args((x1, x2))
    a, b = moveaxis(a, axisa, -1), moveaxis(b, axisb, -1)
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        return tf.cast(a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0], _tf(dtype))
    pad3 = lambda v: v if v.shape[-1] == 3 else tf.pad(v, [[0, 0]] * (len(v.shape) - 1) + [[0, 1]])  # noqa: E731
    a, b = pad3(a), pad3(b)
    c = tf.stack([a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1],
                  a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2],
                  a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]], -1)
    return tf.cast(moveaxis(c, -1, axisc), _tf(dtype))


def correlate(x1, x2, mode="valid"):
    dtype = dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
    dtype = "float64" if dtype in ("int64", "uint64") else dtype if dtype in ("bfloat16", "float16", "float64") \
        else "float32"
    x1, x2 = _promote((x1, x2), "float32" if dtype in ("bfloat16", "float16") else dtype)
    n, m = _shape(x1)[0], _shape(x2)[0]  # tensors inside a trace with unknown lengths
    padded = tf.pad(x1, [[m - 1, m - 1]])
    full = tf.nn.conv1d(padded[None, :, None], x2[:, None, None], 1, "VALID")[0, :, 0]
    if mode == "valid":
        full = full[tf.minimum(n, m) - 1:tf.maximum(n, m)]
    elif mode == "same":
        start = tf.where(n >= m, (m - 1) // 2, n // 2)
        full = full[start:start + tf.maximum(n, m)]
    return tf.cast(full, _tf(dtype))


# -- vectorize ----------------------------------------------------------------
def vmap(fn, args):
    return tf.vectorized_map(lambda a: fn(*a), tuple(args), fallback_to_while_loop=True)
