"""JAX: tensors, Variable, conversion, abstract evaluation and devices."""
import contextlib
import functools

import jax
import jax.numpy as jnp
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable as BaseVariable

SUPPORTS_SPARSE_TENSORS = False
SUPPORTS_RAGGED_TENSORS = False
IS_THREAD_SAFE = True
# Engine exceptions that an op re-raises as a ValueError naming itself and its inputs.
ENGINE_ERRORS = (TypeError, ValueError)


class Variable(BaseVariable):
    def _convert_to_tensor(self, value, dtype):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = value

    def _direct_assign(self, value):
        self._value = value

    def __jax_array__(self):
        return self.value


_NARROW = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


def _jax_dtype(dtype):
    """The NumPy dtype JAX stores `dtype` as (64-bit types narrow unless jax_enable_x64 is set)."""
    x64 = jax.config.jax_enable_x64
    try:
        return _JAX_DTYPES[dtype, x64]  # every op converts its inputs: the same few dtypes, over and over
    except (KeyError, TypeError):
        pass
    name = dtypes.standardize_dtype(dtype)
    if not x64:
        name = _NARROW.get(name, name)
    out = dtypes.to_numpy_dtype(name)
    if dtype is not None and dtype is not float:  # those two follow config.floatx()
        try:
            _JAX_DTYPES[dtype, x64] = out
        except TypeError:  # unhashable
            pass
    return out


_JAX_DTYPES = {}


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if sparse:
        raise NotImplementedError("The jax backend does not support sparse tensors.")
    if ragged:
        raise NotImplementedError("The jax backend does not support ragged tensors.")
    if isinstance(x, Variable):
        x = x.value
    if dtype is not None:
        dtype = _jax_dtype(dtype)
    elif isinstance(x, jax.Array):
        return x
    elif not hasattr(x, "dtype"):
        dtype = _jax_dtype(dtypes.infer_dtype(x))
    elif isinstance(x, np.ndarray):
        dtype = _jax_dtype(x.dtype)
    if isinstance(x, jax.Array) and x.dtype == dtype:
        return x
    if isinstance(x, np.ndarray) and x.dtype == dtype:
        return jnp.asarray(x)  # a plain copy to the device, twice as fast as a copy that also casts
    return jnp.asarray(x, dtype=dtype)



def convert_to_numpy(x):
    if isinstance(x, Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, jax.Array)


def shape(x):
    return tuple(x.shape)


def cast(x, dtype):
    return convert_to_tensor(x, dtype=dtype)


def abstract_eval(fn, specs):
    """Evaluate fn on placeholders of the given (shape, dtype) without computing."""
    placeholders = [jax.ShapeDtypeStruct(s, _jax_dtype(d)) for s, d in specs]
    out = jax.eval_shape(fn, placeholders)
    return jax.tree_util.tree_map(
        lambda o: KerasTensor(o.shape, dtypes.standardize_dtype(o.dtype)) if hasattr(o, "shape") else o, out)


@contextlib.contextmanager
def device_scope(device_name):
    """Places computations inside on a device, e.g. 'cpu:0' or 'gpu:1'."""
    with jax.default_device(_parse_device(device_name)):
        yield


def _parse_device(device_name):
    if not isinstance(device_name, str):
        return device_name
    kind, _, index = device_name.lower().partition(":")
    kind = {"cuda": "gpu"}.get(kind, kind)
    try:
        devices = jax.devices(kind)
    except RuntimeError as e:
        raise ValueError(f"Unknown or unavailable device {device_name!r}: {e}") from None
    index = int(index or 0)
    if index >= len(devices):
        raise ValueError(f"Device {device_name!r} does not exist; {kind} devices: {len(devices)}.")
    return devices[index]


def get_device():
    device = jax.config.jax_default_device or jax.devices()[0]
    return f"{device.platform}:{device.id}"


# -- control flow, slicing, scattering, gradients (keras.ops core) -------------

def _tensors(tree):
    """Python scalars, lists, arrays and Variables in a structure -> jax arrays."""
    return jax.tree_util.tree_map(convert_to_tensor, tree, is_leaf=lambda x: isinstance(x, Variable))


def _static_ints(values):
    """A list of Python ints, or None when some value is only known at run time (a tracer)."""
    try:
        return [int(v) for v in np.asarray(values).reshape(-1)]
    except (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError, TypeError):
        return None


def cond(pred, true_fn, false_fn):
    if not isinstance(pred, jax.core.Tracer):
        return true_fn() if bool(pred) else false_fn()  # a known predicate runs one branch only
    return jax.lax.cond(jnp.asarray(pred).astype(bool), true_fn, false_fn)


def switch(index, branches, *operands):
    if not isinstance(index, jax.core.Tracer):
        return branches[min(max(int(index), 0), len(branches) - 1)](*operands)
    return jax.lax.switch(index, branches, *operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (list, tuple))
    state = _tensors(tuple(loop_vars) if is_sequence else (loop_vars,))

    def step(values):
        out = body(*values)
        return tuple(out) if is_sequence else (out,)

    if maximum_iterations is None:
        out = jax.lax.while_loop(lambda values: cond(*values), step, state)
    else:
        out, _ = jax.lax.while_loop(
            lambda s: jnp.logical_and(cond(*s[0]), s[1] < maximum_iterations),
            lambda s: (step(s[0]), s[1] + 1),
            (state, jnp.asarray(0, "int32")))
    return out if is_sequence else out[0]


