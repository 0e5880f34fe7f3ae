"""Core ops: conversion, casting, shapes, control flow, slicing and scattering, gradients.

Control-flow ops take user functions. On KerasTensors their output spec comes
from calling those functions on KerasTensors (without recording graph nodes),
so a function may use any keras_lite op, and may close over other KerasTensors
inside a layer's `call`.
"""
import builtins
import functools
import inspect

import numpy as np
import optree

from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic
from keras_lite.backends.common.variable import Variable
from keras_lite.ops._dispatch import keras_op, no_recording
from keras_lite.ops._shapes import normalize_axes, shape_of

__all__ = [
    "associative_scan", "cast", "cond", "convert_to_numpy", "convert_to_tensor", "custom_gradient", "dtype",
    "fori_loop", "is_tensor", "map", "saturate_cast", "scan", "scatter", "scatter_update", "shape", "slice",
    "slice_update", "stop_gradient", "switch", "unstack", "vectorized_map", "while_loop",
]


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """An engine tensor from arrays, lists, scalars or Variables; KerasTensors pass through (cast if asked)."""
    if isinstance(x, KerasTensor):
        return x if dtype is None else cast(x, dtype)
    return engine.core.convert_to_tensor(x, dtype=dtype, sparse=sparse, ragged=ragged)


def convert_to_numpy(x):
    if isinstance(x, KerasTensor):
        raise ValueError(
            "ops.convert_to_numpy: a symbolic KerasTensor has no values. Call it on real data, "
            f"not on the graph's inputs ({x!r}).")
    return engine.core.convert_to_numpy(x)


@keras_op(spec=lambda x, dtype: KerasTensor(shape_of(x), dtypes.standardize_dtype(dtype)))
def cast(x, dtype):
    return engine.core.cast(x, dtypes.standardize_dtype(dtype))


def is_tensor(x):
    """True for the active engine's native tensors (not for KerasTensors or NumPy arrays)."""
    return engine.core.is_tensor(x)


def shape(x):
    """The shape as a tuple; dims unknown until run time are None (symbolic) or scalar tensors (in a trace)."""
    if isinstance(x, KerasTensor):
        return x.shape
    if not engine.core.is_tensor(x):
        x = engine.core.convert_to_tensor(x)
    return engine.core.shape(x)


def dtype(x):
    """The Keras dtype name of a tensor, array, Variable or KerasTensor."""
    return dtypes.standardize_dtype(x.dtype)


# -- specs of ops that call user functions -------------------------------------

def _spec(x):
    """A fresh KerasTensor shaped like x (never x itself: an op's outputs get their own history)."""
    if isinstance(x, (bool, int, float, complex)):
        return KerasTensor((), dtypes.result_type(x))
    return KerasTensor(shape_of(x), dtypes.standardize_dtype(x.dtype))


def _specs(tree):
    return optree.tree_map(_spec, tree)


def _trace(fn, *args):
    """fn(*args) with KerasTensor arguments, as fresh KerasTensors; records no graph nodes."""
    with no_recording():
        out = fn(*args)
    return _specs(out)


def _leading_dim(xs, op_name, length=None):
    """The common size of the leading axis of every tensor in `xs` (None if unknown)."""
    leaves = optree.tree_leaves(xs)
    if not leaves:
        raise ValueError(f"ops.{op_name}: there are no tensors to iterate over (got {xs!r}).")
    n = None
    for x in leaves:
        s = shape_of(x)
        if not s:
            raise ValueError(f"ops.{op_name}: every tensor iterated over needs a leading axis; got a scalar.")
        if n is None:
            n = s[0]
        elif s[0] is not None and s[0] != n:
            raise ValueError(f"ops.{op_name}: the tensors iterated over have different leading sizes "
                             f"{[shape_of(v)[0] for v in leaves]}.")
    if length is not None and n is not None and int(length) != n:
        raise ValueError(f"ops.{op_name}: length={length} does not match the leading size {n} of `xs`.")
    return n


def _element(xs):
    """KerasTensors for one slice of `xs` along the leading axis."""
    return optree.tree_map(lambda x: KerasTensor(shape_of(x)[1:], dtypes.standardize_dtype(x.dtype)), xs)


def _batched(ys, n):
    return optree.tree_map(lambda y: KerasTensor((n,) + y.shape, y.dtype), ys)


