"""Array numpy-style ops: creation, shape manipulation, joining and splitting, indexing, products.

Shape rules live in `_array_shapes.py`; ops without one are abstract-evaluated.
Creation ops take no tensor inputs, so they run eagerly (the `*_like` ones
take their spec from the input). Dtypes follow Keras: integer `arange` ->
int32, float arguments and `zeros`/`ones`/`full`/`eye` -> floatx,
int8 x int8 `matmul`/`einsum` -> int32, other products -> the promoted type.
"""
import re

import numpy as np
import optree

from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.ops import _array_shapes as rules
from keras_lite.ops import core
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import broadcast_shapes, shape_of

__all__ = [
    "append", "arange", "array", "array_split", "bartlett", "blackman", "broadcast_to", "concatenate",
    "correlate", "cross", "diag", "diagflat", "diagonal", "dot", "dsplit", "dstack", "einsum", "empty",
    "empty_like", "expand_dims", "eye", "flip", "fliplr", "flipud", "full", "full_like", "geomspace",
    "get_item", "hamming", "hanning", "hsplit", "hstack", "identity", "inner", "kaiser", "kron",
    "linspace", "logspace", "matmul", "meshgrid", "moveaxis", "ndim", "ones", "ones_like", "outer", "pad",
    "ravel", "rearrange", "repeat", "reshape", "roll", "rot90", "size", "split", "squeeze", "stack",
    "swapaxes", "tensordot", "tile", "transpose", "tri", "tril", "triu", "vander", "vdot", "vectorize",
    "vsplit", "vstack", "zeros", "zeros_like",
]


def _dtype(dtype):
    return None if dtype is None else dtypes.standardize_dtype(dtype)


def _shape(shape):
    return (int(shape),) if isinstance(shape, int) or getattr(shape, "ndim", None) == 0 else tuple(shape)


# -- creation -----------------------------------------------------------------
@keras_op()
def arange(start, stop=None, step=None, dtype=None):
    """Like `np.arange`; dtype from the arguments (Python ints -> int32, floats -> floatx)."""
    if dtype is None:
        dtype = dtypes.result_type(*(dtype_of(a) for a in (start, stop, step) if a is not None))
    return engine.array.arange(start, stop, step, dtype=dtypes.standardize_dtype(dtype))


@keras_op()
def array(x, dtype=None):
    return engine.core.convert_to_tensor(x, dtype=_dtype(dtype))


@keras_op()
def zeros(shape, dtype=None):
    return engine.array.zeros(_shape(shape), dtype=dtypes.standardize_dtype(dtype))


@keras_op()
def ones(shape, dtype=None):
    return engine.array.ones(_shape(shape), dtype=dtypes.standardize_dtype(dtype))


@keras_op()
def empty(shape, dtype=None):
    """A zero-filled tensor (engines without uninitialised memory agree on zeros)."""
    return engine.array.zeros(_shape(shape), dtype=dtypes.standardize_dtype(dtype))


@keras_op()
def full(shape, fill_value, dtype=None):
    """dtype None means floatx, whatever the fill value (as Keras)."""
    return engine.array.full(_shape(shape), fill_value, dtype=dtypes.standardize_dtype(dtype))


@keras_op(spec=rules.like_spec)
def zeros_like(x, dtype=None):
    return engine.array.zeros_like(x, dtype=_dtype(dtype))


@keras_op(spec=rules.like_spec)
def ones_like(x, dtype=None):
    return engine.array.ones_like(x, dtype=_dtype(dtype))


@keras_op(spec=rules.like_spec)
def empty_like(x, dtype=None):
    return engine.array.zeros_like(x, dtype=_dtype(dtype))


@keras_op(spec=rules.like_spec)
def full_like(x, fill_value, dtype=None):
    return engine.array.full_like(x, fill_value, dtype=_dtype(dtype))


@keras_op()
def eye(N, M=None, k=0, dtype=None):
    return engine.array.eye(N, M, k, dtype=dtypes.standardize_dtype(dtype))


@keras_op()
def identity(n, dtype=None):
    return engine.array.eye(n, None, 0, dtype=dtypes.standardize_dtype(dtype))


@keras_op()
def tri(N, M=None, k=0, dtype=None):
    return engine.array.tri(N, M, k, dtype=dtypes.standardize_dtype(dtype))


def _space_dtype(start, stop, dtype):
    return dtypes.standardize_dtype(dtype) if dtype is not None else dtypes.float_result_type(
        dtype_of(start), dtype_of(stop))


@keras_op()
def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    return engine.array.linspace(start, stop, num, endpoint, retstep, _space_dtype(start, stop, dtype), axis)


@keras_op()
def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    return engine.array.logspace(start, stop, num, endpoint, base, _space_dtype(start, stop, dtype), axis)


