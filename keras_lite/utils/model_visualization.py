"""plot_model / model_to_dot: a model's graph drawn through pydot and rendered by Graphviz's `dot`.

The drawing reads the model's own graph (STYLE 3): one DOT node per operation
(layers and ops such as `ops.add`), one edge from the operation that produced
a tensor to each operation that consumes it. Nested models are one node, or
with `expand_nested=True` a dashed cluster whose inner layers receive and send
the edges. Subclassed models have no graph to read and are drawn as one node.
Node labels are HTML-like tables in the Keras 3 look: name/class, then on
request the activation, input/output shapes, output dtype and trainability.
"""
import html
import os
import shutil
import subprocess

_RANKDIRS = ("TB", "LR", "BT", "RL")
_IMAGE_FORMATS_FOR_DISPLAY = ("png", "jpg", "jpeg", "gif")


def _import_pydot():
    try:
        import pydot
    except ImportError as error:
        raise ImportError("plot_model and model_to_dot need pydot: install it with `pip install pydot`.") from error
    return pydot


def _dot_program():
    path = shutil.which("dot")
    if path is None:
        raise OSError("plot_model needs Graphviz's `dot` program on PATH to render an image: install Graphviz, "
                      "e.g. `apt-get install graphviz` (or `brew install graphviz`, `conda install graphviz`).")
    return path


def _graph_of(model):
    """(graph, operations drawn) for models that are graphs; None for subclassed models.

    A Sequential's input layer is not one of its `layers`, so, as in Keras, it is not drawn.
    """
    from keras_lite.layers.input_layer import InputLayer
    from keras_lite.models.functional import Functional
    from keras_lite.models.sequential import Sequential

    if isinstance(model, Sequential):
        functional = model._functional
        return functional._graph, [op for op in functional._operations if not isinstance(op, InputLayer)]
    if isinstance(model, Functional):
        return model._graph, model._operations
    return None


def _class_name(op):
    """A layer's class; for an op's graph record (FunctionOperation), the op's Keras class name (`Add`)."""
    from keras_lite.layers.layer import Layer

    return type(op).__name__ if isinstance(op, Layer) else getattr(op, "class_name", type(op).__name__)


def _format_shapes(tensors):
    shapes = [str(tuple(t.shape)) for t in tensors]
    return shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]"


def _format_dtypes(tensors):
    dtypes = [t.dtype for t in tensors]
    return dtypes[0] if len(dtypes) == 1 else str(dtypes)


def _cell(text, value=None, colspan=None):
    span = f' colspan="{colspan}"' if colspan else ""
    body = html.escape(text, quote=False) + (f": <b>{html.escape(value, quote=False)}</b>" if value else "")
    return f'<td bgcolor="white"{span}><font point-size="14">{body}</font></td>'


class _DotDrawing:
    """Draws one model (and, when expanding, its nested models) into a pydot graph."""

    def __init__(self, pydot, show_shapes, show_dtype, show_layer_names, expand_nested, show_layer_activations,
                 show_trainable):
        self.pydot = pydot
        self.show_shapes = show_shapes
        self.show_dtype = show_dtype
        self.show_layer_names = show_layer_names
        self.expand_nested = expand_nested
        self.show_layer_activations = show_layer_activations
        self.show_trainable = show_trainable
        self.drawn = set()   # ids of the operations that have a DOT node
        self.edges = set()   # (source id, target id): a pair is drawn once, as Keras does

    def cluster(self, model):
        cluster = self.pydot.Cluster(graph_name=model.name, style="dashed", label=model.name, labeljust="l")
        self.draw(model, cluster)
        return cluster

    def draw(self, model, container):
        found = _graph_of(model)
        if found is None:
            self.add_node(model, None, container)
            return
        graph, operations = found
        graph_nodes = {id(node) for node in graph.nodes}
        for op in operations:
            if self.expands(op):
                container.add_subgraph(self.cluster(op))
                continue
            in_graph = [n for n in op._inbound_nodes if id(n) in graph_nodes]
            self.add_node(op, (in_graph or op._inbound_nodes or [None])[0], container)
        for node in graph.nodes:
            for index, tensor in enumerate(node.input_tensors):
                for source in self.sources(tensor):
                    for target in self.targets(node, index):
                        self.add_edge(source, target, container)

    def expands(self, op):
        return self.expand_nested and _graph_of(op) is not None

    def sources(self, tensor):
        """The DOT nodes a tensor comes out of: its producer, or the inner layer of an expanded model."""
        if tensor._keras_history is None:
            return []
        op, _, output_index = tensor._keras_history
        if self.expands(op):
            return self.sources(op.outputs[output_index])
        return [id(op)] if id(op) in self.drawn else []

    def targets(self, node, input_index):
        """The DOT nodes that the node's `input_index`-th input tensor flows into."""
        op = node.operation
        if not self.expands(op):
            return [id(op)]
        inner_inputs = op.inputs
        return self.entries(op, inner_inputs[input_index]) if input_index < len(inner_inputs) else []

    def entries(self, model, tensor):
        """Where a model input enters a drawn model: its input layer, or (Sequential) its first consumers."""
        producer = tensor._keras_history[0] if tensor._keras_history else None
        if producer is not None and id(producer) in self.drawn:
            return [id(producer)]
        graph, _ = _graph_of(model)
        return [target for node in graph.nodes for index, t in enumerate(node.input_tensors) if t is tensor
                for target in self.targets(node, index)]

    def add_edge(self, source, target, container):
        if (source, target) not in self.edges:
            self.edges.add((source, target))
            container.add_edge(self.pydot.Edge(str(source), str(target), penwidth="2"))

    def add_node(self, op, node, container):
        self.drawn.add(id(op))
        container.add_node(self.pydot.Node(str(id(op)), label=self.label(op, node), fontname="Helvetica",
                                           border="0", margin="0"))

    def label(self, op, node):
        cells = []
        if self.show_shapes:
            if node is None or node.input_tensors:
                cells.append(_cell("Input shape", _format_shapes(node.input_tensors) if node else "?"))
            output_shape = _format_shapes(node.output_tensors) if node else None
            if output_shape is None and getattr(op, "_eager_output_shape", None) is not None:
                output_shape = str(op._eager_output_shape)
            cells.append(_cell("Output shape", output_shape or "?"))
        if self.show_dtype:
            cells.append(_cell("Output dtype", _format_dtypes(node.output_tensors) if node else "?"))
        if self.show_trainable and getattr(op, "weights", None):
            color, text = ("forestgreen", "Trainable") if op.trainable else ("firebrick", "Non-trainable")
            cells.append(f'<td bgcolor="{color}"><font point-size="14" color="white"><b>{text}</b></font></td>')
        span = max(1, len(cells))
        class_name = html.escape(_class_name(op), quote=False)
        title = (f"<b>{html.escape(op.name, quote=False)}</b> ({class_name})" if self.show_layer_names
                 else f"<b>{class_name}</b>")
        rows = [f'<tr><td colspan="{span}" bgcolor="black"><font point-size="16" color="white">{title}</font>'
                "</td></tr>"]
        activation = getattr(op, "activation", None) if self.show_layer_activations else None
        if callable(activation):
            name = getattr(activation, "__name__", type(activation).__name__)
            rows.append("<tr>" + _cell("Activation", name, colspan=span) + "</tr>")
        if cells:
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return '<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">' + "".join(rows) + "</table>>"


