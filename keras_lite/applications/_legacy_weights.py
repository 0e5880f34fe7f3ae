"""Reader for the Keras 2 HDF5 weights layout, the one the published ImageNet files use.

Layout: the root (or its `model_weights` group) lists `layer_names` in an
attribute (split over `layer_names0`, `layer_names1`, ... when long); each
layer's group lists `weight_names`, paths of datasets inside that group,
ordered trainable weights first, then non-trainable ones.

Layers are paired by order, as Keras pairs them: the file's layers that have
weights with the model's layers that have weights. Auto-generated layer names
(`conv2d_7`) differ between sessions, so names only serve the error messages.
Every value is checked against its variable's shape before any is assigned.
Links (soft or external) and datasets stored outside the file are refused.
"""
import h5py
import numpy as np


def load_legacy_weights(model, filepath):
    """Assign the weights saved in the Keras 2 HDF5 file `filepath` to `model`'s layers."""
    with h5py.File(filepath, "r") as f:
        root = f
        if not _has_attribute(f, "layer_names") and "model_weights" in f:
            root = _child(f, "model_weights", h5py.Group, filepath)
        saved = []
        for name in _attribute(root, "layer_names"):
            group = _child(root, name, h5py.Group, filepath)
            weight_names = _attribute(group, "weight_names")
            if weight_names:
                saved.append((name, [_child(group, w, h5py.Dataset, filepath) for w in weight_names]))
        layers = [layer for layer in model.layers if _legacy_order(layer)]
        if len(saved) != len(layers):
            raise ValueError(f"Layer count mismatch when loading weights from file {filepath}. Model expected "
                             f"{len(layers)} layers, found {len(saved)} saved layers.")
        for k, ((saved_name, datasets), layer) in enumerate(zip(saved, layers)):
            variables = _legacy_order(layer)
            where = f"layer #{k} (named {layer.name!r} in the model, {saved_name!r} in {filepath})"
            if len(datasets) != len(variables):
                raise ValueError(f"Weight count mismatch for {where}: the layer expects {len(variables)} weight(s), "
                                 f"the file holds {len(datasets)}.")
            for variable, dataset in zip(variables, datasets):
                if tuple(variable.shape) != tuple(dataset.shape):
                    raise ValueError(f"Shape mismatch for weight {variable.path} of {where}: the weight has shape "
                                     f"{tuple(variable.shape)}, the saved value {tuple(dataset.shape)}.")
        for (_, datasets), layer in zip(saved, layers):
            for variable, dataset in zip(_legacy_order(layer), datasets):
                variable.assign(np.asarray(dataset))


def _legacy_order(layer):
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _has_attribute(group, name):
    return name in group.attrs or f"{name}0" in group.attrs


def _attribute(group, name):
    """A list-of-strings attribute, joined back from its numbered chunks if it was split."""
    if name in group.attrs:
        chunks = [group.attrs[name]]
    else:
        chunks, i = [], 0
        while f"{name}{i}" in group.attrs:
            chunks.append(group.attrs[f"{name}{i}"])
            i += 1
    return [v.decode("utf8") if isinstance(v, bytes) else str(v) for chunk in chunks for v in chunk]


def _child(parent, path, kind, filepath):
    """The group or dataset at `path` under `parent`, reached through hard links only."""
    node = parent
    for part in path.split("/"):
        if not part or part not in node:
            raise ValueError(f"{filepath}: no {kind.__name__.lower()} {path!r} in {parent.name!r}.")
        link = node.get(part, getlink=True)
        if isinstance(link, (h5py.ExternalLink, h5py.SoftLink)):
            raise ValueError(f"{filepath}: {path!r} in {parent.name!r} is an HDF5 {type(link).__name__}; "
                             "weights files with links are not loaded.")
        node = node[part]
    if not isinstance(node, kind):
        raise ValueError(f"{filepath}: {path!r} in {parent.name!r} is not an HDF5 {kind.__name__}.")
    if kind is h5py.Dataset and (node.external or node.is_virtual):
        raise ValueError(f"{filepath}: dataset {path!r} in {parent.name!r} keeps its data outside the file; "
                         "it is not loaded.")
    return node