@keras_op()
def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    return engine.array.geomspace(start, stop, num, endpoint, _space_dtype(start, stop, dtype), axis)


def _window_length(x):
    if isinstance(x, bool) or not float(x).is_integer():
        raise ValueError(f"ops: a window length must be an integer, got {x!r}.")
    return int(x)


@keras_op()
def bartlett(x):
    return engine.array.bartlett(_window_length(x))


@keras_op()
def blackman(x):
    return engine.array.blackman(_window_length(x))


@keras_op()
def hamming(x):
    return engine.array.hamming(_window_length(x))


@keras_op()
def hanning(x):
    return engine.array.hanning(_window_length(x))


@keras_op()
def kaiser(x, beta):
    return engine.array.kaiser(_window_length(x), float(beta))


@keras_op()
def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"ops.meshgrid: indexing must be 'xy' or 'ij', got {indexing!r}.")
    return engine.array.meshgrid(*x, indexing=indexing)


@keras_op()
def vander(x, N=None, increasing=False):
    if len(shape_of(x)) != 1:
        raise ValueError(f"ops.vander: x must be 1-D, got shape {shape_of(x)}.")
    return engine.array.vander(x, N, increasing)


# -- shape manipulation -------------------------------------------------------
@keras_op(spec=rules.reshape_spec)
def reshape(x, newshape):
    return engine.array.reshape(x, newshape)


@keras_op(spec=rules.transpose_spec)
def transpose(x, axes=None):
    return engine.array.transpose(x, axes)


@keras_op(spec=rules.expand_dims_spec)
def expand_dims(x, axis):
    return engine.array.expand_dims(x, axis)


@keras_op(spec=rules.squeeze_spec)
def squeeze(x, axis=None):
    return engine.array.squeeze(x, axis)


@keras_op()
def ravel(x):
    return engine.array.ravel(x)


@keras_op(spec=rules.broadcast_to_spec)
def broadcast_to(x, shape):
    return engine.array.broadcast_to(x, _shape(shape))


@keras_op()
def moveaxis(x, source, destination):
    return engine.array.moveaxis(x, source, destination)


@keras_op()
def swapaxes(x, axis1, axis2):
    return engine.array.swapaxes(x, axis1, axis2)


@keras_op()
def flip(x, axis=None):
    return engine.array.flip(x, axis)


@keras_op()
def fliplr(x):
    if len(shape_of(x)) < 2:
        raise ValueError(f"ops.fliplr: input must be at least 2-D, got shape {shape_of(x)}.")
    return engine.array.flip(x, 1)


@keras_op()
def flipud(x):
    if len(shape_of(x)) < 1:
        raise ValueError("ops.flipud: input must be at least 1-D, got a scalar.")
    return engine.array.flip(x, 0)


@keras_op()
def roll(x, shift, axis=None):
    return engine.array.roll(x, shift, axis)


@keras_op()
def rot90(array, k=1, axes=(0, 1)):
    rank = len(shape_of(array))
    if len(axes) != 2 or rank < 2:
        raise ValueError(f"ops.rot90: needs two axes of a tensor of rank >= 2, got axes={axes} for rank {rank}.")
    a = [rules.canonical_axis(i, rank, "rot90") for i in axes]
    if a[0] == a[1]:
        raise ValueError(f"ops.rot90: the two axes must differ, got {axes}.")
    return engine.array.rot90(array, k, tuple(a))


@keras_op()
def tile(x, repeats):
    return engine.array.tile(x, (repeats,) if isinstance(repeats, int) else tuple(repeats))


@keras_op(spec=rules.repeat_spec)
def repeat(x, repeats, axis=None):
    return engine.array.repeat(x, repeats, axis)


_PAD_MODES = ("constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect",
              "symmetric", "wrap", "empty", "circular")


@keras_op()
def pad(x, pad_width, mode="constant", constant_values=None):
    if mode not in _PAD_MODES:
        raise ValueError(f"ops.pad: unknown mode {mode!r}; expected one of {_PAD_MODES}.")
    if constant_values is not None and mode != "constant":
        raise ValueError(f"ops.pad: constant_values only applies to mode='constant', got mode={mode!r}.")
    rank = len(shape_of(x))
    widths = _pad_widths(pad_width, rank)
    return engine.array.pad(x, widths, mode, constant_values)


def _pad_widths(pad_width, rank):
    """NumPy's pad_width forms (int, (n,), (before, after), per-axis pairs) -> one pair per axis."""
    try:
        widths = np.broadcast_to(np.asarray(pad_width, dtype="int64"), (rank, 2))
    except ValueError:
        raise ValueError(f"ops.pad: pad_width {pad_width} does not fit a tensor of rank {rank}.") from None
    if (widths < 0).any():
        raise ValueError(f"ops.pad: pad widths must be non-negative, got {pad_width}.")
    return tuple((int(a), int(b)) for a, b in widths)


