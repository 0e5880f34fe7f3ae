"""DepthwiseConv2D: a 2-D convolution of each channel with its own `depth_multiplier` filters.

Owns `kernel` (*kernel_size, in_channels, depth_multiplier) and `bias`; see _base_depthwise_conv.
"""
from keras_lite.layers.convolutional._base_depthwise_conv import BaseDepthwiseConv
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers")
class DepthwiseConv2D(BaseDepthwiseConv):
    rank = 2

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=(1, 1), activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(kernel_size, strides=strides, padding=padding, depth_multiplier=depth_multiplier,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, bias_constraint=bias_constraint, **kwargs)
