"""SeedGenerator: the state behind runtime randomness (DESIGN decision 10).

A SeedGenerator owns one non-trainable Variable, `state`, of shape (2,):
`[seed, counter]`. Each `next()` returns the current state and advances the
counter, so successive draws differ and replay from the initial seed. The
state is read and assigned like any Variable, so inside a StatelessScope
that maps it to a traced value (jax.jit) the advance lands in
`scope.updates()` instead of the variable. The state is not saved in files.
"""
import numbers
import random as python_random

from keras_lite.backends import engine
from keras_lite.backends.common import naming
from keras_lite.backends.common.stateless_scope import get_stateless_scope

_global = {"generator": None}


class SeedGenerator:
    """Yields a fresh seed per call of a random op: pass it as `seed=`.

    `seed=None` picks the initial seed from Python's `random` module (so
    `random.seed` / `keras.utils.set_random_seed` make it reproducible).
    """

    def __init__(self, seed=None, name=None, **kwargs):
        kwargs.pop("backend", None)  # Keras passes its backend module here; there is one engine.
        if kwargs:
            raise ValueError(f"SeedGenerator: unrecognized keyword arguments {sorted(kwargs)}.")
        self.name = name or naming.auto_name("seed_generator")
        self._initial_seed = seed
        if seed is None:
            seed = make_default_seed()
        if not _is_int(seed):
            raise ValueError(f"SeedGenerator: `seed` must be an integer or None, got {seed!r}.")
        dtype = engine.random.seed_dtype()
        with naming.name_scope(self.name):
            self.state = engine.Variable(_to_state(int(seed), 0), shape=(2,), dtype=dtype, trainable=False,
                                         name="seed_generator_state")
        self._step = engine.convert_to_tensor([0, 1], dtype=dtype)

    def next(self, ordered=True):
        """The current (2,) seed; advances the state. `ordered=False` scrambles it instead."""
        value = self.state.value
        seed = value * 1  # a copy: engines that assign in place would change `value`.
        new = value + self._step if ordered else (value + 1) * 5387 % 933199
        if engine.random.needs_stateless_scope(new) and not _mapped_in_scope(self.state):
            raise ValueError(
                f"SeedGenerator {self.name!r} was used inside a traced function (jax.jit, grad, vmap) "
                "without a StatelessScope mapping its `state` variable to a value: its advance would "
                "be lost. Run the function inside `StatelessScope([(generator.state, value), ...])` "
                "and write back `scope.updates()`.")
        self.state.assign(new)
        return seed

    def get_config(self):
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<SeedGenerator name={self.name}, seed={self._initial_seed}>"


def _is_int(x):
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def _to_state(seed, counter):
    """Seeds are 32-bit words; larger or negative ints wrap so every seed dtype holds them."""
    return [seed & 0xFFFFFFFF, counter]


def _mapped_in_scope(variable):
    scope = get_stateless_scope()
    return scope is not None and scope.get_current_value(variable) is not None


def make_default_seed():
    return python_random.randint(1, 10**9)


def global_seed_generator():
    """The SeedGenerator behind `seed=None`, made on first use."""
    if _global["generator"] is None:
        _global["generator"] = SeedGenerator(name="global_seed_generator")
    return _global["generator"]


def reset_global_seed_generator():
    """Forget the global generator; the next unseeded draw makes a new one (from Python's `random`)."""
    _global["generator"] = None


def draw_seed(seed):
    """The (2,) engine tensor a backend random function takes, from None, an int or a SeedGenerator."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if _is_int(seed):
        return engine.convert_to_tensor(_to_state(int(seed), 0), dtype=engine.random.seed_dtype())
    if seed is None:
        generator = global_seed_generator()
        try:
            return generator.next()
        except ValueError:
            raise ValueError(
                "An unseeded random op (seed=None) ran inside a traced function: its numbers would be "
                "frozen into the trace. Create a `keras_lite.random.SeedGenerator`, pass it as `seed=` "
                "and map its `state` in the StatelessScope of the traced function.") from None
    raise ValueError(f"`seed` must be None, an integer or a SeedGenerator, got {type(seed).__name__}: {seed!r}.")
