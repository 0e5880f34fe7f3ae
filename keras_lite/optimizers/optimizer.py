"""The Optimizer base: state variables, gradient clipping, weight decay, and the update loop.

Each optimizer writes its rule once, as ordinary code in `update_step` that
reads and assigns variables (DESIGN decision 9). Eager backends run it as is;
`stateless_apply` runs the same code inside a StatelessScope to get the pure
function that `jax.jit` needs. The common rules (SGD, RMSprop, Adam, AdamW)
are written over lists of variables instead, in `_update_lists`, with the
engine's `foreach` arithmetic: torch then updates all variables with one
multi-tensor kernel per operation, not one dispatched op per variable and
operation. Their `update_step` runs that rule on one variable.

Steps that happen only sometimes (gradient accumulation, a loss-scaled step
with non-finite gradients) are not branches: the update runs inside an inner
StatelessScope and each variable then takes `where(condition, new, old)`, which
is the same code on every engine, traced or eager.

State, in order (all saved with the model): `iteration`, `learning_rate` (a
variable unless a schedule or callable), then what `build` adds: `<var>_average`
(use_ema), `<var>_gradient_accumulator` (gradient_accumulation_steps), then the
subclass's slots, named `<variable path with _>_<slot>` as Keras names them.
"""
import re
import warnings

from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common import naming
from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.optimizers import schedules
from keras_lite.saving.object_registration import keras_class

foreach = engine.foreach  # the list arithmetic of the built-in rules (imported by their modules)


