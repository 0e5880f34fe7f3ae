"""Adam: bias-corrected first and second moment estimates (optionally AMSGrad)."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
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
        step = self._local_step(variable.dtype)
        m, v = self.slot(variable, "momentum"), self.slot(variable, "velocity")
        m.assign(ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1)))
        v.assign(ops.add(v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.beta_2)))
        second = v.value
        if self.amsgrad:
            v_hat = self.slot(variable, "velocity_hat")
            v_hat.assign(ops.maximum(v_hat.value, second))
            second = v_hat.value
        alpha = ops.divide(ops.multiply(learning_rate, ops.sqrt(ops.subtract(1.0, ops.power(self.beta_2, step)))),
                           ops.subtract(1.0, ops.power(self.beta_1, step)))
        update = ops.divide(ops.multiply(m.value, alpha), ops.add(ops.sqrt(second), self.epsilon))
        variable.assign(ops.subtract(variable.value, update))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                "amsgrad": self.amsgrad}
