"""How the recurrent layers talk to any cell, built-in or the user's (the Keras cell protocol).

A cell has `call(inputs, states[, training]) -> (output, new_states)` and a
`state_size` (an int, a shape, or a list of them, one per state tensor); it
may have `output_size` and `get_initial_state(batch_size)`.
"""
import inspect

from keras_lite.backends.common import naming
from keras_lite.layers.layer import Layer


def check_cell(owner, cell):
    for attribute in ("call", "state_size"):
        if not hasattr(cell, attribute):
            raise ValueError(f"{owner}: a recurrent cell needs a `{attribute}` attribute; got {cell!r}.")


def cell_step(cell):
    """`step(inputs, states, training)`: the cell's `call` without the per-call Layer bookkeeping (it runs once
    per time step)."""
    takes_training = (cell._call_has_training if isinstance(cell, Layer)  # read from the signature once, at init
                      else "training" in inspect.signature(cell.call).parameters)
    if takes_training:
        return lambda inputs, states, training: cell.call(inputs, states, training=training)
    return lambda inputs, states, training: cell.call(inputs, states)


def first_state_size(cell):
    size = cell.state_size
    return size[0] if isinstance(size, (list, tuple)) else size


def output_dims(cell):
    """One step's output shape without the batch dim: `output_size`, else the first state's size (Keras)."""
    size = getattr(cell, "output_size", None)
    if size is None:
        size = first_state_size(cell)
    return (size,) if isinstance(size, int) else tuple(size)


def build_sublayer(layer, input_shape):
    """Build a cell (or a wrapped layer) under its own name scope: weights `<outer>/<cell>/kernel`."""
    if isinstance(layer, Layer) and not layer.built:
        with naming.name_scope(layer.name, owner=layer):
            layer.build(input_shape)
        layer.built = True
