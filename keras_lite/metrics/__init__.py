"""`keras_lite.metrics`."""
from keras_lite.metrics.accuracy_metrics import (Accuracy, BinaryAccuracy, CategoricalAccuracy,
                                                 SparseCategoricalAccuracy, accuracy, binary_accuracy,
                                                 categorical_accuracy, sparse_categorical_accuracy)
from keras_lite.metrics.metric import Metric
from keras_lite.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from keras_lite.saving import serialization_lib

_BY_NAME = {
    "Metric": Metric, "Mean": Mean, "Sum": Sum, "MeanMetricWrapper": MeanMetricWrapper, "Accuracy": Accuracy,
    "BinaryAccuracy": BinaryAccuracy, "CategoricalAccuracy": CategoricalAccuracy,
    "SparseCategoricalAccuracy": SparseCategoricalAccuracy, "accuracy": accuracy,
    "binary_accuracy": binary_accuracy, "categorical_accuracy": categorical_accuracy,
    "sparse_categorical_accuracy": sparse_categorical_accuracy,
}

deserialize, get = serialization_lib.identifier_functions("metric", _BY_NAME, instantiate=False)


def serialize(metric):
    return serialization_lib.serialize_keras_object(metric)


__all__ = sorted(_BY_NAME) + ["deserialize", "get", "serialize"]