def _same_outputs(op_name, outputs, names):
    """The first output spec, after checking every one has the same structure, dtypes and ranks.

    Dims that differ between them become None."""
    first, treedef = optree.tree_flatten(outputs[0])
    merged = [list(t.shape) for t in first]
    for out, name in zip(outputs[1:], names[1:]):
        leaves, other = optree.tree_flatten(out)
        if other != treedef:
            raise ValueError(f"ops.{op_name}: {names[0]} and {name} return different structures: "
                             f"{treedef} and {other}.")
        for shape_so_far, a, b in zip(merged, first, leaves):
            if a.dtype != b.dtype or len(a.shape) != len(b.shape):
                raise ValueError(f"ops.{op_name}: {names[0]} and {name} return different tensors: "
                                 f"{a.shape} {a.dtype} and {b.shape} {b.dtype}.")
            for i, d in enumerate(b.shape):
                if shape_so_far[i] != d:
                    shape_so_far[i] = None
    return optree.tree_unflatten(treedef, [KerasTensor(s, t.dtype) for s, t in zip(merged, first)])


def _check_callable(op_name, **fns):
    for name, fn in fns.items():
        if not callable(fn):
            raise TypeError(f"ops.{op_name}: `{name}` must be callable; got {fn!r}.")


# -- control flow ----------------------------------------------------------------

def _cond_spec(pred, true_fn, false_fn):
    _check_callable("cond", true_fn=true_fn, false_fn=false_fn)
    return _same_outputs("cond", [_trace(true_fn), _trace(false_fn)], ["true_fn", "false_fn"])


@keras_op(spec=_cond_spec)
def cond(pred, true_fn, false_fn):
    """true_fn() if pred else false_fn(); in a traced function only the taken branch runs."""
    _check_callable("cond", true_fn=true_fn, false_fn=false_fn)
    return engine.core.cond(pred, true_fn, false_fn)


def _check_branches(branches):
    if not isinstance(branches, (list, tuple)) or not branches:
        raise ValueError(f"ops.switch: `branches` must be a non-empty list of functions; got {branches!r}.")
    _check_callable("switch", **{f"branches[{i}]": b for i, b in enumerate(branches)})


def _switch_spec(index, branches, *operands):
    _check_branches(branches)
    return _same_outputs("switch", [_trace(b, *operands) for b in branches],
                         [f"branches[{i}]" for i in range(len(branches))])


@keras_op(spec=_switch_spec)
def switch(index, branches, *operands):
    """branches[index](*operands), with index clamped to the valid range."""
    _check_branches(branches)
    return engine.core.switch(index, branches, *operands)


def _while_loop_spec(cond, body, loop_vars, maximum_iterations=None):
    _check_callable("while_loop", cond=cond, body=body)
    out = _specs(loop_vars)
    return tuple(out) if isinstance(loop_vars, list) else out


@keras_op(spec=_while_loop_spec)
def while_loop(cond, body, loop_vars, maximum_iterations=None):
    """Repeat `loop_vars = body(*loop_vars)` while `cond(*loop_vars)` (a lone tensor is passed as itself).

    Returns the final loop_vars: a tuple if they were a list or tuple."""
    _check_callable("while_loop", cond=cond, body=body)
    return engine.core.while_loop(cond, body, loop_vars, maximum_iterations=maximum_iterations)


def _fori_loop_spec(lower, upper, body_fun, init_val):
    _check_callable("fori_loop", body_fun=body_fun)
    return _specs(init_val)


@keras_op(spec=_fori_loop_spec)
def fori_loop(lower, upper, body_fun, init_val):
    """`val = body_fun(i, val)` for i in range(lower, upper), starting from init_val."""
    _check_callable("fori_loop", body_fun=body_fun)
    return engine.core.fori_loop(lower, upper, body_fun, init_val)


def _check_scan(f, xs, length, unroll):
    _check_callable("scan", f=f)
    if not isinstance(unroll, bool) and (not isinstance(unroll, int) or unroll < 1):
        raise ValueError(f"ops.scan: `unroll` must be a positive int or a bool; got {unroll!r}.")
    if xs is None:
        if length is None:
            raise ValueError("ops.scan: pass `xs` to scan over, or `length` when there is none.")
        return int(length)
    return _leading_dim(xs, "scan", length)


def _pair(out):
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise ValueError(f"ops.scan: `f` must return a pair (new_carry, y); got {out!r}.")
    return out


def _scan_spec(f, init, xs=None, length=None, reverse=False, unroll=1):
    n = _check_scan(f, xs, length, unroll)
    carry, y = _pair(_trace(f, _specs(init), None if xs is None else _element(xs)))
    return carry, _batched(y, n)


