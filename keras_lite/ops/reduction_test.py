import warnings

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing import OpCase, case_ids, run_op_case
from keras_lite.testing.op_cases import expected_dtype

rng = np.random.default_rng(2)
A = rng.normal(size=(2, 3, 4)).astype("float32")
M = rng.normal(size=(3, 5)).astype("float32")
I8 = np.arange(6, dtype="int8").reshape(2, 3)
I32 = np.array([[3, 0, 2], [0, 5, 0]], dtype="int32")
BOOL = np.array([[True, False, True], [False, False, True]])
NAN = np.array([[1.0, np.nan, 3.0, 0.5], [np.nan, np.nan, np.nan, np.nan], [2.0, -1.0, np.nan, 4.0]], "float32")
SORTED = np.array([0.5, 1.0, 2.0, 4.0], "float32")
V = np.array([[0.2, 1.0, 3.0], [4.0, 5.0, 1.5]], "float32")
NO_BATCH = [(0,)]  # none_dims for one array argument whose dim 0 may be unknown


def _np(fn, **fixed):
    """A reference calling the NumPy function with the case's kwargs (and fixed ones)."""
    return lambda *args, **kwargs: fn(*args, **kwargs, **fixed)


def _nanarg(fn, fill):
    def ref(x, axis=None, keepdims=False):
        out = fn(np.where(np.isnan(x), fill, x), axis=axis, keepdims=keepdims)
        return np.where(np.all(np.isnan(x), axis=axis, keepdims=keepdims), -1, out)

    return ref


