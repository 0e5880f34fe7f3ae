"""Laying variables out on the mesh: a layer's weights as they are created, the rest of the training
state (optimizer slots, metric totals, ...) before the first step.

Laying out is done once per variable; in a multi-process run it also gives every process process 0's
value (the engines' own broadcast), so all replicas start from the same weights.
"""
import warnings

from keras_lite.distribution._engine import backend_distribution
from keras_lite.distribution.global_distribution import distribution
from keras_lite.distribution.tensor_layout import TensorLayout


def lay_out_new_weight(variable):
    """Called by Layer.add_weight: under a distribution the new weight takes its layout (its rank and
    sizes are checked against the layout here, so a bad LayoutMap fails when the model is built)."""
    dist = distribution()
    if dist is not None:
        _place(variable, dist.get_variable_layout(variable))


def lay_out_state(model, dist):
    """Place every variable a step reads that is not placed yet: optimizer slots as their weight, the rest
    replicated. Weights created before the distribution was in effect stay whole (so do their slots,
    made from them); a warning names those that its layouts would have split."""
    weights = {id(w) for w in model.weights}
    unsplit = []
    for variable in _state_variables(model):
        if _placed(variable):
            continue
        if variable.layout is None and id(variable) in weights and not dist.get_variable_layout(variable).is_replicated:
            unsplit.append(variable.path)
        _place(variable, variable.layout or TensorLayout((None,) * len(variable.shape), dist.device_mesh))
    if unsplit:
        warnings.warn(f"Variables {unsplit} were created before {dist!r} was in effect, so they are replicated, "
                      "not split as its layouts say. Build the model after set_distribution(...) or inside "
                      "`with distribution.scope():`.", stacklevel=4)


def _state_variables(model):
    groups = [model.variables, model.metrics_variables]
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and optimizer.built:
        groups.append(optimizer.variables)
    seen, out = set(), []
    for variable in (v for group in groups for v in group):
        if id(variable) not in seen:
            seen.add(id(variable))
            out.append(variable)
    return out


def _placed(variable):
    return getattr(variable, "_distribution_placed", False)


def _place(variable, layout):
    variable.layout = layout
    backend_distribution.distribute_variable(variable, layout)
    variable._distribution_placed = True
