"""Adam: bias-corrected first and second moment estimates (optionally AMSGrad)."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer, foreach
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Adam(Optimizer):
    """State per variable: `momentum` and `velocity` (and `velocity_hat` with amsgrad)."""

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon, self.amsgrad = beta_1, beta_2, epsilon, amsgrad

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        if self.amsgrad:
            self.add_optimizer_variables(var_list, "velocity_hat")

    def update_step(self, gradient, variable, learning_rate):
        self._update_lists([gradient], [variable], learning_rate)

    def _update_lists(self, grads, variables, learning_rate):
        step = self._local_step(variables[0].dtype)
        alpha = ops.divide(ops.multiply(learning_rate, ops.sqrt(ops.subtract(1.0, ops.power(self.beta_2, step)))),
                           ops.subtract(1.0, ops.power(self.beta_1, step)))
        ms = [self.slot(v, "momentum") for v in variables]
        vs = [self.slot(v, "velocity") for v in variables]
        # m += (g - m) * (1 - beta_1); v += (g^2 - v) * (1 - beta_2): in place where the engine can
        foreach.add_to(ms, foreach.multiply_(foreach.subtract(grads, [s.value for s in ms]), 1 - self.beta_1))
        foreach.add_to(vs, foreach.multiply_(foreach.subtract_(foreach.square(grads), [s.value for s in vs]),
                                             1 - self.beta_2))
        second = [s.value for s in vs]
        if self.amsgrad:
            v_hats = [self.slot(v, "velocity_hat") for v in variables]
            second = foreach.maximum([s.value for s in v_hats], second)
            foreach.assign(v_hats, second)
        updates = foreach.divide_(foreach.multiply([s.value for s in ms], alpha),
                                  foreach.add_(foreach.sqrt(second), self.epsilon))
        foreach.subtract_from(variables, updates)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                "amsgrad": self.amsgrad}
