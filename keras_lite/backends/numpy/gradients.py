"""NumPy: no automatic differentiation (the numpy backend runs inference only)."""


def value_and_grad(fn, variables):
    raise NotImplementedError("The numpy backend cannot compute gradients (value_and_grad): it runs inference only.")
