"""`keras_lite.random`: random ops driven by the engine's RNG through SeedGenerator."""
from keras_lite.random.random import (beta, binomial, categorical, dropout, gamma, normal, randint, shuffle,
                                      truncated_normal, uniform)
from keras_lite.random.seed_generator import SeedGenerator

__all__ = ["SeedGenerator", "beta", "binomial", "categorical", "dropout", "gamma", "normal", "randint",
           "shuffle", "truncated_normal", "uniform"]
