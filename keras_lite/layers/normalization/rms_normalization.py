"""RMSNormalization: `x / sqrt(mean(x**2 over axis) + epsilon) * scale`, per sample.

Owns `scale` (trainable, saved, initialized to ones), shaped like the
normalized axes (`axis`: an int or a list).
"""
from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.layers.normalization._axes import as_axis_list, check_built_shape, positions
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class RMSNormalization(Layer):
    def __init__(self, axis=-1, epsilon=1e-06, **kwargs):
        super().__init__(**kwargs)
        self.axis = as_axis_list("RMSNormalization", axis)
        self.epsilon = epsilon

    def build(self, input_shape):
        axes = positions(self, self.axis, input_shape)
        # Keras keeps the axis as a sorted list once built; its config shows it that way.
        self.axis = sorted(self.axis) if isinstance(self.axis, list) else [self.axis]
        self._shape = tuple(input_shape[a] for a in axes)
        self.scale = self.add_weight(shape=self._shape, initializer="ones", name="scale")

    def call(self, inputs):
        axes = positions(self, self.axis, inputs.shape, need_known=False)
        check_built_shape(self, inputs.shape, axes, self._shape)
        return ops.rms_normalization(inputs, scale=self.scale, axis=list(axes), epsilon=self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, "epsilon": self.epsilon})
        return config
