import ml_dtypes
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing import OpCase, case_ids, run_op_case

rng = np.random.default_rng(1)
A = rng.normal(size=(2, 3, 4)).astype("float32")
M = rng.normal(size=(3, 4)).astype("float32")
N = rng.normal(size=(4, 2)).astype("float32")
S = rng.normal(size=(3, 3)).astype("float32")
V3 = rng.normal(size=(3,)).astype("float32")
W3 = rng.normal(size=(3,)).astype("float32")
V4 = rng.normal(size=(4,)).astype("float32")
V2 = rng.normal(size=(2,)).astype("float32")
I = np.arange(12, dtype="int32").reshape(3, 4)
I8 = np.arange(-3, 3, dtype="int8").reshape(2, 3)
U8 = np.arange(6, dtype="uint8").reshape(3, 2)
B = np.array([[True, False], [True, True]])
F16 = np.arange(6, dtype="float16").reshape(2, 3)
F64 = rng.normal(size=(3,))
MASK = np.array([True, False, True])
IDX = np.array([2, 0, 2])

no_sym = dict(symbolic=False)  # creation ops with no tensor input: nothing to trace


def case(op, args, reference, **kw):
    return OpCase(op, args, reference, **kw)


CASES = [
    # -- creation ----------------------------------------------------------------
    case("arange", (5,), np.arange, dtype="int32", **no_sym),
    case("arange", (1, 3, 0.5), np.arange, dtype="float32", id="arange_float", **no_sym),
    case("arange", (2, 8, 3), np.arange, kwargs={"dtype": "int8"}, dtype="int8", id="arange_dtype", **no_sym),
    case("arange", (np.int64(4),), np.arange, dtype="int64", id="arange_int64", **no_sym),
    case("array", ([[1, 2], [3, 4]],), np.array, dtype="int32", **no_sym),
    case("array", (A,), np.array, kwargs={"dtype": "float16"}, dtype="float16", id="array_tensor"),
    case("zeros", ((2, 3),), np.zeros, dtype="float32", **no_sym),
    case("zeros", (3,), np.zeros, kwargs={"dtype": "int32"}, dtype="int32", id="zeros_int", **no_sym),
    case("ones", ((2,),), np.ones, kwargs={"dtype": "int8"}, dtype="int8", **no_sym),
    case("empty", ((2, 2),), np.zeros, dtype="float32", **no_sym),
    case("full", ((2, 2), 3), np.full, dtype="float32", **no_sym),  # Keras: floatx whatever the fill
    case("full", ((2,), 7), np.full, kwargs={"dtype": "int32"}, dtype="int32", id="full_int", **no_sym),
    case("full", ((2, 3), V3), np.full, dtype="float32", id="full_array_fill", none_dims=None),
    case("zeros_like", (I,), np.zeros_like, dtype="int32"),
    case("ones_like", (A,), np.ones_like, kwargs={"dtype": "int32"}, dtype="int32"),
    case("empty_like", (M,), np.zeros_like, dtype="float32"),
    case("full_like", (I8, 3), np.full_like, dtype="int8"),
    case("full_like", (A, 2), np.full_like, kwargs={"dtype": "float16"}, dtype="float16", id="full_like_dtype"),
    case("eye", (3,), np.eye, dtype="float32", **no_sym),
    case("eye", (2, 3), lambda n, m, k: np.eye(n, m, k), kwargs={"k": 1}, id="eye_k", **no_sym),
    case("eye", (3, 2, -1), np.eye, id="eye_neg_k", **no_sym),
    case("identity", (3,), np.identity, kwargs={"dtype": "int32"}, dtype="int32", **no_sym),
    case("tri", (3, 4, -1), np.tri, dtype="float32", **no_sym),
    case("tri", (3,), np.tri, kwargs={"dtype": "int32"}, dtype="int32", id="tri_int", **no_sym),
    case("linspace", (0, 1, 5), np.linspace, dtype="float32", **no_sym),
    case("linspace", (0, 10, 5), lambda *a, dtype: np.linspace(*a, dtype=dtype), kwargs={"dtype": "int32"},
         dtype="int32", id="linspace_int", **no_sym),
    case("linspace", (0.0, 1.0, 4), lambda *a, **k: np.linspace(*a, **k), kwargs={"endpoint": False, "retstep": True},
         id="linspace_retstep", **no_sym),
    case("linspace", (V2, np.array([5.0, 6.0], "float32"), 3), lambda *a, axis: np.linspace(*a, axis=axis),
         kwargs={"axis": 1}, dtype="float32", id="linspace_arrays", none_dims=None),
    case("logspace", (0, 2, 4), np.logspace, dtype="float32", tol=1e-5, **no_sym),
    case("logspace", (1, 3, 3), lambda *a, base: np.logspace(*a, base=base), kwargs={"base": 2}, id="logspace_base",
         **no_sym),
    case("geomspace", (1, 1000, 4), np.geomspace, dtype="float32", tol=1e-5, **no_sym),
    case("geomspace", (-1, -100, 3), lambda *a, endpoint: np.geomspace(*a, endpoint=endpoint),
         kwargs={"endpoint": False}, id="geomspace_negative", tol=1e-5, **no_sym),
    case("bartlett", (5,), np.bartlett, dtype="float32", **no_sym),
    case("blackman", (5,), np.blackman, dtype="float32", tol=1e-6, **no_sym),
    case("hamming", (4,), np.hamming, dtype="float32", **no_sym),
    case("hanning", (6,), np.hanning, dtype="float32", **no_sym),
    case("kaiser", (6, 2.5), np.kaiser, dtype="float32", **no_sym),
    case("meshgrid", (V3, V2), np.meshgrid, dtype="float32"),
    case("meshgrid", (V3, V2, V4), lambda *x, indexing: np.meshgrid(*x, indexing=indexing), kwargs={"indexing": "ij"},
         id="meshgrid_ij"),
    case("vander", (V3,), np.vander, dtype="float32", tol=1e-5),
    case("vander", (np.array([1, 2, 3], "int32"), 4, True), np.vander, dtype="int32", id="vander_int"),
    # -- shape manipulation ------------------------------------------------------
    case("reshape", (A, (-1, 4)), np.reshape, known_dims=(1,)),
    case("reshape", (A, 24), np.reshape, id="reshape_int"),
    case("reshape", (A, (2, -1)), np.reshape, none_dims=None, id="reshape_infer"),
    case("transpose", (A,), np.transpose),
    case("transpose", (A, (1, 0, 2)), np.transpose, known_dims=(0, 2), id="transpose_axes"),
    case("expand_dims", (A, 1), np.expand_dims, known_dims=(1, 2, 3)),
    case("expand_dims", (A, (0, -1)), np.expand_dims, id="expand_dims_tuple"),
    case("squeeze", (A[:, :1],), np.squeeze, none_dims=None),
    case("squeeze", (A[:1, :, :1], 2), lambda x, axis: np.squeeze(x, axis), id="squeeze_axis"),
    case("ravel", (A,), np.ravel),
    case("broadcast_to", (V4, (2, 3, 4)), np.broadcast_to),
    case("moveaxis", (A, 0, -1), np.moveaxis),
    case("moveaxis", (A, (0, 1), (2, 0)), np.moveaxis, id="moveaxis_tuple"),
    case("swapaxes", (A, 0, 2), np.swapaxes),
    case("flip", (A,), np.flip),
    case("flip", (A, 1), np.flip, id="flip_axis"),
    case("flip", (A, (0, 2)), np.flip, id="flip_axes"),
    case("fliplr", (M,), np.fliplr),
    case("flipud", (M,), np.flipud),
    case("roll", (A, 2), np.roll),
    case("roll", (A, -1, 1), np.roll, id="roll_axis"),
    case("roll", (A, (1, 2), (0, 2)), np.roll, id="roll_axes"),
    case("rot90", (M,), np.rot90),
    case("rot90", (A, 2, (1, 2)), np.rot90, id="rot90_k2"),
    case("rot90", (A, -1, (2, 0)), np.rot90, id="rot90_neg"),
    case("tile", (M, 2), np.tile),
    case("tile", (V3, (2, 1, 2)), np.tile, id="tile_more_dims"),
    case("tile", (A, (2, 1)), np.tile, id="tile_fewer_reps"),
    case("repeat", (M, 2), np.repeat),
    case("repeat", (M, 2, 1), np.repeat, id="repeat_axis"),
    case("repeat", (M, [1, 0, 2], 0), np.repeat, id="repeat_list", none_dims=None),
    case("pad", (M, 1), np.pad),
    case("pad", (I, ((1, 2), (0, 1))), lambda x, w, constant_values: np.pad(x, w, constant_values=constant_values),
         kwargs={"constant_values": 7}, dtype="int32", id="pad_value"),
    case("pad", (A, ((0, 0), (2, 1), (1, 3))), lambda x, w, mode: np.pad(x, w, mode), kwargs={"mode": "reflect"},
         id="pad_reflect"),
    case("pad", (M, ((2, 1), (1, 5))), lambda x, w, mode: np.pad(x, w, mode), kwargs={"mode": "symmetric"},
         id="pad_symmetric"),
    case("pad", (M, (1, 2)), lambda x, w, mode: np.pad(x, w, mode), kwargs={"mode": "edge"}, id="pad_edge"),
    case("pad", (M, 2), lambda x, w, mode: np.pad(x, w, "wrap"), kwargs={"mode": "circular"}, id="pad_circular"),
    case("diag", (V3,), np.diag),
    case("diag", (V3, -1), np.diag, id="diag_k_vector"),
    case("diag", (M, 1), np.diag, id="diag_matrix"),
    case("diagflat", (M[:2, :2], 1), np.diagflat),
    case("diagonal", (A,), np.diagonal),
    case("diagonal", (A, 1, 1, 2), np.diagonal, id="diagonal_axes"),
    case("diagonal", (A, -1, 2, 1), np.diagonal, id="diagonal_neg"),
    case("tril", (M,), np.tril),
    case("tril", (A, -1), np.tril, id="tril_batched"),
    case("triu", (M, 1), np.triu),
    case("triu", (U8.T, -1), np.triu, dtype="uint8", id="triu_uint8"),
    case("size", (A,), np.size, dtype="int32"),
    case("ndim", (A,), np.ndim, **no_sym),
    case("rearrange", (A, "b h w -> b w h"), lambda x, p: np.transpose(x, (0, 2, 1))),
    case("rearrange", (A, "b h (w c) -> (b h) c w"), lambda x, p, c: x.reshape(2, 3, 2, 2).transpose(0, 1, 3, 2)
         .reshape(6, 2, 2), kwargs={"c": 2}, id="rearrange_groups"),
    # -- joining and splitting ---------------------------------------------------
    case("concatenate", ([M, M[:1]],), np.concatenate, dtype="float32", **no_sym),
    case("concatenate", ([M, I], 1), np.concatenate, dtype="float32", id="concatenate_promote", **no_sym),
    case("concatenate", ([M, V3], None), np.concatenate, id="concatenate_flat", **no_sym),
    case("append", (M, I), np.append, dtype="float32"),
    case("append", (M, M, 1), np.append, id="append_axis"),
    case("stack", ([V3, W3],), np.stack, **no_sym),
    case("stack", ([M, M], -1), np.stack, id="stack_axis", **no_sym),
    case("hstack", ([V3, W3],), np.hstack, **no_sym),
    case("hstack", ([M, I],), np.hstack, dtype="float32", id="hstack_2d", **no_sym),
    case("vstack", ([V3, W3],), np.vstack, **no_sym),
    case("dstack", ([M, M],), np.dstack, **no_sym),
    case("dstack", ([V3, W3],), np.dstack, id="dstack_1d", **no_sym),
    case("split", (A, 2, 2), np.split),
    case("split", (A, [1, 3], -1), np.split, id="split_indices"),
    case("array_split", (A, 3, 2), np.array_split),
    case("array_split", (A, [1, 6], 2), np.array_split, id="array_split_past_end"),
    case("hsplit", (A, [1]), np.hsplit),
    case("hsplit", (V4, 2), np.hsplit, id="hsplit_1d", none_dims=None),
    case("vsplit", (A, 2), np.vsplit, none_dims=None),
    case("dsplit", (A, 2), np.dsplit),
    # -- indexing ----------------------------------------------------------------
    case("get_item", (A, 1), lambda x, k: x[k], none_dims=None),
    case("get_item", (A, (slice(None), 1)), lambda x, k: x[k], id="get_item_int", known_dims=(1,)),
    case("get_item", (A, (slice(None), slice(1, 3), slice(None, None, -2))), lambda x, k: x[k],
         id="get_item_slices", known_dims=(1, 2)),
    case("get_item", (A, (Ellipsis, None, 0)), lambda x, k: x[k], id="get_item_ellipsis_newaxis", known_dims=(1, 2)),
    case("get_item", (A, (slice(None), IDX)), lambda x, k: x[k], id="get_item_int_array", known_dims=(1, 2)),
    case("get_item", (A, (slice(None), [1, -1], 0)), lambda x, k: x[k], id="get_item_list_and_int"),
    case("get_item", (A, (0, slice(None), [1, 2])), lambda x, k: x[k], id="get_item_separated_arrays",
         none_dims=None),
    case("get_item", (A, (slice(None), MASK)), lambda x, k: x[k], id="get_item_mask", known_dims=(1, 2)),
    case("get_item", (M, M > 0), lambda x, k: x[k], id="get_item_mask_2d", symbolic=False),  # data-dependent
    case("get_item", (A, (np.array([1, 0]), slice(None), np.array([[3], [0]]))), lambda x, k: x[k],
         id="get_item_broadcast_arrays", none_dims=None),
    # -- products ----------------------------------------------------------------
    case("matmul", (M, N), np.matmul, dtype="float32", known_dims=(1,)),
    case("matmul", (A, V4), np.matmul, id="matmul_vector"),
    case("matmul", (V3, M), np.matmul, id="matmul_vector_left", none_dims=None),
    case("matmul", (A[:, None], rng.normal(size=(5, 4, 2)).astype("float32")), np.matmul, id="matmul_broadcast",
         none_dims=[(0,), ()], known_dims=(1, 2, 3)),
    case("matmul", (I8, I8.T), lambda a, b: a.astype("int32") @ b.astype("int32"), dtype="int32", id="matmul_int8"),
    case("matmul", (I8, U8), lambda a, b: a.astype("int16") @ b.astype("int16"), dtype="int16",
         id="matmul_int8_uint8"),
    case("matmul", (B, B), np.matmul, dtype="bool", id="matmul_bool"),
    case("matmul", (F16, I.T[:3, :2].copy()), lambda a, b: (a.astype("float32") @ b).astype("float16"),
         dtype="float16", id="matmul_float16_int32"),
    case("matmul", (np.ones((2, 2), "uint16"), np.ones((2, 2), "uint16")), np.matmul, dtype="uint16",
         id="matmul_uint16"),
    case("matmul", (M.astype(ml_dtypes.bfloat16), N.astype("float16")),
         lambda a, b: a.astype("float32") @ b.astype("float32"), dtype="float32", tol=2e-2, id="matmul_bf16_f16"),
    case("dot", (M, N), np.dot, dtype="float32"),
    case("dot", (A, N), np.dot, id="dot_nd"),
    case("dot", (A, rng.normal(size=(2, 4, 3)).astype("float32")), np.dot, id="dot_nd_nd"),
    case("dot", (V3, W3), np.dot, id="dot_vectors"),
    case("dot", (M, 2.0), np.dot, id="dot_scalar"),
    case("dot", (I8, I8.T), np.dot, dtype="int8", id="dot_int8"),
    case("tensordot", (A, rng.normal(size=(3, 4, 2)).astype("float32")), np.tensordot),
    case("tensordot", (A, M, ([1, 2], [0, 1])), np.tensordot, id="tensordot_pairs"),
    case("tensordot", (M, N, 1), np.tensordot, dtype="float32", id="tensordot_int"),
    case("einsum", ("ij,jk->ik", M, N), np.einsum, dtype="float32", none_dims=[(), (0,), ()]),
    case("einsum", ("bij,bj", A, rng.normal(size=(2, 4)).astype("float32")), np.einsum, id="einsum_implicit",
         none_dims=[(), (0,), (0,)]),
    case("einsum", ("...j,kj->...k", A, N.T.copy()), np.einsum, id="einsum_ellipsis", none_dims=[(), (0,), ()]),
    case("einsum", ("ii", S), np.einsum, id="einsum_trace", none_dims=None),
    # dense products 'XC,CK->XK' (the torch backend runs them as one matmul), and a near miss
    case("einsum", ("abc,cde->abde", A, rng.normal(size=(4, 2, 5)).astype("float32")), np.einsum,
         id="einsum_dense_split_output", none_dims=[(), (0,), ()]),
    case("einsum", ("abcd,cde->abe", rng.normal(size=(2, 3, 2, 4)).astype("float32"),
                    rng.normal(size=(2, 4, 5)).astype("float32")), np.einsum, id="einsum_dense_two_contracted",
         none_dims=[(), (0,), ()]),
    case("einsum", ("abc,dce->abde", A, rng.normal(size=(2, 4, 5)).astype("float32")), np.einsum,
         id="einsum_contracted_not_leading", none_dims=[(), (0,), ()]),
    case("einsum", ("ij,jk->ik", I8, I8.T), lambda s, a, b: np.einsum(s, a.astype("int32"), b.astype("int32")),
         dtype="int32", id="einsum_int8", none_dims=None),
    case("inner", (M, A), np.inner, dtype="float32", none_dims=[(0,), (1,)]),
    case("inner", (V3, 2), np.inner, id="inner_scalar"),
    case("outer", (V3, M), np.outer, dtype="float32"),
    case("kron", (M[:2, :2], S), np.kron, dtype="float32"),
    case("kron", (V2, A), np.kron, id="kron_ranks"),
    case("vdot", (M, I), np.vdot, dtype="float32"),
    case("cross", (V3, W3), np.cross, dtype="float32", none_dims=None),
    case("cross", (S, V3), np.cross, id="cross_broadcast", none_dims=[(0,), ()]),
    case("cross", (S.T, A[:, :, :3]), lambda a, b, axisa: np.cross(a, b, axisa=axisa), kwargs={"axisa": 0},
         id="cross_axisa", none_dims=[(1,), (0,)]),
    case("cross", (M[:, :2], W3), lambda a, b: np.cross(np.pad(a, ((0, 0), (0, 1))), b), id="cross_2_and_3",
         none_dims=[(0,), ()]),
    case("cross", (M[:, :2], M[:, 2:]), lambda a, b: a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0], id="cross_2d"),
    case("cross", (A[:, :, :3], A[:, :, 1:]), lambda a, b, axis: np.cross(a, b, axis=axis), kwargs={"axis": 1},
         id="cross_axis", none_dims=None),
    case("correlate", (V4, V3), np.correlate, dtype="float32", none_dims=None),
    case("correlate", (V2, V4, "same"), np.correlate, id="correlate_same", none_dims=None),
    case("correlate", (V3, V4, "full"), np.correlate, id="correlate_full", none_dims=None),
    case("correlate", (np.array([1, 2, 3], "int32"), np.array([0, 1], "int32"), "same"),
         lambda a, b, mode: np.correlate(a, b, mode).astype("float32"), dtype="float32", id="correlate_int",
         none_dims=None),
    case("correlate", (F64, F64[:2]), np.correlate, dtype="float64", id="correlate_float64", none_dims=None),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


