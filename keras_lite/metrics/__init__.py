"""`keras_lite.metrics`.

`get("name")` returns a new metric instance for a class name, its snake_case form or a short alias
("mse", "bce", ...), as Keras does; configs name the loss-style functions through `_FUNCTIONS`.
"""
from keras_lite.backends.common import naming
from keras_lite.losses.hinge import categorical_hinge, hinge, squared_hinge
from keras_lite.losses.probabilistic import (binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
                                             categorical_focal_crossentropy, kl_divergence, poisson,
                                             sparse_categorical_crossentropy)
from keras_lite.losses.regression import (huber, log_cosh, mean_absolute_error, mean_absolute_percentage_error,
                                          mean_squared_error, mean_squared_logarithmic_error)
from keras_lite.metrics.accuracy_metrics import (Accuracy, BinaryAccuracy, CategoricalAccuracy,
                                                 SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy,
                                                 TopKCategoricalAccuracy, accuracy, binary_accuracy,
                                                 categorical_accuracy, sparse_categorical_accuracy,
                                                 sparse_top_k_categorical_accuracy, top_k_categorical_accuracy)
from keras_lite.metrics.confusion_metrics import (AUC, FalseNegatives, FalsePositives, Precision, PrecisionAtRecall,
                                                  Recall, RecallAtPrecision, SensitivityAtSpecificity,
                                                  SpecificityAtSensitivity, TrueNegatives, TruePositives)
from keras_lite.metrics.correlation_metrics import (ConcordanceCorrelation, PearsonCorrelation,
                                                    concordance_correlation, pearson_correlation)
from keras_lite.metrics.f_score_metrics import F1Score, FBetaScore
from keras_lite.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from keras_lite.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from keras_lite.metrics.metric import Metric
from keras_lite.metrics.probabilistic_metrics import (BinaryCrossentropy, CategoricalCrossentropy, KLDivergence,
                                                      Poisson, SparseCategoricalCrossentropy)
from keras_lite.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from keras_lite.metrics.regression_metrics import (CosineSimilarity, LogCoshError, MeanAbsoluteError,
                                                   MeanAbsolutePercentageError, MeanSquaredError,
                                                   MeanSquaredLogarithmicError, R2Score, RootMeanSquaredError)
from keras_lite.saving import serialization_lib

_CLASSES = [
    TruePositives, TrueNegatives, FalsePositives, FalseNegatives, Precision, Recall, AUC, PrecisionAtRecall,
    RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity,
    F1Score, FBetaScore,
    IoU, MeanIoU, BinaryIoU, OneHotIoU, OneHotMeanIoU,
    Metric, Mean, Sum, MeanMetricWrapper,
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, R2Score,
    BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, Poisson,
    Hinge, SquaredHinge, CategoricalHinge,
    PearsonCorrelation, ConcordanceCorrelation,
]
# The functions metric configs (MeanMetricWrapper's `fn`) may name; the public functional forms.
_FUNCTIONS = {fn.__name__: fn for fn in (
    accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, top_k_categorical_accuracy,
    sparse_top_k_categorical_accuracy, mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
    mean_squared_logarithmic_error, huber, log_cosh, binary_crossentropy, binary_focal_crossentropy,
    categorical_crossentropy, categorical_focal_crossentropy, sparse_categorical_crossentropy, kl_divergence,
    poisson, hinge, squared_hinge, categorical_hinge, pearson_correlation, concordance_correlation,
)}
_ALIASES = {
    "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy, "mse": MeanSquaredError, "MSE": MeanSquaredError,
    "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError, "mape": MeanAbsolutePercentageError,
    "MAPE": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError,
}

_BY_NAME = {**{cls.__name__: cls for cls in _CLASSES}, **{naming.to_snake_case(cls.__name__): cls for cls in _CLASSES},
            **_ALIASES}
deserialize, get = serialization_lib.identifier_functions("metric", _BY_NAME, instantiate=True)


def serialize(metric):
    return serialization_lib.serialize_keras_object(metric)


__all__ = sorted({cls.__name__ for cls in _CLASSES} | set(_FUNCTIONS)) + ["deserialize", "get", "serialize"]
