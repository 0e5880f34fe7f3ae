"""ReLU: `x` above `threshold` (capped at `max_value`), `negative_slope * (x - threshold)` at or below it.

As in Keras, `x == threshold` gives 0. Owns no state.
"""
from keras_lite import ops
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class ReLU(Layer):
    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError(f"ReLU: max_value must be non-negative or None, got {max_value!r}.")
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError(f"ReLU: negative_slope must be a non-negative number, got {negative_slope!r}.")
        if threshold is None or threshold < 0.0:
            raise ValueError(f"ReLU: threshold must be a non-negative number, got {threshold!r}.")
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True

    def call(self, inputs):
        if self.threshold:
            out = ops.where(ops.greater(inputs, self.threshold), inputs, 0)
        else:
            out = ops.relu(inputs)
        if self.max_value is not None:
            out = ops.minimum(out, self.max_value)
        if self.negative_slope:
            out = ops.subtract(out, ops.multiply(self.negative_slope, ops.relu(ops.subtract(self.threshold, inputs))))
        return out

    def get_config(self):
        config = super().get_config()
        config.update({"max_value": self.max_value, "negative_slope": self.negative_slope,
                       "threshold": self.threshold})
        return config
