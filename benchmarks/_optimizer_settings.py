"""The optimizer settings every framework uses in the benchmarks: Keras's defaults at learning rate 1e-3."""
OPTIMIZER_DEFAULTS = {
    "rmsprop": {"learning_rate": 1e-3, "rho": 0.9, "epsilon": 1e-7},
    "adam": {"learning_rate": 1e-3, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7},
}
