"""LossScaleOptimizer: dynamic loss scaling for mixed-precision training, around another optimizer.

The loss is multiplied by `dynamic_scale` before differentiation (`scale_loss`) and the gradients are
divided by it before the inner optimizer sees them. A step whose gradients are not all finite is
skipped and halves the scale; after `dynamic_growth_steps` finite steps in a row the scale doubles.
"""
from keras_lite import ops
from keras_lite.initializers import Constant
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class

_BASE_DEFAULTS = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None,
                  "use_ema": False, "ema_momentum": 0.99, "ema_overwrite_frequency": None,
                  "loss_scale_factor": None, "gradient_accumulation_steps": None}


@keras_class("keras.optimizers")
class LossScaleOptimizer(Optimizer):
    """State: its own `iteration` and `learning_rate` (unused, kept so the variable list matches
    Keras), `step_counter` (finite steps since the scale last changed) and `dynamic_scale`, followed
    by all of the inner optimizer's variables."""

    def __init__(self, inner_optimizer, initial_scale=32768.0, dynamic_growth_steps=2000, name=None, **kwargs):
        if not kwargs.pop("dynamic", True):
            raise ValueError("LossScaleOptimizer: dynamic=False is not supported; set loss_scale_factor on the "
                             "inner optimizer for a fixed scale.")
        for arg, default in _BASE_DEFAULTS.items():
            if arg in kwargs and kwargs.pop(arg) != default:
                raise ValueError(f"LossScaleOptimizer does not take `{arg}`; set it on the inner_optimizer.")
        if kwargs:
            raise ValueError(f"LossScaleOptimizer: unrecognized keyword argument(s) {sorted(kwargs)}.")
        if not isinstance(inner_optimizer, Optimizer):
            raise ValueError(f"LossScaleOptimizer: inner_optimizer must be an Optimizer, got {inner_optimizer!r}.")
        if not isinstance(dynamic_growth_steps, int) or dynamic_growth_steps < 1:
            raise ValueError(f"LossScaleOptimizer: dynamic_growth_steps must be a positive integer, got "
                             f"{dynamic_growth_steps!r}.")
        super().__init__(learning_rate=0.0, name=name)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps
        inner_optimizer.loss_scale_factor = None

    def build(self, var_list):
        if self.built:
            return
        self.step_counter = self.add_variable((), initializer="zeros", dtype="int32", name="step_counter")
        self.dynamic_scale = self.add_variable((), initializer=Constant(self.initial_scale), dtype="float32",
                                               name="dynamic_scale")
        self.inner_optimizer.build(var_list)
        super().build(var_list)

    @property
    def variables(self):
        return self._variables + self.inner_optimizer.variables

    def check_finite(self, grads):
        """A scalar boolean: every element of every (non-None) gradient is finite."""
        flags = [ops.all(ops.isfinite(g)) for g in grads if g is not None]
        return ops.all(ops.stack(flags)) if flags else ops.convert_to_tensor(True)

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not grads:
            return
        trainable_variables = self._resolve_variables(grads, trainable_variables)
        finite = self.check_finite(grads)
        scale = self.dynamic_scale.value
        # A skipped step still runs the inner update (its result is then discarded); feeding it zeros
        # instead of inf/NaN keeps that throwaway arithmetic clean.
        unscaled = [g if g is None else ops.where(finite, g if v.overwrite_with_gradient else ops.divide(g, scale),
                                                  ops.zeros_like(g))
                    for g, v in zip(grads, trainable_variables)]
        self.run_where(finite, lambda: self.inner_optimizer.apply(unscaled, trainable_variables))
        counter = self.step_counter.value
        grow = ops.logical_and(finite, ops.equal(counter, self.dynamic_growth_steps - 1))
        zero = ops.zeros_like(counter)
        self.step_counter.assign(ops.where(finite, ops.where(grow, zero, ops.add(counter, 1)), zero))
        self.dynamic_scale.assign(ops.where(finite, ops.where(grow, ops.multiply(scale, 2.0), scale),
                                            ops.multiply(scale, 0.5)))

    def scale_loss(self, loss):
        scale = self.dynamic_scale.value if self.built else self.initial_scale
        return ops.multiply(loss, scale)

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self.inner_optimizer.learning_rate = value

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    def finalize_variable_values(self, var_list):
        self.inner_optimizer.finalize_variable_values(var_list)

    def get_config(self):
        return {"name": self.name, "inner_optimizer": serialization_lib.serialize_keras_object(self.inner_optimizer),
                "initial_scale": self.initial_scale, "dynamic_growth_steps": self.dynamic_growth_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        inner = serialization_lib.deserialize_keras_object(config.pop("inner_optimizer"),
                                                           custom_objects=custom_objects)
        return cls(inner, **config)


keras_class("keras.mixed_precision")(LossScaleOptimizer)
