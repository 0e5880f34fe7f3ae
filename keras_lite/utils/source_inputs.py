"""get_source_inputs: the graph inputs a symbolic tensor was computed from."""
from keras_lite.backends.common.keras_tensor import KerasTensor


def get_source_inputs(tensor):
    """The input tensors (each once, in the order first reached) that `tensor` depends on.

    A tensor made by no layer call, or by an input layer, is its own source.
    """
    if not isinstance(tensor, KerasTensor):
        raise TypeError(f"get_source_inputs: expected a symbolic KerasTensor; got {type(tensor).__name__}.")
    sources, visited = [], set()
    _collect(tensor, sources, visited)
    return sources


def _collect(tensor, sources, visited):
    """Depth first, each tensor once: branching graphs (DenseNet) share most of their ancestors."""
    if id(tensor) in visited:
        return
    visited.add(id(tensor))
    if tensor._keras_history is None:
        found = [tensor]
    else:
        operation, node_index, _ = tensor._keras_history
        node = operation._inbound_nodes[node_index]
        if node.input_tensors:
            for parent in node.input_tensors:
                _collect(parent, sources, visited)
            return
        found = list(node.output_tensors)
    for source in found:
        if all(source is not seen for seen in sources):
            sources.append(source)
