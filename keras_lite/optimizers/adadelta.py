"""Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Adadelta(Optimizer):
    """State per variable: `accumulated_grad` (E[g^2]) and `accumulated_delta_var` (E[dx^2])."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-07, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.rho, self.epsilon = rho, epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.add_optimizer_variables(var_list, ["accumulated_grad", "accumulated_delta_var"])

    def update_step(self, gradient, variable, learning_rate):
        rho = self.rho
        grad_sq, delta_sq = self.slot(variable, "accumulated_grad"), self.slot(variable, "accumulated_delta_var")

        def rms(x):
            return ops.sqrt(ops.add(x, self.epsilon))

        grad_sq.assign(ops.add(ops.multiply(rho, grad_sq.value), ops.multiply(1 - rho, ops.square(gradient))))
        delta = ops.negative(ops.divide(ops.multiply(rms(delta_sq.value), gradient), rms(grad_sq.value)))
        delta_sq.assign(ops.add(ops.multiply(rho, delta_sq.value), ops.multiply(1 - rho, ops.square(delta))))
        variable.assign(ops.add(variable.value, ops.multiply(learning_rate, delta)))

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}
