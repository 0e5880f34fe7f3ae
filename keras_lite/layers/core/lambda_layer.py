"""Lambda: wraps a function of tensors as a layer. Owns no weights.

The output shape comes from running the function on symbolic tensors unless
`output_shape` is given (a shape without the batch axis, or a function of the
input shape). `mask` is None, a fixed mask, or `mask(inputs, previous_mask)`.

Configs name functions the way Keras 3 writes them: a def by its (registered)
name, a Python lambda as `"__lambda__"` with its marshalled bytecode. Loading
never runs bytecode from a config: a `"__lambda__"` entry must be supplied
again through `custom_objects` (or `custom_object_scope`), keyed by the name the
error message gives.
"""
import codecs
import inspect
import marshal
import types

import numpy as np
import optree

from keras_lite import ops
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.core._spec import spec_like
from keras_lite.layers.layer import Layer
from keras_lite.ops._dispatch import no_recording
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import get_registered_object, keras_class


def _is_python_lambda(fn):
    return isinstance(fn, types.LambdaType) and fn.__name__ == "<lambda>"


def _serialize_function(fn):
    if _is_python_lambda(fn):  # written as Keras writes it, so Keras can read our files
        code = codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")
        closure = tuple(cell.cell_contents for cell in fn.__closure__) if fn.__closure__ else None
        return {"class_name": "__lambda__", "config": {"code": code, "defaults": fn.__defaults__, "closure": closure}}
    if isinstance(fn, types.FunctionType):
        return serialization_lib.serialize_keras_object(fn)
    return {"module": "builtins", "class_name": "function", "config": getattr(fn, "__name__", type(fn).__name__),
            "registered_name": "function"}


def _is_shape(x):
    return isinstance(x, (tuple, list)) and all(d is None or isinstance(d, int) for d in x)


def _accepts(fn, name):
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):  # builtins without a signature
        return False


@keras_class("keras.layers")
class Lambda(Layer):
    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise ValueError(f"Lambda: function must be callable, got {function!r}.")
        self.function = function
        self.arguments = dict(arguments or {})
        self.mask = mask
        self.supports_masking = mask is not None
        self._output_shape = output_shape
        self._fn_takes_mask = _accepts(function, "mask")
        self._fn_takes_training = _accepts(function, "training")
        # Hand `call` the incoming mask only when the function wants it (as Keras does).
        self._call_has_mask = self._fn_takes_mask

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_takes_mask:
            kwargs["mask"] = mask
        if self._fn_takes_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            return super().compute_output_shape(input_shape)
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        batch = optree.tree_leaves(input_shape, none_is_leaf=True)[0]
        return optree.tree_map(lambda s: (batch,) + tuple(s), self._output_shape, is_leaf=_is_shape,
                               none_is_leaf=True)

    def compute_output_spec(self, inputs, mask=None, training=None):
        if self._output_shape is None:  # fresh tensors: the function may return its input itself
            return spec_like(super().compute_output_spec(inputs, mask=mask, training=training))
        shapes = self.compute_output_shape(optree.tree_map(lambda t: tuple(t.shape), inputs))
        return optree.tree_map(lambda s: KerasTensor(tuple(s), self.compute_dtype), shapes, is_leaf=_is_shape,
                               none_is_leaf=True)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            with no_recording():  # the mask is graph metadata, not a node of the model
                return self.mask(inputs, mask)
        return self.mask

    def get_config(self):
        config = super().get_config()
        config["function"] = _serialize_function(self.function)
        if self._output_shape is not None:
            config["output_shape"] = (_serialize_function(self._output_shape) if callable(self._output_shape)
                                      else self._output_shape)
        if self.mask is not None:
            if callable(self.mask):
                config["mask"] = _serialize_function(self.mask)
            else:
                value = np.asarray(ops.convert_to_numpy(self.mask))
                config["mask"] = {"class_name": "__tensor__",
                                  "config": {"value": value.tolist(), "dtype": value.dtype.name}}
        config["arguments"] = serialization_lib.serialize_keras_object(self.arguments)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """`safe_mode` is accepted for Keras compatibility; keras_lite never loads bytecode either way."""
        config = dict(config)
        layer_name = config.get("name") or "lambda"
        config["function"] = _load_function(config["function"], layer_name, "function", custom_objects)
        if "output_shape" in config:
            value = config["output_shape"]
            if isinstance(value, dict):
                value = _load_function(value, layer_name, "output_shape", custom_objects)
            elif _is_shape(value):
                value = tuple(value)
            config["output_shape"] = value
        if isinstance(config.get("mask"), dict):
            mask = config["mask"]
            if mask.get("class_name") in ("__tensor__", "__numpy__"):
                config["mask"] = np.array(mask["config"]["value"], dtype=mask["config"]["dtype"])
            else:
                config["mask"] = _load_function(mask, layer_name, "mask", custom_objects)
        if "arguments" in config:
            config["arguments"] = serialization_lib.deserialize_keras_object(config["arguments"],
                                                                             custom_objects=custom_objects)
        return super().from_config(config)


def _load_function(fn_config, layer_name, field, custom_objects):
    """The callable a config names, from custom_objects / open scopes / the registry only."""
    if callable(fn_config):
        return fn_config
    if isinstance(fn_config, dict) and fn_config.get("class_name") == "__lambda__":
        recorded = fn_config.get("name") or (fn_config.get("config") or {}).get("name")
        key = layer_name if field == "function" else f"{layer_name}.{field}"
        for name in filter(None, (recorded, key)):
            found = get_registered_object(name, custom_objects)
            if callable(found):
                return found
        raise ValueError(
            f"Lambda layer {layer_name!r}: its `{field}` was saved as a Python lambda (marshalled bytecode). "
            "keras_lite does not load Python bytecode from configs, whatever `safe_mode` says, because running "
            f"it could execute arbitrary code. Pass the function instead: `custom_objects={{{key!r}: fn}}` (or "
            "`keras_lite.saving.custom_object_scope`), or save the model with a named, registered function "
            "(`@keras_lite.saving.register_keras_serializable()`).")
    if isinstance(fn_config, dict) and fn_config.get("class_name") == "function":
        name = fn_config.get("config")
        found = get_registered_object(name, custom_objects) if isinstance(name, str) else None
        if callable(found):
            return found
        raise ValueError(
            f"Lambda layer {layer_name!r}: could not find the function {name!r} its `{field}` names. Register it "
            f"with `@keras_lite.saving.register_keras_serializable()` or pass `custom_objects={{{name!r}: fn}}`.")
    if isinstance(fn_config, str):
        found = get_registered_object(fn_config, custom_objects)
        if callable(found):
            return found
    raise ValueError(f"Lambda layer {layer_name!r}: cannot interpret its `{field}` entry {fn_config!r}.")
