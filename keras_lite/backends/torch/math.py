"""PyTorch: special functions, segment reductions, top-k, FFT and signal framing."""
import math

import torch
import torch.nn.functional as F

from keras_lite.backends.common import dtypes
from keras_lite.backends.torch.core import _torch_dtype, convert_to_tensor

_HALF = (torch.float16, torch.bfloat16)


def _to_float(x):
    x = convert_to_tensor(x)
    if x.is_floating_point():
        return x
    return x.to(_torch_dtype(dtypes.float_result_type(dtypes.standardize_dtype(x.dtype))))


def erf(x):
    return torch.special.erf(_to_float(x))


def erfc(x):
    return torch.special.erfc(_to_float(x))


def erfinv(x):
    return torch.special.erfinv(_to_float(x))


def rsqrt(x):
    return torch.rsqrt(_to_float(x))


def logsumexp(x, axis=None, keepdims=False):
    x = _to_float(x)
    if x.ndim == 0:
        return x.clone()
    dims = tuple(range(x.ndim)) if axis is None else axis
    return torch.logsumexp(x, dim=dims, keepdim=keepdims)


def _segment(data, segment_ids, num_segments, reduce):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids).to(torch.int64)
    if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
        raise ValueError(f"segment_ids must be 1-D with data.shape[0]={data.shape[0]} entries; "
                         f"got shape {tuple(ids.shape)}.")
    if num_segments is None:
        num_segments = int(ids.max()) + 1 if ids.numel() else 0
    work = data.to(torch.int32) if data.dtype == torch.bool else data
    # Ids outside [0, num_segments) go to an extra row that is dropped at the end.
    ids = torch.where((ids >= 0) & (ids < num_segments), ids, num_segments)
    shape = (num_segments + 1,) + tuple(data.shape[1:])
    if reduce == "sum":
        out = torch.zeros(shape, dtype=work.dtype, device=work.device).index_add_(0, ids, work)
    else:
        if reduce == "prod":
            fill = 1
        elif work.is_floating_point():
            fill = -math.inf if reduce == "amax" else math.inf
        else:
            info = torch.iinfo(work.dtype)
            fill = info.min if reduce == "amax" else info.max
        out = torch.full(shape, fill, dtype=work.dtype, device=work.device)
        index = ids.reshape((-1,) + (1,) * (work.ndim - 1)).expand(work.shape)
        out = out.scatter_reduce_(0, index, work, reduce, include_self=True)
    return out[:-1].to(data.dtype)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "sum")


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "amax")


def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "amin")


def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "prod")


def top_k(x, k, sorted=True):  # noqa: A002
    """A stable descending sort, so ties go to the lower index as on the other engines."""
    x = convert_to_tensor(x)
    if not 0 <= k <= x.shape[-1]:
        raise ValueError(f"k={k} is out of range for a last dimension of {x.shape[-1]}.")
    work = x.to(torch.int32) if x.dtype == torch.bool else x
    values, indices = torch.sort(work, dim=-1, descending=True, stable=True)
    return values[..., :k].to(x.dtype), indices[..., :k]


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = convert_to_tensor(targets).to(torch.int64)
    kth = torch.topk(predictions, k, dim=-1).values[..., -1]
    return torch.take_along_dim(predictions, targets[..., None], dim=-1)[..., 0] >= kth


def cdist(x, y):
    dtype = _torch_dtype(dtypes.float_result_type(dtypes.dtype_of(x), dtypes.dtype_of(y)))
    x, y = convert_to_tensor(x).to(dtype), convert_to_tensor(y).to(dtype)
    diff = x.unsqueeze(-2) - y.unsqueeze(-3)
    return torch.sqrt(torch.sum(diff * diff, dim=-1))


def extract_sequences(x, sequence_length, sequence_stride):
    return convert_to_tensor(x).unfold(-1, sequence_length, sequence_stride).contiguous()


def _complex_pair(x):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(f"expected a tuple (real, imag) of two tensors; got {type(x).__name__}.")
    real, imag = convert_to_tensor(x[0]), convert_to_tensor(x[1])
    if real.shape != imag.shape:
        raise ValueError(f"real and imaginary parts differ in shape: {tuple(real.shape)} and {tuple(imag.shape)}.")
    name = dtypes.float_result_type(dtypes.standardize_dtype(real.dtype), dtypes.standardize_dtype(imag.dtype))
    dtype = torch.float64 if name == "float64" else torch.float32
    return torch.complex(real.to(dtype), imag.to(dtype))


