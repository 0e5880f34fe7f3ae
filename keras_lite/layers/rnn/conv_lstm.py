"""ConvLSTMCell and ConvLSTM: an LSTM whose input and recurrent transforms are convolutions.

The cell owns `kernel` (kernel_size..., input_channels, 4 * filters),
`recurrent_kernel` (kernel_size..., filters, 4 * filters) and `bias`
(4 * filters,), trainable and saved, gates in the order i, f, c, o, and a
dropout `seed_generator` (not saved). The input convolution uses the layer's
strides/padding/dilation; the recurrent one is stride 1, "same". Its state
[h, c] has the input convolution's output shape. Dropout uses one mask per gate
(Keras). ConvLSTM, the base of ConvLSTM1D/2D/3D, is an RNN over that cell.
"""
from keras_lite import activations, ops
from keras_lite.backends.common import config as backend_config
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.convolutional._conv_common import conv_padding, conv_tuple, positive_int
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.rnn._cell import GatedCell, cell_kwargs, exposes_cell_attributes, forget_gate_ones, layer_config
from keras_lite.layers.rnn._dropout_rnn_cell import masked_copies
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.ops._dispatch import no_recording


class ConvLSTMCell(GatedCell):
    gates = 4
    state_count = 2

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation="tanh", recurrent_activation="sigmoid", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", unit_forget_bias=True,
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        owner = f"ConvLSTM{rank}D"
        super().__init__(positive_int(owner, filters, "filters"), activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer, recurrent_regularizer,
                         bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint, dropout,
                         recurrent_dropout, seed, **kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size = conv_tuple(owner, kernel_size, rank, "kernel_size")
        self.strides = conv_tuple(owner, strides, rank, "strides")
        self.padding = conv_padding(owner, padding)
        self.data_format = backend_config.standardize_data_format(data_format)
        self.dilation_rate = conv_tuple(owner, dilation_rate, rank, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"{owner}: strides > 1 cannot be combined with dilation_rate > 1, got "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}.")
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.dropout_mask_count = 4
        self.output_size = None  # the state's shape (batch excluded), known once built

    @property
    def state_size(self):
        return -1 if self.output_size is None else [self.output_size, self.output_size]

    def _bias_initializer(self):
        return forget_gate_ones(self.bias_initializer, self.filters) if self.unit_forget_bias else self.bias_initializer

    def _conv(self, x, kernel, recurrent=False):
        if recurrent:
            return ops.conv(x, kernel, strides=1, padding="same", data_format=self.data_format)
        return ops.conv(x, kernel, strides=self.strides, padding=self.padding, data_format=self.data_format,
                        dilation_rate=self.dilation_rate)

    def _kernel_shapes(self, input_shape):
        name = f"ConvLSTM{self.rank}D"
        channels_last = self.data_format == "channels_last"
        spatial = input_shape[1:-1] if channels_last else input_shape[2:]
        channels = input_shape[-1 if channels_last else 1]
        if len(input_shape) != self.rank + 2 or None in spatial or channels is None:
            raise ValueError(f"{name} needs steps of rank {self.rank + 2} with known spatial and channel sizes "
                             f"({self.data_format}), got step shape {tuple(input_shape)}.")
        kernel_shape = self.kernel_size + (channels, 4 * self.filters)
        too_small = (f"{name}: kernel_size {self.kernel_size} (dilation {self.dilation_rate}, strides "
                     f"{self.strides}) does not fit the {self.padding}-padded steps of shape {tuple(input_shape)}")
        try:
            with no_recording():
                out = self._conv(KerasTensor((None,) + tuple(input_shape[1:]), self.compute_dtype),
                                 KerasTensor(self.kernel_size + (channels, self.filters), self.compute_dtype)).shape
        except ValueError as e:
            raise ValueError(f"{too_small}: {e}") from e
        if any(d is not None and d <= 0 for d in out):
            raise ValueError(f"{too_small}: the output would have shape {out}.")
        self.output_size = tuple(out[1:])
        return kernel_shape, self.kernel_size + (self.filters, 4 * self.filters)

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size,) + self.output_size, dtype=self.compute_dtype) for _ in range(2)]

    def call(self, inputs, states, training=False):
        h_tm1, c_tm1 = states[0], states[1]
        input_mask, recurrent_mask = self._training_masks(inputs, h_tm1, training)
        kernels = ops.split(self.kernel, 4, axis=-1)
        recurrent_kernels = ops.split(self.recurrent_kernel, 4, axis=-1)
        biases = ops.split(self.bias, 4, axis=-1) if self.bias is not None else [None] * 4
        bias_shape = ((1,) * (self.rank + 1) + (self.filters,) if self.data_format == "channels_last"
                      else (1, self.filters) + (1,) * self.rank)
        gates = []
        for x, h, kernel, recurrent_kernel, bias in zip(masked_copies(inputs, input_mask, 4),
                                                        masked_copies(h_tm1, recurrent_mask, 4), kernels,
                                                        recurrent_kernels, biases):
            gate = self._conv(x, kernel)
            if bias is not None:
                gate = gate + ops.reshape(bias, bias_shape)
            gates.append(gate + self._conv(h, recurrent_kernel, recurrent=True))
        i, f, g, o = gates
        c = ops.multiply(self.recurrent_activation(f), c_tm1) + self.recurrent_activation(i) * self.activation(g)
        h = self.recurrent_activation(o) * self.activation(c)
        return h, [h, c]

    def get_config(self):
        config = super().get_config()
        del config["units"]
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "unit_forget_bias": self.unit_forget_bias,
        })
        return config


@exposes_cell_attributes("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                         "recurrent_activation", "unit_forget_bias")
class ConvLSTM(RNN):
    rank = None  # spatial dims, set by ConvLSTM1D/2D/3D

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation="tanh", recurrent_activation="sigmoid", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", unit_forget_bias=True,
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, **kwargs):
        unroll = kwargs.pop("unroll", False)
        zero_output_for_mask = kwargs.pop("zero_output_for_mask", False)
        cell = ConvLSTMCell(self.rank, filters, kernel_size, strides=strides, padding=padding,
                            data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                            recurrent_activation=recurrent_activation, use_bias=use_bias,
                            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
                            bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
                            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                            dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed,
                            **cell_kwargs(kwargs, "conv_lstm_cell"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         zero_output_for_mask=zero_output_for_mask, activity_regularizer=activity_regularizer,
                         **kwargs)
        self.input_spec = InputSpec(ndim=self.rank + 3)

    def get_config(self):
        return layer_config(self)
