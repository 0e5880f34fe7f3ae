"""LAMB: Adam's step rescaled per variable by the trust ratio ||w|| / ||step||."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Lamb(Optimizer):
    """State per variable: `momentum` and `velocity`."""

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
        self.add_optimizer_variables(var_list, ["momentum", "velocity"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        step = self._local_step(dtype)
        m, v = self.slot(variable, "momentum"), self.slot(variable, "velocity")
        m.assign(ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1)))
        v.assign(ops.add(v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.beta_2)))
        m_hat = ops.divide(m.value, ops.subtract(1.0, ops.power(ops.cast(self.beta_1, dtype), step)))
        v_hat = ops.divide(v.value, ops.subtract(1.0, ops.power(ops.cast(self.beta_2, dtype), step)))
        update = ops.divide(m_hat, ops.add(ops.sqrt(v_hat), self.epsilon))
        w_norm = ops.sqrt(ops.sum(ops.square(variable.value)))
        u_norm = ops.sqrt(ops.sum(ops.square(update)))
        safe_u_norm = ops.where(ops.greater(u_norm, 0), u_norm, 1.0)
        ratio = ops.where(ops.logical_and(ops.greater(w_norm, 0), ops.greater(u_norm, 0)),
                          ops.divide(w_norm, safe_u_norm), 1.0)
        variable.assign(ops.subtract(variable.value, ops.multiply(ops.multiply(ratio, learning_rate), update)))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
