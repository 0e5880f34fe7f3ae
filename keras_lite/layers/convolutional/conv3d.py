"""Conv3D: 3-D convolution over (batch, dim1, dim2, dim3, channels) (or channels first).

Owns `kernel` (*kernel_size, in_channels // groups, filters) and `bias` (filters,); see _base_conv.
"""
from keras_lite.layers.convolutional._base_conv import BaseConv
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers", "Convolution3D")
class Conv3D(BaseConv):
    rank = 3

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, groups=groups, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)


Convolution3D = Conv3D
