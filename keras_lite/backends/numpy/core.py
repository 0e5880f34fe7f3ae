"""NumPy: tensors are ndarrays; inference only, no engine imported (DESIGN decision 11)."""
import contextlib

import numpy as np
import optree

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = False
SUPPORTS_RAGGED_TENSORS = False
IS_THREAD_SAFE = True
ENGINE_ERRORS = (TypeError, ValueError, IndexError)


class Variable(BaseVariable):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = np.array(value)

    def _direct_assign(self, value):
        self._value = np.array(value)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise NotImplementedError("The numpy backend does not support sparse tensors.")
    if ragged:
        raise NotImplementedError("The numpy backend does not support ragged tensors.")
    if isinstance(x, Variable):
        x = x.value
    if dtype is not None:
        wanted = dtypes.to_numpy_dtype(dtype)
        if isinstance(x, np.ndarray) and x.dtype == wanted:
            return x
        return np.asarray(x, dtype=wanted)
    if isinstance(x, np.ndarray):
        return x
    if hasattr(x, "__array__") and not isinstance(x, (list, tuple)):
        return np.asarray(x)
    return np.asarray(x, dtype=dtypes.to_numpy_dtype(dtypes.infer_dtype(x)))



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, (np.ndarray, np.generic))


def shape(x):
    return tuple(np.shape(x))


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """NumPy has no abstract evaluation: run fn on zeros of the probe shapes.

    Heavy op families (convolution, pooling, matmul) have shape rules, so
    this path only sees cheap ops."""
    placeholders = [np.zeros(s, dtype=dtypes.to_numpy_dtype(d)) for s, d in specs]
    with np.errstate(all="ignore"):
        out = fn(placeholders)
    return optree.tree_map(
        lambda o: KerasTensor(o.shape, dtypes.standardize_dtype(o.dtype))
        if isinstance(o, (np.ndarray, np.generic)) else o,
        out, none_is_leaf=True)


@contextlib.contextmanager
def device_scope(device_name):
    """The numpy backend computes on the CPU only."""
    if not str(device_name).lower().startswith("cpu"):
        raise ValueError(f"The numpy backend runs on the CPU only; got device {device_name!r}.")
    yield


def get_device():
    return "cpu"


# -- control flow, slicing, scattering, gradients (keras.ops core) -------------
# NumPy runs eagerly, so control flow is plain Python.

def _tensors(tree):
    """Python scalars, lists and Variables in a structure -> ndarrays."""
    return optree.tree_map(convert_to_tensor, tree)


def _ints(values):
    return [int(v) for v in np.asarray(values).reshape(-1)]


def _stack(outputs):
    """[structure of arrays] -> structure of stacked arrays."""
    return optree.tree_map(lambda *leaves: np.stack([convert_to_tensor(v) for v in leaves]), *outputs)


def _empty_stack(template):
    return optree.tree_map(lambda y: np.zeros((0,) + np.shape(y), convert_to_tensor(y).dtype), template)


def cond(pred, true_fn, false_fn):
    return true_fn() if pred else false_fn()


def switch(index, branches, *operands):
    return branches[min(max(int(index), 0), len(branches) - 1)](*operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (list, tuple))
    state = _tensors(tuple(loop_vars) if is_sequence else (loop_vars,))
    steps = 0
    while (maximum_iterations is None or steps < maximum_iterations) and cond(*state):
        out = body(*state)
        state = tuple(out) if is_sequence else (out,)
        steps += 1
    return state if is_sequence else state[0]


