"""The Layer base class: weights, sub-layers, building on first call, symbolic and eager calls.

A Layer owns the Variables it creates with `add_weight` (or assigns as
attributes) and the sub-layers assigned to its attributes, directly or
inside lists, tuples and dicts; `weights` gathers both, own variables
first. Calling a layer on KerasTensors records a graph node (the layer is
an Operation); calling it on data computes.
"""
import contextlib
import inspect
import math
import threading
import weakref

import numpy as np
import optree

from keras_lite import activations, constraints, initializers, ops, regularizers
from keras_lite.backends import engine
from keras_lite.backends.common import dtypes, naming
from keras_lite.backends.common.autocast_scope import AutocastScope
from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic
from keras_lite.backends.common.stateless_scope import get_stateless_scope
from keras_lite.backends.common.variable import Variable
from keras_lite.distribution import variable_layouts
from keras_lite.dtype_policies import dtype_policy as policies
from keras_lite.layers.input_spec import assert_input_compatibility
from keras_lite.ops._dispatch import _recording, no_recording
from keras_lite.ops.operation import Node, Operation
from keras_lite.random.seed_generator import SeedGenerator
from keras_lite.saving.object_registration import keras_class

# Keyword arguments every layer accepts besides its own (Keras accepts them for Sequential's first layer).
_SHAPE_KWARGS = ("input_shape", "input_dim", "batch_input_shape", "batch_size")
_call_context = threading.local()
# Attributes that hold no sub-layers: the graph's nodes and the per-call losses.
_UNTRACKED = frozenset({"_inbound_nodes", "_outbound_nodes", "_losses"})
_structure_version = 0
_losses_added = False  # set by the first add_loss(), in any layer
_NO_SCOPE = contextlib.nullcontext()  # reusable: entering it does nothing
# layer -> (structure version, {key: cached list}); outside the layers' attributes, which saving walks.
_structure_caches = weakref.WeakKeyDictionary()


def structure_changed():
    """Invalidate every layer's cached layer and weight lists. Assigning a layer, variable or container to
    a layer attribute, deleting one, building and `add_weight` call it; code that changes a tracked
    container in place after building (Sequential.add, say) calls it itself."""
    global _structure_version
    _structure_version += 1


def _walk(value):
    """Layers, Variables and SeedGenerators inside an attribute value (lists, tuples and dicts are searched)."""
    if isinstance(value, (Layer, Variable, SeedGenerator)):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)


