"""What the built-in cells (SimpleRNN, LSTM, GRU, ConvLSTM) and their layers share.

GatedCell: arguments, weights, initial state and config. A cell owns `kernel`
(input_dim, gates * units), `recurrent_kernel` (units, gates * units) and, with
`use_bias`, `bias` (shape per cell), all trainable and saved, plus a
`seed_generator` for dropout (its state is not saved). The helpers below let a
layer create its cell, show the cell's attributes and write Keras's config.
"""
from keras_lite import activations, constraints, initializers, ops, random, regularizers
from keras_lite.layers.layer import Layer
from keras_lite.layers.rnn._dropout_rnn_cell import DropoutRNNCell


def _rate(value):
    return min(1.0, max(0.0, value))  # clipped into [0, 1] as Keras does


class GatedCell(Layer, DropoutRNNCell):
    gates = 1  # blocks of `units` columns in the kernels
    state_count = 1  # tensors in the state (LSTM: h and c)

    def __init__(self, units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                 kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint, recurrent_constraint,
                 bias_constraint, dropout, recurrent_dropout, seed, **kwargs):
        kwargs.pop("implementation", None)  # Keras' choice of kernel layout; the math here is the same for all
        super().__init__(**kwargs)
        if isinstance(units, bool) or not isinstance(units, int) or units <= 0:
            raise ValueError(f"{type(self).__name__}: `units` must be a positive integer, got {units!r}.")
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = _rate(dropout)
        self.recurrent_dropout = _rate(recurrent_dropout)
        if self.recurrent_dropout > 0 and self.gates > 1:
            self.dropout_mask_count = self.gates  # one mask per gate, as Keras
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed)
        self.output_size = units

    @property
    def state_size(self):
        return self.units if self.state_count == 1 else [self.units] * self.state_count

    def _bias_shape(self):
        return (self.gates * self.units,)

    def _bias_initializer(self):
        return self.bias_initializer

    def _kernel_shapes(self, input_shape):
        """(kernel shape, recurrent kernel shape) for steps of `input_shape` (batch included)."""
        if input_shape[-1] is None:
            raise ValueError(f"{type(self).__name__} {self.name!r} needs a known last input dimension, got input "
                             f"shape {tuple(input_shape)}.")
        width = self.gates * self.units
        return (input_shape[-1], width), (self.units, width)

    def build(self, input_shape):
        kernel_shape, recurrent_shape = self._kernel_shapes(tuple(input_shape))
        self.kernel = self.add_weight(shape=kernel_shape, initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint,
                                      name="kernel")
        self.recurrent_kernel = self.add_weight(shape=recurrent_shape, initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint, name="recurrent_kernel")
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(shape=self._bias_shape(), initializer=self._bias_initializer(),
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        name="bias")

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.units), dtype=self.compute_dtype) for _ in range(self.state_count)]

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "seed": self.seed,
        })
        return config


def forget_gate_ones(initializer, units):
    """A 4-gate bias initializer (i, f, c, o) whose forget block is ones: LSTM's `unit_forget_bias`."""
    def initialize(shape, dtype=None):
        return ops.concatenate([initializer((units,), dtype=dtype), ops.ones((units,), dtype=dtype),
                                initializer((2 * units,), dtype=dtype)])
    return initialize


def state_of(states):
    """The single state tensor of a one-state cell, whether given bare or in a list."""
    return states[0] if isinstance(states, (list, tuple)) else states


COMMON_CELL_ATTRIBUTES = (
    "units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
    "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
    "bias_constraint", "dropout", "recurrent_dropout")


def exposes_cell_attributes(*names):
    """Class decorator: read-only properties that show the cell's attributes on the layer (`LSTM(4).units`)."""
    def decorate(cls):
        for name in COMMON_CELL_ATTRIBUTES + names:
            setattr(cls, name, property(lambda self, name=name: getattr(self.cell, name)))
        return cls
    return decorate


def layer_config(layer, skip=()):
    """A recurrent layer's config as Keras writes it: the loop's flags and the cell's arguments, no `cell`."""
    config = layer._loop_config()
    cell = layer.cell.get_config()
    for key in ("name", "trainable", "dtype") + tuple(skip):
        cell.pop(key, None)
    config.update(cell)
    config["activity_regularizer"] = regularizers.serialize(layer.activity_regularizer)
    return config


def cell_kwargs(kwargs, name):
    """The layer's dtype and trainable flag, passed on to the cell it creates."""
    return {"dtype": kwargs.get("dtype"), "trainable": kwargs.get("trainable", True), "name": name}


def check_use_cudnn(layer_name, use_cudnn):
    if use_cudnn not in (True, False, "auto"):
        raise ValueError(f"{layer_name}: `use_cudnn` must be True, False or 'auto', got {use_cudnn!r}.")
    return use_cudnn


def fusable(layer, training, **required):
    """Whether `layer`'s cell computes exactly what the engines' fused LSTM/GRU kernels compute: tanh and
    sigmoid activations, no dropout in training, weights in the compute dtype, and the `required` attribute
    values (e.g. reset_after=True)."""
    cell = layer.cell
    return (cell.activation is activations.tanh and cell.recurrent_activation is activations.sigmoid
            and (not training or (cell.dropout == 0 and cell.recurrent_dropout == 0))
            and cell.kernel.dtype == layer.compute_dtype in ("float32", "float64")
            and all(getattr(cell, name) == value for name, value in required.items()))
