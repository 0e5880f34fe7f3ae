"""BatchNormalization: `gamma * (x - mean) / sqrt(variance + epsilon) + beta` per feature along `axis`.

Owns, in this order (Keras's order, so weights move between the two):
`gamma` (trainable, if `scale`), `beta` (trainable, if `center`), `moving_mean` and
`moving_variance` (non-trainable); with `renorm=True` also the non-trainable
`moving_stddev`, `renorm_mean` and `renorm_stddev`. All are saved.

In training (`training=True` and the layer trainable) the batch statistics
normalize and the moving statistics move towards them with `momentum`; otherwise
the moving statistics normalize. The update is plain `Variable.assign` code, so
under a StatelessScope it is recorded instead of applied (DESIGN decision 9).
A mask (rank one less than the inputs) keeps masked steps out of the batch
statistics and passes through.
"""
import math

from keras_lite import config, constraints, initializers, ops, regularizers
from keras_lite.backends.common import dtypes
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.layer import Layer
from keras_lite.layers.normalization._axes import positions
from keras_lite.saving.object_registration import keras_class

_RENORM_KEYS = ("rmax", "rmin", "dmax")


def _check_renorm_clipping(clipping):
    unknown = set(clipping) - set(_RENORM_KEYS)
    if unknown:
        raise ValueError(f"BatchNormalization: invalid renorm_clipping keys {sorted(unknown)} in {clipping}; "
                         f"supported keys: {list(_RENORM_KEYS)}.")
    rmax, rmin, dmax = (clipping.get(k) for k in _RENORM_KEYS)
    if rmax is not None and rmin is not None and rmax < rmin:
        raise ValueError(f"BatchNormalization: renorm_clipping needs rmax >= rmin, got rmax={rmax}, rmin={rmin}.")
    if dmax is not None and dmax < 0:
        raise ValueError(f"BatchNormalization: renorm_clipping needs dmax >= 0, got dmax={dmax}.")


