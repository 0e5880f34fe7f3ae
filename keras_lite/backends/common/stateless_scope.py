"""Runs ordinary stateful code purely (DESIGN decision 9).

Inside a StatelessScope, reading a Variable returns the value mapped to it
and assigning to it records the new value instead of changing the variable,
so an update rule written once as plain code yields the pure function that
jax.jit needs.
"""
import threading


class _Local(threading.local):
    scope = None  # a class default: reading it needs no getattr fallback (Variable.value reads it per op)


state = _Local()


class StatelessScope:
    """`collect_losses`: losses added by layers inside are kept in `losses` (for a pure train step).
    `initialize_variables`: accepted for Keras compatibility (variables here are created initialized)."""

    def __init__(self, state_mapping=None, collect_losses=False, initialize_variables=True):
        self.collect_losses = collect_losses
        self.initialize_variables = initialize_variables
        self.losses = []
        self._values = {}
        self._variables = {}
        for variable, value in state_mapping or ():
            self._values[id(variable)] = variable._convert_to_tensor(value, variable.dtype)
            self._variables[id(variable)] = variable
        self._updates = {}

    def __enter__(self):
        self._previous = state.scope
        state.scope = self
        return self

    def __exit__(self, *exc):
        state.scope = self._previous

    def get_current_value(self, variable):
        key = id(variable)
        if key in self._updates:
            return self._updates[key]
        return self._values.get(key)

    def add_update(self, variable, value):
        self._updates[id(variable)] = value
        self._variables[id(variable)] = variable

    def updates(self):
        """[(variable, new_value)] in assignment order."""
        return [(self._variables[k], v) for k, v in self._updates.items()]


def get_stateless_scope():
    return state.scope


def in_stateless_scope():
    return state.scope is not None
