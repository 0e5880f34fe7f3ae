"""`keras_lite.losses`."""
from keras_lite.losses.circle import Circle, circle
from keras_lite.losses.ctc import CTC, ctc
from keras_lite.losses.hinge import CategoricalHinge, Hinge, SquaredHinge, categorical_hinge, hinge, squared_hinge
from keras_lite.losses.loss import Loss
from keras_lite.losses.losses import LossFunctionWrapper
from keras_lite.losses.probabilistic import (BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
                                             CategoricalFocalCrossentropy, CategoricalGeneralizedCrossEntropy,
                                             KLDivergence, Poisson, SparseCategoricalCrossentropy, binary_crossentropy,
                                             binary_focal_crossentropy, categorical_crossentropy,
                                             categorical_focal_crossentropy, categorical_generalized_cross_entropy,
                                             kl_divergence, poisson, sparse_categorical_crossentropy)
from keras_lite.losses.regression import (CosineSimilarity, Huber, LogCosh, MeanAbsoluteError,
                                          MeanAbsolutePercentageError, MeanSquaredError, MeanSquaredLogarithmicError,
                                          cosine_similarity, huber, log_cosh, mean_absolute_error,
                                          mean_absolute_percentage_error, mean_squared_error,
                                          mean_squared_logarithmic_error)
from keras_lite.losses.segmentation import Dice, Tversky, dice, tversky
from keras_lite.saving import serialization_lib

# Short names Keras also accepts.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kl_divergence
bce = BCE = binary_crossentropy

_CLASSES = (
    Loss, LossFunctionWrapper, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, CosineSimilarity, Huber, LogCosh, BinaryCrossentropy, BinaryFocalCrossentropy,
    CategoricalCrossentropy, CategoricalFocalCrossentropy, SparseCategoricalCrossentropy,
    CategoricalGeneralizedCrossEntropy, KLDivergence, Poisson, Hinge, SquaredHinge, CategoricalHinge, Dice, Tversky,
    Circle, CTC,
)
_FUNCTIONS = {fn.__name__: fn for fn in (
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    cosine_similarity, huber, log_cosh, binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, sparse_categorical_crossentropy, categorical_generalized_cross_entropy,
    kl_divergence, poisson, hinge, squared_hinge, categorical_hinge, dice, tversky, circle, ctc,
)}
_ALIASES = {
    "mse": mse, "MSE": mse, "mae": mae, "MAE": mae, "mape": mape, "MAPE": mape, "msle": msle, "MSLE": msle,
    "kld": kld, "KLD": kld, "bce": bce, "BCE": bce,
}
_BY_NAME = {**{cls.__name__: cls for cls in _CLASSES}, **_FUNCTIONS, **_ALIASES}

_deserialize, get = serialization_lib.identifier_functions("loss", _BY_NAME, instantiate=True)
get.__doc__ = """A loss from a name ("mse", "categorical_crossentropy": the function; "Huber": a new
instance), a config dict, a Loss instance or a callable; None stays None."""


def deserialize(name, custom_objects=None):
    return _deserialize(name, custom_objects)


def serialize(loss):
    return serialization_lib.serialize_keras_object(loss)


__all__ = sorted(_BY_NAME) + ["deserialize", "get", "serialize"]
