"""Learning-rate schedules: callables of the step (a scalar tensor) that the optimizer evaluates each step.

Written with keras_lite.ops so they run eagerly and inside compiled train steps alike.
"""
import math

from keras_lite import ops
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers.schedules")
class LearningRateSchedule:
    def __call__(self, step):
        raise NotImplementedError(f"{type(self).__name__} must implement __call__(step).")

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} must implement get_config().")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _float(step):
    return ops.cast(step, "float32")


@keras_class("keras.optimizers.schedules")
class ExponentialDecay(LearningRateSchedule):
    """initial * decay_rate ** (step / decay_steps), the exponent floored when `staircase`."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name="ExponentialDecay"):
        if decay_steps <= 0:
            raise ValueError(f"ExponentialDecay: decay_steps must be positive, got {decay_steps}.")
        self.initial_learning_rate, self.decay_steps, self.decay_rate = initial_learning_rate, decay_steps, decay_rate
        self.staircase, self.name = staircase, name

    def __call__(self, step):
        p = ops.divide(_float(step), float(self.decay_steps))
        if self.staircase:
            p = ops.floor(p)
        return ops.multiply(self.initial_learning_rate, ops.power(float(self.decay_rate), p))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


@keras_class("keras.optimizers.schedules")
class InverseTimeDecay(LearningRateSchedule):
    """initial / (1 + decay_rate * step / decay_steps), floored when `staircase`."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name="InverseTimeDecay"):
        self.initial_learning_rate, self.decay_steps, self.decay_rate = initial_learning_rate, decay_steps, decay_rate
        self.staircase, self.name = staircase, name

    def __call__(self, step):
        p = ops.divide(_float(step), float(self.decay_steps))
        if self.staircase:
            p = ops.floor(p)
        return ops.divide(self.initial_learning_rate, ops.add(1.0, ops.multiply(float(self.decay_rate), p)))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "decay_rate": self.decay_rate, "staircase": self.staircase, "name": self.name}


@keras_class("keras.optimizers.schedules")
class PiecewiseConstantDecay(LearningRateSchedule):
    """values[i] while boundaries[i-1] < step <= boundaries[i]."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(values) != len(boundaries) + 1:
            raise ValueError(f"PiecewiseConstantDecay: needs len(values) == len(boundaries) + 1, got "
                             f"{len(values)} values and {len(boundaries)} boundaries.")
        self.boundaries, self.values, self.name = list(boundaries), list(values), name

    def __call__(self, step):
        step = _float(step)
        out = ops.convert_to_tensor(float(self.values[-1]))
        for boundary, value in reversed(list(zip(self.boundaries, self.values[:-1]))):
            out = ops.where(ops.less_equal(step, float(boundary)), float(value), out)
        return out

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


@keras_class("keras.optimizers.schedules")
class PolynomialDecay(LearningRateSchedule):
    """From initial to end_learning_rate over decay_steps along (1 - step/decay_steps) ** power."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                 name="PolynomialDecay"):
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.end_learning_rate, self.power, self.cycle, self.name = end_learning_rate, power, cycle, name

    def __call__(self, step):
        step = _float(step)
        decay_steps = float(self.decay_steps)
        if self.cycle:
            multiplier = ops.maximum(ops.ceil(ops.divide(step, decay_steps)), 1.0)
            decay_steps = ops.multiply(decay_steps, multiplier)
        else:
            step = ops.minimum(step, decay_steps)
        fraction = ops.subtract(1.0, ops.divide(step, decay_steps))
        span = self.initial_learning_rate - self.end_learning_rate
        return ops.add(ops.multiply(span, ops.power(fraction, float(self.power))), self.end_learning_rate)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power, "cycle": self.cycle,
                "name": self.name}


@keras_class("keras.optimizers.schedules")
class CosineDecay(LearningRateSchedule):
    """Optional linear warmup to `warmup_target`, then a half cosine from there down to alpha * it."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay", warmup_target=None,
                 warmup_steps=0):
        self.initial_learning_rate, self.decay_steps, self.alpha, self.name = (
            initial_learning_rate, decay_steps, alpha, name)
        self.warmup_target, self.warmup_steps = warmup_target, warmup_steps

    def __call__(self, step):
        step = _float(step)
        peak = self.initial_learning_rate if self.warmup_target is None else self.warmup_target
        decay_step = ops.minimum(ops.maximum(ops.subtract(step, float(self.warmup_steps)), 0.0),
                                 float(self.decay_steps))
        cosine = ops.multiply(0.5, ops.add(1.0, ops.cos(ops.multiply(math.pi / self.decay_steps, decay_step))))
        decayed = ops.multiply(peak, ops.add(ops.multiply(1.0 - self.alpha, cosine), self.alpha))
        if self.warmup_target is None or not self.warmup_steps:
            return decayed
        warmup = ops.add(self.initial_learning_rate, ops.multiply(
            (self.warmup_target - self.initial_learning_rate) / self.warmup_steps, step))
        return ops.where(ops.less(step, float(self.warmup_steps)), warmup, decayed)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "decay_steps": self.decay_steps,
                "alpha": self.alpha, "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


@keras_class("keras.optimizers.schedules")
class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay restarted after each period; periods grow by t_mul, peaks scale by m_mul."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name="SGDRDecay"):
        self.initial_learning_rate, self.first_decay_steps = initial_learning_rate, first_decay_steps
        self.t_mul, self.m_mul, self.alpha, self.name = t_mul, m_mul, alpha, name

    def __call__(self, step):
        done = ops.divide(_float(step), float(self.first_decay_steps))
        if self.t_mul == 1.0:
            restarts = ops.floor(done)
            done = ops.subtract(done, restarts)
        else:
            restarts = ops.floor(ops.divide(ops.log(ops.subtract(1.0, ops.multiply(done, 1.0 - self.t_mul))),
                                            math.log(self.t_mul)))
            sum_r = ops.divide(ops.subtract(1.0, ops.power(self.t_mul, restarts)), 1.0 - self.t_mul)
            done = ops.divide(ops.subtract(done, sum_r), ops.power(self.t_mul, restarts))
        peak = ops.power(self.m_mul, restarts)
        cosine = ops.multiply(0.5, ops.multiply(peak, ops.add(1.0, ops.cos(ops.multiply(math.pi, done)))))
        return ops.multiply(self.initial_learning_rate, ops.add(ops.multiply(1.0 - self.alpha, cosine), self.alpha))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "first_decay_steps": self.first_decay_steps,
                "t_mul": self.t_mul, "m_mul": self.m_mul, "alpha": self.alpha, "name": self.name}


def serialize(learning_rate_schedule):
    return serialization_lib.serialize_keras_object(learning_rate_schedule)


def deserialize(config, custom_objects=None):
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
