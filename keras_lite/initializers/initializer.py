"""The Initializer base class and the constant initializers."""
import numpy as np

from keras_lite.backends import engine
from keras_lite.backends.common import dtypes
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.initializers")
class Initializer:
    """Callable as `initializer(shape, dtype=None)`; returns an engine tensor."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(f"{type(self).__name__} must implement __call__(shape, dtype=None).")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        return type(self).from_config(self.get_config())


def to_tensor(values, dtype):
    """Host values (NumPy) -> an engine tensor of the standardized dtype (floatx by default)."""
    dtype = dtypes.standardize_dtype(dtype)
    return engine.core.convert_to_tensor(np.asarray(values).astype(dtypes.to_numpy_dtype(dtype)), dtype=dtype)


@keras_class("keras.initializers", "zeros")
class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return to_tensor(np.zeros(shape), dtype)


@keras_class("keras.initializers", "ones")
class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return to_tensor(np.ones(shape), dtype)


@keras_class("keras.initializers", "constant")
class Constant(Initializer):
    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return to_tensor(np.broadcast_to(np.asarray(self.value), shape), dtype)

    def get_config(self):
        value = self.value
        if isinstance(value, np.ndarray) or hasattr(value, "numpy"):
            value = np.asarray(value).tolist()
        return {"value": value}


@keras_class("keras.initializers", "identity", "IdentityInitializer")
class Identity(Initializer):
    """`gain` times the identity matrix (2D shapes only)."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError(f"Identity initializer needs a 2D shape, got {tuple(shape)}.")
        return to_tensor(self.gain * np.eye(*shape), dtype)

    def get_config(self):
        return {"gain": self.gain}


IdentityInitializer = Identity


@keras_class("keras.initializers", "stft", "STFTInitializer")
class STFT(Initializer):
    """Kernel of a 1D convolution computing the short-time Fourier transform.

    Shape `(frame_length, 1, bins)`: column k is the window times cos (side
    "real") or -sin (side "imag") of frequency k over an FFT of length
    2 * (bins - 1); `scaling` "density" divides by the window's L2 norm,
    "spectrum" by its sum.
    """

    def __init__(self, side="real", window="hann", scaling="density", periodic=False):
        if side not in ("real", "imag"):
            raise ValueError(f"STFT: side must be 'real' or 'imag', got {side!r}.")
        if scaling not in ("density", "spectrum", None):
            raise ValueError(f"STFT: scaling must be 'density', 'spectrum' or None, got {scaling!r}.")
        if isinstance(window, str) and window not in ("hann", "hamming"):
            raise ValueError(f"STFT: window must be 'hann', 'hamming', None or an array, got {window!r}.")
        self.side, self.window, self.scaling, self.periodic = side, window, scaling, periodic

    def _window(self, frame_length):
        if self.window is None:
            return np.ones(frame_length)
        if not isinstance(self.window, str):
            window = np.asarray(self.window, dtype=np.float64)
            if window.shape != (frame_length,):
                raise ValueError(f"STFT: window has shape {window.shape}, expected ({frame_length},).")
            return window
        denominator = frame_length if self.periodic else max(frame_length - 1, 1)
        phase = np.cos(2 * np.pi * np.arange(frame_length) / denominator)
        return 0.5 - 0.5 * phase if self.window == "hann" else 0.54 - 0.46 * phase

    def __call__(self, shape, dtype=None):
        if len(shape) != 3 or shape[1] != 1:
            raise ValueError(f"STFT initializer needs a shape (frame_length, 1, bins), got {tuple(shape)}.")
        frame_length, _, bins = shape
        fft_length = 2 * (bins - 1)
        window = self._window(frame_length)
        angle = 2 * np.pi * np.outer(np.arange(frame_length), np.arange(bins)) / fft_length
        basis = np.cos(angle) if self.side == "real" else -np.sin(angle)
        kernel = window[:, None] * basis
        if self.scaling == "density":
            kernel /= np.sqrt(np.sum(window**2))
        elif self.scaling == "spectrum":
            kernel /= np.sum(window)
        return to_tensor(kernel[:, None, :], dtype)

    def get_config(self):
        window = self.window if self.window is None or isinstance(self.window, str) else np.asarray(self.window).tolist()
        return {"side": self.side, "window": window, "periodic": self.periodic, "scaling": self.scaling}


STFTInitializer = STFT
