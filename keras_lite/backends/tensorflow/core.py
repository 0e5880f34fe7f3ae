"""TensorFlow: tensors, Variable, conversion, abstract evaluation and devices."""
import contextlib

import numpy as np
import optree
import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = True
SUPPORTS_RAGGED_TENSORS = True
IS_THREAD_SAFE = True
ENGINE_ERRORS = (TypeError, ValueError, tf.errors.InvalidArgumentError, tf.errors.UnimplementedError)


def _tf_dtype(dtype):
    return tf.as_dtype(dtypes.standardize_dtype(dtype))


class Variable(BaseVariable, tf.__internal__.types.Tensor):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = tf.Variable(value, trainable=self.trainable, name=self.name)

    def _direct_assign(self, value):
        self._value.assign(value)

    def _deferred_read(self):
        return self.value


def _variable_to_tensor(variable, dtype=None, name=None, as_ref=False):
    value = variable.value
    if isinstance(value, tf.Variable):
        value = value.value() if not as_ref else value
    return value if dtype is None else tf.cast(value, dtype)


tf.register_tensor_conversion_function(Variable, _variable_to_tensor)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor) and sparse is False:
        x = tf.sparse.to_dense(x)
    if isinstance(x, tf.RaggedTensor) and ragged is False:
        x = x.to_tensor()
    if isinstance(x, (tf.Tensor, tf.Variable, tf.SparseTensor, tf.RaggedTensor)):
        if dtype is not None and x.dtype != _tf_dtype(dtype):
            return tf.cast(x, _tf_dtype(dtype))
        if isinstance(x, tf.Variable):
            return x.value()  # ReadVariableOp alone: read_value() adds an Identity op per read
        return x
    if dtype is None:
        if isinstance(x, np.ndarray) or (hasattr(x, "__array__") and not isinstance(x, (list, tuple))):
            x = np.asarray(x)
            dtype = dtypes.standardize_dtype(x.dtype)
        else:
            dtype = dtypes.infer_dtype(x)
    if isinstance(x, np.ndarray) and x.dtype.kind in "iuf" and dtypes.standardize_dtype(x.dtype) != dtype:
        return tf.cast(tf.convert_to_tensor(x), _tf_dtype(dtype))
    try:
        return tf.convert_to_tensor(x, dtype=_tf_dtype(dtype))
    except (TypeError, ValueError):
        if not isinstance(x, (list, tuple, bool, int, float)):
            raise
        # Python floats into an int or bool dtype: TF refuses; convert, then cast as the other engines do.
        return tf.cast(tf.convert_to_tensor(x, dtype=_tf_dtype(dtypes.infer_dtype(x))), _tf_dtype(dtype))



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor):
        x = tf.sparse.to_dense(x)
    if isinstance(x, tf.RaggedTensor):
        x = x.to_tensor()
    if isinstance(x, (tf.Tensor, tf.Variable)):
        return x.numpy()
    return np.asarray(x)


def is_tensor(x):
    return tf.is_tensor(x)


def shape(x):
    """Static dims as ints; dims unknown at trace time as scalar tensors."""
    static = x.shape.as_list()
    if None not in static:
        return tuple(static)
    dynamic = tf.shape(x)
    return tuple(d if d is not None else dynamic[i] for i, d in enumerate(static))


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """Trace fn on graph placeholders: TensorFlow infers shapes without computing."""
    graph = tf.Graph()
    with graph.as_default():
        placeholders = [tf.compat.v1.placeholder(_tf_dtype(d), shape=s) for s, d in specs]
        out = fn(placeholders)
    return optree.tree_map(
        lambda o: KerasTensor(tuple(o.shape.as_list()), dtypes.standardize_dtype(o.dtype))
        if tf.is_tensor(o) else o,
        out, none_is_leaf=True)


@contextlib.contextmanager
def device_scope(device_name):
    """Places computations inside on a device, e.g. 'cpu:0' or 'gpu:0'."""
    with tf.device(_parse_device(device_name)):
        yield


def _parse_device(device_name):
    kind, _, index = str(device_name).lower().partition(":")
    kind = {"cuda": "gpu"}.get(kind, kind)
    if kind not in ("cpu", "gpu", "tpu"):
        raise ValueError(f"Unknown device {device_name!r}; expected 'cpu', 'gpu' or 'tpu' with an index.")
    return f"/{kind.upper()}:{int(index or 0)}"


def get_device():
    spec = tf.config.list_logical_devices()
    return spec[0].name if spec else "/CPU:0"


# -- control flow, slicing, scattering, gradients (keras.ops core) -------------
# Eagerly the loops run as Python; in a graph (tf.function) they are TF control flow.

def _tensors(tree):
    """Python scalars, lists, arrays and Variables in a structure -> tf tensors."""
    return optree.tree_map(convert_to_tensor, tree)


