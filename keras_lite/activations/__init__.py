"""`keras_lite.activations`: activation functions by name, as layers' `activation=` takes them."""
from keras_lite import ops
from keras_lite.saving import serialization_lib


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """x above `threshold`, `negative_slope * (x - threshold)` at or below it, capped at `max_value`."""
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return ops.relu(x)
    x = ops.convert_to_tensor(x)
    out = ops.where(ops.greater(x, threshold), x, negative_slope * (x - threshold))
    return out if max_value is None else ops.minimum(out, max_value)


def leaky_relu(x, negative_slope=0.2):
    return ops.leaky_relu(x, negative_slope=negative_slope)


def relu6(x):
    return ops.relu6(x)


def elu(x, alpha=1.0):
    return ops.elu(x, alpha=alpha)


def celu(x, alpha=1.0):
    return ops.celu(x, alpha=alpha)


def selu(x):
    return ops.selu(x)


def gelu(x, approximate=False):
    return ops.gelu(x, approximate=approximate)


def glu(x, axis=-1):
    return ops.glu(x, axis=axis)


def softmax(x, axis=-1):
    return ops.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    return ops.log_softmax(x, axis=axis)


def sparsemax(x, axis=-1):
    return ops.sparsemax(x, axis=axis)


def sigmoid(x):
    return ops.sigmoid(x)


def hard_sigmoid(x):
    return ops.hard_sigmoid(x)


def log_sigmoid(x):
    return ops.log_sigmoid(x)


def sparse_sigmoid(x):
    return ops.sparse_sigmoid(x)


def silu(x):
    return ops.silu(x)


swish = silu


def hard_silu(x):
    return ops.hard_silu(x)


hard_swish = hard_silu


def softplus(x):
    return ops.softplus(x)


def softsign(x):
    return ops.softsign(x)


def sparse_plus(x):
    return ops.sparse_plus(x)


def squareplus(x, b=4):
    return ops.squareplus(x, b=b)


def tanh(x):
    return ops.tanh(x)


def tanh_shrink(x):
    return ops.tanh_shrink(x)


def hard_tanh(x):
    return ops.hard_tanh(x)


def hard_shrink(x, threshold=0.5):
    return ops.hard_shrink(x, threshold=threshold)


def soft_shrink(x, threshold=0.5):
    return ops.soft_shrink(x, threshold=threshold)


def threshold(x, threshold, default_value):
    return ops.threshold(x, threshold, default_value)


def mish(x):
    """x * tanh(softplus(x))."""
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def exponential(x):
    return ops.exp(x)


def linear(x):
    """The identity: `activation=None` means this."""
    return x


_BY_NAME = {f.__name__: f for f in (
    relu, leaky_relu, relu6, elu, celu, selu, gelu, glu, softmax, log_softmax, sparsemax, sigmoid, hard_sigmoid,
    log_sigmoid, sparse_sigmoid, silu, hard_silu, softplus, softsign, sparse_plus, squareplus, tanh, tanh_shrink,
    hard_tanh, hard_shrink, soft_shrink, threshold, mish, exponential, linear)}
_BY_NAME.update(swish=silu, hard_swish=hard_silu)
_NAMES = {f: name for name, f in _BY_NAME.items() if f.__name__ == name}

deserialize, _get = serialization_lib.identifier_functions(
    "activation function", _BY_NAME, instantiate=False)


def serialize(activation):
    """A built-in activation serializes to its name ('relu'); others as objects or registered functions."""
    if activation in _NAMES:
        return _NAMES[activation]
    return serialization_lib.serialize_keras_object(activation)


def get(identifier):
    """None means `linear`; otherwise a name, a config or a callable."""
    return linear if identifier is None else _get(identifier)


__all__ = sorted(_BY_NAME) + ["deserialize", "get", "serialize"]
