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
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)

    def _kernel_specs(self, channels):
        return [("depthwise_kernel", self.kernel_size + (channels, self.depth_multiplier), "depthwise"),
                ("pointwise_kernel", (1,) * self.rank + (channels * self.depth_multiplier, self.filters),
                 "pointwise")]

    def _validate(self, shape, channels):
        self._check_fits(shape, self.padding)

    def _convolve(self, inputs, depthwise_kernel, pointwise_kernel):
        return ops.separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=self.strides,
                                  padding=self.padding, data_format=self.data_format,
                                  dilation_rate=self.dilation_rate)

    def get_config(self):
        config = super().get_config()
        config.update({"depth_multiplier": self.depth_multiplier, "filters": self.filters})
        config.update(self._geometry_config())
        config.update(self._tail_config(["depthwise", "pointwise"]))
        return config