@keras_class("keras.layers")
class BatchNormalization(Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 renorm=False, renorm_clipping=None, renorm_momentum=0.99, synchronized=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"BatchNormalization: `axis` must be an int, got {axis!r}.")
        self.axis = axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.renorm = renorm
        if renorm:
            _check_renorm_clipping(renorm_clipping or {})
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        # All-reduced batch statistics; ops.moments says which backends can (TensorFlow's distribution).
        self.synchronized = synchronized
        self.supports_masking = True
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None

    def build(self, input_shape):
        (self._axis,) = positions(self, self.axis, input_shape)
        self._rank = len(input_shape)
        shape = (input_shape[self._axis],)
        if self.scale:
            self.gamma = self.add_weight(shape=shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         autocast=False, name="gamma")
        if self.center:
            self.beta = self.add_weight(shape=shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        autocast=False, name="beta")
        self.moving_mean = self.add_weight(shape=shape, initializer=self.moving_mean_initializer, trainable=False,
                                           autocast=False, name="moving_mean")
        self.moving_variance = self.add_weight(shape=shape, initializer=self.moving_variance_initializer,
                                               trainable=False, autocast=False, name="moving_variance")
        if self.renorm:
            # Renorm tracks standard deviations; they start at the square root of the variance initializer.
            def stddev_initializer(shape, dtype=None):
                return ops.sqrt(_fresh(self.moving_variance_initializer)(shape, dtype=dtype))

            self.moving_stddev = self.add_weight(shape=shape, initializer=stddev_initializer, trainable=False,
                                                 autocast=False, name="moving_stddev")
            self.renorm_mean = self.add_weight(shape=shape, initializer=_fresh(self.moving_mean_initializer),
                                               trainable=False, autocast=False, name="renorm_mean")
            self.renorm_stddev = self.add_weight(shape=shape, initializer=stddev_initializer, trainable=False,
                                                 autocast=False, name="renorm_stddev")

    def _check_input(self, inputs, mask):
        shape = tuple(inputs.shape)
        if len(shape) != self._rank or shape[self._axis] not in (None, self.moving_mean.shape[0]):
            raise ValueError(
                f"BatchNormalization {self.name!r}: expected inputs of rank {self._rank} with size "
                f"{self.moving_mean.shape[0]} along axis {self.axis}, got input shape {shape}.")
        if mask is not None:  # one weight per position: the inputs' shape without the last (feature) axis
            check_mask_shape(self, "mask", mask, shape[:-1], {"input": shape})

    def call(self, inputs, training=None, mask=None):
        self._check_input(inputs, mask)
        # Statistics in float32 at least: half precision overflows easily here.
        dtype = dtypes.result_type(inputs.dtype, "float32")
        x = ops.cast(inputs, dtype)
        gamma = ops.cast(self.gamma, dtype) if self.scale else None
        beta = ops.cast(self.beta, dtype) if self.center else None
        if training and self.trainable:
            mean, variance = self._moments(x, mask)
            update = not isinstance(mean, KerasTensor)  # a symbolic call infers shapes only
            if self.renorm:
                gamma, beta = self._renorm_transform(mean, variance, gamma, beta, dtype)
                if update:
                    self._update_renorm_statistics(mean, variance)
            elif update:
                self._update_moving_statistics(mean, variance)
        else:
            mean = ops.cast(self.moving_mean, dtype)
            variance = ops.cast(self.moving_variance, dtype)
        outputs = ops.batch_normalization(x, mean, variance, axis=self._axis, offset=beta, scale=gamma,
                                          epsilon=self.epsilon)
        return ops.cast(outputs, self.compute_dtype)

    def _moments(self, x, mask):
        reduction = [i for i in range(self._rank) if i != self._axis]
        if mask is None:
            return ops.moments(x, axes=reduction, synchronized=self.synchronized)
        # Masked statistics: the mask covers every axis but the feature axis.
        weights = ops.broadcast_to(ops.expand_dims(ops.cast(mask, "bool"), self._axis), ops.shape(x))
        count = ops.sum(ops.cast(weights, x.dtype), axis=reduction, keepdims=True) + config.epsilon()
        mean = ops.sum(ops.where(weights, x, 0), axis=reduction, keepdims=True) / count
        variance = ops.sum(ops.where(weights, ops.square(x - mean), 0), axis=reduction, keepdims=True) / count
        features = (self.moving_mean.shape[0],)
        return ops.reshape(mean, features), ops.reshape(variance, features)

    def _update_moving_statistics(self, mean, variance):
        m = self.momentum
        self.moving_mean.assign(ops.cast(self.moving_mean, mean.dtype) * m + mean * (1.0 - m))
        self.moving_variance.assign(ops.cast(self.moving_variance, variance.dtype) * m + variance * (1.0 - m))

    # -- batch renormalization (Ioffe 2017) ------------------------------------------------
    def _renorm_transform(self, mean, variance, gamma, beta, dtype):
        """Folds the renorm correction `x_hat * r + d` into gamma and beta (r and d carry no gradient)."""
        stddev = ops.sqrt(variance + self.epsilon)
        renorm_mean = ops.cast(self.renorm_mean, dtype)
        renorm_stddev = ops.maximum(ops.cast(self.renorm_stddev, dtype), math.sqrt(self.epsilon))
        r = stddev / renorm_stddev
        d = (mean - renorm_mean) / renorm_stddev
        clipping = self.renorm_clipping or {}
        if clipping.get("rmin") is not None:
            r = ops.maximum(r, clipping["rmin"])
        if clipping.get("rmax") is not None:
            r = ops.minimum(r, clipping["rmax"])
        if clipping.get("dmax") is not None:
            d = ops.clip(d, -clipping["dmax"], clipping["dmax"])
        r, d = ops.stop_gradient(r), ops.stop_gradient(d)
        new_gamma = r if gamma is None else r * gamma
        new_beta = d if gamma is None else d * gamma
        if beta is not None:
            new_beta = new_beta + beta
        return new_gamma, new_beta

    def _update_renorm_statistics(self, mean, variance):
        stddev = ops.sqrt(variance + self.epsilon)
        rm, m = self.renorm_momentum, self.momentum
        self.renorm_mean.assign(ops.cast(self.renorm_mean, mean.dtype) * rm + mean * (1.0 - rm))
        self.renorm_stddev.assign(ops.cast(self.renorm_stddev, mean.dtype) * rm + stddev * (1.0 - rm))
        self.moving_mean.assign(ops.cast(self.moving_mean, mean.dtype) * m + mean * (1.0 - m))
        moving_stddev = ops.cast(self.moving_stddev, mean.dtype) * m + stddev * (1.0 - m)
        self.moving_stddev.assign(moving_stddev)
        # The inference variance follows the stddev (clamped at 0 against rounding).
        self.moving_variance.assign(ops.relu(moving_stddev * moving_stddev - self.epsilon))

    def get_config(self):
        config_ = super().get_config()
        config_.update({
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized,
            "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        })
        return config_


def _fresh(initializer):
    """A copy of an Initializer (a seeded one then draws anew, as Keras does); other callables as they are."""
    return initializer.clone() if hasattr(initializer, "clone") else initializer
