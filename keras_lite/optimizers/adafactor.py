"""Adafactor: Adam-like steps whose second moment is stored factored (row and column means) for
matrices, with relative step sizes and update clipping."""
from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


def _rms(x):
    return ops.sqrt(ops.mean(ops.square(x)))


@keras_class("keras.optimizers")
class Adafactor(Optimizer):
    """State per variable, in order: the row factor `r` (shape[:-1]) and column factor `c`
    (shape[:-2] + shape[-1:]), both named after the variable as Keras names them, then `velocity`.

    Variables of rank < 2 are not factored; Keras still creates two int32 scalar placeholders for them,
    named after the variable in the caller's name scope, and so does this class, so the variable
    lists (and saved files) line up."""

    def __init__(self, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=0.001, clip_threshold=1.0,
                 relative_step=True, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.beta_2_decay, self.epsilon_1, self.epsilon_2 = beta_2_decay, epsilon_1, epsilon_2
        self.clip_threshold, self.relative_step = clip_threshold, relative_step

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._factors = {}
        for var in var_list:
            if len(var.shape) < 2:
                for _ in range(2):
                    placeholder = engine.Variable(0, dtype="int32", trainable=False, name=var.name)
                    self._variables.append(placeholder)
            elif not var.overwrite_with_gradient:
                shape = tuple(var.shape)
                r = self.add_variable(shape[:-1], dtype=var.dtype, name=var.name)
                c = self.add_variable(shape[:-2] + shape[-1:], dtype=var.dtype, name=var.name)
                self._factors[id(var)] = (r, c)
            if not var.overwrite_with_gradient:
                self.add_variable_from_reference(var, "velocity")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        step = self._local_step(dtype)
        lr = learning_rate
        if self.relative_step and not callable(self._learning_rate):
            lr = ops.minimum(lr, ops.divide(1.0, ops.sqrt(step)))
        rho = ops.minimum(lr, ops.divide(1.0, ops.sqrt(step)))
        alpha = ops.multiply(ops.maximum(ops.cast(self.epsilon_2, dtype), _rms(variable.value)), rho)
        grad_sq = ops.add(ops.square(gradient), self.epsilon_1)
        beta_2 = ops.subtract(1.0, ops.power(step, self.beta_2_decay))
        v = self.slot(variable, "velocity")
        if len(variable.shape) >= 2:
            r, c = self._factors[id(variable)]
            r.assign(ops.add(ops.multiply(beta_2, r.value),
                             ops.multiply(ops.subtract(1.0, beta_2), ops.mean(grad_sq, axis=-1))))
            c.assign(ops.add(ops.multiply(beta_2, c.value),
                             ops.multiply(ops.subtract(1.0, beta_2), ops.mean(grad_sq, axis=-2))))
            row = ops.divide(r.value, ops.mean(r.value, axis=-1, keepdims=True))
            v.assign(ops.multiply(ops.expand_dims(row, -1), ops.expand_dims(c.value, -2)))
        else:
            v.assign(ops.add(ops.multiply(beta_2, v.value), ops.multiply(ops.subtract(1.0, beta_2), grad_sq)))
        u = ops.divide(gradient, ops.sqrt(v.value))
        u = ops.divide(u, ops.maximum(ops.cast(1.0, dtype), ops.divide(_rms(u), self.clip_threshold)))
        variable.assign(ops.subtract(variable.value, ops.multiply(alpha, u)))

    def get_config(self):
        return {**super().get_config(), "beta_2_decay": self.beta_2_decay, "epsilon_1": self.epsilon_1,
                "epsilon_2": self.epsilon_2, "clip_threshold": self.clip_threshold,
                "relative_step": self.relative_step}
