"""Shape rules of the array family, exact with None dims.

Written by hand only where abstract evaluation at two probe sizes would be
wrong (joins, broadcasting or contraction against known dims, splits of an
unknown axis, -1 in reshape, data-dependent boolean masks) or expensive on
the NumPy backend (products). Every rule raises `ValueError("ops.<op>: ...")`
naming the op and the shapes for inputs that cannot work.
"""
import math
import re

import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._shapes import broadcast_shapes, shape_of


# -- helpers ------------------------------------------------------------------
def canonical_axis(axis, rank, op):
    if not isinstance(axis, (int, np.integer)) or not -rank <= axis < rank:
        raise ValueError(f"ops.{op}: axis {axis!r} is out of range for a tensor of rank {rank}.")
    return int(axis) % rank


def merge_dim(a, b, op, shapes):
    """Two dims that must agree; None agrees with anything."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    raise ValueError(f"ops.{op}: incompatible shapes {' and '.join(str(tuple(s)) for s in shapes)}: "
                     f"dimension {a} != {b}.")


def prod(dims):
    """Product of dims; None if any is unknown."""
    out = 1
    for d in dims:
        if d is None:
            return None
        out *= d
    return out


def like_spec(x, *args, dtype=None, **kwargs):
    """`zeros_like`, `ones_like`, `full_like`: the input's shape, its dtype unless one is given."""
    return KerasTensor(shape_of(x), dtypes.standardize_dtype(dtype) if dtype is not None else dtype_of(x))


def _join_dtype(xs):
    return dtypes.result_type(*(dtype_of(x) for x in xs))


