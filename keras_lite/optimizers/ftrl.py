"""FTRL-Proximal ("follow the regularized leader"), with L1, L2 and L2-shrinkage regularization."""
from keras_lite import ops
from keras_lite.initializers import Constant
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Ftrl(Optimizer):
    """State per variable: `accumulator` (sum of squared gradients, from initial_accumulator_value) and
    `linear` (the accumulated linear term z); the variable is solved from them in closed form each step."""

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 l2_shrinkage_regularization_strength=0.0, beta=0.0, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        for arg, value in (("initial_accumulator_value", initial_accumulator_value),
                           ("l1_regularization_strength", l1_regularization_strength),
                           ("l2_regularization_strength", l2_regularization_strength),
                           ("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength)):
            if value < 0.0:
                raise ValueError(f"Ftrl: {arg} must be >= 0, got {arg}={value}.")
        if learning_rate_power > 0.0:
            raise ValueError(f"Ftrl: learning_rate_power must be <= 0, got learning_rate_power={learning_rate_power}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.add_optimizer_variables(var_list, ["accumulator", "linear"],
                                     initializer=[Constant(self.initial_accumulator_value), "zeros"])

    def update_step(self, gradient, variable, learning_rate):
        accum, linear = self.slot(variable, "accumulator"), self.slot(variable, "linear")
        power = -self.learning_rate_power
        l2 = ops.add(self.l2_regularization_strength, ops.divide(self.beta, ops.multiply(2.0, learning_rate)))
        shrunk_grad = ops.add(gradient, ops.multiply(2 * self.l2_shrinkage_regularization_strength, variable.value))
        new_accum = ops.add(accum.value, ops.square(gradient))
        sigma = ops.divide(ops.subtract(ops.power(new_accum, power), ops.power(accum.value, power)), learning_rate)
        linear.assign(ops.add(linear.value, ops.subtract(shrunk_grad, ops.multiply(sigma, variable.value))))
        quadratic = ops.add(ops.divide(ops.power(new_accum, power), learning_rate), ops.multiply(2.0, l2))
        l1 = self.l1_regularization_strength
        clipped = ops.clip(linear.value, -l1, l1)
        variable.assign(ops.divide(ops.subtract(clipped, linear.value), quadratic))
        accum.assign(new_accum)

    def get_config(self):
        return {**super().get_config(), "learning_rate_power": self.learning_rate_power,
                "initial_accumulator_value": self.initial_accumulator_value,
                "l1_regularization_strength": self.l1_regularization_strength,
                "l2_regularization_strength": self.l2_regularization_strength,
                "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
                "beta": self.beta}