def spec(op, *args, **kwargs):
    out = getattr(ops, op)(*args, **kwargs)
    return [t.shape for t in out] if isinstance(out, (list, tuple)) else out.shape


def KT(*shape, dtype="float32"):
    return KerasTensor(shape, dtype)


# -- shape rules with None dims -----------------------------------------------
def test_join_specs_with_none_dims():
    assert spec("concatenate", [KT(None, 3), KT(5, 3)]) == (None, 3)
    assert spec("concatenate", [KT(None, 3), KT(5, 2)], axis=1) == (5, 5)
    assert spec("concatenate", [KT(None, 3), KT(5, 2)], axis=None) == (None,)
    assert spec("concatenate", [KT(2, 4), M]) == (5, 4)
    assert spec("append", KT(None, 4), M, axis=0) == (None, 4)
    assert spec("stack", [KT(None, 3), KT(4, None)], axis=1) == (4, 2, 3)
    assert spec("hstack", [KT(None, 3), KT(None, 2)]) == (None, 5)
    assert spec("vstack", [KT(3), KT(None, 3)]) == (None, 3)
    assert spec("dstack", [KT(2, 3), KT(None, 3, 2)]) == (2, 3, 3)
    out = ops.concatenate([KT(2, 3, dtype="int8"), KT(2, 3, dtype="uint8")])
    assert out.dtype == "int16"


