"""InputLayer and `Input()`: the entry points of a functional graph."""
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor, standardize_shape
from keras_lite.layers.layer import Layer
from keras_lite.ops.operation import Node
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class InputLayer(Layer):
    """Holds the symbolic input tensor of a model; it has no weights and is never called."""

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, ragged=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, **kwargs):
        kwargs.pop("input_shape", None)  # older configs
        super().__init__(name=name, **kwargs)
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise ValueError(f"InputLayer {self.name!r}: input_tensor must be a KerasTensor, got {input_tensor!r}.")
            batch_shape, dtype = input_tensor.shape, input_tensor.dtype
        elif batch_shape is None:
            if shape is None:
                raise ValueError(f"InputLayer {self.name!r}: pass `shape` (without the batch dimension) or `batch_shape`.")
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size,) + tuple(shape)
        elif shape is not None:
            raise ValueError(f"InputLayer {self.name!r}: pass either `shape` or `batch_shape`, not both.")
        self._batch_shape = standardize_shape(batch_shape)
        self._dtype = dtypes.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.optional = optional
        self.built = True
        if input_tensor is None:
            input_tensor = KerasTensor(self._batch_shape, self._dtype, sparse=self.sparse, ragged=self.ragged,
                                       name=self.name)
        Node(self, (), {}, input_tensor)
        self._input_tensor = input_tensor

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._dtype

    def call(self):
        return self._input_tensor

    def get_config(self):
        return {"batch_shape": list(self._batch_shape), "dtype": self._dtype, "sparse": self.sparse,
                "ragged": self.ragged, "name": self.name, "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("trainable", None)
        return cls(**config)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, ragged=None, batch_shape=None, name=None,
          tensor=None, optional=False):
    """A symbolic input: `Input(shape=(784,))` has shape (None, 784)."""
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse, ragged=ragged,
                       batch_shape=batch_shape, input_tensor=tensor, optional=optional, name=name)
    return layer.output
