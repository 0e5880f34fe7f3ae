"""Muon: momentum orthogonalized by Newton-Schulz iterations for 2-D weights; AdamW for the rest
(other ranks, embeddings unless exclude_embeddings=False, and paths matching exclude_layers)."""
import re

from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


def _swap_last_two(x):
    return ops.swapaxes(x, -1, -2)


@keras_class("keras.optimizers")
class Muon(Optimizer):
    """State per variable: `momentum`, then `velocity` for the variables AdamW updates."""

    def __init__(self, learning_rate=0.001, adam_beta_1=0.9, adam_beta_2=0.999, adam_weight_decay=0.004,
                 epsilon=1e-07, weight_decay=0.004, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, exclude_layers=None, exclude_embeddings=True,
                 muon_a=3.4445, muon_b=-4.775, muon_c=2.0315, adam_lr_ratio=1, momentum=0.95, ns_steps=5,
                 nesterov=True, rms_rate=0.2, **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.adam_beta_1, self.adam_beta_2, self.adam_weight_decay = adam_beta_1, adam_beta_2, adam_weight_decay
        self.epsilon, self.muon_a, self.muon_b, self.muon_c = epsilon, muon_a, muon_b, muon_c
        self.adam_lr_ratio, self.momentum, self.ns_steps, self.nesterov = adam_lr_ratio, momentum, ns_steps, nesterov
        self.exclude_embeddings, self.exclude_layers, self.rms_rate = exclude_embeddings, exclude_layers or [], rms_rate

    def _should_use_adamw(self, variable):
        if len(variable.shape) != 2:
            return True
        if self.exclude_embeddings and "embedding" in variable.path.lower():
            return True
        return any(re.search(pattern, variable.path) for pattern in self.exclude_layers)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        for var in var_list:
            if not var.overwrite_with_gradient:
                self.add_variable_from_reference(var, "momentum")
                if self._should_use_adamw(var):
                    self.add_variable_from_reference(var, "velocity")

    def update_step(self, gradient, variable, learning_rate):
        slots = self._slots[id(variable)]
        if "velocity" in slots:
            self._adamw_step(gradient, variable, ops.multiply(learning_rate, self.adam_lr_ratio),
                             slots["momentum"], slots["velocity"])
        else:
            self._muon_step(gradient, variable, learning_rate, slots["momentum"])

    def _muon_step(self, gradient, variable, lr, m):
        m.assign(ops.add(m.value, ops.add(gradient, ops.multiply(m.value, self.momentum - 1))))
        g = ops.add(gradient, ops.multiply(self.momentum, m.value)) if self.nesterov else m.value
        update = ops.multiply(lr, self.zeropower_via_newtonschulz5(g, self.ns_steps))
        variable.assign(ops.subtract(variable.value, self.lr_adjust(update)))

    def _adamw_step(self, gradient, variable, lr, m, v):
        dtype = variable.dtype
        step = self._local_step(dtype)
        b1_power = ops.power(ops.cast(self.adam_beta_1, dtype), step)
        b2_power = ops.power(ops.cast(self.adam_beta_2, dtype), step)
        alpha = ops.divide(ops.multiply(lr, ops.sqrt(ops.subtract(1.0, b2_power))), ops.subtract(1.0, b1_power))
        m.assign(ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.adam_beta_1)))
        v.assign(ops.add(v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.adam_beta_2)))
        variable.assign(ops.subtract(variable.value, ops.divide(ops.multiply(m.value, alpha),
                                                                ops.add(ops.sqrt(v.value), self.epsilon))))

    def lr_adjust(self, x):
        """Match the update's RMS to AdamW's: scale by sqrt(max(rows, cols)) * rms_rate."""
        if self.rms_rate is None:
            return x
        return ops.multiply(x, float(max(x.shape[0], x.shape[1])) ** 0.5 * self.rms_rate)

    def zeropower_via_newtonschulz5(self, x, steps):
        """Approximately orthogonalize x (the nearest semi-orthogonal matrix) with a quintic iteration."""
        shape = tuple(x.shape)
        if len(shape) < 2:
            raise ValueError(f"Muon: Newton-Schulz needs a tensor of rank >= 2, got shape {shape}.")
        a, b, c = self.muon_a, self.muon_b, self.muon_c
        tall = shape[-2] > shape[-1]
        if tall:
            x = _swap_last_two(x)
        x = ops.divide(x, ops.add(ops.norm(x, axis=(-2, -1), keepdims=True), 1e-7))
        for _ in range(steps):
            gram = ops.matmul(x, _swap_last_two(x))
            poly = ops.add(ops.multiply(b, gram), ops.matmul(ops.multiply(c, gram), gram))
            x = ops.add(ops.multiply(a, x), ops.matmul(poly, x))
        return _swap_last_two(x) if tall else x

    def _apply_weight_decay(self, variables):
        lr = self._current_learning_rate()
        for variable in variables:
            if not self._use_weight_decay(variable):
                continue
            decay = self.adam_weight_decay if self._should_use_adamw(variable) else self.weight_decay
            if decay is None:
                continue
            variable.assign(ops.subtract(variable.value, ops.multiply(
                ops.multiply(variable.value, ops.cast(decay, variable.dtype)), ops.cast(lr, variable.dtype))))

    def get_config(self):
        return {**super().get_config(), "adam_beta_1": self.adam_beta_1, "adam_beta_2": self.adam_beta_2,
                "epsilon": self.epsilon, "exclude_layers": self.exclude_layers, "muon_a": self.muon_a,
                "muon_b": self.muon_b, "muon_c": self.muon_c, "adam_lr_ratio": self.adam_lr_ratio,
                "momentum": self.momentum, "ns_steps": self.ns_steps, "nesterov": self.nesterov,
                "exclude_embeddings": self.exclude_embeddings, "adam_weight_decay": self.adam_weight_decay,
                "rms_rate": self.rms_rate}
