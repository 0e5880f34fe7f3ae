"""SGD with optional (Nesterov) momentum."""
from keras_lite.optimizers.optimizer import Optimizer, foreach
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class SGD(Optimizer):
    """State per variable: `momentum` (only when momentum > 0)."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if not 0 <= momentum <= 1:
            raise ValueError(f"SGD: momentum must be in [0, 1], got {momentum}.")
        self.momentum, self.nesterov = momentum, nesterov

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        if self.momentum:
            self.add_optimizer_variables(var_list, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        self._update_lists([gradient], [variable], learning_rate)

    def _update_lists(self, grads, variables, learning_rate):
        steps = foreach.multiply(grads, learning_rate)
        if not self.momentum:
            foreach.subtract_from(variables, steps)
            return
        momenta = [self.slot(v, "momentum") for v in variables]
        new_m = foreach.subtract_(foreach.multiply([m.value for m in momenta], self.momentum), steps)
        foreach.assign(momenta, new_m)
        if self.nesterov:
            foreach.add_to(variables, foreach.subtract_(foreach.multiply(new_m, self.momentum), steps))
        else:
            foreach.add_to(variables, new_m)

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}