def _split(z):
    return z.real.contiguous(), z.imag.contiguous()


def fft(x):
    return _split(torch.fft.fft(_complex_pair(x), dim=-1))


def fft2(x):
    return _split(torch.fft.fft2(_complex_pair(x), dim=(-2, -1)))


def ifft2(x):
    return _split(torch.fft.ifft2(_complex_pair(x), dim=(-2, -1)))


def _signal(x):
    x = _to_float(x)
    return x.to(torch.float32) if x.dtype in _HALF else x


def rfft(x, fft_length=None):
    return _split(torch.fft.rfft(_signal(x), n=fft_length, dim=-1))


def irfft(x, fft_length=None):
    return torch.fft.irfft(_complex_pair(x), n=fft_length, dim=-1)


def _window(window, sequence_length, fft_length, dtype, device):
    """The analysis window, zero-padded on both sides to fft_length (None: rectangular)."""
    if window is None:
        win = torch.ones(sequence_length, dtype=dtype, device=device)
    elif isinstance(window, str):
        if window not in ("hann", "hamming"):
            raise ValueError(f"window must be 'hann', 'hamming', None or a tensor; got {window!r}.")
        make = torch.hann_window if window == "hann" else torch.hamming_window
        win = make(sequence_length, periodic=True, dtype=dtype, device=device)
    else:
        win = convert_to_tensor(window).to(dtype)
        if tuple(win.shape) != (sequence_length,):
            raise ValueError(f"window must have shape ({sequence_length},); got {tuple(win.shape)}.")
    left = (fft_length - sequence_length) // 2
    return F.pad(win, (left, fft_length - sequence_length - left))


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = _signal(x)
    if fft_length < sequence_length:
        raise ValueError(f"fft_length ({fft_length}) must be >= sequence_length ({sequence_length}).")
    win = _window(window, sequence_length, fft_length, x.dtype, x.device)
    if center:
        batch = x.shape[:-1]
        x = F.pad(x.reshape(-1, 1, x.shape[-1]), (fft_length // 2, fft_length // 2), mode="reflect")
        x = x.reshape(batch + x.shape[-1:])
    frames = x.unfold(-1, fft_length, sequence_stride)
    return _split(torch.fft.rfft(frames * win, n=fft_length, dim=-1))


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    """Overlap-add of windowed frames divided by the summed squared window."""
    frames = torch.fft.irfft(_complex_pair(x), n=fft_length, dim=-1)
    win = _window(window, sequence_length, fft_length, frames.dtype, frames.device)
    num = frames.shape[-2]
    total = fft_length + sequence_stride * (num - 1)
    positions = (torch.arange(num, device=frames.device)[:, None] * sequence_stride
                 + torch.arange(fft_length, device=frames.device)[None, :]).reshape(-1)
    weighted = (frames * win).reshape(frames.shape[:-2] + (-1,))
    signal = torch.zeros(frames.shape[:-2] + (total,), dtype=frames.dtype, device=frames.device)
    signal = signal.index_add(-1, positions, weighted)
    envelope = torch.zeros(total, dtype=frames.dtype, device=frames.device).index_add(0, positions,
                                                                                       (win * win).repeat(num))
    signal = signal / torch.where(envelope > 1e-11, envelope, torch.ones_like(envelope))
    start = fft_length // 2 if center else 0
    end = start + length if length is not None else (total - fft_length // 2 if center else total)
    out = signal[..., start:end]
    if out.shape[-1] < end - start:
        out = F.pad(out, (0, end - start - out.shape[-1]))
    return out


def view_as_complex(x):
    x = _signal(x)
    if x.shape[-1:] != (2,):
        raise ValueError(f"the last dimension must be 2 (real, imag); got shape {tuple(x.shape)}.")
    return torch.complex(x[..., 0], x[..., 1])


def view_as_real(x):
    x = convert_to_tensor(x)
    if x.is_complex():
        return torch.view_as_real(x).clone()
    x = _to_float(x)
    return torch.stack([x, torch.zeros_like(x)], dim=-1)


def slogdet(x):
    from keras_lite.backends.torch.linalg import _float_matrix

    x, dtype = _float_matrix(x)
    sign, logabs = torch.linalg.slogdet(x)
    return sign.to(dtype), logabs.to(dtype)


def logdet(x):
    sign, logabs = slogdet(x)
    return torch.where(sign < 0, torch.full_like(logabs, math.nan), logabs)
