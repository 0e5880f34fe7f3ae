"""JAX: special functions, segment reductions, top-k, FFT and signal framing.

Multi-step ops are jit-compiled as a whole (one compilation per shape, not one per primitive).
"""
import functools

import jax
import jax.numpy as jnp
import numpy as np

from keras_lite.backends.common import dtypes
from keras_lite.backends.jax.core import convert_to_tensor
from keras_lite.backends.jax.linalg import _compiled, _float_matrix


def _to_float(x):
    x = convert_to_tensor(x)
    return convert_to_tensor(x, dtypes.float_result_type(x.dtype))


def erf(x):
    return jax.lax.erf(_to_float(x))


def erfc(x):
    return jax.lax.erfc(_to_float(x))


def erfinv(x):
    return jax.lax.erf_inv(_to_float(x))


def rsqrt(x):
    return jax.lax.rsqrt(_to_float(x))


def logsumexp(x, axis=None, keepdims=False):
    return _logsumexp(x, axis=tuple(axis) if isinstance(axis, list) else axis, keepdims=bool(keepdims))


@_compiled("axis", "keepdims")
def _logsumexp(x, axis, keepdims):
    return jax.nn.logsumexp(_to_float(x), axis=axis, keepdims=keepdims)


def _segment(reduce, data, segment_ids, num_segments, sorted):  # noqa: A002
    data = convert_to_tensor(data)
    segment_ids = convert_to_tensor(segment_ids, "int32")
    if num_segments is None:
        if isinstance(segment_ids, jax.core.Tracer):
            raise ValueError("segment ops need num_segments inside a jit-compiled function on the jax backend.")
        num_segments = int(jnp.max(segment_ids)) + 1 if segment_ids.size else 0
    return _segment_reduce(data, segment_ids, reduce=reduce, num_segments=num_segments, sorted=bool(sorted))


@_compiled("reduce", "num_segments", "sorted")
def _segment_reduce(data, segment_ids, reduce, num_segments, sorted):  # noqa: A002
    work = data.astype("int32") if data.dtype == jnp.bool_ else data
    return reduce(work, segment_ids, num_segments=num_segments, indices_are_sorted=sorted).astype(data.dtype)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(jax.ops.segment_sum, data, segment_ids, num_segments, sorted)


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(jax.ops.segment_max, data, segment_ids, num_segments, sorted)


def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(jax.ops.segment_min, data, segment_ids, num_segments, sorted)


def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(jax.ops.segment_prod, data, segment_ids, num_segments, sorted)


@_compiled("k", "sorted")
def top_k(x, k, sorted=True):  # noqa: A002
    if x.dtype == jnp.bool_:
        values, indices = jax.lax.top_k(x.astype("int32"), k)
        values = values.astype(jnp.bool_)
    else:
        values, indices = jax.lax.top_k(x, k)
    return values, convert_to_tensor(indices, "int64")


def in_top_k(targets, predictions, k):
    return _in_top_k(convert_to_tensor(targets, "int32"), convert_to_tensor(predictions), k)


@functools.partial(jax.jit, static_argnums=2)
def _in_top_k(targets, predictions, k):
    kth = top_k(predictions, k)[0][..., -1]
    target_values = jnp.take_along_axis(predictions, targets[..., None], axis=-1)[..., 0]
    return target_values >= kth


def cdist(x, y):
    dtype = dtypes.float_result_type(dtypes.dtype_of(x), dtypes.dtype_of(y))
    return _cdist(convert_to_tensor(x, dtype), convert_to_tensor(y, dtype))


@jax.jit
def _cdist(x, y):
    diff = x[..., :, None, :] - y[..., None, :, :]
    return jnp.sqrt(jnp.sum(diff * diff, axis=-1))


def _frame(x, length, stride):
    count = 1 + (x.shape[-1] - length) // stride
    index = np.arange(count)[:, None] * stride + np.arange(length)[None, :]
    return x[..., index]


def extract_sequences(x, sequence_length, sequence_stride):
    return _frame(convert_to_tensor(x), sequence_length, sequence_stride)


def _complex_pair(x):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"expected a tuple (real, imag) of two tensors; got {type(x).__name__}.")
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    if real.shape != imag.shape:
        raise ValueError(f"real and imaginary parts differ in shape: {real.shape} and {imag.shape}.")
    return real, imag


def _complex(real, imag):
    dtype = dtypes.float_result_type(real.dtype, imag.dtype)
    dtype = "float32" if dtype in ("float16", "bfloat16") else dtype
    return jax.lax.complex(convert_to_tensor(real, dtype), convert_to_tensor(imag, dtype))


def _split(z):
    return jnp.real(z), jnp.imag(z)


def fft(x):
    return _fft(*_complex_pair(x))


@jax.jit
def _fft(real, imag):
    return _split(jnp.fft.fft(_complex(real, imag), axis=-1))


def fft2(x):
    return _fft2(*_complex_pair(x))


