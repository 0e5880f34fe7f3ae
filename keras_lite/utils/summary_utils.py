"""model.summary(): the table of layers, output shapes and parameter counts, drawn with rich.

Widths follow the console: the table is `min(line_length, console width - 4)`
wide, split at `positions` (fractions of that width); rich then fits the
columns into it. Models whose layers form a single chain get three columns;
other graphs add "Connected to".
"""
import math

import rich.box
import rich.console
import rich.table

from keras_lite.backends.common import dtypes

_SEQUENTIAL_POSITIONS = [0.45, 0.80, 1.0]
_GRAPH_POSITIONS = [0.3, 0.56, 0.74, 1.0]


def format_size(num_bytes):
    for unit in ("B", "KB", "MB", "GB"):
        if num_bytes < 1024 or unit == "GB":
            return f"{num_bytes:.2f} {unit}"
        num_bytes /= 1024


def _bytes(variables):
    return sum(math.prod(v.shape) * _itemsize(v.dtype) for v in variables)


def _itemsize(dtype):
    name = dtypes.standardize_dtype(dtype)
    return 1 if name == "bool" else max(1, int("".join(c for c in name if c.isdigit()) or 32) // 8)


def _count(variables):
    return sum(math.prod(v.shape) for v in variables)


def _unique(variables):
    out = []
    for v in variables:
        if not any(v is o for o in out):
            out.append(v)
    return out


def _is_chain(model):
    """True when the layer calls form a single line: one input, one output, every call taking
    one tensor that nothing else consumes. Such models get no "Connected to" column."""
    from keras_lite.models.functional import Functional
    from keras_lite.models.sequential import Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return True
    if len(model.inputs) != 1 or len(model.outputs) != 1:
        return False
    seen_ops, consumed = set(), set()
    for node in model._graph.nodes:
        if len(node.input_tensors) > 1 or id(node.operation) in seen_ops:
            return False
        seen_ops.add(id(node.operation))
        for tensor in node.input_tensors:
            if id(tensor) in consumed:
                return False
            consumed.add(id(tensor))
    return True


def _format_shape(shape):
    if shape is None:
        return "?"
    if isinstance(shape, dict):
        return "{" + ", ".join(f"{k!r}: {_format_shape(v)}" for k, v in shape.items()) + "}"
    if isinstance(shape, list) or (isinstance(shape, tuple) and shape and isinstance(shape[0], (tuple, list, dict))):
        return "[" + ", ".join(_format_shape(s) for s in shape) + "]"
    return str(tuple(shape))


def _output_shape(layer, model):
    """The shape of the layer's output in this model's graph (or of its first call)."""
    import optree

    from keras_lite.models.functional import Functional

    nodes = layer._inbound_nodes
    if isinstance(model, Functional):
        in_model = [n for n in nodes if any(n is m for m in model._graph.nodes)]
        nodes = in_model or nodes
    if nodes:
        return optree.tree_map(lambda t: tuple(t.shape), nodes[0].outputs)
    return getattr(layer, "_eager_output_shape", None)


def _connections(layer, model):
    nodes = [n for n in layer._inbound_nodes if any(n is m for m in model._graph.nodes)]
    names = []
    for node in nodes:
        for tensor in node.input_tensors:
            op, node_index, tensor_index = tensor._keras_history
            names.append(f"{op.name}[{node_index}][{tensor_index}]")
    return ", ".join(names) if names else "-"


def _rows(model, layers, chain, show_trainable, expand_nested, depth=0):
    from keras_lite.layers.layer import Layer
    from keras_lite.models.model import Model

    rows = []
    for layer in layers:
        name = f"{layer.name} ({type(layer).__name__})"
        if not isinstance(layer, Layer):
            name = f"{layer.name} ({layer.class_name})"
            params = "0"
        elif layer.built:
            params = f"{layer.count_params():,}"
        else:
            params = "0 (unbuilt)"
        if depth:
            name = "   " * depth + "└ " + name
        row = [name, _format_shape(_output_shape(layer, model)), params]
        if not chain:
            row.append(_connections(layer, model) if depth == 0 else "-")
        if show_trainable:
            row.append(("Y" if layer.trainable else "N") if getattr(layer, "weights", None) else "-")
        rows.append(row)
        if expand_nested and isinstance(layer, Model):
            rows.extend(_rows(layer, getattr(layer, "_operations", layer.layers), chain, show_trainable, expand_nested, depth + 1))
    return rows


def _layer_range(layers, layer_range):
    if layer_range is None:
        return layers
    if len(layer_range) != 2:
        raise ValueError(f"layer_range must be [first_name, last_name], got {layer_range!r}.")
    names = [layer.name for layer in layers]
    start = next((i for i, n in enumerate(names) if layer_range[0] in n), None)
    end = next((i for i in reversed(range(len(names))) if layer_range[1] in names[i]), None)
    if start is None or end is None or start > end:
        raise ValueError(f"layer_range {layer_range!r} does not match the layers {names}.")
    return layers[start:end + 1]


def render_summary(model, line_length=None, positions=None, expand_nested=False, show_trainable=False,
                   layer_range=None, console_width=None):
    """The summary text (without a trailing newline)."""
    chain = _is_chain(model)
    rows = model._operations if hasattr(model, "_operations") else model.layers  # functional graphs list ops too
    layers = _layer_range(rows, layer_range)
    headers = ["Layer (type)", "Output Shape", "Param #"]
    default_length, default_positions = (88, _SEQUENTIAL_POSITIONS) if chain else (108, _GRAPH_POSITIONS)
    if not chain:
        headers.append("Connected to")
    line_length = line_length or default_length
    positions = list(positions or default_positions)
    if show_trainable:
        headers.append("Trainable")
        positions = [p * 0.88 for p in positions] + [1.0]
    width = console_width or rich.console.Console().width
    width = min(line_length, width - 4)
    console = rich.console.Console(width=width, color_system=None, highlight=False, force_terminal=False,
                                   force_jupyter=False, soft_wrap=False)
    table = rich.table.Table(box=rich.box.HEAVY_HEAD, show_lines=True)
    edges = [int(width * p) if p <= 1 else int(p) for p in positions]
    previous = 0
    for i, (header, edge) in enumerate(zip(headers, edges)):
        justify = "right" if header == "Param #" else "center" if header == "Trainable" else "left"
        table.add_column(header, justify=justify, width=edge - previous, no_wrap=False, overflow="ellipsis")
        previous = edge
    for row in _rows(model, layers, chain, show_trainable, expand_nested):
        table.add_row(*row)
    with console.capture() as capture:
        console.print(table)
    weights = _unique(model.weights)
    trainable = _unique(model.trainable_weights)
    non_trainable = _unique(model.non_trainable_weights)
    lines = [f'Model: "{model.name}"', capture.get().rstrip("\n")]
    lines.append(f" Total params: {_count(weights):,} ({format_size(_bytes(weights))})")
    lines.append(f" Trainable params: {_count(trainable):,} ({format_size(_bytes(trainable))})")
    lines.append(f" Non-trainable params: {_count(non_trainable):,} ({format_size(_bytes(non_trainable))})")
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and getattr(optimizer, "built", False):
        opt_vars = _unique(optimizer.variables)
        lines.append(f" Optimizer params: {_count(opt_vars):,} ({format_size(_bytes(opt_vars))})")
    return "\n".join(lines)


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False, show_trainable=False,
                  layer_range=None):
    text = render_summary(model, line_length, positions, expand_nested, show_trainable, layer_range)
    (print_fn or print)(text)
