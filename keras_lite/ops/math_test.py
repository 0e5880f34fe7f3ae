import math

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing import OpCase, case_ids, run_op_case
from keras_lite.testing.op_cases import expected_dtype

rng = np.random.default_rng(3)
A = rng.normal(size=(2, 3, 4)).astype("float32")
A64 = rng.normal(size=(2, 5)).astype("float64")
I = rng.integers(-3, 4, size=(2, 5)).astype("int32")
POS = rng.uniform(0.2, 3.0, size=(2, 3)).astype("float32")
U = rng.uniform(-0.95, 0.95, size=(3, 4)).astype("float32")
ROWS = rng.normal(size=(5, 2)).astype("float32")
IDS = np.array([0, 2, 2, 0, 5], dtype="int32")  # segment 1 is empty; id 5 is dropped with num_segments=3
SIG = rng.normal(size=(2, 20)).astype("float32")
SPD = (lambda m: m @ m.transpose(0, 2, 1) + 3 * np.eye(3))(rng.normal(size=(2, 3, 3))).astype("float32")
SQ = rng.normal(size=(2, 3, 3)).astype("float32")

erf_ref = np.vectorize(math.erf, otypes=[np.float64])
erfc_ref = np.vectorize(math.erfc, otypes=[np.float64])


def _erfinv_ref(y):
    """Bisection on math.erf: an independent inverse."""
    lo, hi = np.full(y.shape, -6.0), np.full(y.shape, 6.0)
    for _ in range(80):
        mid = (lo + hi) / 2
        below = erf_ref(mid) < y
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return (lo + hi) / 2


def _lse(x, axis=None, keepdims=False):
    x = x.astype(np.float64)
    m = np.max(x, axis=axis, keepdims=True)
    out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=axis)


def _top_k(x, k, sorted=True):  # noqa: A002
    order = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]
    return np.take_along_axis(x, order, axis=-1), order


def _in_top_k(targets, predictions, k):
    kth = np.sort(predictions, axis=-1)[..., -k]
    return predictions[np.arange(len(targets)), targets] >= kth


def _segment(reduce, empty):
    def ref(data, ids, num_segments=None, sorted=False):  # noqa: A002
        n = num_segments if num_segments is not None else ids.max() + 1
        out = np.full((n,) + data.shape[1:], empty, dtype=data.dtype)
        for s in range(n):
            rows = data[ids == s]
            if len(rows):
                out[s] = reduce(rows, axis=0)
        return out
    return ref


def _cdist(x, y):
    return np.sqrt(((x[..., :, None, :].astype(np.float64) - y[..., None, :, :]) ** 2).sum(-1))


def _frames(x, length, stride):
    n = 1 + (x.shape[-1] - length) // stride
    return np.stack([x[..., i * stride:i * stride + length] for i in range(n)], axis=-2)


