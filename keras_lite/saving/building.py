"""Building a deserialized layer or model from its `build_config`, so its weights exist before the
weights file is read.

A layer with its own `build()` gets the saved shapes; one without (a subclassed model, a custom
layer whose sub-layers are made on the first call) is traced once on symbolic inputs of those
shapes, which creates its sub-layers' weights the way its first call did.
"""
from keras_lite.backends.common import naming
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.layer import Layer


def build_from_config(layer, build_config):
    if type(layer).build_from_config is not Layer.build_from_config:
        layer.build_from_config(build_config)  # the layer knows better
        return
    if "shapes_dict" in build_config:
        shapes = {key: _shape(value) for key, value in build_config["shapes_dict"].items()}
        with naming.name_scope(layer.name, owner=layer):
            layer.build(**shapes)
        layer.built = True
        return
    input_shape = build_config.get("input_shape")
    if input_shape is None:
        return
    input_shape = _shape(input_shape)
    if type(layer).build is not Layer.build:
        with naming.name_scope(layer.name, owner=layer):
            layer.build(input_shape)
        layer._build_shapes = input_shape
        layer.built = True
        return
    specs = _specs(input_shape, layer.compute_dtype)
    layer._maybe_build((specs,), {}, symbolic=False)


def _shape(value):
    """JSON lists back to shape tuples: one shape, or a list/dict of shapes."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and all(d is None or isinstance(d, int) for d in value):
        return tuple(value)
    if isinstance(value, (list, tuple)):
        return [_shape(v) for v in value]
    return value


def _specs(shape, dtype):
    if isinstance(shape, tuple):
        return KerasTensor(shape, dtype)
    if isinstance(shape, dict):
        return {k: _specs(v, dtype) for k, v in shape.items()}
    return [_specs(s, dtype) for s in shape]