@keras_op(spec=_scan_spec)
def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """`carry, y = f(carry, x)` over the leading axis of xs; returns (final carry, stacked ys)."""
    _check_scan(f, xs, length, unroll)
    return engine.core.scan(f, init, xs, length=length, reverse=reverse, unroll=unroll)


def _map_spec(f, xs):
    _check_callable("map", f=f)
    return _batched(_trace(f, _element(xs)), _leading_dim(xs, "map"))


@keras_op(spec=_map_spec)
def map(f, xs):
    """Stacked f(x) for each x along the leading axis of xs (one call of f per element)."""
    _check_callable("map", f=f)
    _leading_dim(xs, "map")
    return engine.core.map(f, xs)


def _vectorized_map_spec(function, elements):
    _check_callable("vectorized_map", function=function)
    return _batched(_trace(function, _element(elements)), _leading_dim(elements, "vectorized_map"))


@keras_op(spec=_vectorized_map_spec)
def vectorized_map(function, elements):
    """Like `map`, but the engine batches `function` over the leading axis where it can (vmap)."""
    _check_callable("vectorized_map", function=function)
    _leading_dim(elements, "vectorized_map")
    return engine.core.vectorized_map(function, elements)


def _scan_axis(f, elems, axis):
    _check_callable("associative_scan", f=f)
    leaves = optree.tree_leaves(elems)
    if not leaves:
        raise ValueError(f"ops.associative_scan: `elems` holds no tensors (got {elems!r}).")
    sizes = {shape_of(x)[normalize_axes(axis, len(shape_of(x)), "associative_scan")[0]] for x in leaves}
    if len(sizes - {None}) > 1:
        raise ValueError(f"ops.associative_scan: the tensors in `elems` differ in size along axis {axis}: "
                         f"{[shape_of(x) for x in leaves]}.")
    return normalize_axes(axis, len(shape_of(leaves[0])), "associative_scan")[0]


def _associative_scan_spec(f, elems, reverse=False, axis=0):
    _scan_axis(f, elems, axis)
    return _trace(f, _specs(elems), _specs(elems))


@keras_op(spec=_associative_scan_spec)
def associative_scan(f, elems, reverse=False, axis=0):
    """Inclusive prefix scan with an associative f: [a, f(a, b), f(f(a, b), c), ...] along `axis`."""
    return engine.core.associative_scan(f, elems, reverse=reverse, axis=_scan_axis(f, elems, axis))


# -- gradients -------------------------------------------------------------------

def _upstream_by_keyword(grad_fn):
    try:
        param = inspect.signature(grad_fn).parameters.get("upstream")
    except (TypeError, ValueError):
        return False
    return param is not None and param.kind is inspect.Parameter.KEYWORD_ONLY


def custom_gradient(f):
    """Decorate `f(*args) -> (y, grad)`; the result computes y and uses `grad` for its gradient.

    `grad(upstream)` (JAX/TF style) and `grad(*args, upstream=...)` (torch style) both work on
    every backend; it returns one gradient per positional argument. On the numpy backend
    the function computes y only (numpy computes no gradients)."""

    def forward(*args, **kwargs):
        y, grad_fn = f(*args, **kwargs)
        by_keyword = _upstream_by_keyword(grad_fn)

        def grad(upstream):
            out = grad_fn(*args, upstream=upstream) if by_keyword else grad_fn(upstream)
            return tuple(out) if isinstance(out, (tuple, list)) else (out,)

        return y, grad

    with_gradient = engine.core.custom_gradient(forward)

    @functools.wraps(f)
    def call(*args, **kwargs):
        if any_symbolic(args, kwargs):
            return f(*args, **kwargs)[0]
        args = tuple(engine.core.convert_to_tensor(a) if isinstance(a, Variable) else a for a in args)
        if kwargs:  # keyword arguments are constants of the gradient
            return engine.core.custom_gradient(functools.partial(forward, **kwargs))(*args)
        return with_gradient(*args)

    return call


@keras_op(spec=lambda variable: _spec(variable))
def stop_gradient(variable):
    """The value of `variable` (a tensor or Variable) as a constant for differentiation."""
    return engine.core.stop_gradient(variable)


# -- slicing and scattering --------------------------------------------------------

def _dtype_name(x):
    """The dtype of a tensor, array, list or Python scalar (scalars and lists as converted)."""
    return dtypes.result_type(dtypes.dtype_of(x))


def _static_ints(values):
    """Python ints from a list, array or eager tensor; None if some value is symbolic or traced."""
    try:
        return [int(v) for v in np.asarray(values).reshape(-1)]
    except Exception:  # a KerasTensor or a traced tensor: known only at run time
        return None


