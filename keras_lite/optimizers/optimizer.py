"""The Optimizer base: state variables, gradient clipping, weight decay, and the update loop.

Each optimizer writes its rule once, as ordinary code in `update_step` that
reads and assigns variables (DESIGN decision 9). Eager backends run it as is;
`stateless_apply` runs the same code inside a StatelessScope to get the pure
function that `jax.jit` needs. State: `iterations`, `learning_rate` (a
variable unless a schedule), then the per-variable slots in `build` order;
all are saved with the model, in that order.
"""
from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common import naming
from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.optimizers import schedules
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class Optimizer:
    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if kwargs:
            raise ValueError(f"{type(self).__name__}: unrecognized keyword argument(s) {sorted(kwargs)}.")
        if sum(x is not None for x in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(f"{type(self).__name__}: set at most one of clipnorm, clipvalue, global_clipnorm.")
        if use_ema and not 0 <= ema_momentum <= 1:
            raise ValueError(f"{type(self).__name__}: ema_momentum must be in [0, 1], got {ema_momentum}.")
        if gradient_accumulation_steps is not None:
            raise NotImplementedError(f"{type(self).__name__}: gradient_accumulation_steps is not supported by "
                                      "keras_lite yet; accumulate with a larger batch instead.")
        self.name = name or naming.to_snake_case(type(self).__name__)
        self.weight_decay, self.clipnorm, self.clipvalue, self.global_clipnorm = (
            weight_decay, clipnorm, clipvalue, global_clipnorm)
        self.use_ema, self.ema_momentum, self.ema_overwrite_frequency = use_ema, ema_momentum, ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._variables = []
        self._slots = {}  # id(model variable) -> {slot name: variable}
        self._excluded_from_decay = set()
        self.iterations = self.add_variable((), initializer="zeros", dtype="int32", name="iteration")
        if isinstance(learning_rate, schedules.LearningRateSchedule):
            self._learning_rate = learning_rate
        elif callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            self._learning_rate = self.add_variable((), initializer="zeros", name="learning_rate")
            self._learning_rate.assign(float(learning_rate))

    # -- state -------------------------------------------------------------------
    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none", name=None):
        from keras_lite import initializers

        with naming.name_scope(self.name):
            variable = engine.Variable(initializers.get(initializer), shape=shape, dtype=dtype, trainable=False,
                                       aggregation=aggregation, name=name)
        self._variables.append(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot shaped like a model variable, named `<its path with _>_<name>` (as Keras names them)."""
        slot = self.add_variable(reference_variable.shape, initializer=initializer,
                                 dtype=reference_variable.dtype,
                                 name=f"{reference_variable.path.replace('/', '_')}_{name}")
        self._slots.setdefault(id(reference_variable), {})[name] = slot
        return slot

    def slot(self, variable, name):
        return self._slots[id(variable)][name]

    def build(self, var_list):
        """Create the per-variable state; subclasses add their slots, then call this."""
        if self.use_ema:
            for v in var_list:
                self.add_variable_from_reference(v, "average")
        self._trainable_variables = list(var_list)
        self.built = True

    @property
    def variables(self):
        return list(self._variables)

    @property
    def learning_rate(self):
        return self._current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, value):
        if isinstance(self._learning_rate, engine.Variable):
            self._learning_rate.assign(float(value))
        else:
            raise TypeError(f"{self.name}: the learning rate is a schedule and cannot be assigned a number.")

    def _current_learning_rate(self):
        if isinstance(self._learning_rate, engine.Variable):
            return self._learning_rate.value
        return ops.convert_to_tensor(self._learning_rate(self.iterations.value), dtype="float32")

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        for v in var_list or []:
            self._excluded_from_decay.add(id(v))
        self._excluded_names = tuple(var_names or ())

    def _decays(self, variable):
        if not self.weight_decay or id(variable) in self._excluded_from_decay:
            return False
        return not any(name in variable.path for name in getattr(self, "_excluded_names", ()))

    # -- applying gradients --------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        grads, variables = zip(*grads_and_vars)
        return self.apply(list(grads), list(variables))

    def apply(self, grads, trainable_variables=None):
        """One optimization step: clip, decay, update each variable, count the step."""
        if trainable_variables is None:
            raise ValueError(f"{self.name}.apply needs the trainable variables the gradients belong to.")
        if len(grads) != len(trainable_variables):
            raise ValueError(f"{self.name}: {len(grads)} gradients for {len(trainable_variables)} variables.")
        if not self.built:
            self.build(trainable_variables)
        pairs = [(g, v) for g, v in zip(grads, trainable_variables) if g is not None]
        grads = self._clip([g for g, _ in pairs])
        if self.loss_scale_factor is not None:
            grads = [ops.divide(g, self.loss_scale_factor) for g in grads]
        learning_rate = self._current_learning_rate()
        for grad, variable in zip(grads, [v for _, v in pairs]):
            grad = ops.cast(grad, variable.dtype)
            lr = ops.cast(learning_rate, variable.dtype)
            if self._decays(variable):
                variable.assign(ops.subtract(variable.value, ops.multiply(ops.multiply(variable.value, lr),
                                                                          self.weight_decay)))
            self.update_step(grad, variable, lr)
            if variable.constraint is not None:
                variable.assign(variable.constraint(variable.value))
        if self.use_ema:
            for _, variable in pairs:
                average = self.slot(variable, "average")
                average.assign(ops.add(ops.multiply(average.value, self.ema_momentum),
                                       ops.multiply(variable.value, 1.0 - self.ema_momentum)))
        self.iterations.assign(ops.add(self.iterations.value, 1))

    def finalize_variable_values(self, var_list):
        """With use_ema, copy the moving averages into the variables (call after training)."""
        if self.use_ema:
            for variable in var_list:
                variable.assign(self.slot(variable, "average").value)

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError(f"{type(self).__name__} must implement update_step(gradient, variable, lr).")

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """The pure form of `apply` for the variables given to `build`: values in, new values out
        (for jax.jit). Runs the same update code inside a StatelessScope."""
        if not self.built:
            raise ValueError(f"{self.name}: call build(trainable_variables) before stateless_apply.")
        model_variables = self._trainable_variables
        mapping = list(zip(self._variables, optimizer_variables)) + list(zip(model_variables, trainable_variables))
        with StatelessScope(state_mapping=mapping) as scope:
            self.apply(grads, model_variables)
        return ([scope.get_current_value(v) for v in model_variables],
                [scope.get_current_value(v) for v in self._variables])

    def _clip(self, grads):
        if self.clipvalue is not None:
            return [ops.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        if self.clipnorm is not None:
            return [_clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm is not None:
            norm = ops.sqrt(sum(ops.sum(ops.square(g)) for g in grads))
            scale = ops.minimum(1.0, ops.divide(self.global_clipnorm, ops.maximum(norm, 1e-12)))
            return [ops.multiply(g, ops.cast(scale, ops.dtype(g))) for g in grads]
        return grads

    # -- config ----------------------------------------------------------------------
    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, schedules.LearningRateSchedule):
            from keras_lite.saving import serialization_lib

            lr = serialization_lib.serialize_keras_object(lr)
        elif isinstance(lr, engine.Variable):
            lr = float(ops.convert_to_numpy(lr.value))
        return {"name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency, "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            from keras_lite.saving import serialization_lib

            config["learning_rate"] = serialization_lib.deserialize_keras_object(
                config["learning_rate"], custom_objects=custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _clip_by_norm(grad, clipnorm):
    norm = ops.sqrt(ops.sum(ops.square(grad)))
    return ops.where(ops.greater(norm, clipnorm), ops.multiply(grad, ops.divide(clipnorm, norm)), grad)