@keras_class("keras.layers")
class Layer(Operation):
    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True, name=None,
                 **kwargs):
        unknown = sorted(set(kwargs) - set(_SHAPE_KWARGS))
        if unknown:
            raise ValueError(
                f"{type(self).__name__}: unrecognized keyword argument(s) {unknown}. Accepted besides the "
                f"layer's own: activity_regularizer, trainable, dtype, autocast, name, {', '.join(_SHAPE_KWARGS)}.")
        object.__setattr__(self, "_tracking", False)
        super().__init__(name=name)
        self._input_shape_arg = self._shape_from_kwargs(kwargs)
        self.dtype_policy = policies.get(dtype)
        self.autocast = autocast
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self._trainable = bool(trainable)
        self.built = False
        self.supports_masking = False
        self.input_spec = None
        self._trainable_variables = []
        self._non_trainable_variables = []
        self._losses = []
        self._build_shapes = None
        self._eager_output_shape = None  # for summary() of models that were only called on data
        self._call_signature = inspect.signature(self.call)
        self._call_has_training = "training" in self._call_signature.parameters
        self._call_has_mask = "mask" in self._call_signature.parameters
        object.__setattr__(self, "_tracking", True)

    @staticmethod
    def _shape_from_kwargs(kwargs):
        if "batch_input_shape" in kwargs:
            return tuple(kwargs["batch_input_shape"])
        if "input_shape" in kwargs:
            return (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
        if "input_dim" in kwargs:
            return (kwargs.get("batch_size"), kwargs["input_dim"])
        return None

    # -- dtype -----------------------------------------------------------------
    @property
    def dtype(self):
        """The dtype of the layer's variables."""
        return self.dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self.dtype_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self.dtype_policy.variable_dtype

    # -- tracking --------------------------------------------------------------
    def __setattr__(self, name, value):
        if getattr(self, "_tracking", False) and name not in _UNTRACKED:
            if isinstance(value, Variable) and not name.startswith("_"):
                if not any(value is v for v in self._trainable_variables + self._non_trainable_variables):
                    (self._trainable_variables if value.trainable else self._non_trainable_variables).append(value)
            if isinstance(value, (Layer, Variable, SeedGenerator, list, tuple, dict)):
                structure_changed()
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        structure_changed()
        object.__delattr__(self, name)

    def _cached(self, key, compute):
        """`compute()`, remembered until the next structure_changed() once the layer is built: the layer
        tree is walked per call (losses, weights), so walking it afresh each time costs every step."""
        if not self.built:
            return compute()
        cache = _structure_caches.get(self)
        if cache is None or cache[0] != _structure_version:
            cache = _structure_caches[self] = (_structure_version, {})
        if key not in cache[1]:
            cache[1][key] = compute()
        return cache[1][key]

    @property
    def _layers(self):
        """Direct sub-layers in the order they were assigned."""
        return list(self._cached("layers", self._find_layers))

    def _find_layers(self):
        found = []
        for key, value in self.__dict__.items():
            if key in _UNTRACKED:
                continue
            for item in _walk(value):
                if isinstance(item, Layer) and item is not self and not any(item is f for f in found):
                    found.append(item)
        return found

    def _flatten_layers(self, include_self=True, recursive=True):
        if not recursive:
            return ([self] if include_self else []) + self._layers
        descendants = self._cached("descendants", self._find_descendants)
        return [self] + descendants if include_self else list(descendants)

    def _find_descendants(self):
        out = []
        for layer in self._layers:
            if not any(layer is y for y in out):
                out.append(layer)
            out.extend([x for x in layer._flatten_layers(include_self=False) if not any(x is y for y in out)])
        return out

    @property
    def layers(self):
        return self._layers

    @property
    def _seed_generators(self):
        found = []
        for key, value in self.__dict__.items():
            if key in _UNTRACKED:
                continue
            for item in _walk(value):
                if isinstance(item, SeedGenerator) and not any(item is f for f in found):
                    found.append(item)
        return found

    @property
    def weights(self):
        """The layer's and its sub-layers' weights, own (trainable first) then sub-layers', each once."""
        return list(self._cached("weights", self._find_weights))

    def _find_weights(self):
        out = []
        for v in self._trainable_variables + self._non_trainable_variables:
            if not any(v is o for o in out):
                out.append(v)
        for layer in self._layers:
            for v in layer.weights:
                if not any(v is o for o in out):
                    out.append(v)
        return out

    @property
    def variables(self):
        """The weights plus the state of the layers' seed generators (which is not saved)."""
        out = self.weights
        for layer in self._flatten_layers():
            out.extend(generator.state for generator in layer._seed_generators)
        return out

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return [v for v in self.weights if v.trainable]

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """Freezing a layer freezes its sub-layers too."""
        self._trainable = bool(value)
        for layer in self._layers:
            layer.trainable = value

    # -- weights -----------------------------------------------------------------
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", overwrite_with_gradient=False, name=None):
        """Create a Variable owned by this layer (path `layer_name/name`)."""
        shape = () if shape is None else tuple(shape)
        dtype = dtypes.standardize_dtype(dtype or self.variable_dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtypes.is_float_dtype(dtype) else "zeros"
        initializer = initializers.get(initializer)
        with naming.name_scope(self.name, owner=self):
            variable = engine.Variable(initializer, shape=shape, dtype=dtype, trainable=trainable,
                                       autocast=autocast, aggregation=aggregation, name=name)
        variable.regularizer = regularizers.get(regularizer)
        variable.constraint = constraints.get(constraint)
        variable.overwrite_with_gradient = overwrite_with_gradient
        variable_layouts.lay_out_new_weight(variable)  # keras_lite.distribution: a no-op without a distribution
        (self._trainable_variables if trainable else self._non_trainable_variables).append(variable)
        structure_changed()
        return variable

    def get_weights(self):
        return [np.array(v.numpy()) for v in self.weights]

    def set_weights(self, weights):
        variables = self.weights
        if len(weights) != len(variables):
            raise ValueError(
                f"Layer {self.name!r} expects {len(variables)} weight arrays, got {len(weights)}. "
                f"Expected shapes: {[v.shape for v in variables]}.")
        for variable, value in zip(variables, weights):
            value = np.asarray(value)
            if tuple(value.shape) != tuple(variable.shape):
                raise ValueError(
                    f"Layer {self.name!r}: weight {variable.path!r} has shape {variable.shape}, "
                    f"the given array has shape {value.shape}.")
            variable.assign(value)

    def save_own_variables(self, store):
        """Write this layer's own variables (not its sub-layers') as store["0"], store["1"], ...:
        trainable ones first, each group in creation order, as Keras 3 files hold them."""
        for i, variable in enumerate(self._trainable_variables + self._non_trainable_variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        """Read what `save_own_variables` wrote; every count and shape is checked before any assignment."""
        variables = self._trainable_variables + self._non_trainable_variables
        if len(store.keys()) != len(variables):
            if not variables and not self.built:
                raise ValueError(
                    f"Layer {self.name!r} was never built, so it has no variables, but the file holds "
                    f"{len(store.keys())} for it. A layer's build() must create the variables of its sub-layers "
                    "too; a layer built on its first call needs get_build_config()/build_from_config().")
            raise ValueError(f"Layer {self.name!r} expects {len(variables)} variables, the file holds "
                             f"{len(store.keys())}. Expected: {[v.path for v in variables]}.")
        values = [store[str(i)] for i in range(len(variables))]
        for variable, value in zip(variables, values):
            if tuple(value.shape) != tuple(variable.shape):
                raise ValueError(f"Layer {self.name!r}: variable {variable.path!r} has shape "
                                 f"{tuple(variable.shape)} in the model, but the saved value has shape "
                                 f"{tuple(value.shape)}.")
        for variable, value in zip(variables, values):
            variable.assign(value)

    def count_params(self):
        if not self.built:
            raise ValueError(
                f"Layer {self.name!r} is not built yet, so its weights do not exist: call it on data or "
                "`build()` it before `count_params()`.")
        return int(sum(math.prod(v.shape) for v in self.weights))

    # -- losses -----------------------------------------------------------------
    def add_loss(self, loss):
        """Add a scalar to the training loss (collected in `losses` after each call, and in an
        active StatelessScope that collects losses)."""
        global _losses_added
        _losses_added = True
        self._losses.append(loss)
        scope = get_stateless_scope()
        if scope is not None and scope.collect_losses:
            scope.losses.append(loss)

    @property
    def losses(self):
        """Losses added during the last call, then weight regularization penalties, for this layer and its sub-layers."""
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._losses)
        for v in self.weights:
            if v.regularizer is not None and v.trainable:
                out.append(v.regularizer(v.value))
        return out

    def _clear_losses(self):
        if not _losses_added:
            return  # no layer ever added a loss: nothing to clear (this runs on every outermost call)
        for layer in self._flatten_layers():
            if layer._losses:
                layer._losses = []

    # -- building and calling ----------------------------------------------------
    def build(self, input_shape=None):
        self.built = True

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"Layer {type(self).__name__} does not implement call().")

    def _maybe_build(self, args, kwargs, symbolic):
        if self.built:
            return
        shapes = optree.tree_map(lambda x: _static_shape(x) if _is_tensor_like(x) else None,
                                 args[0] if args else next(iter(kwargs.values())), none_is_leaf=True)
        self._build_shapes = shapes
        with naming.name_scope(self.name, owner=self):
            self.build(shapes)
            if not symbolic and type(self).build is Layer.build:
                self._build_by_tracing(args, kwargs)
        self.built = True
        structure_changed()

    def _build_by_tracing(self, args, kwargs):
        """A layer without its own build() creates its sub-layers' weights by running `call` once on
        KerasTensors shaped like the data, before the first real call (as Keras does)."""
        def to_spec(x):
            if _is_tensor_like(x) and not isinstance(x, KerasTensor):
                return KerasTensor(_static_shape(x), ops.dtype(x))
            return x

        spec_args = optree.tree_map(to_spec, args, none_is_leaf=True)
        spec_kwargs = optree.tree_map(to_spec, kwargs, none_is_leaf=True)
        try:
            self.compute_output_spec(*spec_args, **spec_kwargs)
        except Exception:  # noqa: BLE001 - a call that cannot run symbolically builds eagerly instead
            pass

    def __call__(self, *args, **kwargs):
        if not args and not kwargs:
            raise ValueError(f"Layer {self.name!r} was called without inputs.")
        if self.input_spec is not None and args:
            assert_input_compatibility(self.input_spec, args[0], self.name)
        policy = self.dtype_policy
        autocast_dtype = policy.compute_dtype if self.autocast else None
        args = self._convert_inputs(args, autocast_dtype)
        training = self._pass_training(kwargs, kwargs.pop("training", None))
        mask = kwargs.get("mask") if self._call_has_mask else kwargs.pop("mask", None)
        call_kwargs = kwargs
        if self._call_has_mask and mask is None and args:
            mask = _mask_of(args[0])  # carried by the inputs: passed to call, not recorded in the graph
            if mask is not None:
                call_kwargs = {**kwargs, "mask": mask}
        mixed = autocast_dtype is not None and autocast_dtype != policy.variable_dtype
        with naming.name_scope(self.name, owner=self), AutocastScope(autocast_dtype) if mixed else _NO_SCOPE:
            if any_symbolic(args, kwargs):
                self._maybe_build_symbolic(args, call_kwargs)
                outputs = self.compute_output_spec(*args, **call_kwargs)
                if _recording():
                    Node(self, args, kwargs, outputs)
            else:
                if not self.built:
                    self._maybe_build(args, call_kwargs, symbolic=False)
                outputs = self._eager_call(args, call_kwargs, training)
                if self._eager_output_shape is None:
                    self._eager_output_shape = optree.tree_map(lambda t: tuple(t.shape), outputs)
        self._attach_masks(args, outputs, mask)
        return outputs

    def _pass_training(self, kwargs, training):
        """`training` as the call sees it (the given value, else the enclosing call's), put into `kwargs`
        when `call` takes it and it is set."""
        if training is None:
            training = getattr(_call_context, "training", None)
        if self._call_has_training and training is not None:
            kwargs["training"] = training
        return training

    # A subclass whose `__call__` override only binds its arguments (and builds) before `Layer.__call__`: the
    # graph's nodes already hold the bound arguments, so a replay may skip the override.
    _call_override_only_binds = False

    def _replays_directly(self, kwargs):
        """Whether a graph replay may run this layer, on unmasked inputs, through `_replay_call`: an eagerly
        run layer whose `__call__` would do no more (no input spec, activity regularizer, mixed precision,
        mask argument, overridden `__call__`, or build still to finish in a first call)."""
        if (self._eager_output_shape is None or self.input_spec is not None or self.activity_regularizer is not None
                or "mask" in kwargs or not (type(self).__call__ is Layer.__call__ or self._call_override_only_binds)):
            return False
        policy = self.dtype_policy
        return policy.compute_dtype == policy.variable_dtype

    def _replay_call(self, args, kwargs, training):
        """`__call__`'s eager work for a layer that `_replays_directly`: convert the inputs, pass `training`."""
        kwargs.pop("training", None)
        self._pass_training(kwargs, training)
        autocast_dtype = self.dtype_policy.compute_dtype if self.autocast else None
        outputs = self.call(*self._convert_inputs(args, autocast_dtype), **kwargs)
        if self._produces_mask():
            self._attach_masks(args, outputs, None)
        return outputs

    def _maybe_build_symbolic(self, args, kwargs):
        if not self.built:
            try:
                self._maybe_build(args, kwargs, symbolic=True)
            except ValueError as e:
                if repr(self.name) in str(e):
                    raise
                raise ValueError(f"Layer {self.name!r} ({type(self).__name__}) could not be built: {e}") from e

    def _eager_call(self, args, kwargs, training):
        context = _call_context
        depth = getattr(context, "depth", 0)
        if not depth:  # the outermost call: it sets `training` for the layers inside and renews the losses
            context.training = training
            self._clear_losses()
        context.depth = depth + 1
        try:
            outputs = self.call(*args, **kwargs)
            if self.activity_regularizer is not None:
                for out in optree.tree_leaves(outputs):  # a per-sample penalty: averaged over the batch
                    penalty = self.activity_regularizer(out)
                    if len(out.shape) > 0:
                        penalty = ops.divide_no_nan(penalty, ops.cast(ops.shape(out)[0], ops.dtype(penalty)))
                    self.add_loss(penalty)
        finally:
            context.depth = depth
            if not depth:
                context.training = None
        return outputs

    def compute_output_spec(self, *args, **kwargs):
        """Run `call` on the KerasTensors: every op infers its output, none records a node. An input
        returned as it is comes back as a new KerasTensor, so the node gets outputs of its own."""
        with no_recording():
            try:
                outputs = self.call(*args, **kwargs)
            except ValueError as e:
                if repr(self.name) in str(e):
                    raise  # the message names the layer already
                raise ValueError(f"Layer {self.name!r} ({type(self).__name__}): {e}") from e
        inputs = {id(x) for x in optree.tree_leaves((args, kwargs)) if isinstance(x, KerasTensor)}
        return optree.tree_map(
            lambda t: KerasTensor(t.shape, t.dtype, sparse=t.sparse, ragged=t.ragged)
            if isinstance(t, KerasTensor) and id(t) in inputs else t, outputs)

    def compute_output_shape(self, *args, **kwargs):
        specs = optree.tree_map(lambda s: KerasTensor(s, self.compute_dtype), args, is_leaf=_is_shape)
        out = self.compute_output_spec(*specs, **kwargs)
        return optree.tree_map(lambda t: t.shape, out)

    @staticmethod
    def _convert_inputs(args, autocast_dtype):
        """NumPy arrays become engine tensors, and float inputs take `autocast_dtype` (mixed precision;
        None: no cast), before `call` sees them."""
        if len(args) == 1 and not isinstance(args[0], (list, tuple, dict)):
            return (_converted(args[0], autocast_dtype),)
        return optree.tree_map(lambda x: _converted(x, autocast_dtype), args, none_is_leaf=True)

    # -- masks -------------------------------------------------------------------
    def compute_mask(self, inputs, previous_mask=None):
        return previous_mask if self.supports_masking else None

    def _attach_masks(self, args, outputs, mask):
        if not args:
            return
        previous = mask if mask is not None else _mask_of(args[0])
        if previous is None and not self._produces_mask():
            return
        new_mask = self.compute_mask(args[0], previous)
        if new_mask is None:
            return
        for out, m in zip(optree.tree_leaves(outputs), _broadcast_masks(outputs, new_mask)):
            try:
                out._keras_mask = m
            except AttributeError:
                pass  # engine arrays without attributes (jax, numpy): masks travel through the graph instead

    def _produces_mask(self):
        return type(self).compute_mask is not Layer.compute_mask

    # -- graph accessors ---------------------------------------------------------
    def _single_node(self, what):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name!r} has never been called and thus has no defined {what}.")
        if len(self._inbound_nodes) > 1:
            raise AttributeError(
                f"Layer {self.name!r} has been called {len(self._inbound_nodes)} times, so it has several "
                f"{what}s; use `get_{what}_at(node_index)`.")
        return self._inbound_nodes[0]

    @property
    def input(self):
        node = self._single_node("input")
        tensors = node.input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    @property
    def output(self):
        return self._single_node("output").outputs

    def get_input_at(self, node_index):
        tensors = self._inbound_nodes[node_index].input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    def get_output_at(self, node_index):
        return self._inbound_nodes[node_index].outputs

    # -- config --------------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable, "dtype": policies.serialize(self.dtype_policy)}
        if self.activity_regularizer is not None:
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = policies.deserialize(config["dtype"])
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError(
                f"{cls.__name__}.from_config could not rebuild the layer from {sorted(config)}: {e}. A layer "
                "whose __init__ takes arguments must return them from get_config().") from e

    def get_build_config(self):
        if self._build_shapes is not None:
            return {"input_shape": self._build_shapes}
        return None

    def build_from_config(self, config):
        if config and config.get("input_shape") is not None and not self.built:
            with naming.name_scope(self.name, owner=self):
                self.build(config["input_shape"])
            self.built = True

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _converted(x, autocast_dtype):
    """A call input as `call` receives it: numeric NumPy arrays as engine tensors, floats cast to
    `autocast_dtype` (None: no cast); anything else as it is."""
    kind = (type(x), getattr(x, "dtype", None), autocast_dtype)
    try:
        if kind in _PASSED_AS_IS:  # the common case, decided once per kind: a tensor of the compute dtype
            return x
    except TypeError:  # an unhashable dtype attribute: not a tensor
        return _convert(x, autocast_dtype)
    converted = _convert(x, autocast_dtype)
    if converted is x and not isinstance(x, np.ndarray):
        _PASSED_AS_IS.add(kind)
    return converted


