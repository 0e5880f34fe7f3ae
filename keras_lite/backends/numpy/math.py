"""NumPy: special functions, segment reductions, top-k, FFT and signal framing (pure NumPy)."""
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.numpy.core import convert_to_tensor

_TWO_OVER_SQRT_PI = 2.0 / np.sqrt(np.pi)


def _to_float(x):
    x = convert_to_tensor(x)
    return x.astype(dtypes.to_numpy_dtype(dtypes.float_result_type(x.dtype)), copy=False)


def _erfc_positive(x):
    """erfc on x >= 2 from its continued fraction (relative error ~1e-13 with 40 terms)."""
    t = x.copy()
    for k in range(40, 0, -1):
        t = x + (0.5 * k) / t
    return np.exp(-x * x) / np.sqrt(np.pi) / t


def _erf_small(x):
    """erf on |x| < 2: 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (2n+1)!!, a series of positive terms."""
    x2 = x * x
    term = x.copy()
    total = x.copy()
    for n in range(1, 40):
        term = term * (2.0 * x2) / (2 * n + 1)
        total = total + term
    return _TWO_OVER_SQRT_PI * np.exp(-x2) * total


def _erf_erfc64(x):
    """(erf, erfc) of a float64 array, both accurate to ~1e-13 relative."""
    a = np.abs(x)
    small = a < 2.0
    erf = np.empty_like(x)
    erfc = np.empty_like(x)
    with np.errstate(all="ignore"):
        s = _erf_small(np.where(small, x, 0.0))
        c = _erfc_positive(np.where(small, 2.0, a))
    erf = np.where(small, s, np.sign(x) * (1.0 - c))
    erfc = np.where(small, 1.0 - s, np.where(x > 0, c, 2.0 - c))
    erf = np.where(np.isnan(x), np.nan, erf)
    erfc = np.where(np.isnan(x), np.nan, erfc)
    return erf, erfc


def erf(x):
    x = _to_float(x)
    return _erf_erfc64(x.astype(np.float64))[0].astype(x.dtype)


def erfc(x):
    x = _to_float(x)
    return _erf_erfc64(x.astype(np.float64))[1].astype(x.dtype)


def erfinv(x):
    """A closed-form guess (Winitzki) refined by Newton steps on erf, or on erfc near +-1."""
    x = _to_float(x)
    y = x.astype(np.float64)
    with np.errstate(all="ignore"):
        a = 0.147
        ln = np.log1p(-y * y)
        b = 2.0 / (np.pi * a) + 0.5 * ln
        z = np.sign(y) * np.sqrt(np.sqrt(b * b - ln / a) - b)
        tail = np.abs(y) > 0.5
        target = np.where(tail, 1.0 - np.abs(y), y)  # exact for |y| > 0.5 (Sterbenz)
        z = np.where(tail, np.abs(z), z)
        for _ in range(4):
            e, c = _erf_erfc64(z)
            slope = _TWO_OVER_SQRT_PI * np.exp(-z * z)
            z = np.where(tail, z + (c - target) / slope, z - (e - target) / slope)
        z = np.where(tail, np.sign(y) * z, z)
        z = np.where(np.abs(y) == 1.0, np.sign(y) * np.inf, z)
        z = np.where((np.abs(y) > 1.0) | np.isnan(y), np.nan, z)
    return z.astype(x.dtype)


