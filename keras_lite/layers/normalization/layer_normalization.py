"""LayerNormalization: each sample normalized over `axis` (an int or a list), then `* gamma + beta`.

Owns `gamma` (if `scale` or `rms_scaling`) and `beta` (if `center` and not
`rms_scaling`), trainable and saved, shaped like the normalized axes. Statistics
are computed in float32 at least; inputs are not autocast. `rms_scaling` (a
deprecated Keras argument, accepted because Keras configs carry it) scales by
the variance without centering.
"""
import warnings

from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.backends.common import dtypes
from keras_lite.layers.layer import Layer
from keras_lite.layers.normalization._axes import as_axis_list, check_built_shape, positions
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class LayerNormalization(Layer):
    def __init__(self, axis=-1, epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        rms_scaling = kwargs.pop("rms_scaling", False)
        if rms_scaling:
            warnings.warn("LayerNormalization: rms_scaling=True is deprecated (it scales by the variance, not the "
                          "root mean square); use RMSNormalization instead.", stacklevel=2)
        super().__init__(**kwargs)
        self.axis = as_axis_list("LayerNormalization", axis)
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.autocast = False

    def build(self, input_shape):
        axes = positions(self, self.axis, input_shape)
        # Keras keeps the axis as a sorted list once built; its config shows it that way.
        self.axis = sorted(self.axis) if isinstance(self.axis, list) else [self.axis]
        self._shape = tuple(input_shape[a] for a in axes)
        self.gamma = self.beta = None
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(shape=self._shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         autocast=False, name="gamma")
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(shape=self._shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        autocast=False, name="beta")

    def call(self, inputs):
        axes = positions(self, self.axis, inputs.shape, need_known=False)
        check_built_shape(self, inputs.shape, axes, self._shape)
        if self.rms_scaling:
            outputs = self._rms_scaled(inputs, axes)
        else:
            outputs = ops.layer_normalization(inputs, self.gamma, self.beta, axis=list(axes), epsilon=self.epsilon)
        return ops.cast(outputs, self.compute_dtype)

    def _rms_scaled(self, inputs, axes):
        x = ops.cast(inputs, dtypes.result_type(inputs.dtype, "float32"))
        outputs = x * ops.rsqrt(ops.var(x, axis=axes, keepdims=True) + self.epsilon)
        if self.gamma is not None:
            along = [1] * len(x.shape)
            for a, d in zip(axes, self._shape):
                along[a] = d
            outputs = outputs * ops.reshape(ops.cast(self.gamma, x.dtype), along)
        return outputs

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config
