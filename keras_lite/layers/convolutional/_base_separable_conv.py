"""Shared body of SeparableConv1D/2D: a depthwise convolution, then a 1x1 convolution to `filters`.

Owns `depthwise_kernel` (*kernel_size, in_channels, depth_multiplier),
`pointwise_kernel` (1, ..., in_channels * depth_multiplier, filters) and `bias`
(filters,), in that order; all trainable and saved.
"""
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.layers.convolutional._conv_common import ConvCommon, positive_int


class BaseSeparableConv(ConvCommon):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                         bias_initializer, bias_regularizer, bias_constraint,
                         activity_regularizer=activity_regularizer, **kwargs)
        cls = type(self).__name__
        self.filters = positive_int(cls, filters, "filters")
        self.depth_multiplier = positive_int(cls, depth_multiplier, "depth_multiplier")
        for prefix, init, reg, con in (("depthwise", depthwise_initializer, depthwise_regularizer,
                                        depthwise_constraint),
                                       ("pointwise", pointwise_initializer, pointwise_regularizer,
                                        pointwise_constraint)):
            setattr(self, f"{prefix}_initializer", initializers.get(init))
            setattr(self, f"{prefix}_regularizer", regularizers.get(reg))
            setattr(self, f"{prefix}_constraint", constraints.get(con))

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self._check_fits(tuple(input_shape))
        self.depthwise_kernel = self.add_weight(
            shape=self.kernel_size + (channels, self.depth_multiplier), initializer=self.depthwise_initializer,
            regularizer=self.depthwise_regularizer, constraint=self.depthwise_constraint, name="depthwise_kernel")
        self.pointwise_kernel = self.add_weight(
            shape=(1,) * self.rank + (channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, name="pointwise_kernel")
        self._make_bias(self.filters)

    def call(self, inputs):
        shape = self._check_call_input(inputs, self.depthwise_kernel.shape[-2])
        self._check_fits(shape)
        outputs = ops.separable_conv(inputs, self.depthwise_kernel, self.pointwise_kernel, strides=self.strides,
                                     padding=self.padding, data_format=self.data_format,
                                     dilation_rate=self.dilation_rate)
        return self.activation(self._add_bias(outputs))

    def get_config(self):
        config = super().get_config()
        config.update({"depth_multiplier": self.depth_multiplier, "filters": self.filters})
        config.update(self._geometry_config())
        config.update(self._tail_config(["depthwise", "pointwise"]))
        return config
