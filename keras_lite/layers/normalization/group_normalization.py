"""GroupNormalization: the channels along `axis` split into `groups`; each sample is normalized per group
(over the group's channels and every other non-batch axis), then `* gamma + beta` per channel.

`groups=-1` means one group per channel (instance normalization); `groups=1`
is layer normalization over all non-batch axes. Owns `gamma` (if `scale`) and
`beta` (if `center`), one entry per channel, trainable and saved. Computed in
float32 at least; inputs are not autocast.
"""
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.backends.common import dtypes
from keras_lite.layers.layer import Layer
from keras_lite.layers.normalization._axes import positions
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class GroupNormalization(Layer):
    def __init__(self, groups=32, axis=-1, epsilon=0.001, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        if not isinstance(groups, int) or isinstance(groups, bool) or (groups <= 0 and groups != -1):
            raise ValueError(f"GroupNormalization: groups must be a positive integer, or -1 for one group per "
                             f"channel; got groups={groups!r}.")
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"GroupNormalization: `axis` must be an int, got {axis!r}.")
        super().__init__(**kwargs)
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.autocast = False

    def build(self, input_shape):
        input_shape = tuple(input_shape)
        (axis,) = positions(self, self.axis, input_shape, need_known=False)
        if axis == 0:
            raise ValueError(f"GroupNormalization {self.name!r}: axis {self.axis} is the batch axis of input shape "
                             f"{input_shape}; name the channel axis.")
        positions(self, self.axis, input_shape)  # the channel count must be known
        channels = input_shape[axis]
        if self.groups == -1:
            self.groups = channels  # as Keras: the config then names the actual group count
        if channels < self.groups or channels % self.groups:
            raise ValueError(f"GroupNormalization {self.name!r}: {channels} channels (axis {self.axis} of input "
                             f"shape {input_shape}) cannot be split into {self.groups} equal groups.")
        self._rank = len(input_shape)
        self._axis = axis
        self._channels = channels
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight(shape=(channels,), initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         autocast=False, name="gamma")
        if self.center:
            self.beta = self.add_weight(shape=(channels,), initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        autocast=False, name="beta")

    def call(self, inputs):
        shape, axis = tuple(inputs.shape), self._axis
        if len(shape) != self._rank or shape[axis] not in (None, self._channels):
            raise ValueError(f"GroupNormalization {self.name!r}: expected inputs of rank {self._rank} with "
                             f"{self._channels} channels along axis {self.axis}, got input shape {shape}.")
        x = ops.cast(inputs, dtypes.result_type(inputs.dtype, "float32"))
        dims = list(ops.shape(x))
        # (..., C, ...) -> (..., groups, C // groups, ...): statistics over all but the batch and group axes.
        grouped = ops.reshape(x, dims[:axis] + [self.groups, dims[axis] // self.groups] + dims[axis + 1:])
        reduce = [i for i in range(1, self._rank + 1) if i != axis]
        mean, variance = ops.moments(grouped, axes=reduce, keepdims=True)
        normalized = ops.reshape((grouped - mean) * ops.rsqrt(variance + self.epsilon), dims)
        along = [1] * self._rank
        along[axis] = dims[axis]
        if self.gamma is not None:
            normalized = normalized * ops.reshape(ops.cast(self.gamma, x.dtype), along)
        if self.beta is not None:
            normalized = normalized + ops.reshape(ops.cast(self.beta, x.dtype), along)
        return ops.cast(normalized, self.compute_dtype)

    def get_config(self):
        config = super().get_config()
        config.update({
            "groups": self.groups,
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config