@keras_class("keras.optimizers")
class Optimizer:
    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        cls = type(self).__name__
        if kwargs.pop("decay", None) is not None:
            warnings.warn(f"{cls}: the `decay` argument is no longer supported and is ignored.", stacklevel=2)
        if kwargs:
            raise ValueError(f"{cls}: unrecognized keyword argument(s) {sorted(kwargs)}.")
        if sum(x is not None for x in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(f"{cls}: set at most one of clipnorm, clipvalue, global_clipnorm; got "
                             f"clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}.")
        if use_ema:
            if not 0 <= ema_momentum <= 1:
                raise ValueError(f"{cls}: ema_momentum must be in [0, 1], got {ema_momentum}.")
            if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                            or ema_overwrite_frequency < 1):
                raise ValueError(f"{cls}: ema_overwrite_frequency must be an integer >= 1 or None, got "
                                 f"{ema_overwrite_frequency!r}.")
        if gradient_accumulation_steps and (not isinstance(gradient_accumulation_steps, int)
                                            or gradient_accumulation_steps < 2):
            raise ValueError(f"{cls}: gradient_accumulation_steps must be an integer >= 2, got "
                             f"{gradient_accumulation_steps!r}.")
        self.name = name or naming.to_snake_case(cls)
        self.weight_decay, self.clipnorm, self.clipvalue, self.global_clipnorm = (
            weight_decay, clipnorm, clipvalue, global_clipnorm)
        self.use_ema, self.ema_momentum, self.ema_overwrite_frequency = use_ema, ema_momentum, ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._index = {}  # id(model variable) -> position in the built list
        self._slots = {}  # id(model variable) -> {slot name: variable}
        self._excluded_from_decay = set()
        self._excluded_pattern = None
        self._iterations = self.add_variable((), initializer="zeros", dtype="int32",
                                             aggregation="only_first_replica", name="iteration")
        if isinstance(learning_rate, schedules.LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            try:
                value = float(learning_rate)
            except (TypeError, ValueError):
                raise ValueError(f"{cls}: learning_rate must be a float, a LearningRateSchedule or a callable, "
                                 f"got {learning_rate!r}.") from None
            self._learning_rate = self.add_variable((), initializer="zeros", aggregation="only_first_replica",
                                                    name="learning_rate")
            self._learning_rate.assign(value)

    # -- state -------------------------------------------------------------------
    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none", layout=None, name=None):
        from keras_lite import initializers

        with naming.name_scope(self.name, owner=self):
            variable = engine.Variable(initializers.get(initializer), shape=shape, dtype=dtype, trainable=False,
                                       aggregation=aggregation, name=name, layout=layout)
        self._variables.append(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot shaped like a model variable, named `<its path with _>_<name>` (as Keras names them)."""
        name = name or "var"
        prefix = getattr(reference_variable, "path", None) or str(reference_variable.name).replace(":", "_")
        slot = self.add_variable(reference_variable.shape, initializer=initializer,
                                 dtype=reference_variable.dtype, layout=getattr(reference_variable, "layout", None),
                                 name=f"{prefix.replace('/', '_')}_{name}")
        self._slots.setdefault(id(reference_variable), {})[name] = slot
        return slot

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One slot per variable and name, interleaved per variable (Keras's order). Variables with
        `overwrite_with_gradient` get None. One name -> a list; several names -> a tuple of lists."""
        names = [name] if isinstance(name, str) else list(name)
        inits = initializer if isinstance(initializer, (list, tuple)) else [initializer] * len(names)
        if len(inits) != len(names):
            raise ValueError(f"{self.name}: {len(names)} slot names but {len(inits)} initializers.")
        out = tuple([] for _ in names)
        for variable in trainable_variables:
            for lst, slot_name, init in zip(out, names, inits):
                lst.append(None if variable.overwrite_with_gradient
                           else self.add_variable_from_reference(variable, slot_name, initializer=init))
        return out[0] if isinstance(name, str) else out

    def slot(self, variable, name):
        return self._slots[id(variable)][name]

    def build(self, var_list):
        """Create the per-variable state; subclasses call this first, then add their slots."""
        var_list = list(var_list)
        self._trainable_variables = var_list
        self._index = {id(v): i for i, v in enumerate(var_list)}
        if self.use_ema:
            self._averages = self.add_optimizer_variables(var_list, "average")
        if self.gradient_accumulation_steps:
            self._accumulators = [self.add_variable_from_reference(v, "gradient_accumulator") for v in var_list]
        self.built = True

    def _get_variable_index(self, variable):
        return self._index[id(variable)]

    @property
    def variables(self):
        return list(self._variables)

    @property
    def iterations(self):
        """The step count: the variable, or (with gradient accumulation) a tensor, the count of real updates."""
        return self._step_count() if self.gradient_accumulation_steps else self._iterations

    def _step_count(self):
        """`iterations` as a tensor, for use inside update rules."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(self._iterations.value, self.gradient_accumulation_steps)
        return self._iterations.value

    def _local_step(self, dtype):
        """The 1-based number of the update being made, as `dtype`."""
        return ops.cast(ops.add(self._step_count(), 1), dtype)

    @property
    def learning_rate(self):
        return self._current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, value):
        if isinstance(value, schedules.LearningRateSchedule) or callable(value):
            if isinstance(self._learning_rate, engine.Variable):
                self._variables = [v for v in self._variables if v is not self._learning_rate]
            self._learning_rate = value
        elif isinstance(self._learning_rate, engine.Variable):
            self._learning_rate.assign(float(value))
        else:
            raise TypeError(f"{self.name}: the learning rate is a schedule or callable and cannot be assigned a "
                            "number; create the optimizer with a float learning_rate to set it.")

    def _current_learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, engine.Variable):
            return lr.value
        if isinstance(lr, schedules.LearningRateSchedule):
            return ops.convert_to_tensor(lr(self._iterations.value), dtype="float32")
        return ops.convert_to_tensor(lr(), dtype="float32")

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Skip weight decay for these variables, and for variables whose name contains any of `var_names`."""
        self._excluded_from_decay = {id(v) for v in var_list or ()}
        self._excluded_pattern = re.compile("|".join(set(var_names))) if var_names else None

    def _use_weight_decay(self, variable):
        if id(variable) in self._excluded_from_decay:
            return False
        return self._excluded_pattern is None or self._excluded_pattern.search(variable.name) is None

    # -- writing variables (Keras's hooks; user optimizers may call them) ------------
    def assign(self, variable, value):
        variable.assign(value)

    def assign_add(self, variable, value):
        variable.assign(ops.add(variable.value, value))

    def assign_sub(self, variable, value):
        variable.assign(ops.subtract(variable.value, value))

    # -- applying gradients --------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        grads, variables = zip(*grads_and_vars)
        self.apply(list(grads), list(variables))
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """One optimization step: unscale, clip, decay, update each variable, average, count the step.

        Without `trainable_variables` the gradients go to the variables given to `build`, in order."""
        grads = list(grads)
        if not grads:
            return
        trainable_variables = self._resolve_variables(grads, trainable_variables)
        pairs = [(g, v) for g, v in zip(grads, trainable_variables) if g is not None]
        if not pairs:
            raise ValueError(f"{self.name}: no gradients provided for any variable.")
        if len(pairs) < len(grads):
            missing = [v.path for g, v in zip(grads, trainable_variables) if g is None]
            warnings.warn(f"{self.name}: no gradients for variables {missing}; they are not updated.",
                          stacklevel=2)
        pairs = self._overwrite_with_gradients(pairs)
        if pairs:
            grads, variables = [g for g, _ in pairs], [v for _, v in pairs]
            if self.loss_scale_factor is not None:
                grads = [ops.divide(g, self.loss_scale_factor) for g in grads]
            self._apply_gradients(grads, variables)
            for variable in variables:
                if variable.constraint is not None:
                    variable.assign(variable.constraint(variable.value))
        self._iterations.assign(ops.add(self._iterations.value, 1))

    def _resolve_variables(self, grads, trainable_variables):
        if trainable_variables is None:
            if not self.built:
                raise ValueError(f"{self.name}: apply() without trainable_variables needs a built optimizer; "
                                 "call build(trainable_variables) first.")
            trainable_variables = self._trainable_variables
        trainable_variables = list(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(f"{self.name}: {len(grads)} gradients for {len(trainable_variables)} variables.")
        if not self.built:
            with naming.name_scope(self.name, owner=self):
                self.build(trainable_variables)
        for v in trainable_variables:
            if id(v) not in self._index:
                raise ValueError(f"{self.name}: unknown variable {getattr(v, 'path', v)!r}; an optimizer only "
                                 "updates the variables it was built with. Create a new optimizer for new ones.")
        return trainable_variables

    def _apply_gradients(self, grads, variables):
        """Accumulate or update, then keep the moving averages."""
        if self.gradient_accumulation_steps:
            steps = self.gradient_accumulation_steps
            is_update = ops.equal(ops.mod(ops.add(self._iterations.value, 1), steps), 0)
            accumulators = [self._accumulators[self._get_variable_index(v)] for v in variables]
            totals = [ops.add(a.value, ops.cast(g, a.dtype)) for g, a in zip(grads, accumulators)]
            self.run_where(is_update, lambda: self._update([ops.divide(t, steps) for t in totals], variables))
            for a, total in zip(accumulators, totals):
                a.assign(ops.where(is_update, ops.zeros_like(total), total))
        else:
            self._update(grads, variables)
        if self.use_ema:
            self._update_moving_averages()

    def _update(self, grads, variables):
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(variables)
        learning_rate = self._current_learning_rate()
        grads = [ops.cast(g, v.dtype) for g, v in zip(grads, variables)]
        if _rule_over_lists(type(self)):
            for dtype, (group_grads, group_variables) in _by_dtype(grads, variables).items():
                self._update_lists(group_grads, group_variables, ops.cast(learning_rate, dtype))
        else:
            for grad, variable in zip(grads, variables):
                self.update_step(grad, variable, ops.cast(learning_rate, variable.dtype))

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError(f"{type(self).__name__} must implement update_step(gradient, variable, lr).")

    def run_where(self, condition, fn):
        """Run `fn` (which assigns variables) so that its assignments take effect only where `condition`
        (a scalar boolean tensor) holds. Works eagerly and under tracing alike."""
        watched = {id(v): v for v in list(self._trainable_variables) + self.variables}
        mapping = [(v, v.value) for v in watched.values()]
        with StatelessScope(state_mapping=mapping) as scope:
            fn()
        for variable, new in scope.updates():
            variable.assign(ops.where(condition, new, variable.value))

    def _apply_weight_decay(self, variables):
        if self.weight_decay is None:
            return
        lr = self._current_learning_rate()
        for variable in variables:
            if self._use_weight_decay(variable):
                decay = ops.multiply(ops.multiply(variable.value, ops.cast(self.weight_decay, variable.dtype)),
                                     ops.cast(lr, variable.dtype))
                variable.assign(ops.subtract(variable.value, decay))

    def _overwrite_with_gradients(self, pairs):
        """Variables marked `overwrite_with_gradient` (float8 scales) take their gradient as new value;
        under accumulation, the largest gradient seen since the last update."""
        rest = []
        for g, v in pairs:
            if not v.overwrite_with_gradient:
                rest.append((g, v))
            elif self.gradient_accumulation_steps:
                is_update = ops.equal(ops.mod(ops.add(self._iterations.value, 1),
                                              self.gradient_accumulation_steps), 0)
                acc = self._accumulators[self._get_variable_index(v)]
                largest = ops.maximum(ops.cast(g, acc.dtype), acc.value)
                v.assign(ops.where(is_update, largest, v.value))
                acc.assign(ops.where(is_update, ops.zeros_like(largest), largest))
            else:
                v.assign(g)
        return rest

    def _update_moving_averages(self):
        step = self._step_count()
        for variable, average in zip(self._trainable_variables, self._averages):
            if average is None:
                continue
            momentum = ops.multiply(ops.cast(ops.not_equal(step, 0), average.dtype), self.ema_momentum)
            average.assign(ops.add(ops.multiply(momentum, average.value),
                                   ops.multiply(ops.subtract(1.0, momentum), variable.value)))
        if self.ema_overwrite_frequency:
            overwrite = ops.equal(ops.mod(ops.add(step, 1), self.ema_overwrite_frequency), 0)
            for variable, average in zip(self._trainable_variables, self._averages):
                if average is not None:
                    variable.assign(ops.where(overwrite, average.value, variable.value))

    def finalize_variable_values(self, var_list):
        """With use_ema, copy the moving averages into the variables (fit does this after training)."""
        if self.use_ema:
            if len(var_list) != len(self._averages):
                raise ValueError(f"{self.name}: finalize_variable_values got {len(var_list)} variables, but the "
                                 f"optimizer was built with {len(self._averages)}.")
            for variable, average in zip(var_list, self._averages):
                if average is not None:
                    variable.assign(average.value)

    def scale_loss(self, loss):
        """The loss to differentiate: multiplied by `loss_scale_factor` when one is set."""
        if self.loss_scale_factor is not None:
            return ops.multiply(loss, self.loss_scale_factor)
        return loss

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """The pure form of `apply` for the variables given to `build`: values in, new values out
        (for jax.jit). Runs the same update code inside a StatelessScope."""
        if not self.built:
            raise ValueError(f"{self.name}: call build(trainable_variables) before stateless_apply.")
        own, model = self.variables, self._trainable_variables
        optimizer_variables, trainable_variables = list(optimizer_variables), list(trainable_variables)
        if len(optimizer_variables) != len(own):
            raise ValueError(f"{self.name}.stateless_apply: optimizer_variables has {len(optimizer_variables)} "
                             f"values for {len(own)} optimizer variables.")
        if len(trainable_variables) != len(model):
            raise ValueError(f"{self.name}.stateless_apply: trainable_variables has {len(trainable_variables)} "
                             f"values, but the optimizer was built with {len(model)} variables.")
        mapping = list(zip(model, trainable_variables)) + list(zip(own, optimizer_variables))
        with StatelessScope(state_mapping=mapping) as scope:
            self.apply(grads)
        return [scope.get_current_value(v) for v in model], [scope.get_current_value(v) for v in own]

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [_clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return _clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            return [ops.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    # -- weights and config ---------------------------------------------------------
    def set_weights(self, weights):
        if not self.built:
            raise ValueError(f"{self.name}: set_weights() needs a built optimizer; call build() first.")
        variables = self.variables
        if len(weights) != len(variables):
            raise ValueError(f"{self.name}: set_weights got {len(weights)} arrays for {len(variables)} variables.")
        for variable, weight in zip(variables, weights):
            if tuple(variable.shape) != tuple(ops.shape(weight)):
                raise ValueError(f"{self.name}: variable {variable.path!r} has shape {variable.shape}, the "
                                 f"weight given for it has shape {tuple(ops.shape(weight))}.")
            variable.assign(weight)

    def save_own_variables(self, store):
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        variables = self.variables
        if len(store.keys()) != len(variables):
            warnings.warn(f"Skipping variable loading for optimizer {self.name!r}: it has {len(variables)} "
                          f"variables, the saved one has {len(store.keys())}.", stacklevel=2)
            return
        for i, variable in enumerate(variables):
            variable.assign(store[str(i)])

    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, engine.Variable):
            lr = float(ops.convert_to_numpy(lr.value))
        else:
            from keras_lite.saving import serialization_lib

            lr = serialization_lib.serialize_keras_object(lr)
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


def _rule_over_lists(cls):
    """Whether `cls` updates through `_update_lists`: the class that gives it `update_step` also wrote
    `_update_lists` (a subclass that overrides `update_step` keeps its own rule)."""
    owner = next(k for k in cls.__mro__ if "update_step" in vars(k))
    return "_update_lists" in vars(owner)


def _by_dtype(grads, variables):
    """{dtype: (grads, variables)}: `_update_lists` takes variables of one dtype (one learning-rate cast)."""
    groups = {}
    for grad, variable in zip(grads, variables):
        group = groups.setdefault(variable.dtype, ([], []))
        group[0].append(grad)
        group[1].append(variable)
    return groups


def _clip_by_norm(grad, clipnorm):
    """grad * clipnorm / max(||grad||, clipnorm)."""
    squares = ops.sum(ops.square(grad))
    norm = ops.sqrt(squares)
    return ops.divide(ops.multiply(grad, clipnorm), ops.maximum(norm, ops.cast(clipnorm, ops.dtype(norm))))


def _clip_by_global_norm(grads, clipnorm):
    """Scale all gradients by clipnorm / max(global norm, clipnorm); a non-finite norm gives NaN."""
    norm = ops.sqrt(ops.sum(ops.stack([ops.sum(ops.square(ops.cast(g, "float32"))) for g in grads])))
    scale = ops.multiply(clipnorm, ops.minimum(ops.divide(1.0, norm), 1.0 / clipnorm))
    scale = ops.add(scale, ops.subtract(norm, norm))
    return [ops.multiply(g, ops.cast(scale, ops.dtype(g))) for g in grads]
