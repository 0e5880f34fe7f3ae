"""PyTorch: arithmetic over lists of tensors for the built-in optimizer rules, one multi-tensor call
(`torch._foreach_*`) per operation instead of one op per variable. Each runs the single-tensor kernel
on every element, so the numbers are those of the per-variable ops.

`ys` is a list of the same length as `xs`, or one Python number or 0-d tensor for every element.

The variants ending in `_` overwrite `xs` (temporaries the caller made) and return it, and `add_to` /
`subtract_from` update the variables' tensors in place: a new tensor per element and step would cost
more than the arithmetic for large weights (fresh memory is page-faulted in on every step)."""
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


def _in_place(kernel):
    def over_temporaries(xs, *ys):
        kernel(xs, *ys)
        return xs
    return over_temporaries


add_, subtract_, multiply_, divide_, sqrt_ = map(_in_place, (torch._foreach_add_, torch._foreach_sub_,
                                                             torch._foreach_mul_, torch._foreach_div_,
                                                             torch._foreach_sqrt_))


def add_to(variables, ys):
    _update(variables, ys, torch._foreach_add_, add)


def subtract_from(variables, ys):
    _update(variables, ys, torch._foreach_sub_, subtract)


def _update(variables, ys, in_place, functional):
    """The variables' tensors updated in place; inside a StatelessScope, the new values recorded instead."""
    if get_stateless_scope() is not None:
        _each.assign(variables, functional([v.value for v in variables], ys))
        return
    with torch.no_grad():
        in_place([v._value for v in variables], ys)


def assign(variables, values):
    """Copy every value into its variable at once; inside a StatelessScope, record the values instead."""
    if get_stateless_scope() is not None:
        _each.assign(variables, values)
        return
    with torch.no_grad():
        torch._foreach_copy_([v._value for v in variables], values)
