"""LossFunctionWrapper: a Loss whose per-sample values come from a plain function.

The loss functions themselves live by family: regression.py, probabilistic.py, hinge.py,
segmentation.py, circle.py and ctc.py.
"""
from keras_lite import ops
from keras_lite.backends.common import config, dtypes
from keras_lite.losses.loss import Loss, squeeze_or_expand_to_same_rank
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.losses")
class LossFunctionWrapper(Loss):
    """A Loss whose per-sample values come from a function `fn(y_true, y_pred, **fn_kwargs)`.

    Subclasses name the `fn_kwargs` their config writes in `_config_keys` (Keras leaves some out);
    the wrapper itself writes `fn` and every keyword argument.
    """

    _config_keys = None

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        if self._config_keys is None:
            config["fn"] = serialization_lib.serialize_keras_object(self.fn)
            config.update(serialization_lib.serialize_keras_object(self._fn_kwargs))
        else:
            config.update({k: self._fn_kwargs[k] for k in self._config_keys})
        return config

    @classmethod
    def from_config(cls, config):
        if "fn" in config:
            from keras_lite import losses

            config = serialization_lib.deserialize_keras_object(config, module_objects=losses._FUNCTIONS)
        return cls(**config)

    def __getattr__(self, name):
        # Keras exposes the keyword arguments as attributes (loss.from_logits, loss.axis, ...).
        kwargs = self.__dict__.get("_fn_kwargs", {})
        if name in kwargs:
            return kwargs[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self):
        return f"<{type(self).__name__}({getattr(self.fn, '__name__', self.fn)}, kwargs={self._fn_kwargs})>"


def prepare(y_true, y_pred, same_rank=True):
    """y_pred as a float tensor, y_true cast to its dtype, ranks lined up (`(batch,)` vs `(batch, 1)`)."""
    y_pred = ops.convert_to_tensor(y_pred)
    if not dtypes.is_float_dtype(ops.dtype(y_pred)):
        y_pred = ops.cast(y_pred, config.floatx())
    y_true = ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred))
    if same_rank:
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return y_true, y_pred
