"""Schedule-free AdamW: no learning-rate schedule; the variable holds an interpolation between an
Adam-style iterate and its running (uniform) average, which is what one evaluates."""
from keras_lite import ops
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class ScheduleFreeAdamW(Optimizer):
    """State per variable: `momentum` (the base iterate z, starting at the variable's value) and
    `velocity` (second moment)."""

    def __init__(self, learning_rate=0.0025, beta_1=0.9, beta_2=0.999, epsilon=1e-08, warmup_steps=0,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon, self.warmup_steps = beta_1, beta_2, epsilon, warmup_steps

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        momentums, _ = self.add_optimizer_variables(var_list, ["momentum", "velocity"])
        for z, var in zip(momentums, var_list):
            if z is not None:
                z.assign(ops.copy(var.value))

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        step = self._local_step(dtype)
        beta_1, beta_2 = ops.cast(self.beta_1, dtype), ops.cast(self.beta_2, dtype)
        lr = learning_rate
        if self.warmup_steps > 0:
            lr = ops.multiply(lr, ops.minimum(ops.divide(step, float(self.warmup_steps)), 1.0))
        z, v = self.slot(variable, "momentum"), self.slot(variable, "velocity")
        # The variable is y = (1 - beta_1) z + beta_1 x. Recover the average x from the old z first:
        # on torch and TensorFlow a read of z.value is a live view that the assign below would change.
        x_old = ops.divide(ops.subtract(variable.value, ops.multiply(1.0 - beta_1, z.value)), beta_1)
        v.assign(ops.add(v.value, ops.multiply(ops.subtract(ops.square(gradient), v.value), 1.0 - beta_2)))
        denom = ops.add(ops.sqrt(ops.divide(v.value, ops.subtract(1.0, ops.power(beta_2, step)))), self.epsilon)
        z.assign(ops.subtract(z.value, ops.divide(ops.multiply(lr, gradient), denom)))
        weight = ops.divide(1.0, step)
        # Move x toward the new z by 1/step (a uniform average), then rebuild y.
        x_new = ops.add(ops.multiply(ops.subtract(1.0, weight), x_old), ops.multiply(weight, z.value))
        variable.assign(ops.add(ops.multiply(1.0 - beta_1, z.value), ops.multiply(beta_1, x_new)))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                "warmup_steps": self.warmup_steps}
