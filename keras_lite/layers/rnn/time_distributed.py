"""TimeDistributed: apply one layer to every step of axis 1 of a (batch, time, ...) input.

Owns nothing but the wrapped layer (`layer`), whose weights it shares across
steps; they are the wrapper's weights, saved as the wrapped layer's. As in
Keras 3, a known number of steps runs the layer once per step (so a layer with
batch statistics sees each step's batch); an unknown number (a graph traced
without it) folds time into the batch. A (batch, time) mask is passed, per
step, to a layer that takes one, and carried by the output.
"""
from keras_lite import ops
from keras_lite.backends.common import naming
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.layer import Layer
from keras_lite.ops._dispatch import no_recording
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class TimeDistributed(Layer):
    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"TimeDistributed: `layer` must be a keras_lite Layer instance, got {layer!r}.")
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    def _step_shape(self, input_shape):
        """The wrapped layer's input shape: (batch, *input_shape[2:])."""
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3 or not all(
                d is None or isinstance(d, int) for d in input_shape):
            raise ValueError(f"TimeDistributed {self.name!r} needs one input of rank >= 3 (batch, time, ...), got "
                             f"input shape {input_shape}.")
        return (input_shape[0], *input_shape[2:])

    def build(self, input_shape):
        step_shape = self._step_shape(tuple(input_shape) if isinstance(input_shape, list) else input_shape)
        if not self.layer.built:
            # A symbolic call builds it as its own first call would (its build, or tracing its call).
            with naming.name_scope(self.name, owner=self), no_recording():
                self.layer(KerasTensor(step_shape, self.layer.compute_dtype))

    def compute_output_shape(self, input_shape):
        step_shape = self._step_shape(tuple(input_shape))
        with naming.name_scope(self.name, owner=self), no_recording():  # builds the wrapped layer if need be
            step_out = tuple(self.layer(KerasTensor(step_shape, self.layer.compute_dtype)).shape)
        return (step_out[0], input_shape[1], *step_out[1:])

    def call(self, inputs, training=None, mask=None):
        self._step_shape(tuple(inputs.shape))
        if mask is not None:  # (batch, time), then what the wrapped layer takes per step
            check_mask_shape(self, "mask", mask, tuple(inputs.shape[:2]) + tuple(mask.shape[2:]),
                             {"input": inputs.shape})
        kwargs = {} if training is None else {"training": training}
        steps = inputs.shape[1]
        if isinstance(inputs, KerasTensor):
            step_out = self.layer(KerasTensor(self._step_shape(inputs.shape), inputs.dtype), **kwargs)
            return KerasTensor((step_out.shape[0], steps, *step_out.shape[1:]), step_out.dtype)
        if isinstance(steps, int):
            outputs = []
            for t in range(steps):
                step_kwargs = kwargs if mask is None else {**kwargs, "mask": mask[:, t]}
                outputs.append(self.layer(inputs[:, t], **step_kwargs))
            return ops.stack(outputs, axis=1)
        # Steps unknown while tracing: fold time into the batch.
        shape = ops.shape(inputs)
        folded = ops.reshape(inputs, (-1, *inputs.shape[2:]))
        if mask is not None:
            kwargs["mask"] = ops.reshape(mask, (-1, *mask.shape[2:]))
        out = self.layer(folded, **kwargs)
        return ops.reshape(out, (shape[0], shape[1], *out.shape[1:]))

    def get_config(self):
        config = super().get_config()
        config["layer"] = serialization_lib.serialize_keras_object(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        layer = serialization_lib.deserialize_keras_object(config.pop("layer"), custom_objects=custom_objects)
        return super().from_config({**config, "layer": layer})
