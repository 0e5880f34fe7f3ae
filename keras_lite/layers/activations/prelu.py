"""PReLU: `x` for x >= 0, `alpha * x` below, with `alpha` learned per input element.

Owns `alpha` (trainable, saved) of the input's shape without the batch axis,
with size 1 along `shared_axes` (axes counted with the batch axis as 0).
"""
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class PReLU(Layer):
    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None, shared_axes=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        else:
            self.shared_axes = list(shared_axes) if isinstance(shared_axes, (list, tuple)) else [shared_axes]
            if not all(isinstance(a, int) and not isinstance(a, bool) and a != 0 for a in self.shared_axes):
                raise ValueError(f"PReLU: shared_axes must be non-zero axis integers (0 is the batch axis), got "
                                 f"{shared_axes!r}.")
        self.supports_masking = True

    def _shared(self, ndim):
        shared = set()
        for axis in self.shared_axes or ():
            if not -ndim < axis < ndim:
                raise ValueError(f"PReLU {self.name!r}: shared axis {axis} is out of range for inputs of rank "
                                 f"{ndim}.")
            shared.add(axis % ndim)
        if 0 in shared:
            raise ValueError(f"PReLU {self.name!r}: shared_axes {self.shared_axes} name the batch axis.")
        return shared

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) < 2:
            raise ValueError(f"PReLU {self.name!r} needs inputs of rank >= 2, got shape {input_shape}.")
        shared = self._shared(len(input_shape))
        shape = tuple(1 if i in shared else d for i, d in enumerate(input_shape) if i > 0)
        if None in shape:
            raise ValueError(f"PReLU {self.name!r}: every non-shared input dimension must be known, got input "
                             f"shape {input_shape} with shared_axes={self.shared_axes}.")
        self.alpha = self.add_weight(shape=shape, initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer, constraint=self.alpha_constraint,
                                     name="alpha")
        self.input_spec = InputSpec(ndim=len(input_shape),
                                    axes={i: d for i, d in enumerate(input_shape) if i > 0 and i not in shared})

    def call(self, inputs):
        return ops.subtract(ops.relu(inputs), ops.multiply(self.alpha, ops.relu(ops.negative(inputs))))

    def compute_output_shape(self, input_shape):
        """Elementwise: answerable before `alpha` exists."""
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "alpha_initializer": initializers.serialize(self.alpha_initializer),
            "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
            "alpha_constraint": constraints.serialize(self.alpha_constraint),
            "shared_axes": self.shared_axes,
        })
        return config
