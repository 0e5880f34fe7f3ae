"""The Metric base class: state variables, updated by ordinary code (DESIGN decision 9).

`update_state` assigns to the metric's variables; `stateless_update_state`
runs the same code inside a StatelessScope to return new values instead (JAX).
Metric state is not saved with the model.
"""
from keras_lite import initializers, ops
from keras_lite.backends import engine
from keras_lite.backends.common import naming
from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.metrics")
class Metric:
    def __init__(self, dtype=None, name=None):
        self.name = name or naming.to_snake_case(type(self).__name__)
        self._dtype = dtype
        self._variables = []

    @property
    def dtype(self):
        from keras_lite.dtype_policies import dtype_policy as policies

        return policies.get(self._dtype).compute_dtype

    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        with naming.name_scope(self.name.replace("/", "_")):
            variable = engine.Variable(initializers.get(initializer), shape=shape, dtype=dtype or self.dtype,
                                       trainable=False, aggregation=aggregation, name=name)
        self._variables.append(variable)
        return variable

    @property
    def variables(self):
        return list(self._variables)

    def update_state(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement update_state().")

    def result(self):
        raise NotImplementedError(f"{type(self).__name__} must implement result().")

    def reset_state(self):
        for v in self._variables:
            v.assign(ops.zeros(v.shape, dtype=v.dtype))

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        with StatelessScope(state_mapping=list(zip(self._variables, metric_variables))) as scope:
            self.update_state(*args, **kwargs)
        return [scope.get_current_value(v) for v in self._variables]

    def stateless_result(self, metric_variables):
        with StatelessScope(state_mapping=list(zip(self._variables, metric_variables))):
            return self.result()

    def stateless_reset_state(self):
        with StatelessScope(state_mapping=[(v, v.value) for v in self._variables]) as scope:
            self.reset_state()
        return [scope.get_current_value(v) for v in self._variables]

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"
