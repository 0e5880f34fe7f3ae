"""`keras_lite.layers`: the layer catalogue, `Input`, and the functional forms of the merging layers."""
from keras_lite.layers.activations.activation import Activation
from keras_lite.layers.activations.elu import ELU
from keras_lite.layers.activations.leaky_relu import LeakyReLU
from keras_lite.layers.activations.prelu import PReLU
from keras_lite.layers.activations.relu import ReLU
from keras_lite.layers.activations.softmax import Softmax
from keras_lite.layers.attention.additive_attention import AdditiveAttention
from keras_lite.layers.attention.attention import Attention
from keras_lite.layers.attention.multi_head_attention import MultiHeadAttention
from keras_lite.layers.convolutional.conv1d import Conv1D, Convolution1D
from keras_lite.layers.convolutional.conv1d_transpose import Conv1DTranspose, Convolution1DTranspose
from keras_lite.layers.convolutional.conv2d import Conv2D, Convolution2D
from keras_lite.layers.convolutional.conv2d_transpose import Conv2DTranspose, Convolution2DTranspose
from keras_lite.layers.convolutional.conv3d import Conv3D, Convolution3D
from keras_lite.layers.convolutional.conv3d_transpose import Conv3DTranspose, Convolution3DTranspose
from keras_lite.layers.convolutional.depthwise_conv1d import DepthwiseConv1D
from keras_lite.layers.convolutional.depthwise_conv2d import DepthwiseConv2D
from keras_lite.layers.convolutional.separable_conv1d import SeparableConv1D, SeparableConvolution1D
from keras_lite.layers.convolutional.separable_conv2d import SeparableConv2D, SeparableConvolution2D
from keras_lite.layers.core.dense import Dense
from keras_lite.layers.core.einsum_dense import EinsumDense
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.core.identity import Identity
from keras_lite.layers.core.lambda_layer import Lambda
from keras_lite.layers.core.masking import Masking
from keras_lite.layers.input_layer import Input, InputLayer
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.merging.add import Add, add
from keras_lite.layers.merging.average import Average, average
from keras_lite.layers.merging.concatenate import Concatenate, concatenate
from keras_lite.layers.merging.dot import Dot, dot
from keras_lite.layers.merging.maximum import Maximum, maximum
from keras_lite.layers.merging.minimum import Minimum, minimum
from keras_lite.layers.merging.multiply import Multiply, multiply
from keras_lite.layers.merging.subtract import Subtract, subtract
from keras_lite.layers.normalization.batch_normalization import BatchNormalization
from keras_lite.layers.normalization.group_normalization import GroupNormalization
from keras_lite.layers.normalization.layer_normalization import LayerNormalization
from keras_lite.layers.normalization.rms_normalization import RMSNormalization
from keras_lite.layers.normalization.unit_normalization import UnitNormalization
from keras_lite.layers.pooling.average_pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, AvgPool1D,
                                                       AvgPool2D, AvgPool3D)
from keras_lite.layers.pooling.global_average_pooling import (GlobalAveragePooling1D, GlobalAveragePooling2D,
                                                              GlobalAveragePooling3D, GlobalAvgPool1D, GlobalAvgPool2D,
                                                              GlobalAvgPool3D)
from keras_lite.layers.pooling.global_max_pooling import (GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D,
                                                          GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D)
from keras_lite.layers.pooling.max_pooling import (MaxPool1D, MaxPool2D, MaxPool3D, MaxPooling1D, MaxPooling2D,
                                                   MaxPooling3D)
from keras_lite.layers.preprocessing.center_crop import CenterCrop
from keras_lite.layers.preprocessing.normalization import Normalization
from keras_lite.layers.preprocessing.rescaling import Rescaling
from keras_lite.layers.preprocessing.resizing import Resizing
from keras_lite.layers.regularization.activity_regularization import ActivityRegularization
from keras_lite.layers.regularization.alpha_dropout import AlphaDropout
from keras_lite.layers.regularization.dropout import Dropout
from keras_lite.layers.regularization.gaussian_dropout import GaussianDropout
from keras_lite.layers.regularization.gaussian_noise import GaussianNoise
from keras_lite.layers.regularization.spatial_dropout import SpatialDropout1D, SpatialDropout2D, SpatialDropout3D
from keras_lite.layers.reshaping.cropping import Cropping1D, Cropping2D, Cropping3D
from keras_lite.layers.reshaping.flatten import Flatten
from keras_lite.layers.reshaping.permute import Permute
from keras_lite.layers.reshaping.repeat_vector import RepeatVector
from keras_lite.layers.reshaping.reshape import Reshape
from keras_lite.layers.reshaping.up_sampling import UpSampling1D, UpSampling2D, UpSampling3D
from keras_lite.layers.reshaping.zero_padding import ZeroPadding1D, ZeroPadding2D, ZeroPadding3D
from keras_lite.layers.rnn.bidirectional import Bidirectional
from keras_lite.layers.rnn.conv_lstm1d import ConvLSTM1D
from keras_lite.layers.rnn.conv_lstm2d import ConvLSTM2D
from keras_lite.layers.rnn.conv_lstm3d import ConvLSTM3D
from keras_lite.layers.rnn.gru import GRU, GRUCell
from keras_lite.layers.rnn.lstm import LSTM, LSTMCell
from keras_lite.layers.rnn.rnn import RNN
from keras_lite.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from keras_lite.layers.rnn.stacked_rnn_cells import StackedRNNCells
from keras_lite.layers.rnn.time_distributed import TimeDistributed


def serialize(layer):
    from keras_lite.saving import serialization_lib

    return serialization_lib.serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    from keras_lite.saving import serialization_lib

    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
