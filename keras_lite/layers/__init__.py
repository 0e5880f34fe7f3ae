"""`keras_lite.layers`: the layer catalogue, `Input`, and the functional forms of the merging layers.

The catalogue is imported on first use (`keras_lite.backends.common.lazy`); the base classes are not."""
from keras_lite.backends.common import lazy as _lazy
from keras_lite.layers.input_layer import Input, InputLayer
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer

_CATALOGUE = {
    ".activations.activation": ("Activation",),
    ".activations.elu": ("ELU",),
    ".activations.leaky_relu": ("LeakyReLU",),
    ".activations.prelu": ("PReLU",),
    ".activations.relu": ("ReLU",),
    ".activations.softmax": ("Softmax",),
    ".attention.additive_attention": ("AdditiveAttention",),
    ".attention.attention": ("Attention",),
    ".attention.multi_head_attention": ("MultiHeadAttention",),
    ".convolutional.conv1d": ("Conv1D", "Convolution1D"),
    ".convolutional.conv1d_transpose": ("Conv1DTranspose", "Convolution1DTranspose"),
    ".convolutional.conv2d": ("Conv2D", "Convolution2D"),
    ".convolutional.conv2d_transpose": ("Conv2DTranspose", "Convolution2DTranspose"),
    ".convolutional.conv3d": ("Conv3D", "Convolution3D"),
    ".convolutional.conv3d_transpose": ("Conv3DTranspose", "Convolution3DTranspose"),
    ".convolutional.depthwise_conv1d": ("DepthwiseConv1D",),
    ".convolutional.depthwise_conv2d": ("DepthwiseConv2D",),
    ".convolutional.separable_conv1d": ("SeparableConv1D", "SeparableConvolution1D"),
    ".convolutional.separable_conv2d": ("SeparableConv2D", "SeparableConvolution2D"),
    ".core.dense": ("Dense",),
    ".core.einsum_dense": ("EinsumDense",),
    ".core.embedding": ("Embedding",),
    ".core.identity": ("Identity",),
    ".core.lambda_layer": ("Lambda",),
    ".core.masking": ("Masking",),
    ".merging.add": ("Add", "add"),
    ".merging.average": ("Average", "average"),
    ".merging.concatenate": ("Concatenate", "concatenate"),
    ".merging.dot": ("Dot", "dot"),
    ".merging.maximum": ("Maximum", "maximum"),
    ".merging.minimum": ("Minimum", "minimum"),
    ".merging.multiply": ("Multiply", "multiply"),
    ".merging.subtract": ("Subtract", "subtract"),
    ".normalization.batch_normalization": ("BatchNormalization",),
    ".normalization.group_normalization": ("GroupNormalization",),
    ".normalization.layer_normalization": ("LayerNormalization",),
    ".normalization.rms_normalization": ("RMSNormalization",),
    ".normalization.unit_normalization": ("UnitNormalization",),
    ".pooling.average_pooling": ("AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "AvgPool1D", "AvgPool2D",
                                "AvgPool3D"),
    ".pooling.global_average_pooling": ("GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
                                       "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalAvgPool3D"),
    ".pooling.global_max_pooling": ("GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalMaxPooling1D",
                                   "GlobalMaxPooling2D", "GlobalMaxPooling3D"),
    ".pooling.max_pooling": ("MaxPool1D", "MaxPool2D", "MaxPool3D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D"),
    ".preprocessing.center_crop": ("CenterCrop",),
    ".preprocessing.normalization": ("Normalization",),
    ".preprocessing.rescaling": ("Rescaling",),
    ".preprocessing.resizing": ("Resizing",),
    ".regularization.activity_regularization": ("ActivityRegularization",),
    ".regularization.alpha_dropout": ("AlphaDropout",),
    ".regularization.dropout": ("Dropout",),
    ".regularization.gaussian_dropout": ("GaussianDropout",),
    ".regularization.gaussian_noise": ("GaussianNoise",),
    ".regularization.spatial_dropout": ("SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"),
    ".reshaping.cropping": ("Cropping1D", "Cropping2D", "Cropping3D"),
    ".reshaping.flatten": ("Flatten",),
    ".reshaping.permute": ("Permute",),
    ".reshaping.repeat_vector": ("RepeatVector",),
    ".reshaping.reshape": ("Reshape",),
    ".reshaping.up_sampling": ("UpSampling1D", "UpSampling2D", "UpSampling3D"),
    ".reshaping.zero_padding": ("ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D"),
    ".rnn.bidirectional": ("Bidirectional",),
    ".rnn.conv_lstm1d": ("ConvLSTM1D",),
    ".rnn.conv_lstm2d": ("ConvLSTM2D",),
    ".rnn.conv_lstm3d": ("ConvLSTM3D",),
    ".rnn.gru": ("GRU", "GRUCell"),
    ".rnn.lstm": ("LSTM", "LSTMCell"),
    ".rnn.rnn": ("RNN",),
    ".rnn.simple_rnn": ("SimpleRNN", "SimpleRNNCell"),
    ".rnn.stacked_rnn_cells": ("StackedRNNCells",),
    ".rnn.time_distributed": ("TimeDistributed",),
}
__getattr__, __dir__, __all__ = _lazy.attach(
    __name__, _CATALOGUE, eager=("Input", "InputLayer", "InputSpec", "Layer", "deserialize", "serialize"))


def serialize(layer):
    from keras_lite.saving import serialization_lib

    return serialization_lib.serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    from keras_lite.saving import serialization_lib

    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
