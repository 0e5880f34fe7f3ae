"""Nadam: Adam with Nesterov momentum and a warming momentum schedule u_t = beta_1 (1 - 0.5 * 0.96^t)."""
from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common.config import floatx
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Nadam(Optimizer):
    """State per variable: `momentum` and `velocity`; then one scalar, the running product of u_t.

    The product is an auto-named variable created in the caller's name scope (`variable`, or
    `<name>/variable` when built by apply), which is where Keras puts it."""

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
        var_list = list(var_list)
        dtype = var_list[0].dtype if var_list else floatx()
        super().build(var_list)
        self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        self._u_product = engine.Variable(1.0, dtype=dtype, trainable=False)
        self._variables.append(self._u_product)

    def _u(self, step, dtype):
        return ops.multiply(ops.cast(self.beta_1, dtype), ops.subtract(1.0, ops.multiply(0.5, ops.power(
            ops.cast(0.96, dtype), step))))

    def _update(self, grads, variables):
        dtype = self._u_product.dtype
        self._u_product.assign(ops.multiply(self._u_product.value, self._u(self._local_step(dtype), dtype)))
        super()._update(grads, variables)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        step = self._local_step(dtype)
        u_t, u_next = self._u(step, dtype), self._u(ops.add(step, 1.0), dtype)
        u_product = ops.cast(self._u_product.value, dtype)
        u_product_next = ops.multiply(u_product, u_next)
        m, v = self.slot(variable, "momentum"), self.slot(variable, "velocity")
        m.assign(ops.add(m.value, ops.multiply(ops.subtract(gradient, m.value), 1 - self.beta_1)))
        v.assign(ops.add(v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1 - self.beta_2)))
        m_hat = ops.add(ops.divide(ops.multiply(u_next, m.value), ops.subtract(1.0, u_product_next)),
                        ops.divide(ops.multiply(ops.subtract(1.0, u_t), gradient), ops.subtract(1.0, u_product)))
        v_hat = ops.divide(v.value, ops.subtract(1.0, ops.power(ops.cast(self.beta_2, dtype), step)))
        step_size = ops.divide(ops.multiply(m_hat, learning_rate), ops.add(ops.sqrt(v_hat), self.epsilon))
        variable.assign(ops.subtract(variable.value, step_size))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
