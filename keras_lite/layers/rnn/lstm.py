"""LSTMCell and LSTM: the long short-term memory recurrence, gates in Keras' order i, f, c, o.

The cell owns `kernel` (input_dim, 4 * units), `recurrent_kernel`
(units, 4 * units) and `bias` (4 * units,), trainable and saved, and a dropout
`seed_generator` (not saved). Its state is [h, c]; its output is h. With
`unit_forget_bias` the forget block of the bias starts at one.
LSTM is an RNN over that cell; its weights are the cell's.
"""
from keras_lite import activations, ops
from keras_lite.backends import engine
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.rnn._cell import (GatedCell, cell_kwargs, check_use_cudnn, exposes_cell_attributes,
                                         forget_gate_ones, fusable, layer_config)
from keras_lite.layers.rnn._dropout_rnn_cell import masked_copies, project
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class LSTMCell(GatedCell):
    gates = 4
    state_count = 2

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                         kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias

    def _bias_initializer(self):
        return forget_gate_ones(self.bias_initializer, self.units) if self.unit_forget_bias else self.bias_initializer

    def call(self, inputs, states, training=False):
        h_tm1, c_tm1 = states[0], states[1]
        input_mask, recurrent_mask = self._training_masks(inputs, h_tm1, training)
        z = ops.add(project(masked_copies(inputs, input_mask, 4), self.kernel),
                    project(masked_copies(h_tm1, recurrent_mask, 4), self.recurrent_kernel))
        if self.bias is not None:
            z = ops.add(z, self.bias)
        i, f, g, o = ops.split(z, 4, axis=-1)
        c = ops.multiply(self.recurrent_activation(f), c_tm1) + self.recurrent_activation(i) * self.activation(g)
        h = self.recurrent_activation(o) * self.activation(c)
        return h, [h, c]

    def get_config(self):
        config = super().get_config()
        config.update({"recurrent_activation": activations.serialize(self.recurrent_activation),
                       "unit_forget_bias": self.unit_forget_bias})
        return config


@keras_class("keras.layers")
@exposes_cell_attributes("recurrent_activation", "unit_forget_bias")
class LSTM(RNN):
    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, use_cudnn="auto", **kwargs):
        cell = LSTMCell(units, activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
                        kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
                        bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
                        kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                        bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                        recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint, dropout=dropout,
                        recurrent_dropout=recurrent_dropout, seed=seed, implementation=kwargs.pop("implementation", 2),
                        **cell_kwargs(kwargs, "lstm_cell"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        self.use_cudnn = check_use_cudnn("LSTM", use_cudnn)

    def _fused_loop(self, sequences, initial_state, training):
        """torch: the whole sequence in one `torch.lstm` call (as torch.nn.LSTM runs it)."""
        if self.use_cudnn is False or not fusable(self, training):
            return None
        cell = self.cell
        try:
            outputs, h, c = engine.rnn.lstm(sequences, initial_state[0], initial_state[1], cell.kernel.value,
                                            cell.recurrent_kernel.value,
                                            None if cell.bias is None else cell.bias.value,
                                            go_backwards=self.go_backwards, training=bool(training))
        except NotImplementedError:  # no fused kernel on this engine: its scan loop is as good
            return None
        return outputs[:, -1], outputs, [h, c]

    def get_config(self):
        return layer_config(self)