def test_join_mismatch_names_op_and_shapes():
    with pytest.raises(ValueError, match=r"ops\.concatenate.*\(None, 3\).*\(5, 4\)"):
        ops.concatenate([KT(None, 3), KT(5, 4)])
    with pytest.raises(ValueError, match=r"ops\.concatenate"):
        ops.concatenate([M, np.ones((2, 5), "float32")])
    with pytest.raises(ValueError, match=r"ops\.stack"):
        ops.stack([KT(2, 3), KT(2, 4)])


def test_product_specs_with_none_dims():
    assert spec("matmul", KT(None, 1, 3, 4), KT(7, 4, 5)) == (None, 7, 3, 5)
    assert spec("matmul", KT(None, 3, 4), KT(None, 4, 5)) == (None, 3, 5)
    assert spec("matmul", KT(None, 4), KT(4)) == (None,)
    assert spec("matmul", KT(4), KT(None, 4, 2)) == (None, 2)
    assert spec("dot", KT(None, 3), KT(3, 5)) == (None, 5)
    assert spec("tensordot", KT(None, 3, 4), KT(4, 5), axes=1) == (None, 3, 5)
    assert spec("einsum", "bij,jk->bik", KT(None, 3, 4), KT(4, 5)) == (None, 3, 5)
    assert spec("einsum", "...ij,...jk", KT(None, 3, 4), KT(2, 4, 5)) == (2, 3, 5)
    assert spec("einsum", "ij,ij->i", KT(None, 4), KT(6, None)) == (6,)
    assert spec("outer", KT(None, 2), KT(3)) == (None, 3)
    assert spec("kron", KT(None, 2), KT(3, 3)) == (None, 6)
    assert spec("cross", KT(None, 3), KT(5, 3)) == (5, 3)
    assert ops.matmul(KT(2, 3, dtype="int8"), KT(3, 2, dtype="int8")).dtype == "int32"
    assert ops.dot(KT(2, 3, dtype="int8"), KT(3, 2, dtype="int8")).dtype == "int8"
    assert ops.einsum("ij,jk", KT(2, 3, dtype="int8"), KT(3, 2, dtype="int8")).dtype == "int32"