def _stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    n = np.arange(sequence_length)
    win = {"hann": 0.5 - 0.5 * np.cos(2 * np.pi * n / sequence_length),
           "hamming": 0.54 - 0.46 * np.cos(2 * np.pi * n / sequence_length), None: np.ones(sequence_length)}[window]
    left = (fft_length - sequence_length) // 2
    win = np.pad(win, (left, fft_length - sequence_length - left))
    if center:
        x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(fft_length // 2,) * 2], mode="reflect")
    z = np.fft.rfft(_frames(x.astype(np.float64), fft_length, sequence_stride) * win, axis=-1)
    return z.real, z.imag


def _pair(fn):
    def ref(x, *args, **kwargs):
        z = fn(x[0] + 1j * x[1], *args, **kwargs)
        return z.real, z.imag
    return ref


C = (rng.normal(size=(2, 4, 6)).astype("float32"), rng.normal(size=(2, 4, 6)).astype("float32"))
C64 = (C[0].astype("float64"), C[1].astype("float64"))
Z = np.fft.rfft(rng.normal(size=(2, 5, 8)), axis=-1)
SPEC = (Z.real.astype("float32"), Z.imag.astype("float32"))

CASES = [
    OpCase("erf", (A,), erf_ref, dtype="float32"),
    OpCase("erf", (A64,), erf_ref, dtype="float64", id="erf_float64"),
    OpCase("erf", (I,), erf_ref, dtype="float32", id="erf_int"),
    OpCase("erfc", (A * 2,), erfc_ref, dtype="float32"),
    OpCase("erfinv", (U,), _erfinv_ref, dtype="float32", tol=1e-4),
    OpCase("rsqrt", (POS,), lambda x: 1 / np.sqrt(x), dtype="float32"),
    OpCase("rsqrt", (np.array([1, 4, 16], "int32"),), lambda x: 1 / np.sqrt(x), dtype="float32", id="rsqrt_int"),
    OpCase("logsumexp", (A,), _lse, dtype="float32"),
    OpCase("logsumexp", (A,), _lse, kwargs={"axis": 1, "keepdims": True}, known_dims=(1, 2), id="logsumexp_axis"),
    OpCase("logsumexp", (A,), _lse, kwargs={"axis": (0, 2)}, id="logsumexp_axes"),
    OpCase("logsumexp", (I,), _lse, kwargs={"axis": -1}, dtype="float32", id="logsumexp_int"),
    OpCase("top_k", (A, 2), _top_k, dtype="float32", known_dims=(2,)),
    OpCase("top_k", (np.array([[3, 1, 3, 2], [0, 0, 0, 1]], "int32"), 3), _top_k, dtype="int32", id="top_k_ties"),
    OpCase("in_top_k", (np.array([0, 3, 2], "int32"), A[0].copy(), 2), _in_top_k, dtype="bool"),
    OpCase("segment_sum", (ROWS, IDS), _segment(np.sum, 0), kwargs={"num_segments": 3}, dtype="float32",
           known_dims=(0, 1)),
    OpCase("segment_sum", (ROWS, IDS), _segment(np.sum, 0), symbolic=False, id="segment_sum_inferred"),
    OpCase("segment_sum", (I.T.copy(), IDS), _segment(np.sum, 0), kwargs={"num_segments": 3}, dtype="int32",
           id="segment_sum_int"),
    OpCase("segment_max", (ROWS, IDS), _segment(np.max, -np.inf), kwargs={"num_segments": 3}, dtype="float32"),
    OpCase("segment_max", (I.T.copy(), IDS), _segment(np.max, np.iinfo("int32").min), kwargs={"num_segments": 3},
           dtype="int32", id="segment_max_int"),
    OpCase("segment_min", (ROWS, IDS), _segment(np.min, np.inf), kwargs={"num_segments": 3, "sorted": False}),
    OpCase("segment_prod", (ROWS, IDS), _segment(np.prod, 1), kwargs={"num_segments": 3}),
    OpCase("cdist", (A, A[:, :2] + 1), _cdist, dtype="float32", known_dims=(1, 2)),
    OpCase("cdist", (I[None, :, None], I[None, :2, None]), _cdist, dtype="float32", id="cdist_int"),
    OpCase("extract_sequences", (SIG, 6, 4), lambda x, n, s: _frames(x, n, s), dtype="float32", known_dims=(1, 2)),
    OpCase("extract_sequences", (I, 2, 1), lambda x, n, s: _frames(x, n, s), dtype="int32", id="extract_int"),
    OpCase("fft", (C,), _pair(np.fft.fft), dtype="float32", symbolic=False),
    OpCase("fft", (C64,), _pair(np.fft.fft), dtype="float64", symbolic=False, id="fft_float64"),
    OpCase("fft2", (C,), _pair(np.fft.fft2), dtype="float32", symbolic=False),
    OpCase("ifft2", (C,), _pair(np.fft.ifft2), dtype="float32", symbolic=False),
    OpCase("rfft", (SIG,), lambda x: (np.fft.rfft(x).real, np.fft.rfft(x).imag), dtype="float32",
           known_dims=(1,)),
    OpCase("rfft", (SIG,), lambda x, fft_length: (np.fft.rfft(x, fft_length).real, np.fft.rfft(x, fft_length).imag),
           kwargs={"fft_length": 8}, id="rfft_length"),
    OpCase("irfft", (SPEC,), lambda x: np.fft.irfft(x[0] + 1j * x[1]), dtype="float32", symbolic=False),
    OpCase("irfft", (SPEC,), lambda x, fft_length: np.fft.irfft(x[0] + 1j * x[1], fft_length),
           kwargs={"fft_length": 9}, symbolic=False, id="irfft_length"),
    OpCase("stft", (SIG, 8, 4, 8), _stft, dtype="float32", known_dims=(1, 2), tol=1e-4),
    OpCase("stft", (SIG, 6, 3, 8), _stft, kwargs={"window": "hamming", "center": False}, tol=1e-4,
           id="stft_hamming_uncentered"),
    OpCase("stft", (SIG, 5, 2, 8), _stft, kwargs={"window": None}, tol=1e-4, id="stft_no_window"),
    OpCase("view_as_complex", (np.stack([A, A + 1], -1),), lambda x: x[..., 0] + 1j * x[..., 1], dtype="complex64",
           known_dims=(1, 2)),
    OpCase("view_as_real", ((A + 2j * A).astype("complex64"),), lambda x: np.stack([x.real, x.imag], -1),
           dtype="float32", known_dims=(3,)),
    OpCase("slogdet", (SQ,), lambda x: tuple(np.linalg.slogdet(x)), dtype="float32", tol=1e-4),
    OpCase("logdet", (SPD,), lambda x: np.linalg.slogdet(x)[1], dtype="float32", tol=1e-4),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


def test_erf_family_float64_precision():
    x = np.linspace(-7, 7, 301)
    if BACKEND == "jax":
        pytest.skip("jax stores float64 as float32 (x64 off)")
    np.testing.assert_allclose(ops.convert_to_numpy(ops.erf(x)), erf_ref(x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(ops.convert_to_numpy(ops.erfc(x)), erfc_ref(x), rtol=1e-11, atol=1e-300)
    y = np.array([-1.0, -0.999999, -0.3, 0.0, 1e-8, 0.5, 0.9999999999, 1.0, 1.5])
    got = ops.convert_to_numpy(ops.erfinv(y))
    assert np.isnan(got[-1]) and got[0] == -np.inf and got[-2] == np.inf
    np.testing.assert_allclose(erf_ref(got[1:-2]), y[1:-2], rtol=1e-13, atol=1e-15)


def test_logsumexp_of_infinities():
    x = np.array([[-np.inf, -np.inf], [0.0, -np.inf], [1000.0, 1000.0]], "float32")
    got = ops.convert_to_numpy(ops.logsumexp(x, axis=1))
    np.testing.assert_allclose(got, [-np.inf, 0.0, 1000.0 + np.log(2)], rtol=1e-6)


def test_top_k_index_dtype_and_errors():
    values, indices = ops.top_k(A, 3)
    assert ops.dtype(indices) == expected_dtype("int64")
    with pytest.raises(ValueError):
        ops.top_k(A, 9)


def test_segment_symbolic_without_num_segments():
    out = ops.segment_max(KerasTensor((None, 3)), KerasTensor((None,), "int32"))
    assert out.shape == (None, 3) and out.dtype == "float32"
    with pytest.raises(ValueError, match="segment_ids"):
        ops.segment_sum(KerasTensor((4, 3)), KerasTensor((5,), "int32"), num_segments=2)


def test_fft_symbolic_tuples():
    real, imag = ops.fft2((KerasTensor((None, 4, 6)), KerasTensor((None, 4, 6))))
    assert real.shape == imag.shape == (None, 4, 6) and real.dtype == "float32"
    out = ops.irfft((KerasTensor((2, 5)), KerasTensor((2, 5))), fft_length=7)
    assert out.shape == (2, 7)
    sig = ops.istft((KerasTensor((None, 6, 5)), KerasTensor((None, 6, 5))), 8, 4, 8)
    assert sig.shape[1:] == (20,) and sig.dtype == "float32"
    with pytest.raises(ValueError):
        ops.fft((A, A[:1]))


@pytest.mark.parametrize("kwargs", [{}, {"window": "hamming"}, {"center": False, "window": None}])
def test_istft_inverts_stft(kwargs):
    x = SIG.astype("float64")
    spec = ops.stft(x, 8, 2, 8, **kwargs)
    back = ops.convert_to_numpy(ops.istft(spec, 8, 2, 8, **kwargs))
    tol = 1e-5 if BACKEND == "jax" else 1e-9
    if kwargs.get("center", True):
        np.testing.assert_allclose(back, x, atol=tol)
    else:
        np.testing.assert_allclose(back, x[:, :back.shape[1]], atol=tol)
    padded = ops.convert_to_numpy(ops.istft(spec, 8, 2, 8, length=25, **kwargs))
    assert padded.shape == (2, 25)


def test_istft_window_shorter_than_fft():
    spec = ops.stft(SIG, 6, 2, 8)
    back = ops.convert_to_numpy(ops.istft(spec, 6, 2, 8))
    np.testing.assert_allclose(back, SIG, atol=1e-4)


def test_view_as_complex_round_trip_float64():
    x = np.stack([A64, -A64], -1)
    z = ops.view_as_complex(x)
    assert ops.dtype(z) == expected_dtype("complex128")
    np.testing.assert_allclose(ops.convert_to_numpy(ops.view_as_real(z)), x, rtol=1e-6)


def test_in_top_k_ties_count_as_in():
    predictions = np.array([[1.0, 2.0, 2.0, 0.0]], "float32")
    got = [bool(ops.convert_to_numpy(ops.in_top_k(np.array([t]), predictions, 1))[0]) for t in range(4)]
    assert got == [False, True, True, False]