def _static_ints(values):
    """A list of Python ints, or None when some value is a graph tensor."""
    if isinstance(values, (list, tuple)):
        out = [_static_ints(v) for v in values]
        return None if any(v is None for v in out) else [v[0] for v in out]
    if tf.is_tensor(values):
        values = tf.get_static_value(values)
        if values is None:
            return None
    return [int(v) for v in np.asarray(values).reshape(-1)]


def _stack(outputs):
    return optree.tree_map(lambda *leaves: tf.stack([convert_to_tensor(v) for v in leaves]), *outputs)


def _structure_of(fn, *args):
    """The outputs of fn(*args) as graph tensors of a throwaway trace (nothing runs)."""
    specs = optree.tree_map(lambda t: tf.TensorSpec(t.shape, t.dtype), args)
    return tf.function(fn, autograph=False).get_concrete_function(*specs).structured_outputs


def _slice_spec(x):
    return tf.TensorSpec(x.shape[1:], x.dtype)


def cond(pred, true_fn, false_fn):
    if isinstance(pred, (bool, np.bool_)):
        return true_fn() if pred else false_fn()
    pred = convert_to_tensor(pred)
    if pred.dtype != tf.bool:
        pred = tf.cast(pred, tf.bool)
    return tf.cond(pred, true_fn, false_fn)


def switch(index, branches, *operands):
    static = _static_ints(index)
    if static is not None:
        return branches[min(max(static[0], 0), len(branches) - 1)](*operands)
    index = tf.clip_by_value(tf.cast(index, tf.int32), 0, len(branches) - 1)
    return tf.switch_case(index, [lambda b=b: b(*operands) for b in branches])


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (list, tuple))
    state = _tensors(tuple(loop_vars) if is_sequence else (loop_vars,))

    def step(*values):
        out = body(*values)
        return tuple(out) if is_sequence else (out,)

    out = tuple(tf.while_loop(cond, step, state, maximum_iterations=maximum_iterations))
    return out if is_sequence else out[0]


def fori_loop(lower, upper, body_fun, init_val):
    _, out = tf.while_loop(lambda i, _: i < upper, lambda i, value: (i + 1, body_fun(i, value)),
                           (convert_to_tensor(lower, "int32"), _tensors(init_val)))
    return out


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    carry = _tensors(init)
    leaves, treedef = optree.tree_flatten(_tensors(xs))
    if xs is None:
        n = int(length)
    else:
        n = leaves[0].shape[0] if leaves[0].shape[0] is not None else tf.shape(leaves[0])[0]
    element = lambda i: None if xs is None else optree.tree_unflatten(treedef, [x[i] for x in leaves])  # noqa: E731
    if tf.executing_eagerly() and n > 0:
        ys = [None] * n
        for i in (range(n - 1, -1, -1) if reverse else range(n)):
            carry, ys[i] = f(carry, element(i))
        return carry, _stack(ys)
    # In a graph (or with zero steps): a tf.while_loop writing each step's y into TensorArrays.
    carry_leaves, carry_def = optree.tree_flatten(carry)
    x_template = None if xs is None else optree.tree_unflatten(treedef, [_slice_spec(x) for x in leaves])
    y_template = _structure_of(lambda c, x: f(c, x)[1], carry, x_template)
    y_leaves, y_def = optree.tree_flatten(y_template)
    arrays = [tf.TensorArray(y.dtype, size=n, element_shape=y.shape) for y in y_leaves]

    def step(i, carry_leaves, arrays):
        j = n - 1 - i if reverse else i
        new_carry, y = f(optree.tree_unflatten(carry_def, carry_leaves), element(j))
        new_leaves = [v if tf.is_tensor(v) else tf.convert_to_tensor(v, c.dtype)
                      for v, c in zip(optree.tree_leaves(new_carry), carry_leaves)]
        return i + 1, new_leaves, [a.write(j, v) for a, v in zip(arrays, optree.tree_leaves(y))]

    _, carry_leaves, arrays = tf.while_loop(lambda i, *_: i < n, step, (tf.constant(0), carry_leaves, arrays))
    ys = [a.stack() for a in arrays]
    if isinstance(n, int):
        for y in ys:
            y.set_shape([n] + y.shape.as_list()[1:])
    return optree.tree_unflatten(carry_def, carry_leaves), optree.tree_unflatten(y_def, ys)


def map(f, xs):
    return scan(lambda carry, x: (carry, f(x)), (), xs)[1]


def vectorized_map(function, elements):
    return tf.vectorized_map(function, _tensors(elements))