def test_product_mismatch_names_op_and_shapes():
    with pytest.raises(ValueError, match=r"ops\.matmul.*\(None, 3\).*\(4, 5\)"):
        ops.matmul(KT(None, 3), KT(4, 5))
    with pytest.raises(ValueError, match=r"ops\.matmul.*\(2, 3, 4\).*\(3, 4, 5\)"):
        ops.matmul(KT(2, 3, 4), KT(3, 4, 5))
    with pytest.raises(ValueError, match=r"ops\.matmul"):
        ops.matmul(M, M)
    with pytest.raises(ValueError, match=r"ops\.tensordot"):
        ops.tensordot(KT(2, 3), KT(4, 5), axes=1)
    with pytest.raises(ValueError, match=r"ops\.einsum"):
        ops.einsum("ij,jk->ik", KT(2, 3), KT(4, 5))
    with pytest.raises(ValueError, match=r"ops\.dot"):
        ops.dot(KT(2, 3), KT(4))
    with pytest.raises(ValueError, match=r"ops\.cross"):
        ops.cross(KT(4), KT(3))
    with pytest.raises(ValueError, match=r"ops\.correlate"):
        ops.correlate(V3, V4, mode="middle")


def test_reshape_and_axis_specs():
    assert spec("reshape", KT(None, 3, 4), (-1, 4)) == (None, 4)
    assert spec("reshape", KT(2, None), (4, -1)) == (4, None)
    assert spec("reshape", KT(2, 6), (-1, 4)) == (3, 4)
    assert spec("transpose", KT(None, 2, 3), (2, 0, 1)) == (3, None, 2)
    assert spec("expand_dims", KT(None, 2), (0, 3)) == (1, None, 2, 1)
    assert spec("squeeze", KT(None, 1, 3)) == (None, 3)
    assert spec("squeeze", KT(None, 1, 3), axis=0) == (1, 3)
    assert spec("broadcast_to", KT(None, 3), (4, 3)) == (4, 3)
    assert spec("diagonal", KT(None, 3)) == (None,)
    assert spec("diag", KT(2, 5), 1) == (2,)
    assert spec("ravel", KT(None, 3)) == (None,)
    assert spec("rearrange", KT(None, 6, 4), "b (h w) c -> b h (w c)", h=2) == (None, 2, 12)
    with pytest.raises(ValueError, match=r"ops\.reshape.*\(2, 3\)"):
        ops.reshape(KT(2, 3), (4, -1))
    with pytest.raises(ValueError, match=r"ops\.reshape"):
        ops.reshape(A, (5, -1))
    with pytest.raises(ValueError, match=r"ops\.squeeze"):
        ops.squeeze(KT(None, 2), axis=1)
    with pytest.raises(ValueError, match=r"ops\.squeeze"):
        ops.squeeze(M, axis=0)
    with pytest.raises(ValueError, match=r"ops\.broadcast_to"):
        ops.broadcast_to(KT(None, 3), (4, 2))
    with pytest.raises(ValueError, match=r"ops\.rearrange"):
        ops.rearrange(A, "a b c -> a b")
    with pytest.raises(ValueError, match=r"ops\.rearrange"):
        ops.rearrange(A, "a b (c d) -> a b c d", d=3)


