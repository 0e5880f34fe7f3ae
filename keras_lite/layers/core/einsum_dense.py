"""EinsumDense: `activation(einsum(equation, inputs, kernel) + bias)`.

Owns `kernel` (its shape read off the equation, the input shape and
`output_shape`) and, when `bias_axes` names output axes, `bias`; both trainable
and saved. Supported equations, as in Keras: `ab,bc->ac`, `...b,bc->...c`
(leading axes elided) and `ab...,bc->ac...` (trailing axes elided).
`output_shape` leaves out the batch axis and any elided axes; `None` entries
are taken from the input.
"""
import re

from keras_lite import activations, constraints, initializers, ops, regularizers
from keras_lite.initializers import VarianceScaling
from keras_lite.layers.core.dense import check_unsupported
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class

_FORMS = (  # (pattern, elided side)
    (re.compile(r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)"), None),
    (re.compile(r"\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)"), "left"),
    (re.compile(r"([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\."), "right"),
)


def _parse(equation):
    """(input spec, kernel spec, output spec, elided side) of an equation."""
    if isinstance(equation, str):
        for pattern, side in _FORMS:
            match = pattern.fullmatch(equation.replace(" ", ""))
            if match:
                return match.group(1), match.group(2), match.group(3), side
    raise ValueError(f"EinsumDense: invalid equation {equation!r}; expected the form 'ab,bc->ac', "
                     "'...b,bc->...c' or 'ab...,bc->ac...'.")


def einsum_weight_shapes(equation, bias_axes, input_shape, output_shape):
    """(kernel shape, bias shape or None, full output shape, kernel input axes, kernel output axes)."""
    in_spec, kernel_spec, out_spec, side = _parse(equation)
    input_shape = tuple(input_shape)
    elided = len(input_shape) - len(in_spec)
    if elided < 0 or (elided > 0 and side is None):
        raise ValueError(f"input of rank {len(input_shape)} (shape {input_shape}) does not match the equation's "
                         f"input '{in_spec}'")
    partial = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    full = [input_shape[0]] + partial
    if side == "left":
        full[1:1] = input_shape[1:elided]
        in_pos = {c: i + elided for i, c in enumerate(in_spec)}
        out_pos = {c: i + elided for i, c in enumerate(out_spec)}
    else:
        if side == "right":
            full += input_shape[len(input_shape) - elided:]
        in_pos = {c: i for i, c in enumerate(in_spec)}
        out_pos = {c: i for i, c in enumerate(out_spec)}
    if len(full) != len(out_spec) + (elided if side else 0):
        raise ValueError(f"output_shape {tuple(partial)} does not fit the equation's output '{out_spec}' (it gives "
                         f"no size for the batch axis{' or the elided axes' if side else ''})")
    for c in in_spec:
        if c in out_pos and full[out_pos[c]] is not None and full[out_pos[c]] != input_shape[in_pos[c]]:
            raise ValueError(f"axis '{c}' has size {input_shape[in_pos[c]]} in the input (shape {input_shape}) "
                             f"but {full[out_pos[c]]} in output_shape {tuple(partial)}")
        if c in out_pos and full[out_pos[c]] is None:
            full[out_pos[c]] = input_shape[in_pos[c]]
    for c in out_spec:
        if c not in in_spec and c not in kernel_spec:
            raise ValueError(f"output axis '{c}' appears in neither the input '{in_spec}' nor the kernel "
                             f"'{kernel_spec}'")
    kernel_shape, input_axes, output_axes = [], [], []
    for i, c in enumerate(kernel_spec):
        if c in out_pos:
            kernel_shape.append(full[out_pos[c]])
            output_axes.append(i)
        elif c in in_pos:
            kernel_shape.append(input_shape[in_pos[c]])
            input_axes.append(i)
        else:
            raise ValueError(f"kernel axis '{c}' appears in neither the input '{in_spec}' nor the output "
                             f"'{out_spec}'")
    if any(d is None for d in kernel_shape):
        raise ValueError(f"the kernel '{kernel_spec}' needs known sizes, got {tuple(kernel_shape)} from input shape "
                         f"{input_shape} and output_shape {tuple(partial)}")
    bias_shape = None
    if bias_axes:
        missing = [c for c in bias_axes if c not in out_spec]
        if missing:
            raise ValueError(f"bias_axes {bias_axes!r} name axes {missing} that are not in the output '{out_spec}'")
        first = min(out_spec.index(c) for c in bias_axes)
        bias_shape = [full[out_pos[c]] if c in bias_axes else 1 for c in out_spec[first:]]
        if side == "right":
            bias_shape += [1] * elided
        if any(d is None for d in bias_shape):
            raise ValueError(f"the bias needs known sizes, got {tuple(bias_shape)}")
    return (tuple(kernel_shape), None if bias_shape is None else tuple(bias_shape), tuple(full), input_axes,
            output_axes)


@keras_class("keras.layers")
class EinsumDense(Layer):
    def __init__(self, equation, output_shape, activation=None, bias_axes=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None, gptq_unpacked_column_size=None,
                 quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        check_unsupported(self, lora_rank, quantization_config)
        if gptq_unpacked_column_size is not None:
            raise NotImplementedError("EinsumDense: GPTQ quantization is not supported by keras_lite.")
        _parse(equation)
        self.equation = equation
        self.partial_output_shape = (output_shape,) if isinstance(output_shape, int) else tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        try:
            kernel_shape, bias_shape, _, input_axes, output_axes = einsum_weight_shapes(
                self.equation, self.bias_axes, input_shape, self.partial_output_shape)
        except ValueError as e:
            raise ValueError(f"EinsumDense {self.name!r} ({self.equation!r}): {e}.") from None
        self.input_spec = InputSpec(ndim=len(input_shape))
        initializer = self.kernel_initializer
        if isinstance(initializer, VarianceScaling) and (initializer.input_axes is None
                                                         or initializer.output_axes is None):
            # Fans come from the equation's input and output axes, not from a conv-style reading of the shape.
            config = {**initializer.get_config(), "input_axes": input_axes, "output_axes": output_axes}
            initializer = type(initializer).from_config(config)
        self.kernel = self.add_weight(shape=kernel_shape, initializer=initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, name="kernel")
        self.bias = None
        if bias_shape is not None:
            self.bias = self.add_weight(shape=bias_shape, initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        name="bias")

    def call(self, inputs):
        x = ops.einsum(self.equation, inputs, self.kernel)
        if self.bias is not None:
            x = ops.add(x, self.bias)
        return self.activation(x)

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        })
        return config