def _check_slice(inputs, start_indices, shape):
    """The slice sizes as ints (-1: to the end), after checking them against the input's shape."""
    in_shape = shape_of(inputs)
    sizes = _static_ints(shape)
    if sizes is None:
        raise ValueError(f"ops.slice: `shape` must be known before run time (ints); got {shape!r}.")
    if len(sizes) != len(in_shape):
        raise ValueError(f"ops.slice: `shape` {tuple(sizes)} must have one size per dim of the input "
                         f"of shape {in_shape}.")
    if isinstance(start_indices, (list, tuple)):
        n_starts = len(start_indices)
    else:
        n_starts = (tuple(shape_of(start_indices)) or (None,))[0]
    if n_starts is not None and n_starts != len(in_shape):
        raise ValueError(f"ops.slice: `start_indices` must have one index per dim of the input of shape "
                         f"{in_shape}; got {n_starts}.")
    for dim, size in zip(in_shape, sizes):
        if size < -1 or (dim is not None and size > dim):
            raise ValueError(f"ops.slice: slice shape {tuple(sizes)} does not fit in the input of shape {in_shape}.")
    return sizes


def _slice_spec(inputs, start_indices, shape):
    sizes = _check_slice(inputs, start_indices, shape)
    starts = _static_ints(start_indices)
    out = []
    for i, (dim, size) in enumerate(zip(shape_of(inputs), sizes)):
        if size != -1:
            out.append(size)
        elif starts is None or dim is None:
            out.append(None)
        else:
            out.append(dim - min(max(starts[i], 0), dim))
    return KerasTensor(out, _dtype_name(inputs))


@keras_op(spec=_slice_spec)
def slice(inputs, start_indices, shape):
    """inputs[start:start + size] in every dim; starts may be tensors, sizes are ints (-1: to the end).

    Starts are clamped so that the slice lies inside `inputs` (as in XLA's dynamic_slice)."""
    return engine.core.slice(inputs, start_indices, _check_slice(inputs, start_indices, shape))


def _check_slice_update(inputs, updates):
    in_shape, up_shape = shape_of(inputs), shape_of(updates)
    if len(in_shape) != len(up_shape) or any(
            a is not None and b is not None and b > a for a, b in zip(in_shape, up_shape)):
        raise ValueError(f"ops.slice_update: `updates` of shape {up_shape} must have the rank of `inputs` "
                         f"{in_shape} and fit inside it.")


def _slice_update_spec(inputs, start_indices, updates):
    _check_slice_update(inputs, updates)
    return KerasTensor(shape_of(inputs), _dtype_name(inputs))


@keras_op(spec=_slice_update_spec)
def slice_update(inputs, start_indices, updates):
    """A copy of inputs with `updates` written at start_indices (clamped so that they fit)."""
    _check_slice_update(inputs, updates)
    return engine.core.slice_update(inputs, start_indices, updates)


def _target_shape(shape):
    dims = _static_ints(shape)
    if dims is None or any(d < 0 for d in dims):
        raise ValueError(f"ops.scatter: `shape` must be non-negative ints known before run time; got {shape!r}.")
    return tuple(dims)


def _check_scatter(op_name, indices, values, shape, values_name):
    idx_shape, val_shape, shape = shape_of(indices), shape_of(values), tuple(shape)
    k = idx_shape[-1] if idx_shape else None
    if not idx_shape or (k is not None and k > len(shape)):
        raise ValueError(f"ops.{op_name}: `indices` must have shape (..., k) with k <= {len(shape)} "
                         f"(the rank of the target {shape}); got {idx_shape}.")
    if k is None:
        return
    want = tuple(idx_shape[:-1]) + shape[k:]
    if len(val_shape) != len(want) or any(a is not None and b is not None and a != b
                                          for a, b in zip(val_shape, want)):
        raise ValueError(f"ops.{op_name}: `{values_name}` must have shape indices.shape[:-1] + "
                         f"target_shape[{k}:] = {want}; got {val_shape}.")


def _scatter_spec(indices, values, shape):
    shape = _target_shape(shape)
    _check_scatter("scatter", indices, values, shape, "values")
    return KerasTensor(shape, _dtype_name(values))


@keras_op(spec=_scatter_spec)
def scatter(indices, values, shape):
    """Zeros of `shape` with values added at indices (shape (..., k)); duplicate indices add up."""
    shape = _target_shape(shape)
    _check_scatter("scatter", indices, values, shape, "values")
    return engine.core.scatter(indices, values, shape)


_REDUCTIONS = (None, "add", "max", "min", "mul")