def test_split_specs():
    assert spec("split", KT(None, 4), 2) == [(None, 4), (None, 4)]
    assert spec("array_split", KT(None, 4), 3) == [(None, 4)] * 3
    assert spec("split", KT(None, 4), [1, 3], axis=1) == [(None, 1), (None, 2), (None, 1)]
    assert spec("array_split", KT(2, 5), 3, axis=1) == [(2, 2), (2, 2), (2, 1)]
    assert spec("hsplit", KT(None, 4), 2) == [(None, 2), (None, 2)]
    with pytest.raises(ValueError, match=r"ops\.split.*5.*2"):
        ops.split(KT(None, 5), 2, axis=1)
    with pytest.raises(ValueError, match=r"ops\.split"):
        ops.split(np.ones((5,)), 2)
    with pytest.raises(ValueError, match=r"ops\.dsplit"):
        ops.dsplit(M, 2)


def test_get_item_specs():
    x = KT(None, 5, 6)
    assert spec("get_item", x, (slice(None), 1)) == (None, 6)
    assert spec("get_item", x, (slice(1, 3),)) == (None, 5, 6)
    assert spec("get_item", x, (Ellipsis, slice(-2, None), None)) == (None, 5, 2, 1)
    assert spec("get_item", x, (slice(None), KT(2, 3, dtype="int32"))) == (None, 2, 3, 6)
    assert spec("get_item", x, (slice(None), [0, 1], [1, 2])) == (None, 2)
    assert spec("get_item", x, (0, slice(None), [1, 2])) == (2, 5)
    assert spec("get_item", x, KT(None, 5, dtype="bool")) == (None, 6)
    assert spec("get_item", x, (slice(None), np.array([True, False, True, False, False]))) == (None, 2, 6)
    assert spec("get_item", M, (slice(None), KT(2, dtype="int32"))) == (3, 2)
    with pytest.raises(ValueError, match=r"ops\.get_item.*out of bounds"):
        ops.get_item(x, (slice(None), 5))
    with pytest.raises(ValueError, match=r"ops\.get_item.*too many"):
        ops.get_item(x, (0, 0, 0, 0))
    with pytest.raises(ValueError, match=r"ops\.get_item"):
        ops.get_item(M, (5,))


