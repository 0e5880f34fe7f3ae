"""A Functional model's graph as a Keras 3 config, and back (DESIGN decision 4, KERAS_FORMAT.md).

Each layer (or op) is listed once with `inbound_nodes`: one entry per call
inside this model, holding the call's arguments, where a KerasTensor is
written as `{"class_name": "__keras_tensor__", "config": {shape, dtype,
keras_history: [layer name, node index, tensor index]}}`. Node indices count
only the calls inside this model. The legacy Keras 2 form of inbound nodes
(`[[[name, node, tensor, kwargs], ...]]`) is read too.
"""
import optree

from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.input_layer import InputLayer
from keras_lite.ops.operation import FunctionOperation
from keras_lite.saving import serialization_lib


def _node_indices(model):
    """{id(node): index among the calls of its operation that belong to this model}."""
    in_model = {id(n) for n in model._graph.nodes}
    for tensor in model.inputs:  # input layers' own nodes
        if tensor._keras_history is not None:
            op, node_index, _ = tensor._keras_history
            in_model.add(id(op._inbound_nodes[node_index]))
    indices = {}
    for op in model._operations:
        kept = [n for n in op._inbound_nodes if id(n) in in_model]
        for i, node in enumerate(kept):
            indices[id(node)] = i
    return indices


def _tensor_ref(tensor, indices):
    op, node_index, tensor_index = tensor._keras_history
    return [op.name, indices.get(id(op._inbound_nodes[node_index]), node_index), tensor_index]


def _serialize_argument(value, indices):
    if isinstance(value, KerasTensor):
        return {"class_name": "__keras_tensor__",
                "config": {"shape": list(value.shape), "dtype": value.dtype,
                           "keras_history": _tensor_ref(value, indices)}}
    if isinstance(value, (list, tuple)):
        return [_serialize_argument(v, indices) for v in value]
    if isinstance(value, dict):
        return {k: _serialize_argument(v, indices) for k, v in value.items()}
    return serialization_lib.serialize_keras_object(value)


def _is_graph_model(op):
    from keras_lite.models.functional import Functional
    from keras_lite.models.sequential import Sequential

    return isinstance(op, (Functional, Sequential))


def _structure_refs(structure, indices):
    """input_layers / output_layers: Keras counts a nested model's calls from 1 there (node 0 being
    the model's own graph), unlike the `keras_history` of inbound nodes."""
    def ref(tensor):
        name, node_index, tensor_index = _tensor_ref(tensor, indices)
        return [name, node_index + _is_graph_model(tensor._keras_history[0]), tensor_index]

    return optree.tree_map(ref, structure)


def functional_config(model):
    indices = _node_indices(model)
    in_model = set(indices)
    entries = []
    for op in model._operations:
        if isinstance(op, FunctionOperation):
            entry = {"module": op.module, "class_name": op.class_name, "config": op.get_config(),
                     "registered_name": op.class_name}
        else:
            entry = serialization_lib.serialize_keras_object(op)
            build_config = op.get_build_config() if not isinstance(op, InputLayer) else None
            if build_config is not None:
                entry["build_config"] = serialization_lib.serialize_keras_object(build_config)
        entry["name"] = op.name
        entry["inbound_nodes"] = [
            {"args": _serialize_argument(list(node.call_args), indices),
             "kwargs": _serialize_argument(node.call_kwargs, indices)}
            for node in op._inbound_nodes if id(node) in in_model and node.input_tensors
        ]
        entries.append(entry)
    return {"name": model.name, "trainable": model.trainable, "layers": entries,
            "input_layers": _structure_refs(model._inputs_struct, indices),
            "output_layers": _structure_refs(model._outputs_struct, indices)}


def _is_ref(x):
    return isinstance(x, list) and len(x) == 3 and isinstance(x[0], str) and all(isinstance(i, int) for i in x[1:])


def _legacy_node(node_data):
    """Keras 2 `[[name, node, tensor, kwargs], ...]` -> {"args", "kwargs"}."""
    refs = [{"class_name": "__keras_tensor__", "config": {"keras_history": entry[:3]}} for entry in node_data]
    kwargs = node_data[0][3] if node_data and len(node_data[0]) > 3 else {}
    return {"args": [refs[0]] if len(refs) == 1 else [refs], "kwargs": kwargs}


def functional_from_config(cls, config, custom_objects=None):
    """Rebuild the graph: create every layer, then replay the recorded calls in dependency order."""
    from keras_lite.ops import _op_registry

    layers, pending = {}, []  # layers by the name the config gives them (a rebuilt layer may get another)
    for entry in config["layers"]:
        name = entry["name"] if "name" in entry else entry["config"]["name"]
        if (entry.get("module") or "").startswith("keras.src.ops."):
            layer = FunctionOperation(_op_registry.op_for(entry["class_name"]), name=name)
        else:
            layer = serialization_lib.deserialize_keras_object(entry, custom_objects=custom_objects)
        layers[name] = layer
        for node_data in entry.get("inbound_nodes", []):
            if isinstance(node_data, list):
                node_data = _legacy_node(node_data)
            pending.append((name, node_data))
    produced = {}  # (config layer name, node index) -> flat outputs
    for name, layer in layers.items():
        if isinstance(layer, InputLayer):
            produced[(name, 0)] = [layer.output]
    calls = {name: (1 if isinstance(layer, InputLayer) else 0) for name, layer in layers.items()}

    def ready(value):
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            name, node_index, _ = value["config"]["keras_history"]
            return (name, node_index) in produced
        if isinstance(value, (list, tuple)):
            return all(ready(v) for v in value)
        if isinstance(value, dict):
            return all(ready(v) for v in value.values())
        return True

    def rebuild(value):
        if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
            name, node_index, tensor_index = value["config"]["keras_history"]
            return produced[(name, node_index)][tensor_index]
        if isinstance(value, (list, tuple)):
            return [rebuild(v) for v in value]
        if isinstance(value, dict):
            if "class_name" in value and "config" in value:
                return serialization_lib.deserialize_keras_object(value, custom_objects=custom_objects)
            return {k: rebuild(v) for k, v in value.items()}
        return value

    while pending:
        progressed = False
        for item in list(pending):
            name, node_data = item
            first_pending = next(p for p in pending if p[0] == name)
            if first_pending is not item or not ready(node_data):
                continue  # a layer's calls replay in their recorded order
            outputs = layers[name](*rebuild(node_data.get("args", [])), **rebuild(node_data.get("kwargs", {})))
            produced[(name, calls[name])] = optree.tree_leaves(outputs, none_is_leaf=True)
            calls[name] += 1
            pending.remove(item)
            progressed = True
        if not progressed:
            names = sorted({name for name, _ in pending})
            raise ValueError(f"Cannot rebuild model {config.get('name')!r}: the calls of layers {names} refer to "
                             "tensors that no layer in the config produces.")

    def resolve(structure):
        if _is_ref(structure):
            name, node_index, tensor_index = structure
            node_index -= _is_graph_model(layers.get(name))
            if (name, node_index) not in produced:
                raise ValueError(f"Model config refers to unknown tensor {structure!r}.")
            return produced[(name, node_index)][tensor_index]
        if isinstance(structure, dict):
            return {k: resolve(v) for k, v in structure.items()}
        return [resolve(s) for s in structure]

    inputs = resolve(config["input_layers"])
    outputs = resolve(config["output_layers"])
    model = cls.__new__(cls)
    cls.__init__(model, inputs, outputs, name=config.get("name"), trainable=config.get("trainable", True))
    return model

