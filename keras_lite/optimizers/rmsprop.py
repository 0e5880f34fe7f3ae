"""RMSprop: divide the gradient by a running root mean square (optionally centered, with momentum)."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class RMSprop(Optimizer):
    """State per variable: `velocity`, then `momentum` (momentum > 0), then `average_gradient` (centered)."""

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.rho, self.momentum, self.epsilon, self.centered = rho, momentum, epsilon, centered

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.add_optimizer_variables(var_list, "velocity")
        if self.momentum > 0:
            self.add_optimizer_variables(var_list, "momentum")
        if self.centered:
            self.add_optimizer_variables(var_list, "average_gradient")

    def update_step(self, gradient, variable, learning_rate):
        velocity = self.slot(variable, "velocity")
        velocity.assign(ops.add(ops.multiply(velocity.value, self.rho),
                                ops.multiply(ops.square(gradient), 1 - self.rho)))
        denominator = velocity.value
        if self.centered:
            average = self.slot(variable, "average_gradient")
            average.assign(ops.add(ops.multiply(average.value, self.rho), ops.multiply(gradient, 1 - self.rho)))
            denominator = ops.subtract(denominator, ops.square(average.value))
        increment = ops.divide(ops.multiply(learning_rate, gradient), ops.sqrt(ops.add(denominator, self.epsilon)))
        if self.momentum > 0:
            momentum = self.slot(variable, "momentum")
            momentum.assign(ops.add(ops.multiply(momentum.value, self.momentum), increment))
            increment = momentum.value
        variable.assign(ops.subtract(variable.value, increment))

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                "centered": self.centered}