def _quiet(fn):
    """NumPy warns on all-NaN slices; the NaN it returns is the expected value."""

    def ref(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return fn(*args, **kwargs)

    return ref


def _unique(x, **kwargs):
    out = np.unique(x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False)
    return tuple(o if i == 0 else o.astype("int32") for i, o in enumerate(out))


def _unravel(indices, shape):
    return tuple(np.asarray(i) for i in np.unravel_index(indices, shape))


def _select(condlist, choicelist, default=0):
    return np.select(condlist, choicelist, default)


CASES = [
    # sums and products
    OpCase("sum", (A,), np.sum, dtype="float32"),
    OpCase("sum", (A,), _np(np.sum), kwargs={"axis": 1}, known_dims=(1,), id="sum_axis"),
    OpCase("sum", (A,), _np(np.sum), kwargs={"axis": (0, 2), "keepdims": True}, id="sum_keepdims"),
    OpCase("sum", (I8,), lambda x: np.sum(x, dtype="int32"), dtype="int32", id="sum_int8"),
    OpCase("prod", (A,), _np(np.prod), kwargs={"axis": (-1, 1), "keepdims": True}, known_dims=(1, 2),
           dtype="float32"),
    OpCase("prod", (I8 + 1,), _np(np.prod, dtype="int32"), kwargs={"axis": 0}, dtype="int32", id="prod_int8"),
    OpCase("prod", (I8,), _np(np.prod), kwargs={"dtype": "float32"}, dtype="float32", id="prod_dtype"),
    OpCase("prod", (BOOL,), _np(np.prod, dtype="int32"), dtype="int32", id="prod_bool"),
    OpCase("nansum", (NAN,), _np(np.nansum), kwargs={"axis": -1}, dtype="float32"),
    OpCase("nansum", (I8,), _np(np.nansum, dtype="int32"), kwargs={"axis": 1, "keepdims": True}, dtype="int32",
           id="nansum_int8"),
    OpCase("nanprod", (NAN,), _np(np.nanprod), kwargs={"axis": (0, 1)}, dtype="float32"),
    # logic
    OpCase("all", (A > -1,), _np(np.all), kwargs={"axis": (0, -1), "keepdims": True}, dtype="bool",
           known_dims=(1,)),
    OpCase("all", (A,), np.all, dtype="bool", id="all_float"),
    OpCase("any", (BOOL,), _np(np.any), kwargs={"axis": -1}, dtype="bool"),
    OpCase("any", (I32,), _np(np.any), kwargs={"axis": 0}, dtype="bool", id="any_int"),
    # extrema
    OpCase("max", (A,), _np(np.max), kwargs={"axis": -1}, dtype="float32", known_dims=(1,)),
    OpCase("max", (A,), _np(np.max), kwargs={"axis": (0, 2), "initial": 0.5}, id="max_initial"),
    OpCase("max", (I32,), lambda x, initial: np.max(x, initial=1), kwargs={"initial": 1.5}, dtype="int32",
           id="max_initial_int"),
    OpCase("max", (BOOL,), _np(np.max), kwargs={"axis": 1}, dtype="bool", id="max_bool"),
    OpCase("min", (A,), _np(np.min), kwargs={"axis": 1, "keepdims": True}, dtype="float32"),
    OpCase("min", (I8,), _np(np.min), kwargs={"initial": -3}, dtype="int8", id="min_initial"),
    OpCase("amax", (I8,), _np(np.amax), kwargs={"axis": (0, 1)}, dtype="int8"),
    OpCase("amin", (A,), _np(np.amin), kwargs={"axis": -2}, dtype="float32"),
    OpCase("nanmax", (NAN,), _quiet(_np(np.nanmax)), kwargs={"axis": 1}, dtype="float32"),
    OpCase("nanmin", (NAN,), _quiet(_np(np.nanmin)), kwargs={"axis": 0, "keepdims": True}, dtype="float32"),
    OpCase("nanmax", (I32,), _np(np.nanmax), dtype="int32", id="nanmax_int"),
    OpCase("ptp", (A,), _np(np.ptp), kwargs={"axis": (1, 2)}, dtype="float32"),
    OpCase("ptp", (I8,), _np(np.ptp), kwargs={"axis": 0, "keepdims": True}, dtype="int8", id="ptp_int8"),
    # indices of extrema
    OpCase("argmax", (A,), _np(np.argmax), kwargs={"axis": 1}, dtype="int32", known_dims=(1,)),
    OpCase("argmax", (A,), _np(np.argmax), kwargs={"keepdims": True}, id="argmax_flat_keepdims"),
    OpCase("argmin", (A,), _np(np.argmin), kwargs={"axis": -1, "keepdims": True}, dtype="int32"),
    OpCase("argmax", (I32,), np.argmax, dtype="int32", id="argmax_ties"),
    OpCase("argmin", (BOOL,), _np(np.argmin), kwargs={"axis": 1}, id="argmin_bool"),
    OpCase("nanargmax", (NAN,), _nanarg(np.argmax, -np.inf), kwargs={"axis": 1}, dtype="int32"),
    OpCase("nanargmin", (NAN,), _nanarg(np.argmin, np.inf), kwargs={"axis": 0, "keepdims": True}, dtype="int32"),
    OpCase("nanargmin", (NAN,), _nanarg(np.argmin, np.inf), id="nanargmin_flat"),
    OpCase("count_nonzero", (I32,), _np(np.count_nonzero), kwargs={"axis": (0, 1)}, dtype="int32"),
    OpCase("count_nonzero", (A > 0,), _np(np.count_nonzero), kwargs={"axis": -1}, dtype="int32",
           id="count_nonzero_bool"),
    # statistics
    OpCase("mean", (A,), _np(np.mean), kwargs={"axis": (0, 2), "keepdims": True}, dtype="float32"),
    OpCase("mean", (I32,), _np(np.mean), kwargs={"axis": 1}, dtype="float32", id="mean_int"),
    OpCase("mean", (A.astype("float16"),), _np(np.mean), kwargs={"axis": -1}, dtype="float16", id="mean_f16"),
    OpCase("mean", (A.astype("float64"),), np.mean, dtype="float64", id="mean_f64"),
    OpCase("mean", (A,), _np(np.mean), kwargs={"axis": ()}, id="mean_no_axes"),
    OpCase("nanmean", (NAN,), _quiet(_np(np.nanmean)), kwargs={"axis": 1}, dtype="float32"),
    OpCase("var", (A,), _np(np.var), kwargs={"axis": 1}, dtype="float32"),
    OpCase("var", (I8,), np.var, dtype="float32", id="var_int8"),
    OpCase("nanvar", (NAN,), _quiet(_np(np.nanvar)), kwargs={"axis": -1, "keepdims": True}, dtype="float32"),
    OpCase("std", (A,), _np(np.std), kwargs={"axis": (0, 1)}, dtype="float32"),
    OpCase("nanstd", (NAN,), _quiet(_np(np.nanstd)), kwargs={"axis": 1}, dtype="float32"),
    OpCase("median", (A,), _np(np.median), kwargs={"axis": 1}, dtype="float32", known_dims=(1,)),
    OpCase("median", (A,), _np(np.median), kwargs={"axis": (0, 2), "keepdims": True}, id="median_keepdims"),
    OpCase("median", (I32,), np.median, dtype="float32", id="median_int"),
    OpCase("median", (NAN,), _np(np.median), kwargs={"axis": 1}, id="median_nan"),
    OpCase("nanmedian", (NAN,), _quiet(_np(np.nanmedian)), kwargs={"axis": 1}, dtype="float32"),
    OpCase("quantile", (A, 0.3), _np(np.quantile), kwargs={"axis": -1}, dtype="float32"),
    OpCase("quantile", (A, np.array([0.1, 0.5, 1.0], "float32")), _np(np.quantile),
           kwargs={"axis": 1, "keepdims": True}, id="quantile_q1d", none_dims=NO_BATCH, known_dims=(0, 2, 3)),
    OpCase("quantile", (I32, [0.25, 0.75]), _np(np.quantile), dtype="float32", id="quantile_int"),
] + [
    OpCase("quantile", (M, [0.0, 0.4, 0.5, 0.625, 0.9]), _np(np.quantile), kwargs={"axis": 1, "method": m},
           id=f"quantile_{m}", dtype="float32")
    for m in ("linear", "lower", "higher", "midpoint", "nearest")
] + [
    OpCase("nanquantile", (NAN, 0.4), _quiet(_np(np.nanquantile)), kwargs={"axis": 1}, dtype="float32"),
    OpCase("nanquantile", (NAN, [0.5, 0.9]), _quiet(_np(np.nanquantile)), kwargs={"axis": 0, "method": "nearest"},
           id="nanquantile_nearest"),
    OpCase("percentile", (A, 40.0), _np(np.percentile), kwargs={"axis": (1, 2)}, dtype="float32"),
    OpCase("percentile", (M, [10, 90]), _np(np.percentile), kwargs={"method": "higher"}, id="percentile_higher"),
    OpCase("nanpercentile", (NAN, 75.0), _quiet(_np(np.nanpercentile)), kwargs={"axis": -1, "keepdims": True},
           dtype="float32"),
    OpCase("average", (A,), _np(np.average), kwargs={"axis": 1}, dtype="float32"),
    OpCase("average", (A, None, np.abs(A)), np.average, id="average_weights"),
    OpCase("average", (I32,), _np(np.average), kwargs={"axis": 0, "weights": np.array([1.0, 3.0], "float16")},
           dtype="float16", id="average_1d_weights", none_dims=None, tol=1e-3),
    OpCase("average", (I32,), np.average, dtype="float32", id="average_int"),
    OpCase("corrcoef", (M,), np.corrcoef, dtype="float32"),
    OpCase("corrcoef", (M[0],), np.corrcoef, dtype="float32", id="corrcoef_1d"),
    OpCase("corrcoef", (I32,), np.corrcoef, dtype="float32", id="corrcoef_int"),
    OpCase("trapezoid", (A,), np.trapezoid, dtype="float32"),
    OpCase("trapezoid", (M, np.array([0.0, 0.5, 2.0, 2.5, 4.0], "float32")), _np(np.trapezoid),
           none_dims=NO_BATCH, id="trapezoid_x1d"),
    OpCase("trapezoid", (M,), _np(np.trapezoid), kwargs={"x": M * 2, "axis": 0}, id="trapezoid_x_nd",
           none_dims=None),
    OpCase("trapezoid", (I32,), _np(np.trapezoid), kwargs={"dx": 0.5, "axis": 0}, dtype="float32",
           id="trapezoid_dx"),
    OpCase("histogram", (np.array([0.1, 0.5, 3.0, 2.5, 1.2, 1.9], "float32"),),
           lambda x, bins: tuple(o.astype("float32") for o in np.histogram(x, bins=bins)),
           kwargs={"bins": 4}, dtype="float32"),
    OpCase("histogram", (np.array([0.1, -2.0, 3.0, 2.5, 9.2, 4.0], "float32"),),
           lambda x, bins, range: np.histogram(x, bins=bins, range=range), kwargs={"bins": 3, "range": (0, 6)},
           id="histogram_range"),
    OpCase("histogram", (np.array([1, 5, 2, 2, 9], "int32"),), lambda x: np.histogram(x),
           dtype="float32", id="histogram_int"),
    OpCase("bincount", (np.array([0, 1, 1, 3], "int32"),), np.bincount, dtype="int32", symbolic=False),
    OpCase("bincount", (np.array([1, 1, 3], "uint8"),),
           lambda x, weights, minlength: np.bincount(x, weights, minlength).astype("float32"),
           kwargs={"weights": np.array([0.5, 1.0, 2.0], "float32"), "minlength": 6}, dtype="float32",
           symbolic=False, id="bincount_weights"),
    OpCase("bincount", (np.array([[0, 2], [3, 3]], "int32"),),
           lambda x: np.stack([np.bincount(r, minlength=4) for r in x]), dtype="int32", symbolic=False,
           id="bincount_2d"),
    # cumulative ops and differences
    OpCase("cumsum", (A,), np.cumsum, dtype="float32"),
    OpCase("cumsum", (A,), _np(np.cumsum), kwargs={"axis": -2}, known_dims=(1, 2), id="cumsum_axis"),
    OpCase("cumsum", (BOOL,), _np(np.cumsum, dtype="int32"), kwargs={"axis": 1}, dtype="int32", id="cumsum_bool"),
    OpCase("cumsum", (I8,), _np(np.cumsum), kwargs={"axis": 0, "dtype": "float32"}, dtype="float32",
           id="cumsum_dtype"),
    OpCase("cumsum", (I8,), _np(np.cumsum), kwargs={"axis": 1}, dtype="int8", id="cumsum_int8"),
    OpCase("cumprod", (M,), _np(np.cumprod), kwargs={"axis": 1}, dtype="float32", tol=1e-4),
    OpCase("cumprod", (I32,), np.cumprod, dtype="int32", id="cumprod_flat"),
    OpCase("nancumsum", (NAN,), _np(np.nancumsum), kwargs={"axis": 1}, dtype="float32"),
    OpCase("nancumprod", (NAN,), np.nancumprod, dtype="float32", id="nancumprod_flat"),
    OpCase("diff", (A,), np.diff, dtype="float32", known_dims=(1,)),
    OpCase("diff", (M,), _np(np.diff), kwargs={"n": 2, "axis": 0}, none_dims=None, id="diff_n2"),
    OpCase("diff", (BOOL,), np.diff, dtype="bool", id="diff_bool"),
    OpCase("diff", (I8,), _np(np.diff), kwargs={"n": 0}, dtype="int8", id="diff_n0"),
    # sorting and searching
    OpCase("sort", (A,), np.sort, dtype="float32", known_dims=(1, 2)),
    OpCase("sort", (A,), _np(np.sort), kwargs={"axis": 0}, id="sort_axis0"),
    OpCase("sort", (I32,), _np(np.sort), kwargs={"axis": None}, dtype="int32", id="sort_flat"),
    OpCase("sort", (BOOL,), np.sort, dtype="bool", id="sort_bool"),
    OpCase("argsort", (A,), _np(np.argsort, kind="stable"), kwargs={"axis": 1}, dtype="int32"),
    OpCase("argsort", (I32,), _np(np.argsort, kind="stable"), kwargs={"axis": None}, id="argsort_ties"),
    OpCase("argpartition", (M, 2), lambda x, kth: np.argsort(x, kind="stable"), dtype="int32"),
    OpCase("argpartition", (A, -1), lambda x, kth, axis: np.argsort(x, axis=axis, kind="stable"),
           kwargs={"axis": 0}, none_dims=None, id="argpartition_axis0"),
    OpCase("searchsorted", (SORTED, V), np.searchsorted, dtype="int32"),
    OpCase("searchsorted", (SORTED, V), _np(np.searchsorted), kwargs={"side": "right"}, id="searchsorted_right"),
    OpCase("searchsorted", (np.array([1, 3, 5], "int32"), V), np.searchsorted, id="searchsorted_mixed"),
    OpCase("digitize", (V, SORTED), np.digitize, dtype="int32"),
    OpCase("digitize", (V, SORTED[::-1].copy()), np.digitize, id="digitize_decreasing"),
    OpCase("digitize", (I32, np.array([0, 2, 3], "int32")), np.digitize, id="digitize_int"),
    OpCase("isin", (I32, np.array([0, 5], "int32")), np.isin, dtype="bool"),
    OpCase("isin", (V, np.array([1, 4], "int32")), _np(np.isin), kwargs={"invert": True}, id="isin_invert"),
    OpCase("allclose", (A, A + 1e-7), np.allclose, dtype="bool", none_dims=[(0,), (0,)]),
    OpCase("allclose", (M, M[:1] + 1e-3), _np(np.allclose), kwargs={"atol": 1e-4, "rtol": 0}, none_dims=None,
           id="allclose_false"),
    OpCase("allclose", (NAN, NAN), _np(np.allclose), kwargs={"equal_nan": True}, id="allclose_nan"),
    OpCase("allclose", (I32, I32.astype("float32") + 1), np.allclose, id="allclose_int"),
    OpCase("nonzero", (I32,), lambda x: tuple(i.astype("int32") for i in np.nonzero(x)), dtype="int32",
           symbolic=False),
    OpCase("unique", (np.array([3, 1, 1, 2, 3, 1], "int32"),), np.unique, dtype="int32", symbolic=False),
    OpCase("unique", (np.array([[3, 1], [1, 2], [3, 1]], "int32"),), _unique,
           kwargs={"return_index": True, "return_inverse": True, "return_counts": True}, symbolic=False,
           id="unique_all"),
    OpCase("unique", (np.array([[3.0, 1], [1, 2], [3, 1]], "float32"),),
           lambda x, axis, return_counts: np.unique(x, axis=axis, return_counts=True),
           kwargs={"axis": 0, "return_counts": True}, symbolic=False, id="unique_axis"),
    OpCase("unique", (np.array([4, 1, 1, 2], "int32"),),
           lambda x, size, return_counts: (np.array([1, 2, 4, 1, 1]), np.array([2, 1, 1, 0, 0])),
           kwargs={"size": 5, "return_counts": True}, none_dims=None, id="unique_size"),
    OpCase("unique", (np.array([4, 1, 1, 2], "int32"),),
           lambda x, size, fill_value: np.array([1, 2]), kwargs={"size": 2, "fill_value": -1}, none_dims=None,
           id="unique_size_cut"),
    # indexing
    OpCase("take", (A, np.array([[0, 5], [-1, 2]], "int32")), np.take, dtype="float32"),
    OpCase("take", (A, np.array([2, -1, 0], "int32")), _np(np.take), kwargs={"axis": 1}, known_dims=(1, 2),
           none_dims=NO_BATCH, id="take_axis"),
    OpCase("take", (A, 1), _np(np.take), kwargs={"axis": -1}, id="take_scalar"),
    OpCase("take", (I32, [[1], [0]]), _np(np.take), kwargs={"axis": 0}, dtype="int32", id="take_list"),
    OpCase("take_along_axis", (A, np.argsort(A, axis=1)[:, :2]), _np(np.take_along_axis), kwargs={"axis": 1},
           dtype="float32", known_dims=(1, 2)),
    OpCase("take_along_axis", (A, np.array([[[0], [3], [-1]]])), _np(np.take_along_axis), kwargs={"axis": -1},
           none_dims=NO_BATCH, id="take_along_axis_broadcast"),
    OpCase("take_along_axis", (I32, np.array([5, 0, -2])),
           lambda x, i, axis: np.take_along_axis(x.ravel(), i, 0), kwargs={"axis": None}, id="take_along_flat"),
    OpCase("trace", (M,), np.trace, dtype="float32"),
    OpCase("trace", (A,), _np(np.trace), kwargs={"offset": 1, "axis1": 2, "axis2": 0}, known_dims=(0,),
           id="trace_axes"),
    OpCase("trace", (I8,), _np(np.trace, dtype="int32"), kwargs={"offset": -1}, dtype="int32", id="trace_int8"),
    OpCase("trace", (M,), _np(np.trace), kwargs={"offset": 7}, id="trace_empty_diagonal"),
    OpCase("select", ([I32 > 2, I32 < 1], [I32, -I32 * 10], 7), _select, dtype="int32", symbolic=False),
    OpCase("select", ([BOOL], [V]), _select, dtype="float32", symbolic=False, id="select_default"),
    OpCase("unravel_index", (np.array([1, 5, 7], "int32"), (2, 4)), _unravel, dtype="int32"),
    OpCase("unravel_index", (np.array([[0, 23]], "int64"), (2, 3, 4)), _unravel, dtype="int32",
           id="unravel_index_3d"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


# --- Result dtypes: the same Keras rule on every backend --------------------------------------------

DTYPES = ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64")
_ACCUMULATE = {"bool": "int32", "uint8": "uint32", "int8": "int32", "int16": "int32"}  # sum, prod, trace
_RULES = {
    "sum": _ACCUMULATE, "prod": _ACCUMULATE, "nansum": _ACCUMULATE, "nanprod": _ACCUMULATE, "trace": _ACCUMULATE,
    "cumsum": {"bool": "int32"}, "cumprod": {"bool": "int32"}, "nancumsum": {"bool": "int32"},
    "nancumprod": {"bool": "int32"},
    "max": {}, "min": {}, "amax": {}, "amin": {}, "nanmax": {}, "nanmin": {}, "sort": {}, "take": {},
    "take_along_axis": {}, "diff": {},
    "all": "bool", "any": "bool", "isin": "bool",
    "argmax": "int32", "argmin": "int32", "nanargmax": "int32", "nanargmin": "int32", "argsort": "int32",
    "argpartition": "int32", "count_nonzero": "int32", "digitize": "int32", "searchsorted": "int32",
}
_FLOAT_OPS = ("mean", "nanmean", "var", "nanvar", "std", "nanstd", "median", "nanmedian", "quantile",
              "nanquantile", "percentile", "nanpercentile", "average", "trapezoid", "corrcoef")
_CALLS = {
    "quantile": lambda x: ops.quantile(x, 0.5, axis=1), "nanquantile": lambda x: ops.nanquantile(x, [0.2, 0.5]),
    "percentile": lambda x: ops.percentile(x, 30), "nanpercentile": lambda x: ops.nanpercentile(x, 30, axis=0),
    "take": lambda x: ops.take(x, [1, 0], axis=1),
    "take_along_axis": lambda x: ops.take_along_axis(x, np.array([[0], [1]]), axis=1),
    "argpartition": lambda x: ops.argpartition(x, 1), "isin": lambda x: ops.isin(x, [1, 2]),
    "digitize": lambda x: ops.digitize(x, np.array([0.5, 1.5])),
    "searchsorted": lambda x: ops.searchsorted(np.array([0, 1, 2], "int32"), x),
}


def _expected(op, dtype):
    if op in _FLOAT_OPS:
        return "float32" if dtype == "bool" or "int" in dtype else dtype
    rule = _RULES[op]
    return rule if isinstance(rule, str) else rule.get(dtype, dtype)


def _jax_eval_shape(fn, x):
    """On JAX the eager dtype is the traced one; tracing skips a compile per dtype (slow)."""
    import jax

    return jax.eval_shape(fn, x)


@pytest.mark.parametrize("op", sorted(_RULES) + list(_FLOAT_OPS))
def test_result_dtype(op):
    """Eager and symbolic dtypes follow Keras for every input dtype (JAX narrows 64-bit types)."""
    call = _CALLS.get(op, getattr(ops, op))
    for dtype in DTYPES:
        x = np.array([[1, 0, 2], [3, 1, 0]]).astype(dtypes.to_numpy_dtype(dtype))
        want = expected_dtype(_expected(op, dtype))
        out = _jax_eval_shape(call, x) if BACKEND == "jax" else call(x)
        assert ops.dtype(out) == want, f"{op}({dtype}): {ops.dtype(out)}, expected {want}"
        spec = call(KerasTensor((2, 3), expected_dtype(dtype)))
        assert spec.dtype == want, f"{op}({dtype}) symbolic: {spec.dtype}, expected {want}"


# --- Symbolic outputs whose size depends on the data -------------------------------------------------

def test_data_dependent_specs():
    x = KerasTensor((None, 3), "int32")
    assert ops.bincount(KerasTensor((5,), "int32")).shape == (None,)
    counts = ops.bincount(x, weights=KerasTensor((None, 3), "float16"))
    assert (counts.shape, counts.dtype) == ((None, None), "float16")
    rows, cols = ops.nonzero(x)
    assert (rows.shape, rows.dtype, cols.shape) == ((None,), "int32", (None,))
    assert ops.unique(x).shape == (None,)
    values, index, inverse, counts = ops.unique(x, return_index=True, return_inverse=True, return_counts=True)
    assert (values.shape, index.shape, inverse.shape, counts.shape) == ((None,), (None,), (None, 3), (None,))
    assert index.dtype == inverse.dtype == counts.dtype == "int32"
    values, inverse = ops.unique(x, axis=1, return_inverse=True, size=4)
    assert (values.shape, inverse.shape) == ((None, 4), (3,))
    counts, edges = ops.histogram(KerasTensor((None,), "int32"), bins=5)
    assert (counts.shape, edges.shape, edges.dtype) == ((5,), (6,), "float32")


def test_broadcasting_specs_keep_known_dims():
    cond = KerasTensor((None, 1, 3), "bool")
    out = ops.select([cond, cond], [KerasTensor((2, 3), "int8"), KerasTensor((4, 1, 1), "int16")], default=1)
    assert (out.shape, out.dtype) == ((4, 2, 3), "int16")
    out = ops.take_along_axis(KerasTensor((None, 5, 1), "float32"), KerasTensor((1, 2, 7), "int32"), axis=1)
    assert out.shape == (None, 2, 7)
    assert ops.take_along_axis(KerasTensor((4, 5), "float32"), KerasTensor((2, 3), "int32")).shape == (6,)
    assert ops.allclose(KerasTensor((None, 3)), KerasTensor((3,))).shape == ()
    out = ops.quantile(KerasTensor((None, 6, 2)), KerasTensor((4,)), axis=(0, -1), keepdims=True)
    assert out.shape == (4, 1, 6, 1)
    assert ops.median(KerasTensor((None, 6, 2), "int8"), axis=1).dtype == "float32"


# --- Behaviour the case table cannot express ----------------------------------------------------------

def test_quantile_with_tensor_q():
    q = ops.convert_to_tensor(np.array([0.25, 0.5], "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(ops.quantile(M, q, axis=0)), np.quantile(M, [0.25, 0.5], axis=0),
                               rtol=1e-5, atol=1e-6)
    q = ops.convert_to_tensor(np.array(30.0, "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(ops.percentile(M, q)), np.percentile(M, 30), rtol=1e-5)


def test_argpartition_partitions():
    x = rng.permutation(12).astype("float32").reshape(3, 4)
    for kth in (0, 2, -1):
        idx = ops.convert_to_numpy(ops.argpartition(x, kth, axis=1))
        part = np.take_along_axis(x, idx, axis=1)
        k = kth % 4
        assert np.all(part[:, :k] <= part[:, k:k + 1]) and np.all(part[:, k + 1:] >= part[:, k:k + 1])


def test_unique_sorted_false_and_fill():
    x = np.array([5, 2, 5, 7], "int32")
    np.testing.assert_array_equal(ops.convert_to_numpy(ops.unique(x, sorted=False)), [2, 5, 7])
    values, index = ops.unique(x, return_index=True, size=5, fill_value=-9)
    np.testing.assert_array_equal(ops.convert_to_numpy(values), [2, 5, 7, -9, -9])
    np.testing.assert_array_equal(ops.convert_to_numpy(index), [1, 0, 3, 1, 1])


def test_nan_slices():
    """All-NaN slices give NaN (statistics) or -1 (nanargmax), never an error or a warning."""
    x = np.full((2, 3), np.nan, "float32")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for op in (ops.nanmax, ops.nanmin, ops.nanmean, ops.nanvar, ops.nanstd, ops.nanmedian):
            assert np.all(np.isnan(ops.convert_to_numpy(op(x, axis=1)))), op.__name__
        np.testing.assert_array_equal(ops.convert_to_numpy(ops.nanargmax(x, axis=0)), [-1, -1, -1])
        assert np.isnan(ops.convert_to_numpy(ops.nanquantile(x, 0.5)))
        np.testing.assert_array_equal(ops.convert_to_numpy(ops.nansum(x, axis=1)), [0, 0])


def test_bincount_sparse():
    x = np.array([0, 2, 2], "int32")
    if BACKEND != "tensorflow":
        with pytest.raises(NotImplementedError, match=f"bincount.*{BACKEND}"):
            ops.bincount(x, sparse=True)
        return
    import tensorflow as tf

    out = ops.bincount(x, sparse=True)
    assert isinstance(out, tf.SparseTensor)
    np.testing.assert_array_equal(tf.sparse.to_dense(out).numpy(), [1, 0, 2])
    assert ops.bincount(KerasTensor((3,), "int32"), sparse=True).sparse


@pytest.mark.parametrize("call, match", [
    (lambda: ops.quantile(A, 0.5, method="hazen"), "method"),
    (lambda: ops.quantile(A, 1.5), "`q`"),
    (lambda: ops.percentile(A, [10, 101]), "`q`"),
    (lambda: ops.quantile(A, [[0.5]]), "1-D"),
    (lambda: ops.quantile(KerasTensor((2, 3)), 0.5, method="bad"), "method"),
    (lambda: ops.histogram(A[0, 0], bins=0), "bins"),
    (lambda: ops.histogram(A[0, 0], bins=2.5), "bins"),
    (lambda: ops.histogram(A[0, 0], range=(3, 1)), "range"),
    (lambda: ops.histogram(A, bins=3), "1-D"),
    (lambda: ops.histogram(KerasTensor((2, 2)), bins=3), "1-D"),
    (lambda: ops.argpartition(M, 5), "kth"),
    (lambda: ops.argpartition(M, 1.0), "kth"),
    (lambda: ops.searchsorted(SORTED, V, side="middle"), "side"),
    (lambda: ops.searchsorted(M, V), "1-D"),
    (lambda: ops.digitize(V, M), "1-D"),
    (lambda: ops.select([BOOL], [V, V]), "same length"),
    (lambda: ops.select(BOOL, V), "lists"),
    (lambda: ops.ptp(BOOL), "boolean"),
    (lambda: ops.trace(A, axis1=1, axis2=-2), "differ"),
    (lambda: ops.trace(SORTED), "rank 2"),
    (lambda: ops.take_along_axis(A, np.zeros((2, 3), "int32"), axis=1), "same rank"),
    (lambda: ops.take_along_axis(KerasTensor((2, 3)), KerasTensor((2, 3), "int32"), axis=2), "axis"),
    (lambda: ops.average(A, axis=(0, 1), weights=np.ones(3, "float32")), "weights"),
    (lambda: ops.bincount(A.astype("int32")), "1-D or 2-D"),
    (lambda: ops.unravel_index(np.array([1]), (2, -3)), "shape"),
    (lambda: ops.unique(I32, size=-1), "size"),
    (lambda: ops.diff(A, n=-1), "`n`"),
    (lambda: ops.corrcoef(A), "1-D or 2-D"),
    (lambda: ops.sum(A, axis=3), "ops.sum"),
    (lambda: ops.mean(KerasTensor((2, 3)), axis=(0, 0)), "repeated"),
])
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- Inside compiled functions (jax.jit; tf.function with an unknown batch dim) ------------------------

_INPUTS = {"A": A, "NAN": NAN, "I8": I8, "I32": I32, "V": V, "M": M, "SORTED": SORTED, "W": np.abs(A),
           "IDX": np.array([[2, 0], [1, 1]])}
_TRACEABLE = [
    lambda d: ops.mean(d["A"], axis=1), lambda d: ops.var(d["A"], axis=(0, 2)),
    lambda d: ops.std(d["A"], keepdims=True), lambda d: ops.median(d["A"], axis=-1),
    lambda d: ops.quantile(d["A"], [0.2, 0.7], axis=0, method="nearest"),
    lambda d: ops.nanquantile(d["NAN"], 0.5, axis=1, keepdims=True), lambda d: ops.nanmedian(d["NAN"]),
    lambda d: ops.argmax(d["A"], keepdims=True), lambda d: ops.nanargmin(d["NAN"], axis=0),
    lambda d: ops.max(d["A"], axis=1, initial=0.0), lambda d: ops.nanmax(d["NAN"], axis=1),
    lambda d: ops.prod(d["I8"], axis=0), lambda d: ops.nansum(d["NAN"]), lambda d: ops.ptp(d["A"], axis=0),
    lambda d: ops.count_nonzero(d["I32"], axis=1), lambda d: ops.cumsum(d["A"], axis=0),
    lambda d: ops.nancumprod(d["NAN"], axis=1), lambda d: ops.diff(d["A"], n=2, axis=-1),
    lambda d: ops.sort(d["A"], axis=0), lambda d: ops.argsort(d["A"], axis=1),
    lambda d: ops.argpartition(d["A"], 1, axis=1), lambda d: ops.take(d["A"], d["I32"] % 2, axis=0),
    lambda d: ops.take_along_axis(d["V"], d["IDX"], axis=1), lambda d: ops.trace(d["A"], axis1=1, axis2=2),
    lambda d: ops.digitize(d["V"], d["SORTED"]), lambda d: ops.searchsorted(d["SORTED"], d["V"], side="right"),
    lambda d: ops.isin(d["V"], [1.0, 4.0]), lambda d: ops.allclose(d["V"], d["V"]),
    lambda d: ops.select([d["V"] > 1, d["V"] < 0.5], [d["V"], -d["V"]]),
    lambda d: ops.average(d["A"], axis=1, weights=d["W"]), lambda d: ops.trapezoid(d["A"], axis=0),
    lambda d: ops.corrcoef(d["M"]), lambda d: ops.histogram(d["SORTED"], bins=3),
    lambda d: ops.unravel_index(d["I32"], (3, 4)),
]


def test_traceable():
    """Every op without a data-dependent shape traces under JAX, and runs inside tf.function with
    unknown batch dims giving the eager results (one function for all ops, to keep it quick)."""

    def run_all(*arrays):
        d = dict(zip(_INPUTS, arrays))
        return [fn(d) for fn in _TRACEABLE]

    arrays = list(_INPUTS.values())
    if BACKEND == "jax":
        import jax

        jax.eval_shape(run_all, *arrays)  # traces as jax.jit would; the values are jnp's either way
        return
    if BACKEND != "tensorflow":
        pytest.skip(f"{BACKEND} runs eagerly")
    import tensorflow as tf

    signature = [tf.TensorSpec((None,) + a.shape[1:], a.dtype) for a in arrays]
    compiled = tf.function(run_all, autograph=False, input_signature=signature)
    for i, (got, want) in enumerate(zip(compiled(*arrays), run_all(*arrays))):
        got, want = (got if isinstance(got, tuple) else (got,)), (want if isinstance(want, tuple) else (want,))
        for g, w in zip(got, want):
            np.testing.assert_allclose(ops.convert_to_numpy(g), ops.convert_to_numpy(w), rtol=1e-6,
                                       equal_nan=True, err_msg=f"_TRACEABLE[{i}]")


# --- Gradients ------------------------------------------------------------------------------------

def _engine_grad(fn, x):
    if BACKEND == "jax":
        import jax

        return np.asarray(jax.jit(jax.grad(fn))(x))
    if BACKEND == "torch":
        import torch

        t = torch.tensor(x, requires_grad=True)
        fn(t).backward()
        return t.grad.numpy()
    import tensorflow as tf

    t = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = fn(t)
    return tape.gradient(y, t).numpy()


_COEF = np.arange(1.0, 6.0).reshape(1, 5)
_DIFFERENTIABLE = {
    "quantile": lambda x: ops.sum(ops.quantile(x, [0.3, 0.8], axis=1)),
    "median": lambda x: ops.sum(ops.median(x, axis=0)),
    "nanpercentile": lambda x: ops.sum(ops.nanpercentile(x, 60.0, axis=1)),
    "var": lambda x: ops.sum(ops.var(x, axis=1)),
    "nanstd": lambda x: ops.sum(ops.nanstd(x, axis=0)),
    "sort": lambda x: ops.sum(ops.multiply(ops.sort(x, axis=1), _COEF)),
    "cumprod": lambda x: ops.sum(ops.cumprod(x, axis=1)),
    "max": lambda x: ops.max(x),
    "take_along_axis": lambda x: ops.sum(ops.take_along_axis(x, np.array([[4, 0], [1, 1], [2, 3]]), axis=1)),
    "trapezoid": lambda x: ops.trapezoid(ops.trapezoid(x)),
    "average": lambda x: ops.average(x, axis=1, weights=np.arange(5.0))[1],
}


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("name", sorted(_DIFFERENTIABLE))
def test_gradient(name):
    fn = _DIFFERENTIABLE[name]
    x = M.astype("float64")
    got = _engine_grad(fn, x)
    if BACKEND == "jax":
        import jax

        fn = jax.jit(fn)  # one compile, not one per op inside
    step, want = 1e-3, np.zeros_like(x)
    for i in np.ndindex(x.shape):
        bump = np.zeros_like(x)
        bump[i] = step
        want[i] = (ops.convert_to_numpy(fn(x + bump)) - ops.convert_to_numpy(fn(x - bump))) / (2 * step)
    np.testing.assert_allclose(got, want, rtol=1e-2, atol=1e-2)
