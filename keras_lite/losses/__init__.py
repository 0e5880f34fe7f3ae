"""`keras_lite.losses`."""
from keras_lite.losses.loss import Loss
from keras_lite.losses.losses import (BinaryCrossentropy, CategoricalCrossentropy, LossFunctionWrapper,
                                      MeanAbsoluteError, MeanSquaredError, SparseCategoricalCrossentropy,
                                      binary_crossentropy, categorical_crossentropy, mean_absolute_error,
                                      mean_squared_error, sparse_categorical_crossentropy)
from keras_lite.saving import serialization_lib

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error

_BY_NAME = {
    "Loss": Loss, "MeanSquaredError": MeanSquaredError, "MeanAbsoluteError": MeanAbsoluteError,
    "BinaryCrossentropy": BinaryCrossentropy, "CategoricalCrossentropy": CategoricalCrossentropy,
    "SparseCategoricalCrossentropy": SparseCategoricalCrossentropy,
    "mean_squared_error": mean_squared_error, "mse": mean_squared_error, "MSE": mean_squared_error,
    "mean_absolute_error": mean_absolute_error, "mae": mean_absolute_error, "MAE": mean_absolute_error,
    "binary_crossentropy": binary_crossentropy, "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
}

_deserialize, get = serialization_lib.identifier_functions("loss", _BY_NAME, instantiate=False)


def deserialize(name, custom_objects=None):
    return _deserialize(name, custom_objects)


def serialize(loss):
    if callable(loss) and not isinstance(loss, Loss) and getattr(loss, "__name__", None) in _BY_NAME:
        return loss.__name__
    return serialization_lib.serialize_keras_object(loss)


__all__ = sorted(_BY_NAME) + ["LossFunctionWrapper", "deserialize", "get", "serialize"]