_PASSED_AS_IS = set()


def _convert(x, autocast_dtype):
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "biuf":
            return x  # strings and objects: for the layers that take them (lookups, say)
        x = ops.convert_to_tensor(x)
    elif not (isinstance(x, KerasTensor) or engine.core.is_tensor(x)):
        return x
    if autocast_dtype is not None:
        dtype = dtypes.standardize_dtype(x.dtype)
        if dtype != autocast_dtype and dtypes.is_float_dtype(dtype):
            return ops.cast(x, autocast_dtype)
    return x


def _is_tensor_like(x):
    return isinstance(x, (KerasTensor, np.ndarray, Variable)) or engine.core.is_tensor(x)


def _static_shape(x):
    """The shape with None for dims unknown until run time (inside tf.function, say)."""
    return tuple(None if d is None else int(d) for d in x.shape)


def _is_shape(x):
    return isinstance(x, tuple) and all(d is None or isinstance(d, int) for d in x)


def _mask_of(x):
    """The mask carried by an input: one tensor's mask, a list of masks for several inputs, or None."""
    if not isinstance(x, (list, tuple, dict)):
        return getattr(x, "_keras_mask", None)
    return combine_masks([getattr(leaf, "_keras_mask", None) for leaf in optree.tree_leaves(x)])


def combine_masks(masks):
    """The masks of a call's input tensors as a layer receives them: one mask, a list, or None."""
    if len(masks) == 1:
        return masks[0]
    return masks if any(m is not None for m in masks) else None


def _broadcast_masks(outputs, mask):
    leaves = optree.tree_leaves(outputs)
    masks = optree.tree_leaves(mask, none_is_leaf=True) if isinstance(mask, (list, tuple)) else [mask]
    return masks if len(masks) == len(leaves) else [mask] * len(leaves)
