"""PyTorch: gradients of a scalar function of Variables, by autograd."""
import torch


def value_and_grad(fn, variables):
    """(fn(), [d fn / d v for v in variables]); a variable the value does not depend on gets zeros."""
    params = [v.value for v in variables]
    with torch.enable_grad():
        value = fn()
        grads = torch.autograd.grad(value, params, allow_unused=True)
    return value.detach(), [torch.zeros_like(p) if g is None else g for p, g in zip(params, grads)]
