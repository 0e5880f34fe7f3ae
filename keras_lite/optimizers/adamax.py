"""Adamax: Adam with the infinity norm (a decaying running max of |g|) in place of the second moment."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Adamax(Optimizer):
    """State per variable: `momentum` (first moment) and `norm` (running max of |g|)."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.add_optimizer_variables(var_list, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        m, u = self.slot(variable, "momentum"), self.slot(variable, "norm")
        beta_1_power = ops.power(ops.cast(self.beta_1, variable.dtype), self._local_step(variable.dtype))
        m.assign(ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1)))
        u.assign(ops.maximum(ops.multiply(self.beta_2, u.value), ops.abs(gradient)))
        step = ops.divide(ops.multiply(learning_rate, m.value),
                          ops.multiply(ops.subtract(1.0, beta_1_power), ops.add(u.value, self.epsilon)))
        variable.assign(ops.subtract(variable.value, step))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
