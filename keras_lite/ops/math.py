"""Math ops: special functions, segment reductions, top-k, FFT and short-time Fourier transforms.

Complex results of the FFT family are `(real, imag)` tuples of float tensors, as in Keras.
"""
from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.dtypes import dtype_of
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import elementwise_spec, float_dtype, reduction_spec, shape_of

__all__ = [
    "cdist", "erf", "erfc", "erfinv", "extract_sequences", "fft", "fft2", "ifft2", "in_top_k", "irfft",
    "istft", "logdet", "logsumexp", "rfft", "rsqrt", "segment_max", "segment_min", "segment_prod",
    "segment_sum", "slogdet", "stft", "top_k", "view_as_complex", "view_as_real",
]


@keras_op(spec=elementwise_spec(float_dtype))
def erf(x):
    return engine.math.erf(x)


@keras_op(spec=elementwise_spec(float_dtype))
def erfc(x):
    return engine.math.erfc(x)


@keras_op(spec=elementwise_spec(float_dtype))
def erfinv(x):
    return engine.math.erfinv(x)


@keras_op(spec=elementwise_spec(float_dtype))
def rsqrt(x):
    """1 / sqrt(x)."""
    return engine.math.rsqrt(x)


@keras_op(spec=reduction_spec(float_dtype, "logsumexp"))
def logsumexp(x, axis=None, keepdims=False):
    """log(sum(exp(x))) computed without overflow."""
    return engine.math.logsumexp(x, axis=axis, keepdims=keepdims)


def _segment_spec(op_name):
    def spec(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
        data_shape, ids_shape = shape_of(data), shape_of(segment_ids)
        if len(ids_shape) != 1 or len(data_shape) < 1 or None not in (data_shape[0], ids_shape[0]) and \
                data_shape[0] != ids_shape[0]:
            raise ValueError(f"ops.{op_name}: segment_ids must be 1-D with one entry per row of data; "
                             f"got data shape {data_shape} and segment_ids shape {ids_shape}.")
        # Without num_segments the number of segments depends on the values of segment_ids.
        return KerasTensor((num_segments,) + tuple(data_shape[1:]), dtype_of(data))
    return spec


@keras_op(spec=_segment_spec("segment_sum"))
def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002 - the Keras name
    """Sums of the rows of `data` sharing a segment id; ids outside [0, num_segments) are dropped."""
    return engine.math.segment_sum(data, segment_ids, num_segments=num_segments, sorted=sorted)


@keras_op(spec=_segment_spec("segment_max"))
def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    """Row maxima per segment; an empty segment holds the lowest value of the dtype (-inf for floats)."""
    return engine.math.segment_max(data, segment_ids, num_segments=num_segments, sorted=sorted)


@keras_op(spec=_segment_spec("segment_min"))
def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    """Row minima per segment; an empty segment holds the highest value of the dtype (inf for floats)."""
    return engine.math.segment_min(data, segment_ids, num_segments=num_segments, sorted=sorted)


@keras_op(spec=_segment_spec("segment_prod"))
def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return engine.math.segment_prod(data, segment_ids, num_segments=num_segments, sorted=sorted)


@keras_op()
def top_k(x, k, sorted=True):  # noqa: A002
    """(values, indices) of the k largest entries along the last axis; indices are int64."""
    return engine.math.top_k(x, k, sorted=sorted)


@keras_op()
def in_top_k(targets, predictions, k):
    """Whether each target class scores among the k highest predictions (ties count as in)."""
    return engine.math.in_top_k(targets, predictions, k)


@keras_op()
def cdist(x, y):
    """Euclidean distances between the rows of x (..., m, d) and y (..., n, d): (..., m, n)."""
    return engine.math.cdist(x, y)


@keras_op()
def extract_sequences(x, sequence_length, sequence_stride):
    """Frames of the last axis: (..., n) -> (..., 1 + (n - sequence_length) // sequence_stride, sequence_length)."""
    return engine.math.extract_sequences(x, sequence_length, sequence_stride)


@keras_op()
def fft(x):
    """FFT over the last axis of `x = (real, imag)`."""
    return engine.math.fft(x)


@keras_op()
def fft2(x):
    return engine.math.fft2(x)


@keras_op()
def ifft2(x):
    return engine.math.ifft2(x)


@keras_op()
def rfft(x, fft_length=None):
    return engine.math.rfft(x, fft_length=fft_length)


@keras_op()
def irfft(x, fft_length=None):
    return engine.math.irfft(x, fft_length=fft_length)


@keras_op()
def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    """Short-time Fourier transform: (..., samples) -> (real, imag) of shape (..., frames, fft_length // 2 + 1).

    Frames are fft_length long with the window centred in them; `center` pads the signal
    by fft_length // 2 on both sides by reflection.
    """
    return engine.math.stft(x, sequence_length, sequence_stride, fft_length, window=window, center=center)


@keras_op()
def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann", center=True):
    """Inverse of `stft` by windowed overlap-add, exact wherever the windows overlap."""
    return engine.math.istft(x, sequence_length, sequence_stride, fft_length, length=length, window=window,
                             center=center)


@keras_op()
def view_as_complex(x):
    """(..., 2) floats -> (...) complex."""
    return engine.math.view_as_complex(x)


@keras_op()
def view_as_real(x):
    """(...) complex -> (..., 2) floats."""
    return engine.math.view_as_real(x)


def _det_spec(op_name, outputs):
    def spec(x):
        shape = shape_of(x)
        if len(shape) < 2 or None not in shape[-2:] and shape[-1] != shape[-2]:
            raise ValueError(f"ops.{op_name}: expected square matrices (..., M, M); got shape {shape}.")
        dtype = dtypes.float_result_type(dtype_of(x))
        out = tuple(KerasTensor(shape[:-2], dtype) for _ in range(outputs))
        return out if outputs > 1 else out[0]
    return spec


@keras_op(spec=_det_spec("slogdet", 2))
def slogdet(x):
    """(sign, log|det|) of square matrices."""
    return engine.math.slogdet(x)


@keras_op(spec=_det_spec("logdet", 1))
def logdet(x):
    """log(det(x)) for positive-definite matrices (nan where the determinant is negative)."""
    return engine.math.logdet(x)