def rsqrt(x):
    x = _to_float(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (1.0 / np.sqrt(x)).astype(x.dtype)


def logsumexp(x, axis=None, keepdims=False):
    x = _to_float(x)
    with np.errstate(invalid="ignore", over="ignore"):
        peak = np.max(x, axis=axis, keepdims=True) if x.size else np.zeros([1] * x.ndim, x.dtype)
        peak = np.where(np.isfinite(peak), peak, 0).astype(x.dtype)
        with np.errstate(divide="ignore"):
            out = np.log(np.sum(np.exp(x - peak), axis=axis, keepdims=True)) + peak
    if not keepdims:
        out = np.squeeze(out, axis=tuple(range(x.ndim)) if axis is None else axis)
    return np.asarray(out, dtype=x.dtype)


def _segment(data, segment_ids, num_segments, ufunc, identity):
    data = convert_to_tensor(data)
    ids = np.asarray(convert_to_tensor(segment_ids)).astype(np.int64)
    if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
        raise ValueError(f"segment_ids must be 1-D with data.shape[0]={data.shape[0]} entries; "
                         f"got shape {ids.shape}.")
    if num_segments is None:
        num_segments = int(ids.max()) + 1 if ids.size else 0
    if data.dtype == np.bool_:
        work = data.astype(np.int32)
    elif data.dtype.kind == "f" and data.dtype.itemsize < 4 or data.dtype.kind == "V":
        work = data.astype(np.float32)  # ufunc.at lacks bfloat16 loops
    else:
        work = data
    out = np.full((num_segments,) + data.shape[1:], identity(work.dtype), dtype=work.dtype)
    keep = (ids >= 0) & (ids < num_segments)
    ufunc.at(out, ids[keep], work[keep])
    return out.astype(data.dtype)


def _lowest(dtype):
    return -np.inf if dtype.kind in "fc" else np.iinfo(dtype).min


def _highest(dtype):
    return np.inf if dtype.kind in "fc" else np.iinfo(dtype).max


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002 - the Keras name
    return _segment(data, segment_ids, num_segments, np.add, lambda d: 0)


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, np.maximum, _lowest)


def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, np.minimum, _highest)


def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, np.multiply, lambda d: 1)


def top_k(x, k, sorted=True):  # noqa: A002
    """Largest k along the last axis; ties go to the lower index (as in JAX and TensorFlow)."""
    x = convert_to_tensor(x)
    n = x.shape[-1]
    if not 0 <= k <= n:
        raise ValueError(f"k={k} is out of range for a last dimension of {n}.")
    # A stable ascending sort of the reversed row, read backwards: descending, ties by lower index.
    order = n - 1 - np.argsort(x[..., ::-1], axis=-1, kind="stable")[..., ::-1][..., :k]
    return np.take_along_axis(x, order, axis=-1), order.astype(np.int64)


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = np.asarray(convert_to_tensor(targets)).astype(np.int64)
    kth = top_k(predictions, k)[0][..., -1]
    target_values = np.take_along_axis(predictions, targets[..., None], axis=-1)[..., 0]
    return np.asarray(target_values >= kth)


def cdist(x, y):
    dtype = dtypes.to_numpy_dtype(dtypes.float_result_type(dtypes.dtype_of(x), dtypes.dtype_of(y)))
    x = convert_to_tensor(x).astype(dtype, copy=False)
    y = convert_to_tensor(y).astype(dtype, copy=False)
    diff = x[..., :, None, :] - y[..., None, :, :]
    return np.sqrt(np.sum(diff * diff, axis=-1))


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    windows = np.lib.stride_tricks.sliding_window_view(x, sequence_length, axis=-1)
    return np.ascontiguousarray(windows[..., ::sequence_stride, :])


def _complex_pair(x):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"expected a tuple (real, imag) of two tensors; got {type(x).__name__}.")
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    if real.shape != imag.shape:
        raise ValueError(f"real and imaginary parts differ in shape: {real.shape} and {imag.shape}.")
    dtype = dtypes.to_numpy_dtype(dtypes.float_result_type(real.dtype, imag.dtype))
    if dtype.itemsize < 4:
        dtype = np.dtype(np.float32)
    return real.astype(dtype) + 1j * imag.astype(dtype), dtype


def _split(z, dtype):
    return np.real(z).astype(dtype), np.imag(z).astype(dtype)


def fft(x):
    z, dtype = _complex_pair(x)
    return _split(np.fft.fft(z, axis=-1), dtype)


def fft2(x):
    z, dtype = _complex_pair(x)
    return _split(np.fft.fft2(z, axes=(-2, -1)), dtype)


def ifft2(x):
    z, dtype = _complex_pair(x)
    return _split(np.fft.ifft2(z, axes=(-2, -1)), dtype)


