"""Functional: a model that is a graph of layer calls (DESIGN decision 4, STYLE 3).

The graph is the Nodes recorded when layers were called on KerasTensors.
Construction walks back from the outputs to the inputs, orders the nodes,
and validates the wiring; calling the model replays the nodes in order with
a dict from symbolic tensor to value. In an eager replay, a layer on unmasked
inputs whose `__call__` would add nothing (see `Layer._replays_directly`)
runs its `call` directly: the per-call bookkeeping is most of a small layer's
eager cost on torch and TensorFlow.
"""
import optree

from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic
from keras_lite.layers.input_layer import InputLayer
from keras_lite.layers.layer import Layer, _broadcast_masks, combine_masks
from keras_lite.models.functional_config import functional_config, functional_from_config
from keras_lite.models.model import Model
from keras_lite.saving.object_registration import keras_class


def _flatten(structure):
    return optree.tree_leaves(structure, none_is_leaf=True)


def _describe(tensor):
    op = tensor._keras_history[0] if tensor._keras_history else None
    return f"{tensor.name!r} (from layer {op.name!r})" if op is not None else repr(tensor.name)


class Graph:
    """Nodes between some input tensors and some output tensors, ordered for execution and for display."""

    def __init__(self, inputs, outputs):
        self.inputs = inputs
        self.outputs = outputs
        input_ids = {id(t) for t in inputs}
        visited, in_progress = set(), set()
        post_order = []          # nodes, every node after the nodes it consumes
        operation_index = {}    # first-visit order (outputs first), the tie-break for display
        reached_inputs = set()

        def visit(tensor, consumer):
            if id(tensor) in input_ids:
                reached_inputs.add(id(tensor))
                return
            if tensor._keras_history is None:
                raise ValueError(f"Tensor {tensor.name!r} was not produced by a layer or `Input()`; it cannot "
                                 "be part of a functional graph unless it is one of the model's inputs.")
            op, node_index, _ = tensor._keras_history
            node = op._inbound_nodes[node_index]
            if id(node) in visited:
                return
            if id(node) in in_progress:
                raise ValueError(f"The graph has a cycle through layer {op.name!r}.")
            operation_index.setdefault(id(op), (len(operation_index), op))
            if not node.input_tensors and isinstance(op, InputLayer):
                raise ValueError(
                    f"Graph disconnected: the outputs depend on input {tensor.name!r}, which is not among the "
                    f"model's inputs {[t.name for t in inputs]} (needed by {consumer}).")
            in_progress.add(id(node))
            for parent in node.input_tensors:
                visit(parent, f"layer {op.name!r}")
            in_progress.discard(id(node))
            visited.add(id(node))
            post_order.append(node)

        for tensor in outputs:
            visit(tensor, "the model's outputs")
        unused = [t.name for t in inputs if id(t) not in reached_inputs]
        if unused:
            raise ValueError(f"Model inputs {unused} are not connected to the outputs "
                             f"{[_describe(t) for t in outputs]}: remove them or use them.")
        for tensor in inputs:
            if tensor._keras_history is not None:
                op = tensor._keras_history[0]
                operation_index.setdefault(id(op), (len(operation_index), op))

        self.nodes = post_order
        self.operations = self._order_by_depth(post_order, inputs, operation_index)
        # What a run replays: each node that computes, with the ids of the tensors it reads and writes.
        self.steps = [(node, node.operation, isinstance(node.operation, Layer),
                       [id(t) for t in node.input_tensors], [id(t) for t in node.output_tensors])
                      for node in post_order if not isinstance(node.operation, InputLayer)]

    @staticmethod
    def _order_by_depth(post_order, inputs, operation_index):
        """Operations from the inputs' side to the outputs' side: by decreasing depth (distance from
        the outputs), ties by first visit from the outputs."""
        node_depth, op_depth = {}, {}
        for node in reversed(post_order):
            depth = max(node_depth.get(id(node), 0), op_depth.get(id(node.operation), 0))
            node_depth[id(node)] = depth
            op_depth[id(node.operation)] = depth
            for parent in node.parent_nodes:
                node_depth[id(parent)] = max(node_depth.get(id(parent), 0), depth + 1)
        for tensor in inputs:
            if tensor._keras_history is not None:
                op, node_index, _ = tensor._keras_history
                node = op._inbound_nodes[node_index]
                consumers = [node_depth[id(n)] for n in post_order if any(t is tensor for t in n.input_tensors)]
                op_depth[id(op)] = max([op_depth.get(id(op), 0)] + [d + 1 for d in consumers])
        ops = [op for _, op in operation_index.values()]
        return sorted(ops, key=lambda op: (-op_depth.get(id(op), 0), operation_index[id(op)][0]))


