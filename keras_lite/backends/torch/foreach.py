"""PyTorch: arithmetic over lists of tensors for the built-in optimizer rules, one multi-tensor call
(`torch._foreach_*`) per operation instead of one op per variable. Each runs the single-tensor kernel
on every element, so the numbers are those of the per-variable ops.

`ys` is a list of the same length as `xs`, or one Python number or 0-d tensor for every element."""
import torch

from keras_lite.backends.common import foreach as _each
from keras_lite.backends.common.stateless_scope import get_stateless_scope


def add(xs, ys):
    return torch._foreach_add(xs, ys)


def subtract(xs, ys):
    return torch._foreach_sub(xs, ys)


def multiply(xs, ys):
    return torch._foreach_mul(xs, ys)


def divide(xs, ys):
    return torch._foreach_div(xs, ys)


def maximum(xs, ys):
    return torch._foreach_maximum(xs, ys)


def square(xs):
    return torch._foreach_pow(xs, 2)  # torch.square is pow(x, 2)


def sqrt(xs):
    return torch._foreach_sqrt(xs)


def assign(variables, values):
    """Copy every value into its variable at once; inside a StatelessScope, record the values instead."""
    if get_stateless_scope() is not None:
        _each.assign(variables, values)
        return
    with torch.no_grad():
        torch._foreach_copy_([v._value for v in variables], values)