def _check_drawable(model, kwargs):
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
    if not getattr(model, "built", False):
        raise ValueError(f"Model {model.name!r} has not yet been built, so it has no graph to draw. Build it first "
                         "by calling `build()` or by calling the model on a batch of data.")


def model_to_dot(model, show_shapes=False, show_dtype=False, show_layer_names=True, rankdir="TB",
                 expand_nested=False, dpi=200, subgraph=False, show_layer_activations=False, show_trainable=False,
                 splines="ortho", **kwargs):
    """The model's graph as a `pydot.Dot` (a `pydot.Cluster` when `subgraph=True`)."""
    _check_drawable(model, kwargs)
    if rankdir not in _RANKDIRS:
        raise ValueError(f"rankdir must be one of {list(_RANKDIRS)}, got {rankdir!r}.")
    pydot = _import_pydot()
    drawing = _DotDrawing(pydot, show_shapes, show_dtype, show_layer_names, expand_nested, show_layer_activations,
                          show_trainable)
    if subgraph:
        return drawing.cluster(model)
    dot = pydot.Dot(graph_type="digraph", rankdir=rankdir, concentrate=True, dpi=dpi, splines=splines)
    dot.set_node_defaults(shape="record")
    drawing.draw(model, dot)
    return dot


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False, show_layer_names=False, rankdir="TB",
               expand_nested=False, dpi=200, show_layer_activations=False, show_trainable=False, splines="ortho",
               **kwargs):
    """Draw the model's graph into `to_file`; the extension picks the format (png when there is none).

    `.dot` writes the DOT source; other formats (png, svg, pdf, jpg, ...) are rendered by Graphviz's `dot`.
    In IPython, an image file comes back as an `IPython.display.Image`.
    """
    if kwargs.pop("layer_range", None) is not None:
        raise ValueError("Argument `layer_range` is no longer supported.")
    dot = model_to_dot(model, show_shapes=show_shapes, show_dtype=show_dtype, show_layer_names=show_layer_names,
                       rankdir=rankdir, expand_nested=expand_nested, dpi=dpi,
                       show_layer_activations=show_layer_activations, show_trainable=show_trainable,
                       splines=splines, **kwargs)
    to_file = os.fspath(to_file)
    file_format = os.path.splitext(to_file)[1][1:].lower() or "png"
    source = dot.to_string()
    if file_format in ("dot", "gv"):
        with open(to_file, "w", encoding="utf-8") as f:
            f.write(source)
        return None
    rendered = subprocess.run([_dot_program(), f"-T{file_format}"], input=source.encode("utf-8"),
                              capture_output=True, check=False)
    if rendered.returncode != 0:
        raise ValueError(f"Graphviz `dot` could not render {to_file!r} as {file_format!r}: "
                         f"{rendered.stderr.decode('utf-8', 'replace').strip()}")
    with open(to_file, "wb") as f:
        f.write(rendered.stdout)
    if file_format in _IMAGE_FORMATS_FOR_DISPLAY:
        try:
            from IPython import display
        except ImportError:
            return None
        return display.Image(filename=to_file)
    return None