@keras_class("keras.src.models.functional", "Functional")
class Functional(Model):
    def __init__(self, inputs, outputs, name=None, **kwargs):
        for struct, what in ((inputs, "inputs"), (outputs, "outputs")):
            for t in _flatten(struct):
                if not isinstance(t, KerasTensor):
                    raise ValueError(f"Model {what} must be KerasTensors (from `keras_lite.Input` and layer "
                                     f"calls), got {type(t).__name__}: {t!r}.")
        super().__init__(name=name, **kwargs)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._graph = Graph(_flatten(inputs), _flatten(outputs))
        self._operations = self._graph.operations
        names = [op.name for op in self._operations if isinstance(op, Layer)]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"Model {self.name!r}: layer names must be unique, these repeat: {duplicates}.")
        self.built = True

    @property
    def layers(self):
        return [op for op in self._operations if isinstance(op, Layer)]

    @property
    def _layers(self):
        return self.layers

    @property
    def inputs(self):
        return _flatten(self._inputs_struct)

    @property
    def outputs(self):
        return _flatten(self._outputs_struct)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        return optree.tree_map(lambda t: t.shape, self._inputs_struct)

    @property
    def output_shape(self):
        return optree.tree_map(lambda t: t.shape, self._outputs_struct)

    def get_config(self):
        return functional_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return functional_from_config(cls, config, custom_objects)

    def _match_inputs(self, data):
        """The given data as a flat list in the order of `self.inputs`."""
        model_inputs = self._graph.inputs
        if isinstance(data, dict):
            if isinstance(self._inputs_struct, dict):
                missing = [k for k in self._inputs_struct if k not in data]
                if missing:
                    raise ValueError(f"Model {self.name!r}: missing inputs {missing}; got keys {sorted(data)}.")
                return [data[k] for k in sorted(self._inputs_struct)]  # the order optree flattens a dict in
            names = [t.name for t in model_inputs]
            missing = [n for n in names if n not in data]
            if missing:
                raise ValueError(f"Model {self.name!r}: expected inputs named {names}, missing {missing} "
                                 f"(got {sorted(data)}).")
            return [data[n] for n in names]
        flat = _flatten(data) if isinstance(data, (list, tuple)) else [data]
        if len(flat) != len(model_inputs):
            raise ValueError(f"Model {self.name!r} expects {len(model_inputs)} input(s) "
                             f"{[t.name for t in model_inputs]}, got {len(flat)}.")
        return flat

    def call(self, inputs, training=None, mask=None):
        values = self._match_inputs(inputs)
        masks = [None] * len(values) if mask is None else (_flatten(mask) if isinstance(mask, (list, tuple)) else [mask])
        return self._run(values, masks, training)

    def _run(self, values, masks, training):
        graph_inputs = self._graph.inputs
        known = {id(t): v for t, v in zip(graph_inputs, values)}
        known_masks = {id(t): m for t, m in zip(graph_inputs, masks) if m is not None}
        eager = not any_symbolic(values)
        for node, op, is_layer, input_ids, output_ids in self._graph.steps:
            args, kwargs = node.call_arguments([known[i] for i in input_ids])
            if is_layer:
                previous = combine_masks([known_masks.get(i) for i in input_ids]) if known_masks else None
                if eager and previous is None and op._replays_directly(kwargs):
                    outputs = op._replay_call(args, kwargs, training)
                else:
                    if op._call_has_training:
                        kwargs["training"] = training
                    if op._call_has_mask and kwargs.get("mask") is None and previous is not None:
                        kwargs["mask"] = previous
                    outputs = op(*args, **kwargs)
                if input_ids and (previous is not None and op.supports_masking or op._produces_mask()):
                    new_mask = op.compute_mask(args[0] if args else None, previous)
                    if new_mask is not None:  # one mask per output, or the same mask for all
                        for i, m in zip(output_ids, _broadcast_masks(outputs, new_mask)):
                            if m is not None:
                                known_masks[i] = m
            else:
                outputs = op(*args, **kwargs)
            if len(output_ids) == 1 and not isinstance(outputs, (list, tuple, dict)):
                known[output_ids[0]] = outputs
            else:
                for i, v in zip(output_ids, _flatten(outputs)):
                    known[i] = v
        return optree.tree_map(lambda t: known[id(t)], self._outputs_struct)
