"""Python operators on KerasTensor and Variable, routed through the public ops.

Installed here (the ops layer) rather than in `backends/common`, so that the
common classes never import from above them. On a KerasTensor an operator
records a graph node; on a Variable it computes with the variable's value.
"""
from keras_lite import ops as _ops
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.backends.common.variable import Variable

_BINARY = {
    "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "true_divide",
    "floordiv": "floor_divide", "mod": "mod", "pow": "power", "matmul": "matmul",
    "and": "logical_and", "or": "logical_or", "xor": "logical_xor",
}
_COMPARISONS = {"lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal"}
_UNARY = {"neg": "negative", "abs": "absolute", "invert": "logical_not"}


def _binary(op_name, reflected):
    def method(self, other):
        op = getattr(_ops, op_name)
        return op(other, self) if reflected else op(self, other)

    return method


def _unary(op_name):
    def method(self):
        return getattr(_ops, op_name)(self)

    return method


def install(cls):
    for dunder, op_name in _BINARY.items():
        setattr(cls, f"__{dunder}__", _binary(op_name, reflected=False))
        setattr(cls, f"__r{dunder}__", _binary(op_name, reflected=True))
    for dunder, op_name in _COMPARISONS.items():
        setattr(cls, f"__{dunder}__", _binary(op_name, reflected=False))
    for dunder, op_name in _UNARY.items():
        setattr(cls, f"__{dunder}__", _unary(op_name))
    cls.__pos__ = lambda self: self
    cls.__getitem__ = lambda self, key: _ops.get_item(self, key)
    cls.__round__ = lambda self, ndigits=0: _ops.round(self, ndigits)


install(KerasTensor)
install(Variable)
Variable.__eq__ = _binary("equal", reflected=False)
Variable.__ne__ = _binary("not_equal", reflected=False)
Variable.__hash__ = lambda self: id(self)
KerasTensor.reshape = lambda self, newshape: _ops.reshape(self, newshape)
KerasTensor.squeeze = lambda self, axis=None: _ops.squeeze(self, axis=axis)
