"""DepthwiseConv1D/2D: contract, values against NumPy and Keras, weights and config as Keras, shapes, errors."""
import numpy as np
import pytest

from keras_lite.layers.convolutional.conv_test import check_against_keras, data, from_last, np_conv, to_last, to_np
from keras_lite.layers.convolutional.depthwise_conv1d import DepthwiseConv1D
from keras_lite.layers.convolutional.depthwise_conv2d import DepthwiseConv2D
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test


def np_depthwise(x, kernel, strides, padding, dilation):
    """Channels-last depthwise convolution: a grouped convolution with one input channel per group."""
    grouped = kernel.reshape(kernel.shape[:-2] + (1, kernel.shape[-2] * kernel.shape[-1]))
    return np_conv(x, grouped, strides, padding, dilation)


CONTRACT = [
    (DepthwiseConv1D, {"kernel_size": 3}, (2, 7, 3), (2, 5, 3)),
    (DepthwiseConv1D, {"kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 2}, (2, 7, 3),
     (2, 4, 6)),
    (DepthwiseConv1D, {"kernel_size": 2, "dilation_rate": 2, "data_format": "channels_first", "use_bias": False},
     (2, 3, 6), (2, 3, 4)),
    (DepthwiseConv2D, {"kernel_size": 3, "activation": "relu"}, (2, 5, 6, 2), (2, 3, 4, 2)),
    (DepthwiseConv2D, {"kernel_size": (3, 2), "strides": (2, 1), "padding": "same", "depth_multiplier": 3},
     (2, 5, 4, 2), (2, 3, 4, 6)),
    (DepthwiseConv2D, {"kernel_size": 2, "strides": 2, "dilation_rate": 2, "depth_multiplier": 2,
                       "data_format": "channels_first"}, (2, 2, 7, 6), (2, 4, 3, 2)),
]


@pytest.mark.parametrize("cls,kwargs,input_shape,output_shape", CONTRACT)
def test_contract(cls, kwargs, input_shape, output_shape):
    run_layer_test(cls, kwargs, input_shape, expected_output_shape=output_shape,
                   expected_num_trainable_weights=2 if kwargs.get("use_bias", True) else 1)


@pytest.mark.parametrize("cls,kwargs,input_shape,output_shape", CONTRACT)
def test_values_against_numpy(cls, kwargs, input_shape, output_shape):
    layer = cls(**kwargs)
    x = data(input_shape)
    layer(x)
    kernel = to_np(layer.kernel)
    bias = np.zeros(kernel.shape[-2] * kernel.shape[-1], "float32")
    if layer.bias is not None:
        bias = data(bias.shape, 1)
        layer.bias.assign(bias)
    y = to_np(layer(x))
    expected = np_depthwise(to_last(x, layer.data_format), kernel, layer.strides, layer.padding,
                            layer.dilation_rate) + bias
    if kwargs.get("activation") == "relu":
        expected = np.maximum(expected, 0)
    assert y.shape == output_shape
    np.testing.assert_allclose(y, from_last(expected, layer.data_format), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("cls,kwargs,input_shape", [
    (DepthwiseConv1D, {"kernel_size": 3, "depth_multiplier": 2, "padding": "same", "strides": 2}, (2, 9, 3)),
    (DepthwiseConv1D, {"kernel_size": 3, "dilation_rate": 2, "data_format": "channels_first",
                       "depthwise_regularizer": "l2", "activity_regularizer": "l1", "name": "d"}, (2, 2, 9)),
    (DepthwiseConv2D, {"kernel_size": 3, "depth_multiplier": 2, "activation": "relu6"}, (2, 5, 6, 3)),
    (DepthwiseConv2D, {"kernel_size": (2, 3), "strides": (1, 2), "padding": "same", "use_bias": False,
                       "depthwise_constraint": "unit_norm", "data_format": "channels_first"}, (2, 2, 5, 7)),
])
def test_matches_keras(cls, kwargs, input_shape):
    check_against_keras(cls, kwargs, data(input_shape))


@pytest.mark.parametrize("cls,kwargs,shape,expected", [
    (DepthwiseConv1D, {"kernel_size": 3, "depth_multiplier": 2}, (None, None, 3), (None, None, 6)),
    (DepthwiseConv2D, {"kernel_size": 3, "strides": 2, "padding": "same"}, (None, None, 9, 2), (None, None, 5, 2)),
    (DepthwiseConv2D, {"kernel_size": 3, "data_format": "channels_first"}, (None, 2, None, 8), (None, 2, None, 6)),
])
def test_symbolic_shapes_with_unknown_dims(cls, kwargs, shape, expected):
    assert cls(**kwargs)(Input(batch_shape=shape)).shape == expected


@pytest.mark.parametrize("make,culprit", [
    (lambda: DepthwiseConv2D(3, depth_multiplier=0), "depth_multiplier"),
    (lambda: DepthwiseConv2D(0), "kernel_size"),
    (lambda: DepthwiseConv2D(3, strides=(1, 0)), "strides"),
    (lambda: DepthwiseConv1D(3, padding="causal"), "padding"),
])
def test_bad_arguments(make, culprit):
    with pytest.raises(ValueError, match=culprit):
        make()


@pytest.mark.parametrize("layer,shape,match", [
    (DepthwiseConv2D(5), (None, 4, 8, 2), r"DepthwiseConv2D .*kernel_size \(5, 5\).*\(None, 4, 8, 2\)"),
    (DepthwiseConv1D(3), (None, 8, 8, 2), r"DepthwiseConv1D .*rank 3.*\(None, 8, 8, 2\)"),
    (DepthwiseConv2D(3), (None, 8, 8, None), r"DepthwiseConv2D .*channel dimension"),
])
def test_bad_inputs_fail_when_the_graph_is_built(layer, shape, match):
    with pytest.raises(ValueError, match=match):
        layer(Input(batch_shape=shape))


def test_input_after_build_must_fit():
    layer = DepthwiseConv2D(3, name="built")
    layer(Input(shape=(6, 6, 2)))
    with pytest.raises(ValueError, match=r"'built'.*axis -1 of size 2.*\(None, 6, 6, 3\)"):
        layer(Input(shape=(6, 6, 3)))