def fori_loop(lower, upper, body_fun, init_val):
    return jax.lax.fori_loop(lower, upper, body_fun, _tensors(init_val))


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """jax.lax.scan. Called eagerly, lax.scan compiles its loop anew at every call (~0.2 s for an LSTM
    layer: the body is a new function each time); here the body is traced once per call and the compiled
    loop is reused for every body that traces to the same program, its captured arrays passed as arguments."""
    init, xs = _tensors(init), _tensors(xs)
    x_spec = jax.tree_util.tree_map(lambda x: jax.ShapeDtypeStruct(x.shape[1:], x.dtype, weak_type=x.weak_type), xs)
    closed, out_shape = jax.make_jaxpr(f, return_shape=True)(init, x_spec)
    out_tree = jax.tree_util.tree_structure(out_shape)
    consts = closed.consts
    leaves = jax.tree_util.tree_leaves((init, xs, consts))
    if any(isinstance(leaf, jax.core.Tracer) for leaf in leaves):  # inside a traced function: no compiling here
        return jax.lax.scan(_body(closed.jaxpr, consts, out_tree), init, xs, length=length, reverse=reverse,
                            unroll=unroll)
    key = (str(closed.jaxpr), out_tree, jax.tree_util.tree_structure((init, xs)),
           tuple((np.shape(leaf), jnp.result_type(leaf), getattr(leaf, "weak_type", False)) for leaf in leaves),
           length, reverse, unroll)
    compiled = _COMPILED_SCANS.pop(key, None)
    if compiled is None:
        compiled = jax.jit(lambda consts, init, xs: jax.lax.scan(
            _body(closed.jaxpr, consts, out_tree), init, xs, length=length, reverse=reverse, unroll=unroll))
    _COMPILED_SCANS[key] = compiled  # most recently used last
    while len(_COMPILED_SCANS) > _MAX_COMPILED_SCANS:
        del _COMPILED_SCANS[next(iter(_COMPILED_SCANS))]
    return compiled(consts, init, xs)


_COMPILED_SCANS = {}
_MAX_COMPILED_SCANS = 64


def _body(jaxpr, consts, out_tree):
    """The scan body `f` as traced: (carry, x) -> (carry, y) by evaluating its jaxpr."""
    def body(carry, x):
        flat = jax.core.eval_jaxpr(jaxpr, consts, *jax.tree_util.tree_leaves((carry, x)))
        return jax.tree_util.tree_unflatten(out_tree, flat)

    return body


def map(f, xs):
    return jax.lax.map(f, _tensors(xs))


def vectorized_map(function, elements):
    return jax.vmap(function)(_tensors(elements))


def associative_scan(f, elems, reverse=False, axis=0):
    return jax.lax.associative_scan(f, _tensors(elems), reverse=reverse, axis=axis)


def custom_gradient(f):
    """f(*args) -> (y, grad) with grad(upstream) -> one gradient per argument."""
    return jax.custom_gradient(f)


def stop_gradient(variable):
    return jax.lax.stop_gradient(convert_to_tensor(variable))


def _slice_starts(x, start_indices, sizes):
    starts = _static_ints(start_indices)
    if starts is None:
        if -1 in sizes:
            raise ValueError("ops.slice: a size of -1 needs start indices known before run time.")
        return list(start_indices), list(sizes)
    sizes = [d - min(max(s, 0), d) if n == -1 else n for d, s, n in zip(x.shape, starts, sizes)]
    return starts, sizes


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    starts, sizes = _slice_starts(inputs, start_indices, [int(n) for n in shape])
    return jax.lax.dynamic_slice(inputs, starts, sizes)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    starts = _static_ints(start_indices)
    return jax.lax.dynamic_update_slice(inputs, updates, start_indices if starts is None else starts)


def _int_indices(indices):
    indices = convert_to_tensor(indices)
    return indices if jnp.issubdtype(indices.dtype, jnp.integer) else indices.astype("int32")


# One compiled program per op and shapes: eagerly, the several primitives of a scatter
# would otherwise each be compiled on first use.
@functools.partial(jax.jit, static_argnames=("shape",))
def _scatter(indices, values, shape):
    return jnp.zeros(shape, values.dtype).at[tuple(jnp.moveaxis(indices, -1, 0))].add(values)


@functools.partial(jax.jit, static_argnames=("method",))
def _scatter_update(inputs, indices, updates, method):
    at = inputs.at[tuple(jnp.moveaxis(indices, -1, 0))]
    return getattr(at, method)(updates.astype(inputs.dtype))


def scatter(indices, values, shape):
    return _scatter(_int_indices(indices), convert_to_tensor(values), tuple(shape))


_SCATTER_METHODS = {None: "set", "add": "add", "max": "max", "min": "min", "mul": "multiply"}


def scatter_update(inputs, indices, updates, reduction=None):
    return _scatter_update(convert_to_tensor(inputs), _int_indices(indices), convert_to_tensor(updates),
                           _SCATTER_METHODS[reduction])


@functools.partial(jax.jit, static_argnames=("axis",))
def _unstack(x, axis):
    return [jax.lax.index_in_dim(x, i, axis, keepdims=False) for i in range(x.shape[axis])]


def unstack(x, num=None, axis=0):
    return _unstack(convert_to_tensor(x), axis)


def saturate_cast(x, dtype, lower, upper):
    """Clip to [lower, upper] (limits representable in both dtypes), then cast."""
    x = convert_to_tensor(x)
    if lower is not None:
        x = jnp.clip(x, lower, upper)
    return x.astype(_jax_dtype(dtype))