@jax.jit
def _fft2(real, imag):
    return _split(jnp.fft.fft2(_complex(real, imag), axes=(-2, -1)))


def ifft2(x):
    return _ifft2(*_complex_pair(x))


@jax.jit
def _ifft2(real, imag):
    return _split(jnp.fft.ifft2(_complex(real, imag), axes=(-2, -1)))


def _signal(x):
    x = _to_float(x)
    return x.astype("float32") if x.dtype in (jnp.float16, jnp.bfloat16) else x


@_compiled("fft_length")
def rfft(x, fft_length=None):
    return _split(jnp.fft.rfft(_signal(x), n=fft_length, axis=-1))


def irfft(x, fft_length=None):
    return _irfft(*_complex_pair(x), fft_length=fft_length)


@functools.partial(jax.jit, static_argnames="fft_length")
def _irfft(real, imag, fft_length):
    return jnp.fft.irfft(_complex(real, imag), n=fft_length, axis=-1)


def _window(window, sequence_length, fft_length, dtype):
    """The analysis window, zero-padded on both sides to fft_length (None: rectangular)."""
    if window is None:
        win = jnp.ones(sequence_length, dtype)
    elif isinstance(window, str):
        n = np.arange(sequence_length)
        if window not in ("hann", "hamming"):
            raise ValueError(f"window must be 'hann', 'hamming', None or a tensor; got {window!r}.")
        a = 0.5 if window == "hann" else 0.54
        win = jnp.asarray(a - (1 - a) * np.cos(2 * np.pi * n / sequence_length), dtype)
    else:
        win = convert_to_tensor(window, dtype)
        if win.shape != (sequence_length,):
            raise ValueError(f"window must have shape ({sequence_length},); got {win.shape}.")
    left = (fft_length - sequence_length) // 2
    return jnp.pad(win, (left, fft_length - sequence_length - left))


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = _signal(x)
    if fft_length < sequence_length:
        raise ValueError(f"fft_length ({fft_length}) must be >= sequence_length ({sequence_length}).")
    win = _window(window, sequence_length, fft_length, x.dtype)
    return _stft(x, win, sequence_stride, fft_length, bool(center))


@functools.partial(jax.jit, static_argnums=(2, 3, 4))
def _stft(x, win, sequence_stride, fft_length, center):
    if center:
        x = jnp.pad(x, [(0, 0)] * (x.ndim - 1) + [(fft_length // 2, fft_length // 2)], mode="reflect")
    return _split(jnp.fft.rfft(_frame(x, fft_length, sequence_stride) * win, n=fft_length, axis=-1))


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    z = _complex(*_complex_pair(x))
    win = _window(window, sequence_length, fft_length, jnp.finfo(z.dtype).dtype)
    return _istft(z, win, sequence_stride, fft_length, length, bool(center))


@functools.partial(jax.jit, static_argnums=(2, 3, 4, 5))
def _istft(z, win, sequence_stride, fft_length, length, center):
    """Overlap-add of windowed frames divided by the summed squared window."""
    frames = jnp.fft.irfft(z, n=fft_length, axis=-1)
    num = frames.shape[-2]
    total = fft_length + sequence_stride * (num - 1)
    positions = (np.arange(num)[:, None] * sequence_stride + np.arange(fft_length)[None, :]).reshape(-1)
    weighted = (frames * win).reshape(frames.shape[:-2] + (-1,))
    signal = jnp.zeros(frames.shape[:-2] + (total,), frames.dtype).at[..., positions].add(weighted)
    envelope = jnp.zeros((total,), frames.dtype).at[positions].add(jnp.tile(win * win, num))
    signal = signal / jnp.where(envelope > 1e-11, envelope, 1.0)
    start = fft_length // 2 if center else 0
    end = start + length if length is not None else (total - fft_length // 2 if center else total)
    out = signal[..., start:end]
    if out.shape[-1] < end - start:
        out = jnp.pad(out, [(0, 0)] * (out.ndim - 1) + [(0, end - start - out.shape[-1])])
    return out


def view_as_complex(x):
    x = _to_float(x)
    if x.shape[-1:] != (2,):
        raise ValueError(f"the last dimension must be 2 (real, imag); got shape {x.shape}.")
    x = x.astype("float32") if x.dtype in (jnp.float16, jnp.bfloat16) else x
    return jax.lax.complex(x[..., 0], x[..., 1])


def view_as_real(x):
    x = convert_to_tensor(x)
    if not jnp.iscomplexobj(x):
        x = _to_float(x)
    return jnp.stack([jnp.real(x), jnp.imag(x)], axis=-1)


@_compiled()
def slogdet(x):
    x, dtype = _float_matrix(x)
    sign, logabs = jnp.linalg.slogdet(x)
    return sign.astype(dtype), logabs.astype(dtype)


def logdet(x):
    sign, logabs = slogdet(x)
    return jnp.where(sign < 0, jnp.nan, logabs)