def test_like_and_size_specs():
    x = KT(None, 3, dtype="int8")
    assert ops.zeros_like(x).shape == (None, 3) and ops.zeros_like(x).dtype == "int8"
    assert ops.full_like(x, 2.5, dtype="float32").dtype == "float32"
    assert ops.size(x).shape == () and ops.size(x).dtype == "int32"
    assert ops.ndim(x) == 2


# -- operators ------------------------------------------------------------------
def test_operators_on_keras_tensors():
    x, w = KT(None, 3, 4), KT(4, 2)
    y = x @ w
    assert y.shape == (None, 3, 2)
    assert (M @ KT(4, 2)).shape == (3, 2)  # reflected
    assert x[:, 0].shape == (None, 4)
    assert x[..., None].shape == (None, 3, 4, 1)
    assert y._keras_history is not None


def test_operators_on_variables():
    from keras_lite.backends import engine

    v = engine.core.Variable(M)
    w = engine.core.Variable(N)
    np.testing.assert_allclose(ops.convert_to_numpy(v @ w), M @ N, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(M @ w), M @ N, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(v[1]), M[1])
    np.testing.assert_allclose(ops.convert_to_numpy(v[:, 1:3]), M[:, 1:3])
    np.testing.assert_allclose(ops.convert_to_numpy(v[[2, 0]]), M[[2, 0]])
    assert (v @ KT(4, 5)).shape == (3, 5)


