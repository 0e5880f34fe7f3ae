"""Shared body of DepthwiseConv1D/2D: each input channel convolved with its own
`depth_multiplier` filters; output channels = in_channels * depth_multiplier.

Owns `kernel` (*kernel_size, in_channels, depth_multiplier) and `bias`
(in_channels * depth_multiplier,), both trainable and saved.
"""
from keras_lite import constraints, initializers, ops, regularizers
from keras_lite.layers.convolutional._conv_common import ConvCommon, positive_int


class BaseDepthwiseConv(ConvCommon):
    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                         bias_initializer, bias_regularizer, bias_constraint,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.depth_multiplier = positive_int(type(self).__name__, depth_multiplier, "depth_multiplier")
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)

    def _kernel_specs(self, channels):
        return [("kernel", self.kernel_size + (channels, self.depth_multiplier), "depthwise")]

    def _bias_size(self, channels):
        return channels * self.depth_multiplier

    def _validate(self, shape, channels):
        self._check_fits(shape, self.padding)

    def _convolve(self, inputs, kernel):
        return ops.depthwise_conv(inputs, kernel, strides=self.strides, padding=self.padding,
                                  data_format=self.data_format, dilation_rate=self.dilation_rate)

    def get_config(self):
        config = super().get_config()
        config["depth_multiplier"] = self.depth_multiplier
        config.update(self._geometry_config())
        config.update(self._tail_config(["depthwise"]))
        return config
