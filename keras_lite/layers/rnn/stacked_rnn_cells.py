"""StackedRNNCells: several cells run as one, each feeding its output to the next.

Owns its cells (sub-layers, whose weights are its weights, first cell first).
Its state is the list of the cells' states; its output is the last cell's.
"""
from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.layers.rnn._cell_protocol import build_sublayer, cell_step, check_cell, first_state_size, output_dims
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class StackedRNNCells(Layer):
    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(cells, (list, tuple)) or not cells:
            raise ValueError(f"StackedRNNCells: `cells` must be a non-empty list of cells, got {cells!r}.")
        for cell in cells:
            check_cell("StackedRNNCells", cell)
        self.cells = list(cells)
        self._steps = [cell_step(cell) for cell in self.cells]

    @property
    def state_size(self):
        return [cell.state_size for cell in self.cells]

    @property
    def output_size(self):
        last = self.cells[-1]
        size = getattr(last, "output_size", None)
        return first_state_size(last) if size is None else size

    def get_initial_state(self, batch_size=None):
        states = []
        for cell in self.cells:
            make = getattr(cell, "get_initial_state", None)
            if make is not None:
                states.append(make(batch_size=batch_size))
            else:
                sizes = [cell.state_size] if isinstance(cell.state_size, int) else cell.state_size
                zeros = [ops.zeros((batch_size, d), dtype=self.compute_dtype) for d in sizes]
                states.append(zeros[0] if isinstance(cell.state_size, int) else zeros)
        return states

    def build(self, input_shape):
        batch = input_shape[0]
        for cell in self.cells:
            build_sublayer(cell, input_shape)
            input_shape = (batch,) + output_dims(cell)

    def call(self, inputs, states, training=False):
        new_states = []
        for step, cell_states in zip(self._steps, states):
            as_list = isinstance(cell_states, (list, tuple))
            inputs, cell_states = step(inputs, list(cell_states) if as_list else [cell_states], training)
            if not as_list and isinstance(cell_states, (list, tuple)) and len(cell_states) == 1:
                cell_states = cell_states[0]
            new_states.append(cell_states)
        return inputs, new_states

    def get_config(self):
        config = super().get_config()
        config["cells"] = [serialization_lib.serialize_keras_object(cell) for cell in self.cells]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["cells"] = [serialization_lib.deserialize_keras_object(c, custom_objects) for c in config["cells"]]
        return super().from_config(config)
