"""Operations and nodes: the graph is data (DESIGN decision 4, STYLE 3).

An Operation is anything that can be called on KerasTensors: a public op
(`ops.add`) or, later, a Layer. Each symbolic call records a Node holding
the call's arguments and outputs; every output KerasTensor points back at
its node through `_keras_history = (operation, node_index, tensor_index)`.
"""
import optree

from keras_lite.backends.common import naming
from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic


class Node:
    def __init__(self, operation, call_args, call_kwargs, outputs):
        self.operation = operation
        self.call_args = call_args
        self.call_kwargs = call_kwargs
        self.outputs = outputs
        leaves, self._arguments_def = optree.tree_flatten((call_args, call_kwargs), none_is_leaf=True)
        self._argument_leaves = leaves
        self._tensor_positions = [i for i, x in enumerate(leaves) if isinstance(x, KerasTensor)]
        self.input_tensors = [leaves[i] for i in self._tensor_positions]
        self._single_tensor_argument = (len(call_args) == 1 and not call_kwargs
                                        and isinstance(call_args[0], KerasTensor))  # the common `layer(x)`
        self.output_tensors = [x for x in optree.tree_leaves(outputs, none_is_leaf=True)
                               if isinstance(x, KerasTensor)]
        node_index = len(operation._inbound_nodes)
        operation._inbound_nodes.append(self)
        for i, tensor in enumerate(self.output_tensors):
            tensor._keras_history = (operation, node_index, i)
        for tensor in self.input_tensors:
            if tensor._keras_history is not None:
                tensor._keras_history[0]._outbound_nodes.append(self)

    def call_arguments(self, values):
        """(args, kwargs) of the recorded call with `values` in place of `input_tensors`, in order."""
        if self._single_tensor_argument:
            return (values[0],), {}
        leaves = list(self._argument_leaves)
        for i, value in zip(self._tensor_positions, values):
            leaves[i] = value
        return optree.tree_unflatten(self._arguments_def, leaves)

    @property
    def parent_nodes(self):
        """The nodes that produced this node's inputs (graph inputs have none)."""
        parents = []
        for tensor in self.input_tensors:
            if tensor._keras_history is not None:
                op, node_index, _ = tensor._keras_history
                node = op._inbound_nodes[node_index]
                if node not in parents:
                    parents.append(node)
        return parents


class Operation:
    def __init__(self, name=None):
        if name is not None and (not isinstance(name, str) or "/" in name):
            raise ValueError(f"{type(self).__name__}: name must be a string without '/', got {name!r}.")
        self.name = name or naming.auto_name(naming.to_snake_case(type(self).__name__))
        self._inbound_nodes = []
        self._outbound_nodes = []

    def compute_output_spec(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__}.compute_output_spec")

    def symbolic_call(self, *args, **kwargs):
        outputs = self.compute_output_spec(*args, **kwargs)
        Node(self, args, kwargs, outputs)
        return outputs


class FunctionOperation(Operation):
    """The graph record of one symbolic call of a public op such as `ops.add`.

    `class_name` and `module` are the names Keras 3 files use for the op
    (`Add`, `keras.src.ops.numpy`), so graphs with ops serialise alike.
    """

    def __init__(self, op, name=None):
        self.op = op
        self.class_name = "".join(part.capitalize() for part in op.__name__.split("_"))
        self.module = f"keras.src.ops.{op.keras_module}"
        super().__init__(name=name or naming.auto_name(op.__name__))

    def compute_output_spec(self, *args, **kwargs):
        return self.op.compute_output_spec(*args, **kwargs)

    def __call__(self, *args, **kwargs):
        """Symbolic arguments record a node on this operation; data computes."""
        if any_symbolic(args, kwargs):
            return self.symbolic_call(*args, **kwargs)
        return self.op(*args, **kwargs)

    def get_config(self):
        return {"name": self.name}

    def __repr__(self):
        return f"<Operation {self.class_name} name={self.name}>"
