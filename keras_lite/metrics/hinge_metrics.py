"""Hinge metrics: running means of the hinge losses."""
from keras_lite.losses.hinge import categorical_hinge, hinge, squared_hinge
from keras_lite.metrics.reduction_metrics import MeanMetricWrapper
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.metrics")
class Hinge(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="hinge", dtype=None):
        super().__init__(hinge, name=name, dtype=dtype)


@keras_class("keras.metrics")
class SquaredHinge(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, name=name, dtype=dtype)


@keras_class("keras.metrics")
class CategoricalHinge(MeanMetricWrapper):
    _config_keys = ()

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, name=name, dtype=dtype)