# -- eager details ------------------------------------------------------------
def test_get_item_eager_keys():
    rows = np.array([1, 0, 1], "int32")
    got = ops.get_item(ops.convert_to_tensor(A), (ops.convert_to_tensor(rows), slice(None), 0))
    np.testing.assert_allclose(ops.convert_to_numpy(got), A[rows, :, 0])
    mask = ops.convert_to_tensor(M > 0)
    np.testing.assert_allclose(ops.convert_to_numpy(ops.get_item(M, mask)), M[M > 0])
    np.testing.assert_allclose(ops.convert_to_numpy(ops.get_item(A, (1, Ellipsis, -1))), A[1, ..., -1])


def test_linspace_retstep_and_geomspace_axis():
    y, step = ops.linspace(0.0, 1.0, 5, retstep=True)
    np.testing.assert_allclose(float(ops.convert_to_numpy(step)), 0.25)
    got = ops.geomspace(np.array([1.0, 2.0]), np.array([100.0, 200.0]), 3, axis=-1)
    np.testing.assert_allclose(ops.convert_to_numpy(got), np.geomspace([1.0, 2.0], [100.0, 200.0], 3, axis=-1),
                               rtol=1e-5)


def test_pad_modes():
    with pytest.raises(ValueError, match=r"ops\.pad.*constant_values"):
        ops.pad(M, 1, mode="reflect", constant_values=1)
    with pytest.raises(ValueError, match=r"ops\.pad.*unknown mode"):
        ops.pad(M, 1, mode="bogus")
    if BACKEND in ("torch", "tensorflow"):
        # torch's ENGINE_ERRORS include RuntimeError, so the dispatcher re-raises this as a ValueError.
        with pytest.raises((NotImplementedError, ValueError), match=f"{BACKEND} backend.*ops.pad.*mean"):
            ops.pad(M, 1, mode="mean")
    else:
        np.testing.assert_allclose(ops.convert_to_numpy(ops.pad(M, 1, mode="mean")), np.pad(M, 1, "mean"), rtol=1e-6)