@keras_op(spec=rules.diag_spec)
def diag(x, k=0):
    return engine.array.diag(x, k)


@keras_op()
def diagflat(x, k=0):
    return engine.array.diag(engine.array.ravel(x), k)


@keras_op(spec=rules.diagonal_spec)
def diagonal(x, offset=0, axis1=0, axis2=1):
    return engine.array.diagonal(x, offset, axis1, axis2)


def _at_least_2d(op, x):
    if len(shape_of(x)) < 2:
        raise ValueError(f"ops.{op}: input must be at least 2-D, got shape {shape_of(x)}.")


@keras_op()
def tril(x, k=0):
    _at_least_2d("tril", x)
    return engine.array.tril(x, k)


@keras_op()
def triu(x, k=0):
    _at_least_2d("triu", x)
    return engine.array.triu(x, k)


@keras_op(spec=rules.rearrange_spec, keras_module="einops")
def rearrange(tensor, pattern, **axes_lengths):
    """einops-style axis rearrangement, e.g. 'b (h w) c -> b h w c' with h=2."""
    shape = engine.core.shape(engine.core.convert_to_tensor(tensor))
    decomposed, perm, out = rules.rearrange_plan(shape, pattern, axes_lengths)
    x = engine.array.reshape(tensor, decomposed)
    return engine.array.reshape(engine.array.transpose(x, perm), out)


def ndim(x):
    """The rank as a Python int (also for KerasTensors: the rank is always known)."""
    return len(shape_of(x))


@keras_op(spec=rules.size_spec)
def size(x):
    """The number of elements, as an int32 scalar tensor."""
    return engine.array.size(x)


# -- joining and splitting ----------------------------------------------------
@keras_op(spec=rules.concatenate_spec)
def concatenate(xs, axis=0):
    return engine.array.concatenate(xs, axis)


@keras_op(spec=rules.append_spec)
def append(x1, x2, axis=None):
    return engine.array.concatenate([x1, x2], axis)


@keras_op(spec=rules.stack_spec)
def stack(x, axis=0):
    return engine.array.stack(x, axis)


@keras_op(spec=rules.stack_family_spec("hstack", 1, 1))
def hstack(xs):
    return engine.array.hstack(xs)


@keras_op(spec=rules.stack_family_spec("vstack", 2, 0))
def vstack(xs):
    return engine.array.vstack(xs)


@keras_op(spec=rules.stack_family_spec("dstack", 3, 2))
def dstack(xs):
    return engine.array.dstack(xs)


def _split_indices(op, x, indices_or_sections, axis, even):
    """Validated (indices or section count, axis) for the backend's `split`."""
    shape = shape_of(x)
    axis = rules.canonical_axis(axis, len(shape), op)
    rules.split_sizes(shape[axis] if isinstance(shape[axis], int) else None, indices_or_sections, op, even)
    if not isinstance(indices_or_sections, int):
        indices_or_sections = [int(i) for i in indices_or_sections]
    return indices_or_sections, axis


@keras_op(spec=rules.split_spec("split"))
def split(x, indices_or_sections, axis=0):
    return engine.array.split(x, *_split_indices("split", x, indices_or_sections, axis, True))


@keras_op(spec=rules.split_spec("array_split", even=False))
def array_split(x, indices_or_sections, axis=0):
    return engine.array.split(x, *_split_indices("array_split", x, indices_or_sections, axis, False))


def _hsplit_axis(shape):
    return 1 if len(shape) > 1 else 0


def _needs_rank(op, rank, axis):
    def rule(shape):
        if len(shape) < rank:
            raise ValueError(f"ops.{op}: input must be at least {rank}-D, got shape {tuple(shape)}.")
        return axis

    return rule


@keras_op(spec=rules.split_spec("hsplit", axis_rule=_hsplit_axis))
def hsplit(x, indices_or_sections):
    axis = _hsplit_axis(shape_of(x))
    return engine.array.split(x, *_split_indices("hsplit", x, indices_or_sections, axis, True))


@keras_op(spec=rules.split_spec("vsplit", axis_rule=_needs_rank("vsplit", 2, 0)))
def vsplit(x, indices_or_sections):
    axis = _needs_rank("vsplit", 2, 0)(shape_of(x))
    return engine.array.split(x, *_split_indices("vsplit", x, indices_or_sections, axis, True))


@keras_op(spec=rules.split_spec("dsplit", axis_rule=_needs_rank("dsplit", 3, 2)))
def dsplit(x, indices_or_sections):
    axis = _needs_rank("dsplit", 3, 2)(shape_of(x))
    return engine.array.split(x, *_split_indices("dsplit", x, indices_or_sections, axis, True))


