"""GRUCell and GRU: the gated recurrent unit, gates in Keras' order z (update), r (reset), h (candidate).

The cell owns `kernel` (input_dim, 3 * units), `recurrent_kernel`
(units, 3 * units) and `bias`, trainable and saved: shape (2, 3 * units) with
`reset_after=True` (row 0 for the input projection, row 1 for the recurrent
one), (3 * units,) otherwise; and a dropout `seed_generator` (not saved).
reset_after=True applies the reset gate after the recurrent matmul (the cuDNN
form), False before it. GRU is an RNN over that cell; its weights are the cell's.
"""
import optree

from keras_lite import activations, ops
from keras_lite.backends import engine
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.rnn._cell import (GatedCell, cell_kwargs, check_use_cudnn, exposes_cell_attributes,
                                         fusable, layer_config, state_of)
from keras_lite.layers.rnn._dropout_rnn_cell import masked_copies, project
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class GRUCell(GatedCell):
    gates = 3

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0,
                 reset_after=True, seed=None, **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
                         kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout, seed, **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.reset_after = reset_after

    def _bias_shape(self):
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def call(self, inputs, states, training=False):
        h_tm1 = state_of(states)
        input_mask, recurrent_mask = self._training_masks(inputs, h_tm1, training)
        x = project(masked_copies(inputs, input_mask, 3), self.kernel)
        h_z, h_r, h_h = masked_copies(h_tm1, recurrent_mask, 3)
        if self.reset_after:
            inner = project([h_z, h_r, h_h], self.recurrent_kernel)
            if self.bias is not None:
                x = ops.add(x, self.bias[0])
                inner = ops.add(inner, self.bias[1])
            inner_z, inner_r, inner_h = ops.split(inner, 3, axis=-1)
        else:
            if self.bias is not None:
                x = ops.add(x, self.bias)
            inner_z, inner_r = ops.split(project([h_z, h_r], self.recurrent_kernel[:, :2 * self.units]), 2, axis=-1)
        x_z, x_r, x_h = ops.split(x, 3, axis=-1)
        z = self.recurrent_activation(x_z + inner_z)
        r = self.recurrent_activation(x_r + inner_r)
        if self.reset_after:
            inner_h = r * inner_h
        else:
            inner_h = ops.matmul(ops.multiply(r, h_h), self.recurrent_kernel[:, 2 * self.units:])
        candidate = self.activation(x_h + inner_h)
        h = ops.multiply(z, h_tm1) + (1 - z) * candidate
        return h, ([h] if isinstance(states, (list, tuple)) else h)

    def get_config(self):
        config = super().get_config()
        config.update({"recurrent_activation": activations.serialize(self.recurrent_activation),
                       "reset_after": self.reset_after})
        return config


@keras_class("keras.layers")
@exposes_cell_attributes("recurrent_activation", "reset_after")
class GRU(RNN):
    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, reset_after=True, use_cudnn="auto", **kwargs):
        cell = GRUCell(units, activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
                       kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
                       bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                       recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
                       kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
                       bias_constraint=bias_constraint, dropout=dropout, recurrent_dropout=recurrent_dropout,
                       reset_after=reset_after, seed=seed, implementation=kwargs.pop("implementation", 2),
                       **cell_kwargs(kwargs, "gru_cell"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        self.use_cudnn = check_use_cudnn("GRU", use_cudnn)

    def _fused_loop(self, sequences, initial_state, training):
        """torch: the whole sequence in one `torch.gru` call (as torch.nn.GRU runs it), for reset_after=True."""
        if self.use_cudnn is False or not fusable(self, training, reset_after=True):
            return None
        cell = self.cell
        leaves, treedef = optree.tree_flatten(initial_state)
        try:
            outputs, h = engine.rnn.gru(sequences, leaves[0], cell.kernel.value, cell.recurrent_kernel.value,
                                        None if cell.bias is None else cell.bias.value,
                                        go_backwards=self.go_backwards, training=bool(training))
        except NotImplementedError:  # no fused kernel on this engine: its scan loop is as good
            return None
        return outputs[:, -1], outputs, optree.tree_unflatten(treedef, [h])

    def get_config(self):
        return layer_config(self)