def rfft(x, fft_length=None):
    x = _to_float(x)
    if x.dtype.itemsize < 4:
        x = x.astype(np.float32)
    return _split(np.fft.rfft(x, n=fft_length, axis=-1), x.dtype)


def irfft(x, fft_length=None):
    z, dtype = _complex_pair(x)
    return np.fft.irfft(z, n=fft_length, axis=-1).astype(dtype)


def _window(window, sequence_length, fft_length, dtype):
    """The analysis window, zero-padded on both sides to fft_length (None: rectangular)."""
    if window is None:
        win = np.ones(sequence_length)
    elif isinstance(window, str):
        n = np.arange(sequence_length)
        if window == "hann":
            win = 0.5 - 0.5 * np.cos(2 * np.pi * n / sequence_length)
        elif window == "hamming":
            win = 0.54 - 0.46 * np.cos(2 * np.pi * n / sequence_length)
        else:
            raise ValueError(f"window must be 'hann', 'hamming', None or a tensor; got {window!r}.")
    else:
        win = np.asarray(convert_to_tensor(window), dtype=np.float64)
        if win.shape != (sequence_length,):
            raise ValueError(f"window must have shape ({sequence_length},); got {win.shape}.")
    left = (fft_length - sequence_length) // 2
    return np.pad(win, (left, fft_length - sequence_length - left)).astype(dtype)


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = _to_float(x)
    if x.dtype.itemsize < 4:
        x = x.astype(np.float32)
    if fft_length < sequence_length:
        raise ValueError(f"fft_length ({fft_length}) must be >= sequence_length ({sequence_length}).")
    win = _window(window, sequence_length, fft_length, x.dtype)
    if center:
        x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(fft_length // 2, fft_length // 2)], mode="reflect")
    frames = extract_sequences(x, fft_length, sequence_stride)
    return _split(np.fft.rfft(frames * win, n=fft_length, axis=-1), x.dtype)


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    """Inverse of stft: overlap-add of windowed frames divided by the summed squared window."""
    z, dtype = _complex_pair(x)
    frames = np.fft.irfft(z, n=fft_length, axis=-1)
    win = _window(window, sequence_length, fft_length, np.float64)
    num = frames.shape[-2]
    total = fft_length + sequence_stride * (num - 1)
    signal = np.zeros(frames.shape[:-2] + (total,))
    envelope = np.zeros(total)
    for i in range(num):
        start = i * sequence_stride
        signal[..., start:start + fft_length] += frames[..., i, :] * win
        envelope[start:start + fft_length] += win * win
    signal = signal / np.where(envelope > 1e-11, envelope, 1.0)
    start = fft_length // 2 if center else 0
    if length is not None:
        end = start + length
    else:
        end = total - fft_length // 2 if center else total
    out = signal[..., start:end]
    if out.shape[-1] < (end - start):
        out = np.pad(out, [(0, 0)] * (out.ndim - 1) + [(0, end - start - out.shape[-1])])
    return out.astype(dtype)


def view_as_complex(x):
    x = _to_float(x)
    if x.shape[-1:] != (2,):
        raise ValueError(f"the last dimension must be 2 (real, imag); got shape {x.shape}.")
    dtype = np.complex128 if x.dtype == np.float64 else np.complex64
    return (x[..., 0] + 1j * x[..., 1]).astype(dtype)


def view_as_real(x):
    x = convert_to_tensor(x)
    if x.dtype.kind != "c":
        x = _to_float(x)
    dtype = np.float64 if x.dtype in (np.complex128, np.float64) else (
        np.float32 if x.dtype.kind == "c" else x.dtype)
    return np.stack([np.real(x), np.imag(x)], axis=-1).astype(dtype)


def slogdet(x):
    from keras_lite.backends.numpy.linalg import _float_matrix

    x, dtype = _float_matrix(x)
    sign, logabs = np.linalg.slogdet(x)
    return np.asarray(sign).astype(dtype), np.asarray(logabs).astype(dtype)


def logdet(x):
    sign, logabs = slogdet(x)
    return np.where(sign < 0, np.nan, logabs).astype(logabs.dtype)
