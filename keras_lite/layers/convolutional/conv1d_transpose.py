"""Conv1DTranspose: the transposed ("deconvolution") counterpart of Conv1D.

Owns `kernel` (*kernel_size, filters, in_channels) and `bias` (filters,); see _base_conv_transpose.
"""
from keras_lite.layers.convolutional._base_conv_transpose import BaseConvTranspose
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.layers", "Convolution1DTranspose")
class Conv1DTranspose(BaseConvTranspose):
    rank = 1

    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, output_padding=output_padding,
                         data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                         use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)


Convolution1DTranspose = Conv1DTranspose
