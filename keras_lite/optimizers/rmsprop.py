"""RMSprop: divide the gradient by a running root mean square (optionally centered, with momentum)."""
from keras_lite.optimizers.optimizer import Optimizer, foreach
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
        self._update_lists([gradient], [variable], learning_rate)

    def _update_lists(self, grads, variables, learning_rate):
        """The `_` list operations work in place, where the engine can, on temporaries made here."""
        velocities = [self.slot(v, "velocity") for v in variables]
        denominators = foreach.add_(foreach.multiply([s.value for s in velocities], self.rho),
                                    foreach.multiply_(foreach.square(grads), 1 - self.rho))
        foreach.assign(velocities, denominators)
        if self.centered:
            averages = [self.slot(v, "average_gradient") for v in variables]
            new_averages = foreach.add_(foreach.multiply([s.value for s in averages], self.rho),
                                        foreach.multiply(grads, 1 - self.rho))
            foreach.assign(averages, new_averages)
            denominators = foreach.subtract(denominators, foreach.square(new_averages))
        # (not in place on `denominators`: inside a StatelessScope the velocities hold those very tensors)
        increments = foreach.divide_(foreach.multiply(grads, learning_rate),
                                     foreach.sqrt_(foreach.add(denominators, self.epsilon)))
        if self.momentum > 0:
            momenta = [self.slot(v, "momentum") for v in variables]
            increments = foreach.add_(foreach.multiply([s.value for s in momenta], self.momentum), increments)
            foreach.assign(momenta, increments)
        foreach.subtract_from(variables, increments)

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                "centered": self.centered}
