"""Random initializers, drawn on the host by the counter-based generator (same numbers on every engine).

A seeded initializer returns the same values at every call; an unseeded one
draws a fresh seed per call (reproducible after `keras_lite.utils.set_random_seed`).
"""
import math

import numpy as np

from keras_lite.initializers import _counter_rng as rng
from keras_lite.initializers.initializer import Initializer, to_tensor
from keras_lite.saving.object_registration import keras_class


class RandomInitializer(Initializer):
    def __init__(self, seed=None):
        if seed is not None and not isinstance(seed, int):
            raise ValueError(f"{type(self).__name__}: seed must be an int or None, got {seed!r}.")
        self.seed = seed

    def _seed(self):
        return rng.draw_seed() if self.seed is None else self.seed

    def get_config(self):
        return {"seed": self.seed}


@keras_class("keras.initializers", "random_normal")
class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None):
        return to_tensor(self.mean + self.stddev * rng.normal(self._seed(), shape), dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


@keras_class("keras.initializers", "truncated_normal")
class TruncatedNormal(RandomNormal):
    """Normal values redrawn when more than two standard deviations from the mean."""

    def __call__(self, shape, dtype=None):
        return to_tensor(self.mean + self.stddev * rng.truncated_normal(self._seed(), shape), dtype)


@keras_class("keras.initializers", "random_uniform")
class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = minval, maxval

    def __call__(self, shape, dtype=None):
        values = self.minval + (self.maxval - self.minval) * rng.uniform(self._seed(), shape)
        return to_tensor(values, dtype)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


def compute_fans(shape, input_axes=None, output_axes=None):
    """(fan_in, fan_out). With both `input_axes` and `output_axes`, the products of those axes' sizes;
    otherwise conv kernels (spatial..., in, out) multiply both by the spatial size."""
    shape = tuple(int(d) for d in shape)
    if input_axes is not None and output_axes is not None:
        return (math.prod(shape[i] for i in _axes(input_axes)), math.prod(shape[i] for i in _axes(output_axes)))
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


def _axes(axes):
    return [axes] if isinstance(axes, int) else list(axes)


@keras_class("keras.initializers", "variance_scaling")
class VarianceScaling(RandomInitializer):
    _MODES = ("fan_in", "fan_out", "fan_avg")
    _DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        super().__init__(seed)
        if scale <= 0:
            raise ValueError(f"{type(self).__name__}: scale must be positive, got {scale}.")
        if mode not in self._MODES:
            raise ValueError(f"{type(self).__name__}: mode must be one of {self._MODES}, got {mode!r}.")
        distribution = "untruncated_normal" if distribution == "normal" else distribution
        if distribution not in self._DISTRIBUTIONS:
            raise ValueError(
                f"{type(self).__name__}: distribution must be one of {self._DISTRIBUTIONS}, got {distribution!r}.")
        self.scale, self.mode, self.distribution = scale, mode, distribution
        self.input_axes, self.output_axes = input_axes, output_axes

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        variance = self.scale / max(1.0, fan)
        seed = self._seed()
        if self.distribution == "truncated_normal":
            # 0.8796... is the stddev of a unit normal truncated to [-2, 2].
            values = math.sqrt(variance) / 0.87962566103423978 * rng.truncated_normal(seed, shape)
        elif self.distribution == "untruncated_normal":
            values = math.sqrt(variance) * rng.normal(seed, shape)
        else:
            limit = math.sqrt(3.0 * variance)
            values = -limit + 2 * limit * rng.uniform(seed, shape)
        return to_tensor(values, dtype)

    def get_config(self):
        return {"seed": self.seed, "scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "input_axes": self.input_axes, "output_axes": self.output_axes}


class _VarianceScalingPreset(VarianceScaling):
    """A named VarianceScaling (GlorotUniform, HeNormal, ...): its config is just the seed and axes."""

    preset = None  # (scale, mode, distribution)

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        scale, mode, distribution = self.preset
        super().__init__(scale, mode, distribution, seed=seed, input_axes=input_axes, output_axes=output_axes)

    def get_config(self):
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}


@keras_class("keras.initializers", "glorot_uniform")
class GlorotUniform(_VarianceScalingPreset):
    preset = (1.0, "fan_avg", "uniform")


@keras_class("keras.initializers", "glorot_normal")
class GlorotNormal(_VarianceScalingPreset):
    preset = (1.0, "fan_avg", "truncated_normal")


@keras_class("keras.initializers", "lecun_uniform")
class LecunUniform(_VarianceScalingPreset):
    preset = (1.0, "fan_in", "uniform")


@keras_class("keras.initializers", "lecun_normal")
class LecunNormal(_VarianceScalingPreset):
    preset = (1.0, "fan_in", "truncated_normal")


@keras_class("keras.initializers", "he_uniform")
class HeUniform(_VarianceScalingPreset):
    preset = (2.0, "fan_in", "uniform")


@keras_class("keras.initializers", "he_normal")
class HeNormal(_VarianceScalingPreset):
    preset = (2.0, "fan_in", "truncated_normal")


@keras_class("keras.initializers", "orthogonal", "OrthogonalInitializer")
class Orthogonal(RandomInitializer):
    """An orthogonal matrix (from the QR decomposition of a normal one) times `gain`,
    reshaped to the requested shape (rows = product of all but the last dim)."""

    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) < 2:
            raise ValueError(f"Orthogonal initializer needs a shape of rank >= 2, got {tuple(shape)}.")
        rows, cols = math.prod(shape[:-1]), shape[-1]
        flat = rng.normal(self._seed(), (max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return to_tensor(self.gain * q.reshape(shape), dtype)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


OrthogonalInitializer = Orthogonal
