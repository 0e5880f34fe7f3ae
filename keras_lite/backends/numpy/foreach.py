"""NumPy: arithmetic over lists of tensors for the built-in optimizer rules, one op per element."""
from keras_lite.backends.common import foreach as _each
from keras_lite.backends.numpy import elementwise as _e


def add(xs, ys):
    return _each.binary(_e.add, xs, ys)


def subtract(xs, ys):
    return _each.binary(_e.subtract, xs, ys)


def multiply(xs, ys):
    return _each.binary(_e.multiply, xs, ys)


def divide(xs, ys):
    return _each.binary(_e.divide, xs, ys)


def maximum(xs, ys):
    return _each.binary(_e.maximum, xs, ys)


def square(xs):
    return [_e.square(x) for x in xs]


def sqrt(xs):
    return [_e.sqrt(x) for x in xs]


def assign(variables, values):
    _each.assign(variables, values)
