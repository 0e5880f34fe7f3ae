"""TensorFlow: special functions, segment reductions, top-k, FFT and signal framing."""
import numpy as np
import tensorflow as tf

from keras_lite.backends.common import dtypes
from keras_lite.backends.tensorflow.core import convert_to_tensor

_HALF = (tf.float16, tf.bfloat16)


def _to_float(x):
    x = convert_to_tensor(x)
    if x.dtype.is_floating:
        return x
    return tf.cast(x, dtypes.float_result_type(x.dtype.name))


def erf(x):
    return tf.math.erf(_to_float(x))


def erfc(x):
    return tf.math.erfc(_to_float(x))


def erfinv(x):
    x = _to_float(x)
    if x.dtype in _HALF:  # no half-precision kernel
        return tf.cast(tf.math.erfinv(tf.cast(x, "float32")), x.dtype)
    return tf.math.erfinv(x)


def rsqrt(x):
    return tf.math.rsqrt(_to_float(x))


def logsumexp(x, axis=None, keepdims=False):
    return tf.reduce_logsumexp(_to_float(x), axis=axis, keepdims=keepdims)


_SEGMENT = {"sum": tf.math.unsorted_segment_sum, "max": tf.math.unsorted_segment_max,
            "min": tf.math.unsorted_segment_min, "prod": tf.math.unsorted_segment_prod}


def _segment(data, segment_ids, num_segments, reduce):
    data = convert_to_tensor(data)
    ids = tf.cast(convert_to_tensor(segment_ids), "int64")
    if ids.shape.rank != 1 or (ids.shape[0] is not None and data.shape[0] is not None
                               and ids.shape[0] != data.shape[0]):
        raise ValueError(f"segment_ids must be 1-D with data.shape[0]={data.shape[0]} entries; "
                         f"got shape {tuple(ids.shape)}.")
    if num_segments is None:
        num_segments = tf.reduce_max(tf.concat([ids, [-1]], 0)) + 1
    # TF drops negative ids but rejects ids >= num_segments: send those to -1 as well.
    ids = tf.where(ids < tf.cast(num_segments, "int64"), ids, -1)
    work = tf.cast(data, "int32") if data.dtype == tf.bool else data
    out = _SEGMENT[reduce](work, ids, num_segments)
    if reduce in ("max", "min") and work.dtype.is_floating:
        # TF fills empty segments with the finite lowest/highest value; the other engines use -inf/inf.
        count = tf.math.unsorted_segment_sum(tf.ones_like(ids, "int32"), ids, num_segments)
        empty = tf.reshape(count == 0, [-1] + [1] * (work.shape.rank - 1))
        out = tf.where(empty, tf.constant(-np.inf if reduce == "max" else np.inf, work.dtype), out)
    return tf.cast(out, data.dtype)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "sum")


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "max")


def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "min")


def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "prod")


def top_k(x, k, sorted=True):  # noqa: A002
    x = convert_to_tensor(x)
    work = tf.cast(x, "int32") if x.dtype in (tf.bool, tf.uint8, tf.uint16) else x
    values, indices = tf.math.top_k(work, k, sorted=sorted)
    return tf.cast(values, x.dtype), tf.cast(indices, "int64")


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = tf.cast(convert_to_tensor(targets), "int32")
    kth = top_k(predictions, k)[0][..., -1]
    return tf.gather(predictions, targets[..., None], batch_dims=targets.shape.rank)[..., 0] >= kth


def cdist(x, y):
    dtype = dtypes.float_result_type(dtypes.dtype_of(x), dtypes.dtype_of(y))
    x, y = convert_to_tensor(x, dtype), convert_to_tensor(y, dtype)
    diff = x[..., :, None, :] - y[..., None, :, :]
    return tf.sqrt(tf.reduce_sum(diff * diff, axis=-1))


def extract_sequences(x, sequence_length, sequence_stride):
    return tf.signal.frame(convert_to_tensor(x), sequence_length, sequence_stride, axis=-1)


def _complex_pair(x):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"expected a tuple (real, imag) of two tensors; got {type(x).__name__}.")
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    if real.shape != imag.shape:
        raise ValueError(f"real and imaginary parts differ in shape: {tuple(real.shape)} and {tuple(imag.shape)}.")
    dtype = "float64" if dtypes.float_result_type(real.dtype.name, imag.dtype.name) == "float64" else "float32"
    return tf.complex(tf.cast(real, dtype), tf.cast(imag, dtype))


