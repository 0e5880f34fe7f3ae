"""set_random_seed: one call that makes every source of randomness in a program repeat."""
import random

import numpy as np

from keras_lite.initializers import _counter_rng
from keras_lite.random import seed_generator


def set_random_seed(seed):
    """Seed Python's `random`, NumPy's global generator, keras_lite's initializers and the runtime RNG.

    The runtime RNG (dropout, noise, `keras_lite.random.*` without a seed) restarts from a global
    SeedGenerator whose seed now comes from the seeded Python `random`, so the same program draws the same
    numbers. keras_lite never draws from the engines' own global generators (`torch.manual_seed`,
    `tf.random.set_seed`), so those are left to the user.
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise ValueError(f"set_random_seed: `seed` must be an integer; got {seed!r} of type {type(seed).__name__}.")
    seed = int(seed)
    if not 0 <= seed < 2**32:
        raise ValueError(f"set_random_seed: `seed` must be in [0, 2**32); got {seed}.")
    random.seed(seed)
    np.random.seed(seed)
    _counter_rng.set_global_seed(seed)
    seed_generator.reset_global_seed_generator()
