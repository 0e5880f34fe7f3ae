"""Sequential: a stack of layers, each feeding the next; a Functional graph once the input shape is known."""
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers.input_layer import Input, InputLayer
from keras_lite.layers.layer import Layer, structure_changed
from keras_lite.models.functional import Functional
from keras_lite.dtype_policies import dtype_policy as policies
from keras_lite.models.model import Model
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras", "Sequential")
class Sequential(Model):
    def __init__(self, layers=None, trainable=True, name=None):
        super().__init__(trainable=trainable, name=name)
        self._stack = []
        self._functional = None
        for layer in layers or []:
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Append a layer (or an `Input()` tensor, which sets the input shape)."""
        if isinstance(layer, KerasTensor) and layer._keras_history and isinstance(layer._keras_history[0], InputLayer):
            layer = layer._keras_history[0]
        if not isinstance(layer, Layer):
            raise ValueError(f"Sequential.add expects a Layer, got {type(layer).__name__}: {layer!r}.")
        if isinstance(layer, InputLayer) and self._stack:
            raise ValueError(f"Sequential {self.name!r}: an InputLayer can only be the first layer.")
        names = [existing.name for existing in self._stack]
        if layer.name in names:
            raise ValueError(f"Sequential {self.name!r}: all layers need unique names; {layer.name!r} is already in "
                             f"{names}.")
        self._stack.append(layer)
        structure_changed()
        if rebuild:
            self._maybe_rebuild()

    def pop(self, rebuild=True):
        if not self.layers:
            raise IndexError(f"Sequential {self.name!r} has no layers to pop.")
        layer = self._stack.pop()
        structure_changed()
        self.built = False
        self._functional = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _input_batch_shape(self):
        if not self._stack:
            return None
        first = self._stack[0]
        if isinstance(first, InputLayer):
            return first.batch_shape
        return first._input_shape_arg

    def _maybe_rebuild(self):
        shape = self._input_batch_shape()
        if shape is not None and len(self._stack) > (1 if isinstance(self._stack[0], InputLayer) else 0):
            self.build(shape)

    def build(self, input_shape=None):
        if input_shape is None:
            raise ValueError(f"Sequential {self.name!r}: build() needs an input shape.")
        first = self._stack[0] if self._stack else None
        if isinstance(first, InputLayer):
            inputs = first.output
        else:
            inputs = Input(batch_shape=tuple(input_shape), dtype=first.compute_dtype if first else None)
        x = inputs
        for layer in self.layers:
            x = layer(x)
        self._functional = Functional(inputs, x, name=self.name)
        self.built = True

    @property
    def layers(self):
        """The layers, without the InputLayer."""
        return [layer for layer in self._stack if not isinstance(layer, InputLayer)]

    @property
    def _layers(self):
        return self.layers

    def call(self, inputs, training=None, mask=None):
        if self._functional is None:
            self.build((None,) + tuple(inputs.shape[1:]))
        return self._functional.call(inputs, training=training, mask=mask)

    def get_config(self):
        layers = [serialization_lib.serialize_keras_object(layer) for layer in self._stack]
        if self._functional is not None and not isinstance(self._stack[0], InputLayer):
            layers.insert(0, serialization_lib.serialize_keras_object(self._functional.inputs[0]._keras_history[0]))
        config = {"name": self.name, "trainable": self.trainable, "dtype": policies.serialize(self.dtype_policy),
                  "layers": layers}
        if self._functional is not None:
            config["build_input_shape"] = list(self._functional.inputs[0].shape)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer_config in config["layers"]:
            model.add(serialization_lib.deserialize_keras_object(layer_config, custom_objects=custom_objects),
                      rebuild=False)
        if not model._stack or not isinstance(model._stack[0], InputLayer):
            shape = config.get("build_input_shape")
            if shape is not None:
                model.build(tuple(shape))
                return model
        model._maybe_rebuild()
        return model

    @property
    def inputs(self):
        return self._functional.inputs if self._functional else None

    @property
    def outputs(self):
        return self._functional.outputs if self._functional else None

    @property
    def input(self):
        return self._functional.input if self._functional else None

    @property
    def output(self):
        return self._functional.output if self._functional else None

    @property
    def input_shape(self):
        return self._functional.input_shape

    @property
    def output_shape(self):
        return self._functional.output_shape