def _split(z):
    return tf.math.real(z), tf.math.imag(z)


def fft(x):
    return _split(tf.signal.fft(_complex_pair(x)))


def fft2(x):
    return _split(tf.signal.fft2d(_complex_pair(x)))


def ifft2(x):
    return _split(tf.signal.ifft2d(_complex_pair(x)))


def _signal(x):
    x = _to_float(x)
    return tf.cast(x, "float32") if x.dtype in _HALF else x


def rfft(x, fft_length=None):
    x = _signal(x)
    n = fft_length if fft_length is not None else x.shape[-1]
    return _split(tf.signal.rfft(x, fft_length=[n]))


def irfft(x, fft_length=None):
    z = _complex_pair(x)
    n = fft_length if fft_length is not None else 2 * (z.shape[-1] - 1)
    return tf.signal.irfft(z, fft_length=[n])


def _window(window, sequence_length, fft_length, dtype):
    """The analysis window, zero-padded on both sides to fft_length (None: rectangular)."""
    if window is None:
        win = tf.ones([sequence_length], dtype)
    elif isinstance(window, str):
        if window not in ("hann", "hamming"):
            raise ValueError(f"window must be 'hann', 'hamming', None or a tensor; got {window!r}.")
        make = tf.signal.hann_window if window == "hann" else tf.signal.hamming_window
        win = make(sequence_length, periodic=True, dtype=dtype)
    else:
        win = convert_to_tensor(window, dtype.name)
        if tuple(win.shape) != (sequence_length,):
            raise ValueError(f"window must have shape ({sequence_length},); got {tuple(win.shape)}.")
    left = (fft_length - sequence_length) // 2
    return tf.pad(win, [[left, fft_length - sequence_length - left]])


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = _signal(x)
    if fft_length < sequence_length:
        raise ValueError(f"fft_length ({fft_length}) must be >= sequence_length ({sequence_length}).")
    win = _window(window, sequence_length, fft_length, x.dtype)
    if center:
        x = tf.pad(x, [[0, 0]] * (x.shape.rank - 1) + [[fft_length // 2, fft_length // 2]], mode="REFLECT")
    frames = tf.signal.frame(x, fft_length, sequence_stride, axis=-1)
    return _split(tf.signal.rfft(frames * win, fft_length=[fft_length]))


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    """Overlap-add of windowed frames divided by the summed squared window."""
    frames = tf.signal.irfft(_complex_pair(x), fft_length=[fft_length])
    win = _window(window, sequence_length, fft_length, frames.dtype)
    num = frames.shape[-2]
    total = fft_length + sequence_stride * (num - 1)
    signal = tf.signal.overlap_and_add(frames * win, sequence_stride)
    envelope = tf.signal.overlap_and_add(tf.tile((win * win)[None, :], [num, 1]), sequence_stride)
    signal = signal / tf.where(envelope > 1e-11, envelope, tf.ones_like(envelope))
    start = fft_length // 2 if center else 0
    end = start + length if length is not None else (total - fft_length // 2 if center else total)
    out = signal[..., start:end]
    if out.shape[-1] < end - start:
        out = tf.pad(out, [[0, 0]] * (out.shape.rank - 1) + [[0, end - start - out.shape[-1]]])
    return out


def view_as_complex(x):
    x = _signal(x)
    if x.shape[-1] != 2:
        raise ValueError(f"the last dimension must be 2 (real, imag); got shape {tuple(x.shape)}.")
    return tf.complex(x[..., 0], x[..., 1])


def view_as_real(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_complex:
        x = _to_float(x)
        return tf.stack([x, tf.zeros_like(x)], axis=-1)
    return tf.stack([tf.math.real(x), tf.math.imag(x)], axis=-1)


def slogdet(x):
    from keras_lite.backends.tensorflow.linalg import _float_matrix

    x, dtype = _float_matrix(x)
    sign, logabs = tf.linalg.slogdet(x)
    return tf.cast(sign, dtype), tf.cast(logabs, dtype)


def logdet(x):
    sign, logabs = slogdet(x)
    return tf.where(sign < 0, tf.constant(np.nan, logabs.dtype), logabs)