# -- reshaping ----------------------------------------------------------------
def reshape_shape(shape, newshape, op="reshape"):
    newshape = (newshape,) if isinstance(newshape, (int, np.integer)) else tuple(newshape)
    newshape = tuple(None if d is None else int(d) for d in newshape)
    if sum(d == -1 for d in newshape) > 1:
        raise ValueError(f"ops.{op}: only one dimension of the new shape {newshape} may be -1.")
    if any(d is not None and d < -1 for d in newshape):
        raise ValueError(f"ops.{op}: invalid new shape {newshape}.")
    total = prod(shape)
    known = prod(d for d in newshape if d != -1)
    if total is None or known is None:
        return tuple(None if d == -1 else d for d in newshape)
    if -1 in newshape:
        if known == 0 or total % known:
            raise ValueError(f"ops.{op}: cannot reshape a tensor of shape {tuple(shape)} into {newshape}.")
        return tuple(total // known if d == -1 else d for d in newshape)
    if known != total:
        raise ValueError(f"ops.{op}: cannot reshape a tensor of shape {tuple(shape)} ({total} values) "
                         f"into {newshape} ({known} values).")
    return newshape


def reshape_spec(x, newshape):
    return KerasTensor(reshape_shape(shape_of(x), newshape), dtype_of(x))


def transpose_spec(x, axes=None):
    shape = shape_of(x)
    if axes is None:
        return KerasTensor(shape[::-1], dtype_of(x))
    axes = [canonical_axis(a, len(shape), "transpose") for a in axes]
    if sorted(axes) != list(range(len(shape))):
        raise ValueError(f"ops.transpose: axes {tuple(axes)} are not a permutation for shape {shape}.")
    return KerasTensor(tuple(shape[a] for a in axes), dtype_of(x))


def expand_dims_spec(x, axis):
    shape = shape_of(x)
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    rank = len(shape) + len(axes)
    axes = {canonical_axis(a, rank, "expand_dims") for a in axes}
    if len(axes) != rank - len(shape):
        raise ValueError(f"ops.expand_dims: repeated axis in {axis}.")
    dims = iter(shape)
    return KerasTensor(tuple(1 if i in axes else next(dims) for i in range(rank)), dtype_of(x))


def squeeze_spec(x, axis=None):
    shape = shape_of(x)
    if axis is None:
        return KerasTensor(tuple(d for d in shape if d != 1), dtype_of(x))
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    axes = {canonical_axis(a, len(shape), "squeeze") for a in axes}
    for a in axes:
        if shape[a] not in (1, None):
            raise ValueError(f"ops.squeeze: cannot squeeze axis {a} of size {shape[a]} (shape {shape}).")
    return KerasTensor(tuple(d for i, d in enumerate(shape) if i not in axes), dtype_of(x))


def broadcast_to_spec(x, shape):
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    source = shape_of(x)
    if len(source) > len(shape) or any(a not in (1, None, b) for a, b in zip(source[::-1], shape[::-1])):
        raise ValueError(f"ops.broadcast_to: cannot broadcast shape {source} to {tuple(shape)}.")
    return KerasTensor(tuple(shape), dtype_of(x))


def repeat_spec(x, repeats, axis=None):
    shape = shape_of(x)
    if axis is None:
        shape, axis = (prod(shape),), 0
    axis = canonical_axis(axis, len(shape), "repeat")
    if isinstance(repeats, (int, np.integer)):
        size = None if shape[axis] is None else shape[axis] * int(repeats)
    elif isinstance(repeats, KerasTensor):
        size = None
    else:
        counts = np.asarray(repeats).reshape(-1)
        if counts.size == 1:  # one count for every element
            size = None if shape[axis] is None else shape[axis] * int(counts[0])
        else:
            size = int(counts.sum())
    return KerasTensor(shape[:axis] + (size,) + shape[axis + 1:], dtype_of(x))


# -- joining ------------------------------------------------------------------
def _join(shapes, axis, op, all_shapes=None):
    """Shapes joined along `axis`: off-axis dims must agree, the join axis adds up."""
    rank = len(shapes[0])
    if any(len(s) != rank for s in shapes):
        raise ValueError(f"ops.{op}: all inputs need the same rank; got shapes "
                         f"{', '.join(str(tuple(s)) for s in (all_shapes or shapes))}.")
    axis = canonical_axis(axis, rank, op)
    out = list(shapes[0])
    for s in shapes[1:]:
        for i in range(rank):
            if i != axis:
                out[i] = merge_dim(out[i], s[i], op, all_shapes or shapes)
    out[axis] = prod_sum(s[axis] for s in shapes)
    return tuple(out)


def prod_sum(dims):
    dims = list(dims)
    return None if None in dims else sum(dims)


def concatenate_spec(xs, axis=0):
    shapes = [shape_of(x) for x in xs]
    if not shapes:
        raise ValueError("ops.concatenate: needs at least one tensor.")
    if axis is None:
        shape = (prod_sum(prod(s) for s in shapes),)
    else:
        if any(len(s) == 0 for s in shapes):
            raise ValueError("ops.concatenate: zero-dimensional tensors cannot be concatenated.")
        shape = _join(shapes, axis, "concatenate")
    return KerasTensor(shape, _join_dtype(xs))


def append_spec(x1, x2, axis=None):
    return concatenate_spec([x1, x2], axis=axis)


def stack_spec(x, axis=0):
    shapes = [shape_of(t) for t in x]
    if not shapes:
        raise ValueError("ops.stack: needs at least one tensor.")
    if any(len(s) != len(shapes[0]) for s in shapes):
        raise ValueError(f"ops.stack: all inputs need the same shape; got {', '.join(map(str, shapes))}.")
    out = list(shapes[0])
    for s in shapes[1:]:
        out = [merge_dim(a, b, "stack", shapes) for a, b in zip(out, s)]
    axis = canonical_axis(axis, len(out) + 1, "stack")
    out.insert(axis, len(shapes))
    return KerasTensor(tuple(out), _join_dtype(x))


def _atleast(shape, rank):
    if rank == 2 and len(shape) < 2:
        return (1,) * (2 - len(shape)) + tuple(shape)
    if rank == 3 and len(shape) < 3:
        return {0: (1, 1, 1), 1: (1,) + tuple(shape) + (1,), 2: tuple(shape) + (1,)}[len(shape)]
    return tuple(shape) if len(shape) else (1,)


def stack_family_spec(op, rank, axis):
    def spec(xs):
        shapes = [_atleast(shape_of(x), rank) for x in xs]
        join_axis = 0 if op == "hstack" and len(shapes[0]) == 1 else axis
        return KerasTensor(_join(shapes, join_axis, op, [shape_of(x) for x in xs]), _join_dtype(xs))

    return spec


# -- splitting ----------------------------------------------------------------
def split_sizes(dim, indices_or_sections, op, even):
    """The sizes along the split axis (None where unknown)."""
    if isinstance(indices_or_sections, (int, np.integer)):
        n = int(indices_or_sections)
        if n <= 0:
            raise ValueError(f"ops.{op}: the number of sections must be positive, got {n}.")
        if dim is None:
            return [None] * n
        if even and dim % n:
            raise ValueError(f"ops.{op}: an axis of size {dim} does not split into {n} equal sections.")
        return [dim // n + (1 if i < dim % n else 0) for i in range(n)]
    indices = [int(i) for i in indices_or_sections]
    if dim is None:
        return [None] * (len(indices) + 1)
    bounds = [0] + [len(range(*slice(None, i).indices(dim))) for i in indices] + [dim]
    return [max(0, b - a) for a, b in zip(bounds[:-1], bounds[1:])]


def split_spec(op, even=True, axis_rule=None):
    def spec(x, indices_or_sections, axis=0):
        shape = shape_of(x)
        if axis_rule is not None:
            axis = axis_rule(shape)
        axis = canonical_axis(axis, len(shape), op)
        parts = []
        for size in split_sizes(shape[axis], indices_or_sections, op, even):
            parts.append(KerasTensor(shape[:axis] + (size,) + shape[axis + 1:], dtype_of(x)))
        return parts

    return spec


# -- diagonals ----------------------------------------------------------------
def _diag_len(rows, cols, k):
    if rows is None or cols is None:
        return None
    return max(0, min(rows, cols - k) if k >= 0 else min(rows + k, cols))


def diag_spec(x, k=0):
    shape = shape_of(x)
    if len(shape) == 1:
        n = None if shape[0] is None else shape[0] + abs(k)
        return KerasTensor((n, n), dtype_of(x))
    if len(shape) == 2:
        return KerasTensor((_diag_len(shape[0], shape[1], k),), dtype_of(x))
    raise ValueError(f"ops.diag: input must be 1-D or 2-D, got shape {shape}.")


def diagonal_spec(x, offset=0, axis1=0, axis2=1):
    shape = shape_of(x)
    if len(shape) < 2:
        raise ValueError(f"ops.diagonal: input must be at least 2-D, got shape {shape}.")
    a1, a2 = canonical_axis(axis1, len(shape), "diagonal"), canonical_axis(axis2, len(shape), "diagonal")
    if a1 == a2:
        raise ValueError(f"ops.diagonal: axis1 and axis2 must differ, got {axis1} and {axis2}.")
    rest = tuple(d for i, d in enumerate(shape) if i not in (a1, a2))
    return KerasTensor(rest + (_diag_len(shape[a1], shape[a2], offset),), dtype_of(x))


# -- products -----------------------------------------------------------------
def product_dtype(*xs, widen_int8=False):
    """Keras: int8 x int8 accumulates in int32 for matmul and einsum; otherwise the promoted type."""
    names = [dtype_of(x) for x in xs]
    if widen_int8 and names and all(n == "int8" for n in names):
        return "int32"
    return dtypes.result_type(*names)


def _check_inner(a, b, op, s1, s2):
    if a is not None and b is not None and a != b:
        raise ValueError(f"ops.{op}: contracted dimensions differ ({a} != {b}) between x1 of shape "
                         f"{tuple(s1)} and x2 of shape {tuple(s2)}.")


def matmul_spec(x1, x2):
    s1, s2 = shape_of(x1), shape_of(x2)
    if not s1 or not s2:
        raise ValueError(f"ops.matmul: inputs must be at least 1-D, got shapes {s1} and {s2}.")
    a = (1,) + s1 if len(s1) == 1 else s1
    b = s2 + (1,) if len(s2) == 1 else s2
    _check_inner(a[-1], b[-2], "matmul", s1, s2)
    try:
        batch = broadcast_shapes(a[:-2], b[:-2])
    except ValueError:
        raise ValueError(f"ops.matmul: batch dimensions of shapes {s1} and {s2} do not broadcast.") from None
    out = batch + ((a[-2],) if len(s1) > 1 else ()) + ((b[-1],) if len(s2) > 1 else ())
    return KerasTensor(out, product_dtype(x1, x2, widen_int8=True))


def dot_spec(x1, x2):
    """NumPy `dot`: a sum over the last axis of x1 and the second-to-last of x2 (no batch broadcasting)."""
    s1, s2 = shape_of(x1), shape_of(x2)
    dtype = product_dtype(x1, x2)
    if not s1 or not s2:
        return KerasTensor(s1 or s2, dtype)
    k2 = s2[0] if len(s2) == 1 else s2[-2]
    _check_inner(s1[-1], k2, "dot", s1, s2)
    return KerasTensor(s1[:-1] + s2[:-2] + s2[-1:] if len(s2) > 1 else s1[:-1], dtype)


def tensordot_axes(rank1, rank2, axes, op="tensordot"):
    if isinstance(axes, (int, np.integer)):
        if axes < 0 or axes > min(rank1, rank2):
            raise ValueError(f"ops.{op}: axes={axes} is out of range for ranks {rank1} and {rank2}.")
        return list(range(rank1 - axes, rank1)), list(range(axes))
    a, b = axes
    a = [a] if isinstance(a, (int, np.integer)) else list(a)
    b = [b] if isinstance(b, (int, np.integer)) else list(b)
    if len(a) != len(b):
        raise ValueError(f"ops.{op}: axes {axes} pair up a different number of axes.")
    return [canonical_axis(i, rank1, op) for i in a], [canonical_axis(i, rank2, op) for i in b]


def tensordot_spec(x1, x2, axes=2):
    s1, s2 = shape_of(x1), shape_of(x2)
    a, b = tensordot_axes(len(s1), len(s2), axes)
    for i, j in zip(a, b):
        _check_inner(s1[i], s2[j], "tensordot", s1, s2)
    out = tuple(d for i, d in enumerate(s1) if i not in a) + tuple(d for j, d in enumerate(s2) if j not in b)
    return KerasTensor(out, product_dtype(x1, x2))


def inner_spec(x1, x2):
    s1, s2 = shape_of(x1), shape_of(x2)
    if not s1 or not s2:
        return KerasTensor(s1 or s2, product_dtype(x1, x2))
    _check_inner(s1[-1], s2[-1], "inner", s1, s2)
    return KerasTensor(s1[:-1] + s2[:-1], product_dtype(x1, x2))


def outer_spec(x1, x2):
    return KerasTensor((prod(shape_of(x1)), prod(shape_of(x2))), product_dtype(x1, x2))


def kron_spec(x1, x2):
    s1, s2 = shape_of(x1), shape_of(x2)
    rank = max(len(s1), len(s2))
    s1, s2 = (1,) * (rank - len(s1)) + s1, (1,) * (rank - len(s2)) + s2
    return KerasTensor(tuple(prod((a, b)) for a, b in zip(s1, s2)), product_dtype(x1, x2))


def vdot_spec(x1, x2):
    s1, s2 = shape_of(x1), shape_of(x2)
    _check_inner(prod(s1), prod(s2), "vdot", s1, s2)
    return KerasTensor((), product_dtype(x1, x2))


def cross_spec(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    s1, s2 = shape_of(x1), shape_of(x2)
    if not s1 or not s2:
        raise ValueError(f"ops.cross: inputs must be at least 1-D, got shapes {s1} and {s2}.")
    ia, ib = canonical_axis(axisa, len(s1), "cross"), canonical_axis(axisb, len(s2), "cross")
    va, vb = s1[ia], s2[ib]
    if va not in (2, 3) or vb not in (2, 3):
        raise ValueError(f"ops.cross: the vector axes must have size 2 or 3; got {va} and {vb} "
                         f"(shapes {s1} and {s2}).")
    batch = broadcast_shapes(s1[:ia] + s1[ia + 1:], s2[:ib] + s2[ib + 1:])
    if va == vb == 2:
        return KerasTensor(batch, product_dtype(x1, x2))
    out = list(batch)
    out.insert(canonical_axis(axisc, len(batch) + 1, "cross"), 3)
    return KerasTensor(tuple(out), product_dtype(x1, x2))


def correlate_dtype(x1, x2):
    dtype = dtypes.result_type(dtype_of(x1), dtype_of(x2))
    if dtype in ("int64", "uint64"):
        return "float64"
    return dtype if dtype in ("bfloat16", "float16", "float64") else "float32"


def correlate_spec(x1, x2, mode="valid"):
    s1, s2 = shape_of(x1), shape_of(x2)
    if len(s1) != 1 or len(s2) != 1:
        raise ValueError(f"ops.correlate: inputs must be 1-D, got shapes {s1} and {s2}.")
    n, m = s1[0], s2[0]
    if mode not in ("valid", "same", "full"):
        raise ValueError(f"ops.correlate: mode must be 'valid', 'same' or 'full', got {mode!r}.")
    if n is None or m is None:
        size = None
    else:
        size = {"valid": max(n, m) - min(n, m) + 1, "same": max(n, m), "full": n + m - 1}[mode]
    return KerasTensor((size,), correlate_dtype(x1, x2))


def parse_einsum(subscripts, ranks):
    """(input label lists, output label list); '...' becomes one label '.' standing for the broadcast dims."""
    subscripts = subscripts.replace(" ", "")
    if "->" in subscripts:
        lhs, rhs = subscripts.split("->")
    else:
        lhs, rhs = subscripts, None
    terms = lhs.split(",")
    if len(terms) != len(ranks):
        raise ValueError(f"ops.einsum: subscripts {subscripts!r} name {len(terms)} operands, got {len(ranks)}.")
    inputs = []
    for term in terms:
        labels = list(term.replace("...", "."))
        if any(not (c.isalpha() or c == ".") for c in labels):
            raise ValueError(f"ops.einsum: invalid subscripts {subscripts!r}.")
        inputs.append(labels)
    if rhs is None:
        counts = {}
        for labels in inputs:
            for c in labels:
                counts[c] = counts.get(c, 0) + 1
        output = (["."] if "." in counts else []) + sorted(c for c, n in counts.items() if n == 1 and c != ".")
    else:
        output = list(rhs.replace("...", "."))
    return inputs, output


def einsum_spec(subscripts, *operands, **kwargs):
    shapes = [shape_of(x) for x in operands]
    inputs, output = parse_einsum(subscripts, [len(s) for s in shapes])
    sizes, ellipsis_shapes = {}, []
    for labels, shape in zip(inputs, shapes):
        n_named = len(labels) - ("." in labels)
        if len(shape) < n_named or ("." not in labels and len(shape) != n_named):
            raise ValueError(f"ops.einsum: subscripts {subscripts!r} do not match operand shape {shape}.")
        dims = list(shape)
        for c in labels:
            if c == ".":
                n_ell = len(shape) - n_named
                ellipsis_shapes.append(tuple(dims[:n_ell]))
                dims = dims[n_ell:]
                continue
            d = dims.pop(0)
            if c in sizes and sizes[c] != 1 and d != 1:
                sizes[c] = merge_dim(sizes[c], d, "einsum", shapes)
            elif c not in sizes or sizes[c] == 1:
                sizes[c] = d
    for c in output:
        if c != "." and c not in sizes:
            raise ValueError(f"ops.einsum: output label {c!r} of {subscripts!r} is on no input.")
    out = []
    for c in output:
        out.extend(broadcast_shapes(*ellipsis_shapes) if c == "." else (sizes[c],))
    return KerasTensor(tuple(out), product_dtype(*operands, widen_int8=True))


# -- indexing -----------------------------------------------------------------
def _is_index_array(k):
    return isinstance(k, (list, np.ndarray, KerasTensor)) or (
        hasattr(k, "shape") and hasattr(k, "dtype") and len(k.shape) > 0) or (
        hasattr(k, "dtype") and dtypes.standardize_dtype(k.dtype) == "bool")


def get_item_spec(x, key):
    """NumPy indexing: ints, slices, None, Ellipsis, integer index arrays and boolean masks."""
    shape = shape_of(x)
    key = key if isinstance(key, tuple) else (key,)
    if sum(k is Ellipsis for k in key) > 1:
        raise ValueError(f"ops.get_item: an index can only have a single ellipsis, got {key}.")
    arrays = [k for k in key if _is_index_array(k)]
    consumed = 0
    for k in key:
        if k is None or k is Ellipsis:
            continue
        if _is_index_array(k) and dtype_of(k) == "bool":
            consumed += len(shape_of(k))
        else:
            consumed += 1
    if consumed > len(shape):
        raise ValueError(f"ops.get_item: too many indices {key} for a tensor of shape {shape}.")
    fill = [slice(None)] * (len(shape) - consumed)
    expanded = []
    for k in key:
        expanded.extend(fill if k is Ellipsis else [k])
    if not any(k is Ellipsis for k in key):
        expanded.extend(fill)
    out, advanced, positions, dim = [], [], [], 0
    for k in expanded:
        if k is None:
            out.append(1)
            continue
        if isinstance(k, slice):
            n = shape[dim]
            if n is None or not all(isinstance(v, (int, np.integer, type(None))) for v in (k.start, k.stop, k.step)):
                out.append(None)
            else:
                out.append(len(range(*k.indices(n))))
            dim += 1
            continue
        if _is_index_array(k):
            if dtype_of(k) == "bool":
                mask_shape = shape_of(k)
                for i, m in enumerate(mask_shape):
                    n = shape[dim + i]
                    if m is not None and n is not None and m != n:
                        raise ValueError(f"ops.get_item: boolean index of shape {mask_shape} does not match "
                                         f"the indexed dims {shape[dim:dim + len(mask_shape)]} of {shape}.")
                count = None if isinstance(k, KerasTensor) else int(np.count_nonzero(np.asarray(k)))
                advanced.append((count,))
                dim += len(mask_shape)
            else:
                if not dtypes.is_int_dtype(dtype_of(k)) and len(shape_of(k)):
                    raise ValueError(f"ops.get_item: index arrays must be integer or boolean, got {dtype_of(k)}.")
                advanced.append(shape_of(k))
                dim += 1
            positions.append(len(out))
            out.append("advanced")
            continue
        if not isinstance(k, (int, np.integer)) and not (isinstance(k, KerasTensor) and not k.shape):
            raise ValueError(f"ops.get_item: unsupported index {k!r} of type {type(k).__name__}.")
        n = shape[dim]
        if isinstance(k, (int, np.integer)) and n is not None and not -n <= k < n:
            raise ValueError(f"ops.get_item: index {int(k)} is out of bounds for axis {dim} with size {n} "
                             f"(shape {shape}).")
        if arrays:  # NumPy: a scalar index among index arrays is an index array too
            advanced.append(())
            positions.append(len(out))
            out.append("advanced")
        dim += 1
    if not advanced:
        return KerasTensor(tuple(out), dtype_of(x))
    batch = broadcast_shapes(*advanced)
    rest = [d for d in out if d != "advanced"]
    if positions == list(range(positions[0], positions[0] + len(positions))):
        at = positions[0]
        new = rest[:at] + list(batch) + rest[at:]
    else:
        new = list(batch) + rest
    return KerasTensor(tuple(new), dtype_of(x))


# -- rearrange (einops) -------------------------------------------------------
_TOKEN = re.compile(r"\(([^()]*)\)|([A-Za-z_]\w*)|(\S)")


def _parse_side(side, pattern):
    groups = []
    for group, name, bad in _TOKEN.findall(side):
        if bad:
            raise ValueError(f"ops.rearrange: unsupported token {bad!r} in pattern {pattern!r}.")
        groups.append(group.split() if group or not name else [name])
    names = [n for g in groups for n in g]
    if len(set(names)) != len(names):
        raise ValueError(f"ops.rearrange: an axis is repeated in {side.strip()!r} of pattern {pattern!r}.")
    return groups, names


def rearrange_plan(shape, pattern, axes_lengths):
    """(decomposed shape, permutation, output shape) of an einops `rearrange`; dims may be None."""
    if pattern.count("->") != 1:
        raise ValueError(f"ops.rearrange: the pattern needs exactly one '->', got {pattern!r}.")
    left, right = pattern.split("->")
    in_groups, in_names = _parse_side(left, pattern)
    out_groups, out_names = _parse_side(right, pattern)
    if set(in_names) != set(out_names):
        raise ValueError(f"ops.rearrange: both sides of {pattern!r} must name the same axes.")
    unknown = set(axes_lengths) - set(in_names)
    if unknown:
        raise ValueError(f"ops.rearrange: axes_lengths {sorted(unknown)} are not in pattern {pattern!r}.")
    if len(in_groups) != len(shape):
        raise ValueError(f"ops.rearrange: pattern {pattern!r} has {len(in_groups)} input axes, "
                         f"the tensor has shape {tuple(shape)}.")
    sizes = {}
    for group, dim in zip(in_groups, shape):
        missing = [n for n in group if n not in axes_lengths]
        if len(missing) > 1:
            raise ValueError(f"ops.rearrange: cannot infer the sizes of {missing} in pattern {pattern!r}.")
        known = math.prod(int(axes_lengths[n]) for n in group if n in axes_lengths)
        if isinstance(dim, int) and (dim % known if missing else dim != known):
            raise ValueError(f"ops.rearrange: an axis of size {dim} cannot be split as {group} "
                             f"with {dict((n, axes_lengths[n]) for n in group if n in axes_lengths)}.")
        for n in group:
            sizes[n] = axes_lengths[n] if n in axes_lengths else (None if dim is None else dim // known)
    decomposed = [sizes[n] for n in in_names]
    perm = [in_names.index(n) for n in out_names]
    out = []
    for group in out_groups:
        size = 1
        for n in group:
            size = None if size is None or sizes[n] is None else size * sizes[n]
        out.append(size)
    return decomposed, perm, out


def rearrange_spec(tensor, pattern, **axes_lengths):
    _, _, out = rearrange_plan(shape_of(tensor), pattern, axes_lengths)
    return KerasTensor(tuple(out), dtype_of(tensor))


def size_spec(x):
    return KerasTensor((), "int32")