# -- indexing -----------------------------------------------------------------
@keras_op(spec=rules.get_item_spec)
def get_item(x, key):
    """`x[key]` with NumPy semantics: ints, slices, None, Ellipsis, integer arrays, boolean masks."""
    return engine.array.get_item(x, key)


# -- products -----------------------------------------------------------------
@keras_op(spec=rules.matmul_spec)
def matmul(x1, x2):
    return engine.array.matmul(x1, x2)


@keras_op(spec=rules.dot_spec)
def dot(x1, x2):
    """NumPy `dot` (for N-D inputs: a sum over x1's last axis and x2's second-to-last)."""
    return engine.array.dot(x1, x2)


@keras_op(spec=rules.tensordot_spec)
def tensordot(x1, x2, axes=2):
    if not isinstance(axes, int):
        axes = tuple(rules.tensordot_axes(len(shape_of(x1)), len(shape_of(x2)), axes))
    return engine.array.tensordot(x1, x2, axes)


@keras_op(spec=rules.einsum_spec)
def einsum(subscripts, *operands, **kwargs):
    return engine.array.einsum(subscripts, *operands, **kwargs)


@keras_op(spec=rules.inner_spec)
def inner(x1, x2):
    return engine.array.inner(x1, x2)


@keras_op(spec=rules.outer_spec)
def outer(x1, x2):
    return engine.array.outer(x1, x2)


@keras_op(spec=rules.kron_spec)
def kron(x1, x2):
    return engine.array.kron(x1, x2)


@keras_op(spec=rules.vdot_spec)
def vdot(x1, x2):
    return engine.array.vdot(x1, x2)


@keras_op(spec=rules.cross_spec)
def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    return engine.array.cross(x1, x2, axisa, axisb, axisc)


@keras_op(spec=rules.correlate_spec)
def correlate(x1, x2, mode="valid"):
    rules.correlate_spec(x1, x2, mode)  # validates ranks and mode
    return engine.array.correlate(x1, x2, mode)


# -- vectorize ----------------------------------------------------------------
def _parse_signature(signature):
    if signature is None:
        return None
    match = re.fullmatch(r"\s*(.*?)\s*->\s*(.*?)\s*", signature)
    if not match:
        raise ValueError(f"ops.vectorize: invalid signature {signature!r}.")

    def dims(side):
        return [tuple(d.strip() for d in group.split(",") if d.strip())
                for group in re.findall(r"\(([^()]*)\)", side)]

    return dims(match.group(1)), dims(match.group(2))


def vectorize(pyfunc, *, excluded=None, signature=None):
    """Like `np.vectorize`: maps pyfunc over the broadcast leading ("loop") dims of its arguments.

    With `signature` (e.g. "(n),(n)->()") the trailing core dims are passed whole.
    The loop runs as one engine `vmap` over the flattened loop dims. The result is an op
    itself: on KerasTensors it records a node, its spec from abstract evaluation.
    """
    excluded = set(excluded or ())
    parsed = _parse_signature(signature)

    def wrapped(*args, **kwargs):
        positions = [i for i in range(len(args)) if i not in excluded]
        names = [k for k in kwargs if k not in excluded]
        values = [core.convert_to_tensor(args[i]) for i in positions] + \
                 [core.convert_to_tensor(kwargs[k]) for k in names]
        if parsed is not None and len(parsed[0]) != len(values):
            raise ValueError(f"ops.vectorize: signature {signature!r} has {len(parsed[0])} inputs, "
                             f"got {len(values)} vectorized arguments.")
        cores = [len(parsed[0][i]) if parsed else 0 for i in range(len(values))]
        shapes = [tuple(core.shape(v)) for v in values]
        for shape, n in zip(shapes, cores):
            if len(shape) < n:
                raise ValueError(f"ops.vectorize: an argument of shape {shape} has fewer than {n} core dims.")
        loop = broadcast_shapes(*(s[:len(s) - n] for s, n in zip(shapes, cores)))
        count = 1
        for d in loop:
            count *= d
        flat = [engine.array.reshape(engine.array.broadcast_to(v, loop + s[len(s) - n:]), (count,) + s[len(s) - n:])
                for v, s, n in zip(values, shapes, cores)]

        def call(*slices):
            a, k = list(args), dict(kwargs)
            for t, i in zip(slices, positions + names):
                if isinstance(i, int):
                    a[i] = t
                else:
                    k[i] = t
            return pyfunc(*a, **k)

        out = engine.array.vmap(call, flat)
        return optree.tree_map(lambda o: engine.array.reshape(o, loop + tuple(core.shape(o))[1:]), out)

    return keras_op(name="vectorize")(wrapped)
