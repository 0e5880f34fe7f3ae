"""SimpleRNNCell and SimpleRNN: `h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)`.

The cell owns `kernel` (input_dim, units), `recurrent_kernel` (units, units) and
`bias` (units,), trainable and saved, and a dropout `seed_generator` (not saved).
SimpleRNN is an RNN over that cell; its weights are the cell's.
"""
from keras_lite import ops
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.rnn._cell import (GatedCell, cell_kwargs, exposes_cell_attributes, layer_config,
                                         state_of)
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class SimpleRNNCell(GatedCell):
    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                         kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, **kwargs)

    def call(self, sequence, states, training=False):
        previous = state_of(states)
        input_mask, recurrent_mask = self._training_masks(sequence, previous, training)
        if input_mask is not None:
            sequence = ops.multiply(sequence, input_mask)
        if recurrent_mask is not None:
            previous = ops.multiply(previous, recurrent_mask)
        h = ops.matmul(sequence, self.kernel)
        if self.bias is not None:
            h = ops.add(h, self.bias)
        output = self.activation(ops.add(h, ops.matmul(previous, self.recurrent_kernel)))
        return output, ([output] if isinstance(states, (list, tuple)) else output)


@keras_class("keras.layers")
@exposes_cell_attributes()
class SimpleRNN(RNN):
    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 return_sequences=False, return_state=False, go_backwards=False, stateful=False, unroll=False,
                 seed=None, **kwargs):
        cell = SimpleRNNCell(units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                             recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                             kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
                             bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
                             recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                             dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed,
                             **cell_kwargs(kwargs, "simple_rnn_cell"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    def get_config(self):
        return layer_config(self, skip=("seed",))  # Keras 3 writes no seed for SimpleRNN
