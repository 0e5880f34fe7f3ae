"""clone_model: the same architecture with new layers (fresh weights)."""
import optree

from keras_lite.layers.input_layer import InputLayer
from keras_lite.models.functional import Functional
from keras_lite.models.sequential import Sequential


def _fresh_copy(layer):
    return type(layer).from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None, call_function=None, recursive=False, **kwargs):
    """A Functional or Sequential model rebuilt from new layers.

    `clone_function(layer)` makes each new layer (default: from the layer's config); with
    `recursive=True` nested models are cloned the same way instead of being passed to it.
    `call_function(layer, *args, **kwargs)` replaces the calls when replaying a functional graph.
    """
    if kwargs:
        raise ValueError(f"clone_model: unexpected arguments {sorted(kwargs)}.")
    clone_function = clone_function or _fresh_copy

    def clone_layer(layer):
        if recursive and isinstance(layer, (Functional, Sequential)):
            return clone_model(layer, clone_function=clone_function, call_function=call_function, recursive=True)
        return clone_function(layer)

    if isinstance(model, Sequential):
        layers = [clone_layer(layer) for layer in model.layers]
        clone = Sequential(layers, name=model.name)
        if input_tensors is not None:
            clone(input_tensors)
        elif model._functional is not None:
            clone.build(model._functional.inputs[0].shape)
        return clone
    if not isinstance(model, Functional):
        raise ValueError(f"clone_model works on Functional and Sequential models; {model.name!r} is a subclassed "
                         f"{type(model).__name__}: rebuild it from its class instead.")
    new_layers = {}
    for op in model._operations:
        if isinstance(op, InputLayer):
            new_layers[id(op)] = type(op).from_config(op.get_config())
        elif hasattr(op, "get_weights"):
            new_layers[id(op)] = clone_layer(op)
        else:
            new_layers[id(op)] = op  # ops carry no state: reuse
    known = {}
    given = list(input_tensors) if isinstance(input_tensors, (list, tuple)) else (
        [input_tensors] if input_tensors is not None else None)
    for i, tensor in enumerate(model.inputs):
        known[id(tensor)] = given[i] if given else new_layers[id(tensor._keras_history[0])].output
    for node in model._graph.nodes:
        op = node.operation
        if isinstance(op, InputLayer):
            continue
        swap = lambda x: known[id(x)] if id(x) in known else x  # noqa: E731
        args = optree.tree_map(swap, node.call_args, none_is_leaf=True)
        call_kwargs = optree.tree_map(swap, node.call_kwargs, none_is_leaf=True)
        new_op = new_layers[id(op)]
        outputs = call_function(new_op, *args, **call_kwargs) if call_function else new_op(*args, **call_kwargs)
        for old, new in zip(node.output_tensors, optree.tree_leaves(outputs)):
            known[id(old)] = new
    inputs = optree.tree_map(lambda t: known[id(t)], model._inputs_struct)
    outputs = optree.tree_map(lambda t: known[id(t)], model._outputs_struct)
    return Functional(inputs, outputs, name=model.name)


__all__ = ["clone_model"]
