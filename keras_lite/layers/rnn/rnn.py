"""RNN: runs a recurrent cell along the time axis (axis 1) of its input.

Owns the cell (a sub-layer: the cell's weights are the layer's weights; a list
of cells becomes a StackedRNNCells). With `stateful=True` it also holds
`states`, Variables with the last states of each sample, carried from one call
to the next; like Keras, they are not weights (not in `weights`, not saved);
`reset_state()` zeroes them.

`call(sequences, initial_state=None, mask=None, training=False)`: the mask is
(batch, timesteps); masked steps keep the previous state and output (see
_time_loop); in training the cell's dropout masks are drawn once per call,
shared by all steps.
"""
import optree

from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common import naming
from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.rnn._dropout_rnn_cell import DropoutRNNCell
from keras_lite.layers.rnn._time_loop import time_loop
from keras_lite.layers.rnn._cell_protocol import build_sublayer, cell_step, check_cell, output_dims
from keras_lite.layers.rnn.stacked_rnn_cells import StackedRNNCells
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


def _zeros(batch, dims, dtype):
    """zeros (batch,) + dims; a KerasTensor when the batch size is unknown (symbolic call)."""
    if batch is None:
        return KerasTensor((None,) + tuple(dims), dtype)
    return ops.zeros((batch,) + tuple(dims), dtype=dtype)


def _reset_dropout(cell):
    if isinstance(cell, DropoutRNNCell):
        cell.reset_dropout_mask()
        cell.reset_recurrent_dropout_mask()
    for sub in getattr(cell, "cells", ()):
        _reset_dropout(sub)