def test_creation_dtypes_follow_keras():
    assert ops.dtype(ops.arange(3)) == "int32"
    assert ops.dtype(ops.arange(3.0)) == "float32"
    assert ops.dtype(ops.full((2,), True)) == "float32"
    assert ops.dtype(ops.full_like(I8, 3.7)) == "int8"
    assert ops.dtype(ops.linspace(0, 1, 3)) == "float32"
    assert ops.dtype(ops.eye(2)) == "float32"
    assert ops.dtype(ops.tri(2)) == "float32"
    assert ops.dtype(ops.array([1.0, 2])) == "float32"


def test_vectorize():
    add = ops.vectorize(lambda a, b: a + b)
    np.testing.assert_allclose(ops.convert_to_numpy(add(V3, M[:2, :3])), V3 + M[:2, :3], rtol=1e-6)
    dot = ops.vectorize(lambda a, b: ops.dot(a, b), signature="(n),(n)->()")
    np.testing.assert_allclose(ops.convert_to_numpy(dot(M, V4)), M @ V4, rtol=1e-5)
    scale = ops.vectorize(lambda a, s: a * s, excluded={1})
    np.testing.assert_allclose(ops.convert_to_numpy(scale(V3, 2.0)), V3 * 2, rtol=1e-6)
    with pytest.raises(ValueError, match=r"ops\.vectorize.*signature"):
        ops.vectorize(lambda a: a, signature="(n)")(V3)
    symbolic = dot(KT(None, 4), KT(4))
    assert symbolic.shape == (None,) and symbolic._keras_history is not None


@pytest.mark.requires_trainable_backend
def test_gradients_flow_through_matmul_and_get_item():
    x = M

    def loss(t):
        return ops.matmul(ops.get_item(t, (slice(None), slice(0, 4))), N)

    if BACKEND == "jax":
        import jax

        g = jax.grad(lambda t: loss(t).sum())(x)
    elif BACKEND == "torch":
        import torch

        t = torch.tensor(x, requires_grad=True)
        loss(t).sum().backward()
        g = t.grad
    else:
        import tensorflow as tf

        t = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(t)
            out = tf.reduce_sum(loss(t))
        g = tape.gradient(out, t)
    np.testing.assert_allclose(ops.convert_to_numpy(g), np.broadcast_to(N.sum(1), M.shape), rtol=1e-5)
