"""One table of op cases, checked on four axes on every backend (STYLE 5).

For each `OpCase` the runner checks, on the active backend:
  1. values: the eager result against the NumPy reference, with a tolerance per dtype;
  2. dtype: the eager result's dtype against `dtype` (when the case states it);
  3. static shape: the symbolic spec on exact input shapes equals the eager shape and dtype;
  4. None dims: with the dims listed in `none_dims` unknown, every spec dim is None or the eager dim,
     and dims listed in `known_dims` of the output stay known.
"""
import dataclasses
import functools
from typing import Any, Callable

import numpy as np
import optree

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor

TOLERANCE = {"float16": 1e-2, "bfloat16": 3e-2, "float32": 1e-5, "float64": 1e-9,
             "complex64": 1e-5, "complex128": 1e-9}
_JAX_NARROW = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


@dataclasses.dataclass
class OpCase:
    op: str                          # name in keras_lite.ops ("image.resize" for a submodule's op)
    args: tuple                      # NumPy arrays and Python values
    reference: Callable              # NumPy function of the same arguments
    kwargs: dict = dataclasses.field(default_factory=dict)
    dtype: Any = None                # expected result dtype (Keras name), None: not checked
    tol: Any = None                  # overrides the tolerance of the result dtype
    none_dims: Any = "batch"         # "batch": dim 0 of every array arg; a list per arg; None: skip axis 4
    known_dims: tuple = ()           # output dims (of the first output) that must stay known with None dims
    symbolic: bool = True            # False: the op has no symbolic form (data-dependent shape)
    skip: dict = dataclasses.field(default_factory=dict)  # backend -> reason
    id: str = ""


def case_ids(cases):
    return [c.id or c.op for c in cases]


def expected_dtype(name):
    """The dtype a backend gives for `name`: JAX narrows 64-bit types unless x64 is on."""
    name = dtypes.standardize_dtype(name)
    if BACKEND == "jax":
        import jax

        if not jax.config.jax_enable_x64:
            return _JAX_NARROW.get(name, name)
    return name


def _to_numpy_tree(out):
    return optree.tree_map(lambda x: np.asarray(ops.convert_to_numpy(x)) if not isinstance(x, (int, float, bool))
                           else np.asarray(x), out, none_is_leaf=True)


def _symbolic_args(case, unknown):
    """Replace every array argument by a KerasTensor; `unknown` maps arg index -> dims set to None."""
    out = []
    for i, a in enumerate(case.args):
        if isinstance(a, np.ndarray):
            shape = tuple(None if d in unknown.get(i, ()) else n for d, n in enumerate(a.shape))
            out.append(KerasTensor(shape, expected_dtype(a.dtype)))
        else:
            out.append(a)
    return tuple(out)


def _unknown_dims(case):
    if case.none_dims is None:
        return None
    if case.none_dims == "batch":
        return {i: (0,) for i, a in enumerate(case.args) if isinstance(a, np.ndarray) and a.ndim > 0}
    return {i: tuple(d) for i, d in enumerate(case.none_dims) if d}


def run_op_case(case):
    import pytest

    if BACKEND in case.skip:
        pytest.skip(case.skip[BACKEND])
    op = functools.reduce(getattr, case.op.split("."), ops)  # "sum", or "image.resize" for a submodule op
    eager = op(*case.args, **case.kwargs)
    got = _to_numpy_tree(eager)
    want = case.reference(*case.args, **case.kwargs)
    got_leaves = optree.tree_leaves(got, none_is_leaf=True)
    want_leaves = [np.asarray(w) for w in optree.tree_leaves(want, none_is_leaf=True)]
    assert len(got_leaves) == len(want_leaves), f"{case.op}: {len(got_leaves)} outputs, expected {len(want_leaves)}"
    eager_leaves = [x for x in optree.tree_leaves(eager, none_is_leaf=True)]
    for g, w, e in zip(got_leaves, want_leaves, eager_leaves):
        assert g.shape == w.shape, f"{case.op}: shape {g.shape}, expected {w.shape}"
        name = dtypes.standardize_dtype(getattr(e, "dtype", g.dtype))
        tol = case.tol if case.tol is not None else TOLERANCE.get(name, 0)
        if g.dtype.kind in "fc" or w.dtype.kind in "fc":
            np.testing.assert_allclose(g.astype(np.complex128 if g.dtype.kind == "c" else np.float64),
                                       w, rtol=tol, atol=tol, equal_nan=True, err_msg=case.op)
        else:
            np.testing.assert_array_equal(g, w, err_msg=case.op)
    if case.dtype is not None:
        first = eager_leaves[0]
        assert dtypes.standardize_dtype(first.dtype) == expected_dtype(case.dtype), (
            f"{case.op}: dtype {dtypes.standardize_dtype(first.dtype)}, expected {expected_dtype(case.dtype)}")
    if not case.symbolic:
        return
    spec = op(*_symbolic_args(case, {}), **case.kwargs)
    spec_leaves = optree.tree_leaves(spec, none_is_leaf=True)
    assert len(spec_leaves) == len(eager_leaves), f"{case.op}: symbolic output structure differs"
    for s, e in zip(spec_leaves, eager_leaves):
        assert isinstance(s, KerasTensor), f"{case.op}: symbolic call returned {type(s).__name__}"
        assert s.shape == tuple(ops.shape(e)), f"{case.op}: spec shape {s.shape}, eager {tuple(ops.shape(e))}"
        assert s.dtype == dtypes.standardize_dtype(e.dtype), f"{case.op}: spec dtype {s.dtype}, eager {e.dtype}"
    unknown = _unknown_dims(case)
    if not unknown:
        return
    spec = op(*_symbolic_args(case, unknown), **case.kwargs)
    spec_leaves = optree.tree_leaves(spec, none_is_leaf=True)
    for s, e in zip(spec_leaves, eager_leaves):
        eager_shape = tuple(ops.shape(e))
        assert len(s.shape) == len(eager_shape), f"{case.op}: spec rank {s.shape} with None dims, eager {eager_shape}"
        for d, (a, b) in enumerate(zip(s.shape, eager_shape)):
            assert a is None or a == b, f"{case.op}: spec {s.shape} with None dims, eager {eager_shape}"
        assert s.dtype == dtypes.standardize_dtype(e.dtype), f"{case.op}: spec dtype {s.dtype} with None dims"
    for d in case.known_dims:
        assert spec_leaves[0].shape[d] is not None, f"{case.op}: dim {d} became unknown: {spec_leaves[0].shape}"
