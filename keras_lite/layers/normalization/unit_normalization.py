"""UnitNormalization: each sample scaled to unit L2 norm over `axis` (an int or a list). Owns no state."""
from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.layers.normalization._axes import as_axis_list, positions
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class UnitNormalization(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = as_axis_list("UnitNormalization", axis)
        self.supports_masking = True
        self.built = True  # nothing to build

    def call(self, inputs):
        axes = positions(self, self.axis, inputs.shape, need_known=False)
        return ops.normalize(inputs, axis=list(axes), order=2, epsilon=1e-12)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