def fori_loop(lower, upper, body_fun, init_val):
    value = _tensors(init_val)
    for i in range(int(lower), int(upper)):
        value = body_fun(i, value)
    return value


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    carry = _tensors(init)
    leaves, treedef = optree.tree_flatten(_tensors(xs))
    n = int(length) if xs is None else leaves[0].shape[0]
    element = lambda i: None if xs is None else optree.tree_unflatten(treedef, [x[i] for x in leaves])  # noqa: E731
    if n == 0:  # no step runs: one throwaway step on zeros gives the shape of ys
        zeros = [np.zeros(x.shape[1:], x.dtype) for x in leaves]
        return carry, _empty_stack(f(carry, None if xs is None else optree.tree_unflatten(treedef, zeros))[1])
    ys = [None] * n
    for i in (range(n - 1, -1, -1) if reverse else range(n)):
        carry, ys[i] = f(carry, element(i))
    return carry, _stack(ys)


def map(f, xs):
    leaves, treedef = optree.tree_flatten(_tensors(xs))
    return _stack([f(optree.tree_unflatten(treedef, [x[i] for x in leaves]))
                   for i in range(leaves[0].shape[0])])


def vectorized_map(function, elements):
    return map(function, elements)


def associative_scan(f, elems, reverse=False, axis=0):
    """Hillis-Steele prefix scan: ceil(log2 n) calls of f over shifted copies."""
    leaves, treedef = optree.tree_flatten(_tensors(elems))
    n = leaves[0].shape[axis]
    if reverse:
        leaves = [np.flip(x, axis) for x in leaves]
    shift = 1
    while shift < n:
        earlier = optree.tree_unflatten(treedef, [_take(x, axis, 0, n - shift) for x in leaves])
        later = optree.tree_unflatten(treedef, [_take(x, axis, shift, n) for x in leaves])
        combined = optree.tree_leaves(f(earlier, later))
        leaves = [np.concatenate([_take(x, axis, 0, shift), np.asarray(c)], axis) for x, c in zip(leaves, combined)]
        shift *= 2
    if reverse:
        leaves = [np.flip(x, axis) for x in leaves]
    return optree.tree_unflatten(treedef, leaves)


def _take(x, axis, start, stop):
    import builtins

    key = [builtins.slice(None)] * x.ndim
    key[axis] = builtins.slice(start, stop)
    return x[tuple(key)]


def custom_gradient(f):
    """The forward computation; the numpy backend computes no gradients, so `grad` is never called."""
    return lambda *args: f(*args)[0]


def stop_gradient(variable):
    return convert_to_tensor(variable)


def _clamped_slices(shape, starts, sizes):
    import builtins

    out = []
    for dim, start, size in zip(shape, starts, sizes):
        if size == -1:
            start = min(max(start, 0), dim)
            size = dim - start
        start = min(max(start, 0), dim - size)
        out.append(builtins.slice(start, start + size))
    return tuple(out)


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    return inputs[_clamped_slices(inputs.shape, _ints(start_indices), _ints(shape))]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    out = inputs.copy()
    out[_clamped_slices(inputs.shape, _ints(start_indices), updates.shape)] = updates
    return out


def _index_key(indices):
    indices = np.asarray(convert_to_tensor(indices))
    if indices.dtype.kind not in "iu":
        indices = indices.astype("int64")
    return tuple(np.moveaxis(indices, -1, 0))


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    out = np.zeros(tuple(shape), values.dtype)
    np.add.at(out, _index_key(indices), values)
    return out


_SCATTER_UFUNCS = {"add": np.add, "max": np.maximum, "min": np.minimum, "mul": np.multiply}


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    out = inputs.copy()
    if reduction is None:
        out[_index_key(indices)] = updates
    else:
        _SCATTER_UFUNCS[reduction].at(out, _index_key(indices), updates)
    return out


def unstack(x, num=None, axis=0):
    return list(np.moveaxis(convert_to_tensor(x), axis, 0))


def saturate_cast(x, dtype, lower, upper):
    """Clip to [lower, upper] (limits representable in both dtypes), then cast."""
    x = convert_to_tensor(x)
    if lower is not None:
        x = np.clip(x, lower, upper)
    with np.errstate(invalid="ignore"):
        return x.astype(dtypes.to_numpy_dtype(dtype))
