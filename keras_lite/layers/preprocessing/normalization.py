"""Normalization: `(inputs - mean) / sqrt(variance)` per position along `axis` (`invert`: the reverse).

The statistics come either from the constructor (`mean`, `variance`: plain
values kept in the config, no weights) or from `adapt(data)`, which stores them
in the non-trainable, saved weights `mean` and `variance` (shape: the input dims
along `axis`). A third weight, `count` (int32 scalar), exists for file
compatibility with Keras, which never updates it. `axis=None` normalizes with
one mean and variance over everything.
"""
import math

import numpy as np

from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common import config as backend_config, naming
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class Normalization(Layer):
    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        self.axis = (axis,) if isinstance(axis, int) else tuple(axis)
        if (mean is None) != (variance is None):
            raise ValueError(f"Normalization: give both `mean` and `variance` or neither; got mean={mean!r} and "
                             f"variance={variance!r}.")
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError(f"Normalization: `mean` and `variance` must have the same shape; got "
                                 f"{np.shape(mean)} and {np.shape(variance)}.")
            if np.ndim(mean) > len(self.axis):
                raise ValueError(f"Normalization: `mean` of shape {np.shape(mean)} has more dims than the "
                                 f"{len(self.axis)} axes {self.axis} it normalizes along.")
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True
        self._build_input_shape = None
        self._fixed = None  # (mean, variance) broadcast NumPy arrays when given to the constructor

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        ndim = len(input_shape)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(f"Normalization {self.name!r}: axis {self.axis} is out of range for inputs of shape "
                             f"{input_shape}.")
        keep = tuple(sorted(a % ndim for a in self.axis))
        if any(input_shape[a] is None for a in keep):
            raise ValueError(f"Normalization {self.name!r}: the dims along axis {self.axis} must be known; got "
                             f"input shape {input_shape}.")
        self._build_input_shape = input_shape
        self._keep_axis = keep
        self._reduce_axis = tuple(a for a in range(ndim) if a not in keep)
        self._broadcast_shape = tuple(input_shape[a] if a in keep else 1 for a in range(ndim))
        stats_shape = tuple(input_shape[a] for a in keep)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(shape=stats_shape, initializer="zeros", trainable=False, name="mean")
            self.adapt_variance = self.add_weight(shape=stats_shape, initializer="ones", trainable=False,
                                                  name="variance")
            self.count = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False, name="count")
        else:
            self._fixed = tuple(self._broadcast(np.asarray(v, "float64"))
                                for v in (self.input_mean, self.input_variance))
        self.built = True

    def _broadcast(self, value):
        """A given statistic (scalar, or trailing dims of the kept axes) -> the broadcast shape."""
        shape = [1] * len(self._broadcast_shape)
        for i in range(1, value.ndim + 1):
            shape[self._keep_axis[-i]] = value.shape[-i]
        try:
            return np.broadcast_to(value.reshape(shape), self._broadcast_shape)
        except ValueError as e:
            raise ValueError(f"Normalization {self.name!r}: a statistic of shape {value.shape} does not fit inputs "
                             f"of shape {self._build_input_shape} along axis {self.axis}.") from e

    @property
    def mean(self):
        """The mean in the broadcast shape and compute dtype (None before build)."""
        return self._statistics()[0] if self.built else None

    @property
    def variance(self):
        return self._statistics()[1] if self.built else None

    def _statistics(self):
        dtype = self.compute_dtype
        if self._fixed is not None:
            return tuple(ops.convert_to_tensor(v, dtype=dtype) for v in self._fixed)
        return tuple(ops.cast(ops.reshape(v, self._broadcast_shape), dtype)
                     for v in (self.adapt_mean, self.adapt_variance))

    def call(self, inputs):
        mean, variance = self._statistics()
        inputs = ops.cast(inputs, self.compute_dtype)
        std = ops.maximum(ops.sqrt(variance), backend_config.epsilon())
        if self.invert:
            return ops.add(mean, ops.multiply(inputs, std))
        return ops.divide(ops.subtract(inputs, mean), std)

    # -- adapt ---------------------------------------------------------------------
    def adapt(self, data):
        """Set `mean` and `variance` from data: one array (NumPy or backend tensor), or an iterable of
        batches (a list of arrays, a generator, a dataset); a batch that is a tuple counts by its first
        element, as (x, y) pairs do. Statistics are accumulated in float64."""
        if self.input_mean is not None:
            raise ValueError(f"Normalization {self.name!r} was given `mean` and `variance`; adapt() cannot "
                             "change them.")
        if isinstance(data, np.ndarray) or (engine.core.is_tensor(data) and not isinstance(data, KerasTensor)):
            batches = iter([data])
        elif isinstance(data, KerasTensor):
            raise TypeError(f"Normalization {self.name!r}.adapt() needs data, not a symbolic tensor.")
        elif hasattr(data, "__iter__"):
            batches = iter(data)
        else:
            raise TypeError(f"Normalization {self.name!r}.adapt() takes a NumPy array, a backend tensor or an "
                            f"iterable of batches; got {type(data).__name__}.")
        first = next(batches, None)
        if first is None:
            raise ValueError(f"Normalization {self.name!r}.adapt() received no batches.")
        count, mean, m2 = 0, None, None
        for batch in _chain(first, batches):
            batch = self._check_batch(batch)
            n = math.prod(batch.shape[a] for a in self._reduce_axis)
            b_mean = batch.mean(axis=self._reduce_axis)
            b_m2 = batch.var(axis=self._reduce_axis) * n
            if mean is None:
                count, mean, m2 = n, b_mean, b_m2
                continue
            total = count + n
            delta = b_mean - mean
            mean = mean + delta * (n / total)
            m2 = m2 + b_m2 + delta ** 2 * (count * n / total)
            count = total
        self.adapt_mean.assign(mean.astype(self.adapt_mean.dtype))
        self.adapt_variance.assign((m2 / count).astype(self.adapt_variance.dtype))

    def _check_batch(self, batch):
        if isinstance(batch, tuple):
            batch = batch[0]
        if not hasattr(batch, "shape"):
            raise TypeError(f"Normalization {self.name!r}.adapt(): every batch must be an array or tensor with a "
                            f"shape; got {type(batch).__name__}.")
        batch = np.asarray(ops.convert_to_numpy(batch), dtype="float64")
        if not self.built:
            self._maybe_build_from(batch.shape)
        if batch.ndim != len(self._build_input_shape) or any(
                batch.shape[a] != self._build_input_shape[a] for a in self._keep_axis):
            raise ValueError(f"Normalization {self.name!r}: adapt() got a batch of shape {batch.shape}, "
                             f"incompatible with the layer's input shape {self._build_input_shape} along axis "
                             f"{self.axis}.")
        return batch

    def _maybe_build_from(self, shape):
        with naming.name_scope(self.name, owner=self):
            self.build(shape)

    # -- config --------------------------------------------------------------------
    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, "invert": self.invert,
                       "mean": np.array(self.input_mean).tolist(), "variance": np.array(self.input_variance).tolist()})
        return config

    def get_build_config(self):
        if self._build_input_shape is not None:
            return {"input_shape": self._build_input_shape}
        return None


def _chain(first, rest):
    yield first
    yield from rest