@keras_class("keras.layers")
class RNN(Layer):
    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        check_cell(type(self).__name__, cell)
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.zero_output_for_mask = zero_output_for_mask
        self.states = None
        self.supports_masking = True
        self.input_spec = InputSpec(min_ndim=3)

    @property
    def state_size(self):
        return self.cell.state_size

    # -- states ------------------------------------------------------------------
    def get_initial_state(self, batch_size):
        """Zero states for `batch_size` samples, as a list (one entry per state of the cell)."""
        make = getattr(self.cell, "get_initial_state", None)
        if make is not None:
            state = make(batch_size=batch_size)
        else:
            sizes = self.state_size if isinstance(self.state_size, (list, tuple)) else [self.state_size]
            state = [ops.zeros((batch_size, d), dtype=self.compute_dtype) for d in sizes]
        return list(state) if isinstance(state, (list, tuple)) else [state]

    def _zero_state(self, batch):
        if batch is None:  # symbolic call: the zeros' specs with an unknown batch dim
            return optree.tree_map(lambda z: KerasTensor((None,) + tuple(z.shape[1:]), ops.dtype(z)),
                                   self.get_initial_state(1))
        return self.get_initial_state(batch)

    def _check_initial_state(self, initial_state):
        state = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
        expected = optree.tree_leaves(self.get_initial_state(1))
        if len(optree.tree_leaves(state)) != len(expected):
            raise ValueError(
                f"Layer {self.name!r} ({type(self).__name__}) expects {len(expected)} initial state tensor(s) "
                f"(state_size {self.state_size}), got {len(optree.tree_leaves(state))}.")
        return state

    def reset_state(self):
        if self.states is not None:
            for variable in optree.tree_leaves(self.states):
                variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    reset_states = reset_state

    # -- building and calling ----------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        shape = optree.tree_leaves(sequences_shape, is_leaf=lambda s: isinstance(s, tuple))[0]
        if len(shape) < 3:
            raise ValueError(f"Layer {self.name!r} ({type(self).__name__}) expects inputs of shape "
                             f"(batch, timesteps, features...), got shape {tuple(shape)}.")
        step_shape = optree.tree_map(lambda s: (s[0],) + tuple(s[2:]), sequences_shape,
                                     is_leaf=lambda s: isinstance(s, tuple))
        build_sublayer(self.cell, step_shape)
        if self.stateful and self.states is None:
            if shape[0] is None:
                raise ValueError(f"Layer {self.name!r} ({type(self).__name__}) with stateful=True needs a fixed "
                                 f"batch size; got input shape {tuple(shape)}. Pass `batch_shape` to Input.")
            with naming.name_scope(self.name, owner=self):
                self.states = optree.tree_map(
                    lambda z: engine.Variable(z, dtype=self.variable_dtype, trainable=False, name="rnn_state"),
                    self.get_initial_state(shape[0]))
        self.built = True

    def _prime_dropout(self, cell, step_input, states, batch):
        """Draw the cells' dropout masks before the loop (their shapes: the step input and the first state)."""
        if isinstance(cell, DropoutRNNCell):
            cell.get_dropout_mask(step_input)
            cell.get_recurrent_dropout_mask(optree.tree_leaves(states)[0])
        if isinstance(cell, StackedRNNCells):
            for sub, sub_states in zip(cell.cells, states):
                self._prime_dropout(sub, step_input, sub_states, batch)
                if getattr(sub, "output_size", None) is not None:
                    step_input = _zeros(batch, output_dims(sub), self.compute_dtype)
                else:  # its output shape is only known by running it
                    sub_list = list(sub_states) if isinstance(sub_states, (list, tuple)) else [sub_states]
                    step_input = cell_step(sub)(step_input, sub_list, True)[0]

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if isinstance(mask, (list, tuple)):  # masks of [sequences, initial states...]: the sequences' one
            mask = mask[0]
        first = optree.tree_leaves(sequences)[0]
        if mask is not None:
            check_mask_shape(self, "mask", mask, first.shape[:2], {"input": first.shape})
        if self.unroll and first.shape[1] is None:
            raise ValueError(f"Layer {self.name!r} ({type(self).__name__}): unroll=True needs a known number of "
                             f"timesteps; got input shape {tuple(first.shape)}.")
        batch = ops.shape(first)[0]
        if initial_state is not None:
            initial_state = self._check_initial_state(initial_state)
        elif self.stateful:
            # a copy: on torch the variables are updated in place after the loop, while autograd may still need
            # the values read here
            initial_state = optree.tree_map(ops.copy, self.states)
        else:
            initial_state = self._zero_state(batch)
        initial_state = optree.tree_map(lambda s: ops.convert_to_tensor(s, self.compute_dtype), initial_state)
        fused = None
        if mask is None and not self.unroll and not any_symbolic(optree.tree_leaves((sequences, initial_state))):
            fused = self._fused_loop(sequences, initial_state, training)
        try:
            if fused is not None:
                last_output, outputs, states = fused
            else:
                cell_call = cell_step(self.cell)

                def step(inputs, states):
                    return cell_call(inputs, states, training)

                if training:
                    self._prime_dropout(self.cell, optree.tree_map(lambda x: x[:, 0], sequences), initial_state,
                                        batch)
                last_output, outputs, states = time_loop(
                    step, sequences, initial_state, _zeros(batch, output_dims(self.cell), self.compute_dtype),
                    mask=mask, go_backwards=self.go_backwards, unroll=self.unroll,
                    zero_output_for_mask=self.zero_output_for_mask, return_sequences=self.return_sequences)
        finally:
            _reset_dropout(self.cell)
        states = optree.tree_map(self._to_compute_dtype, states)
        if self.stateful and not any_symbolic(optree.tree_leaves(states)):
            for variable, value in zip(optree.tree_leaves(self.states), optree.tree_leaves(states)):
                variable.assign(ops.cast(ops.stop_gradient(value), variable.dtype))
        output = outputs if self.return_sequences else last_output
        output = self._to_compute_dtype(output)
        if self.return_state:
            return (output, *states)
        return output

    def _fused_loop(self, sequences, initial_state, training):
        """(last output, outputs, states) from the engine's fused kernel for this layer's recurrence, or None
        when there is none (the generic time loop runs). Layers with a known cell (LSTM, GRU) override it."""
        return None

    def _to_compute_dtype(self, x):
        return x if ops.dtype(x) == self.compute_dtype else ops.cast(x, self.compute_dtype)

    def compute_mask(self, inputs, previous_mask=None):
        mask = previous_mask[0] if isinstance(previous_mask, (list, tuple)) else previous_mask
        output_mask = mask if self.return_sequences else None
        if self.return_state and output_mask is not None:  # one entry per output tensor: the states have none
            return [output_mask] + [None] * len(optree.tree_leaves(self.get_initial_state(1)))
        return output_mask

    # -- config --------------------------------------------------------------------
    def _loop_config(self):
        """The base config plus the loop's flags: what every recurrent layer writes."""
        config = super().get_config()
        config.update({
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
        })
        return config

    def get_config(self):
        config = self._loop_config()
        config["cell"] = serialization_lib.serialize_keras_object(self.cell)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if "cell" in config:
            config["cell"] = serialization_lib.deserialize_keras_object(config["cell"], custom_objects)
        return super().from_config(config)