def associative_scan(f, elems, reverse=False, axis=0):
    """Hillis-Steele prefix scan: ceil(log2 n) calls of f over shifted copies."""
    leaves, treedef = optree.tree_flatten(_tensors(elems))
    n = leaves[0].shape[axis]
    if n is None:
        raise ValueError(f"ops.associative_scan: the scanned axis {axis} must have a known size; "
                         f"got shape {leaves[0].shape}.")
    if reverse:
        leaves = [tf.reverse(x, [axis]) for x in leaves]
    shift = 1
    while shift < n:
        earlier = optree.tree_unflatten(treedef, [_take(x, axis, 0, n - shift) for x in leaves])
        later = optree.tree_unflatten(treedef, [_take(x, axis, shift, n) for x in leaves])
        combined = optree.tree_leaves(f(earlier, later))
        leaves = [tf.concat([_take(x, axis, 0, shift), convert_to_tensor(c)], axis) for x, c in zip(leaves, combined)]
        shift *= 2
    if reverse:
        leaves = [tf.reverse(x, [axis]) for x in leaves]
    return optree.tree_unflatten(treedef, leaves)


def _take(x, axis, start, stop):
    import builtins

    key = [builtins.slice(None)] * x.shape.rank
    key[axis] = builtins.slice(start, stop)
    return x[tuple(key)]


def custom_gradient(f):
    """f(*args) -> (y, grad) with grad(upstream) -> one gradient per argument."""

    @tf.custom_gradient
    def call(*args):
        y, grad = f(*args)
        return y, lambda *upstream: list(grad(upstream[0] if len(upstream) == 1 else upstream))

    return call


def stop_gradient(variable):
    return tf.stop_gradient(convert_to_tensor(variable))


def _clamped_starts(shape, starts, sizes):
    out, sizes_out = [], []
    for dim, start, size in zip(shape, starts, sizes):
        if size == -1:
            start = min(max(start, 0), dim)
            size = dim - start
        out.append(min(max(start, 0), dim - size))
        sizes_out.append(size)
    return out, sizes_out


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    sizes = [int(n) for n in (shape.numpy() if tf.is_tensor(shape) else shape)]
    starts = _static_ints(start_indices)
    if starts is not None and None not in inputs.shape.as_list():
        starts, sizes = _clamped_starts(inputs.shape.as_list(), starts, sizes)
        return tf.slice(inputs, starts, sizes)
    dims = tf.shape(inputs)
    size = tf.constant(sizes, tf.int32)
    start = tf.cast(tf.reshape(convert_to_tensor(start_indices), [-1]), tf.int32)
    start = tf.where(size < 0, tf.clip_by_value(start, 0, dims), tf.clip_by_value(start, 0, dims - size))
    out = tf.slice(inputs, start, tf.where(size < 0, dims - start, size))
    out.set_shape([n if n >= 0 else None for n in sizes])
    return out


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    rank = inputs.shape.rank
    if rank == 0:
        return updates
    dims, update_dims = tf.shape(inputs), tf.shape(updates)
    start = tf.cast(tf.reshape(convert_to_tensor(start_indices), [-1]), tf.int32)
    start = tf.clip_by_value(start, 0, dims - update_dims)
    grid = tf.meshgrid(*[tf.range(update_dims[i]) for i in range(rank)], indexing="ij")
    return tf.tensor_scatter_nd_update(inputs, tf.stack(grid, axis=-1) + start, updates)


def _int_indices(indices):
    indices = convert_to_tensor(indices)
    return indices if indices.dtype in (tf.int32, tf.int64) else tf.cast(indices, tf.int32)


def scatter(indices, values, shape):
    indices = _int_indices(indices)
    return tf.scatter_nd(indices, convert_to_tensor(values), tf.constant(shape, indices.dtype))


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    indices = _int_indices(indices)
    if reduction is None:
        return tf.tensor_scatter_nd_update(inputs, indices, updates)
    if reduction == "add":
        return tf.tensor_scatter_nd_add(inputs, indices, updates)
    if reduction == "max":
        return tf.tensor_scatter_nd_max(inputs, indices, updates)
    if reduction == "min":
        return tf.tensor_scatter_nd_min(inputs, indices, updates)
    # mul: TF has no scatter-multiply; multiply by the product of the updates per target.
    k = indices.shape[-1]
    lead = tf.shape(inputs, out_type=indices.dtype)[:k]
    strides = tf.math.cumprod(lead, exclusive=True, reverse=True)
    linear = tf.reshape(tf.reduce_sum(indices * strides, axis=-1), [-1])
    rest = tf.shape(inputs)[k:]
    factors = tf.math.unsorted_segment_prod(
        tf.reshape(updates, tf.concat([[-1], rest], 0)), linear, tf.reduce_prod(lead))
    return inputs * tf.reshape(factors, tf.shape(inputs))


def unstack(x, num=None, axis=0):
    return tf.unstack(convert_to_tensor(x), num=num, axis=axis)


def saturate_cast(x, dtype, lower, upper):
    """Clip to [lower, upper] (limits representable in both dtypes), then cast."""
    x = convert_to_tensor(x)
    if lower is not None:
        x = tf.clip_by_value(x, tf.constant(lower, x.dtype), tf.constant(upper, x.dtype))
    return tf.cast(x, _tf_dtype(dtype))
