"""Elementwise numpy-style ops: unary math, broadcasting arithmetic, comparisons, logic, bits."""
from keras_lite.backends import engine
from keras_lite.ops._dispatch import keras_op
from keras_lite.ops._shapes import elementwise_spec, float_dtype

__all__ = ["add", "subtract", "multiply", "exp", "sqrt"]


@keras_op(spec=elementwise_spec())
def add(x1, x2):
    """Elementwise `x1 + x2` with broadcasting."""
    return engine.elementwise.add(x1, x2)


@keras_op(spec=elementwise_spec())
def subtract(x1, x2):
    return engine.elementwise.subtract(x1, x2)


@keras_op(spec=elementwise_spec())
def multiply(x1, x2):
    return engine.elementwise.multiply(x1, x2)


@keras_op(spec=elementwise_spec(float_dtype))
def exp(x):
    return engine.elementwise.exp(x)


@keras_op(spec=elementwise_spec(float_dtype))
def sqrt(x):
    return engine.elementwise.sqrt(x)