def _reduction(reduction):
    if isinstance(reduction, str):
        reduction = reduction.lower()
    if reduction not in _REDUCTIONS:
        raise ValueError(f"ops.scatter_update: invalid reduction {reduction!r}; "
                         "expected None, 'add', 'max', 'min' or 'mul'.")
    return reduction


def _scatter_update_spec(inputs, indices, updates, reduction=None):
    _reduction(reduction)
    _check_scatter("scatter_update", indices, updates, shape_of(inputs), "updates")
    return KerasTensor(shape_of(inputs), _dtype_name(inputs))


@keras_op(spec=_scatter_update_spec)
def scatter_update(inputs, indices, updates, reduction=None):
    """A copy of inputs with updates written at indices (shape (..., k)).

    reduction None: replace (one of several writes to the same place wins); 'add', 'max',
    'min', 'mul': combine with the existing value and with each other."""
    reduction = _reduction(reduction)
    _check_scatter("scatter_update", indices, updates, shape_of(inputs), "updates")
    return engine.core.scatter_update(inputs, indices, updates, reduction=reduction)


def _unstack_axis(x, num, axis):
    x_shape = shape_of(x)
    (axis,) = normalize_axes(axis, len(x_shape), "unstack")
    size = x_shape[axis]
    if num is not None and size is not None and num != size:
        raise ValueError(f"ops.unstack: num={num} does not match dim {axis} of shape {x_shape}.")
    if size is None and num is None:
        raise ValueError(f"ops.unstack: dim {axis} of shape {x_shape} is unknown; pass `num`.")
    return axis, size if size is not None else num


def _unstack_spec(x, num=None, axis=0):
    axis, n = _unstack_axis(x, num, axis)
    out_shape = x.shape[:axis] + x.shape[axis + 1:]
    return [KerasTensor(out_shape, x.dtype) for _ in range(n)]


@keras_op(spec=_unstack_spec)
def unstack(x, num=None, axis=0):
    """The list of slices of x along `axis`."""
    axis, n = _unstack_axis(x, num, axis)
    return engine.core.unstack(x, n, axis)


# -- casting -----------------------------------------------------------------------

def _dtype_range(name):
    """(min, max) of a dtype as exact Python numbers."""
    if name == "bool":
        return 0, 1
    if dtypes.is_int_dtype(name):
        info = np.iinfo(name)
        return int(info.min), int(info.max)
    import ml_dtypes  # not at module level: torch does not load it, and its import costs CPU time

    info = ml_dtypes.finfo(dtypes.to_numpy_dtype(name))
    return float(info.min), float(info.max)


@functools.lru_cache(maxsize=None)
def _saturation_limits(in_dtype, out_dtype):
    """[lower, upper] in in_dtype's values: inside out_dtype's range, nudged toward 0 where the
    bound itself is not representable (float32 cannot hold int32's max)."""
    if in_dtype == "bool" or dtypes.is_complex_dtype(in_dtype) or dtypes.is_complex_dtype(out_dtype):
        return None, None
    (in_min, in_max), (out_min, out_max) = _dtype_range(in_dtype), _dtype_range(out_dtype)
    np_in = dtypes.to_numpy_dtype(in_dtype)
    as_in = float if dtypes.is_float_dtype(in_dtype) else int
    lower = np.asarray(as_in(builtins.max(in_min, out_min))).astype(np_in)
    upper = np.asarray(as_in(builtins.min(in_max, out_max))).astype(np_in)
    if lower.item() < out_min:  # Python numbers compare exactly
        lower = np.nextafter(lower, np.zeros((), np_in))
    if upper.item() > out_max:
        upper = np.nextafter(upper, np.zeros((), np_in))
    return lower.item(), upper.item()


def _stored_dtype(name):
    """The dtype the engine stores `name` as (JAX without x64 narrows 64-bit types)."""
    if name not in ("int64", "uint64", "float64"):
        return name
    return dtypes.standardize_dtype(engine.core.convert_to_tensor(0, dtype=name).dtype)


@keras_op(spec=lambda x, dtype: KerasTensor(shape_of(x), dtypes.standardize_dtype(dtype)))
def saturate_cast(x, dtype):
    """Cast with out-of-range values clipped to the target dtype's range (NaN: engine-defined)."""
    dtype = dtypes.standardize_dtype(dtype)
    x = engine.core.convert_to_tensor(x)
    lower, upper = _saturation_limits(dtypes.standardize_dtype(x.dtype), _stored_dtype(dtype))
    return engine.core.saturate_cast(x, dtype, lower, upper)
