"""MultiOptimizer: different optimizers for different variables, chosen by an OptimizerMap
(variable path -> optimizer: exact key first, then keys as full-match regular expressions)."""
import re
from collections.abc import MutableMapping

from keras_lite import ops
from keras_lite.optimizers.loss_scale_optimizer import LossScaleOptimizer
from keras_lite.optimizers.optimizer import Optimizer
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.optimizers")
class OptimizerMap(MutableMapping):
    """Maps variable paths to optimizers; a variable no key matches gets `default_optimizer`."""

    def __init__(self, default_optimizer, optimizer_map=None):
        if not isinstance(default_optimizer, Optimizer):
            raise TypeError(f"OptimizerMap: default_optimizer must be an Optimizer, got {default_optimizer!r}.")
        if optimizer_map is not None and not isinstance(optimizer_map, dict):
            raise TypeError(f"OptimizerMap: optimizer_map must be a dict, got {optimizer_map!r}.")
        self._default_optimizer = default_optimizer
        self._optimizer_map = {}
        for key, optimizer in (optimizer_map or {}).items():
            self[key] = optimizer

    @property
    def default_optimizer(self):
        return self._default_optimizer

    def __getitem__(self, path):
        if path in self._optimizer_map:
            return self._optimizer_map[path]
        matches = [key for key in self._optimizer_map if re.fullmatch(key, path)]
        if len(matches) > 1:
            raise ValueError(f"OptimizerMap: variable {path!r} matches several keys: {matches}.")
        return self._optimizer_map[matches[0]] if matches else self._default_optimizer

    def __setitem__(self, key, optimizer):
        if not isinstance(key, str):
            raise ValueError(f"OptimizerMap: keys must be strings, got {key!r}.")
        if key in self._optimizer_map:
            raise ValueError(f"OptimizerMap: key {key!r} is already mapped to {self._optimizer_map[key]!r}.")
        if not isinstance(optimizer, Optimizer):
            raise ValueError(f"OptimizerMap: the value for {key!r} must be an Optimizer, got {optimizer!r}.")
        if isinstance(optimizer, (LossScaleOptimizer, MultiOptimizer)):
            raise ValueError(f"OptimizerMap: the value for {key!r} cannot be a {type(optimizer).__name__}.")
        self._optimizer_map[key] = optimizer

    def __delitem__(self, key):
        del self._optimizer_map[key]

    def __len__(self):
        return len(self._optimizer_map)

    def __iter__(self):
        return iter(self._optimizer_map)

    def __call__(self, variable):
        return self[variable.path]

    def get_config(self):
        return {"default_optimizer": serialization_lib.serialize_keras_object(self._default_optimizer),
                "optimizer_map": serialization_lib.serialize_keras_object(self._optimizer_map)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(serialization_lib.deserialize_keras_object(config["default_optimizer"], custom_objects),
                   serialization_lib.deserialize_keras_object(config["optimizer_map"], custom_objects))


@keras_class("keras.optimizers")
class MultiOptimizer(Optimizer):
    """State: its own `iteration` and `learning_rate` (unused), then each inner optimizer's variables,
    in the order the optimizers were first met (the map's values, its default, then any the map
    returns for a variable). Each inner optimizer keeps its own step count."""

    def __init__(self, optimizer_map, loss_scale_factor=None, name=None):
        super().__init__(learning_rate=0.0, name=name)
        self._optimizer_map = optimizer_map
        self._inner_optimizers = []
        candidates = list(optimizer_map.values()) if hasattr(optimizer_map, "values") else []
        default = getattr(optimizer_map, "default_optimizer", None)
        for opt in candidates + ([default] if default is not None else []):
            if not any(opt is o for o in self._inner_optimizers):
                self._inner_optimizers.append(opt)
        self.loss_scale_factor = loss_scale_factor

    @property
    def loss_scale_factor(self):
        return getattr(self, "_loss_scale_factor", None)

    @loss_scale_factor.setter
    def loss_scale_factor(self, value):
        self._loss_scale_factor = value
        for opt in getattr(self, "_inner_optimizers", ()):
            opt.loss_scale_factor = value

    def build(self, var_list):
        if self.built:
            return
        var_list = list(var_list)
        self._owner = {}
        groups = {}
        for var in var_list:
            opt = self._optimizer_map(var)
            if not isinstance(opt, Optimizer):
                raise ValueError(f"MultiOptimizer: the optimizer for variable {var.path!r} is not an Optimizer: "
                                 f"{opt!r}.")
            if isinstance(opt, (LossScaleOptimizer, MultiOptimizer)):
                raise ValueError(f"MultiOptimizer: variable {var.path!r} maps to a {type(opt).__name__}, which "
                                 "cannot be nested in a MultiOptimizer.")
            if not any(opt is o for o in self._inner_optimizers):
                opt.loss_scale_factor = self.loss_scale_factor
                self._inner_optimizers.append(opt)
            self._owner[id(var)] = opt
            groups.setdefault(id(opt), []).append(var)
        for opt in self._inner_optimizers:
            if id(opt) in groups:
                opt.build(groups[id(opt)])
        super().build(var_list)

    @property
    def optimizers(self):
        return list(self._inner_optimizers)

    @property
    def variables(self):
        out = list(self._variables)
        for opt in self._inner_optimizers:
            out.extend(opt.variables)
        return out

    @property
    def learning_rate(self):
        raise AttributeError("MultiOptimizer has no single learning rate; read it on the inner optimizers.")

    @learning_rate.setter
    def learning_rate(self, value):
        raise AttributeError("MultiOptimizer has no single learning rate; set it on the inner optimizers.")

    def apply(self, grads, trainable_variables=None):
        grads = list(grads)
        if not grads:
            return
        trainable_variables = self._resolve_variables(grads, trainable_variables)
        groups = {}
        for grad, var in zip(grads, trainable_variables):
            opt = self._owner[id(var)]
            groups.setdefault(id(opt), (opt, [], []))
            groups[id(opt)][1].append(grad)
            groups[id(opt)][2].append(var)
        for opt in self._inner_optimizers:
            if id(opt) in groups:
                _, sub_grads, sub_vars = groups[id(opt)]
                opt.apply(sub_grads, sub_vars)
        self._iterations.assign(ops.add(self._iterations.value, 1))

    def finalize_variable_values(self, var_list):
        for opt in self._inner_optimizers:
            mine = [v for v in var_list if self._owner.get(id(v)) is opt]
            if mine:
                opt.finalize_variable_values(mine)

    def get_config(self):
        return {"optimizer_map": serialization_lib.serialize_keras_object(self._optimizer_map),
                "loss_scale_factor": self.loss_scale_factor, "name": self.name}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["optimizer_map"] = serialization_lib.deserialize_keras_object(config["optimizer_map"],
                                                                             custom_objects=custom_objects)
        return cls(**config)
