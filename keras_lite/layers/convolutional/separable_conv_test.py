"""SeparableConv1D/2D: contract, values against NumPy and Keras, weights and config as Keras, shapes, errors."""
import numpy as np
import pytest

from keras_lite.layers.convolutional.conv_test import check_against_keras, data, from_last, np_conv, to_last, to_np
from keras_lite.layers.convolutional.depthwise_conv_test import np_depthwise
from keras_lite.layers.convolutional.separable_conv1d import SeparableConv1D, SeparableConvolution1D
from keras_lite.layers.convolutional.separable_conv2d import SeparableConv2D, SeparableConvolution2D
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test

CONTRACT = [
    (SeparableConv1D, {"filters": 4, "kernel_size": 3}, (2, 7, 3), (2, 5, 4)),
    (SeparableConv1D, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "depth_multiplier": 2,
                       "data_format": "channels_first"}, (2, 3, 7), (2, 4, 4)),
    (SeparableConv2D, {"filters": 4, "kernel_size": 3, "activation": "relu", "use_bias": False}, (2, 5, 6, 2),
     (2, 3, 4, 4)),
    (SeparableConv2D, {"filters": 3, "kernel_size": (3, 2), "dilation_rate": (1, 2), "depth_multiplier": 2},
     (2, 5, 6, 2), (2, 3, 4, 3)),
    (SeparableConv2D, {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same",
                       "data_format": "channels_first"}, (2, 2, 5, 4), (2, 3, 3, 2)),
]


@pytest.mark.parametrize("cls,kwargs,input_shape,output_shape", CONTRACT)
def test_contract(cls, kwargs, input_shape, output_shape):
    run_layer_test(cls, kwargs, input_shape, expected_output_shape=output_shape,
                   expected_num_trainable_weights=3 if kwargs.get("use_bias", True) else 2)


@pytest.mark.parametrize("cls,kwargs,input_shape,output_shape", CONTRACT)
def test_values_against_numpy(cls, kwargs, input_shape, output_shape):
    layer = cls(**kwargs)
    x = data(input_shape)
    layer(x)
    depthwise, pointwise = to_np(layer.depthwise_kernel), to_np(layer.pointwise_kernel)
    bias = np.zeros(layer.filters, "float32")
    if layer.bias is not None:
        bias = data(layer.filters, 1)
        layer.bias.assign(bias)
    y = to_np(layer(x))
    mid = np_depthwise(to_last(x, layer.data_format), depthwise, layer.strides, layer.padding, layer.dilation_rate)
    expected = np_conv(mid, pointwise, (1,) * layer.rank) + bias
    if kwargs.get("activation") == "relu":
        expected = np.maximum(expected, 0)
    assert y.shape == output_shape
    np.testing.assert_allclose(y, from_last(expected, layer.data_format), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("cls,kwargs,input_shape", [
    (SeparableConv1D, {"filters": 4, "kernel_size": 3, "depth_multiplier": 2, "padding": "same"}, (2, 7, 3)),
    (SeparableConv1D, {"filters": 2, "kernel_size": 2, "dilation_rate": 2, "data_format": "channels_first",
                       "pointwise_regularizer": "l2", "depthwise_constraint": "non_neg",
                       "pointwise_initializer": "he_normal", "name": "s"}, (2, 3, 8)),
    (SeparableConv2D, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "activation": "elu"},
     (2, 7, 6, 3)),
    (SeparableConv2D, {"filters": 3, "kernel_size": (2, 3), "depth_multiplier": 3, "use_bias": False,
                       "activity_regularizer": "l2", "data_format": "channels_first"}, (2, 2, 5, 6)),
])
def test_matches_keras(cls, kwargs, input_shape):
    check_against_keras(cls, kwargs, data(input_shape))


@pytest.mark.parametrize("cls,kwargs,shape,expected", [
    (SeparableConv1D, {"filters": 4, "kernel_size": 3}, (None, None, 3), (None, None, 4)),
    (SeparableConv2D, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, 9, None, 2),
     (None, 5, None, 4)),
    (SeparableConv2D, {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, (None, 2, None, None),
     (None, 4, None, None)),
])
def test_symbolic_shapes_with_unknown_dims(cls, kwargs, shape, expected):
    assert cls(**kwargs)(Input(batch_shape=shape)).shape == expected


def test_weight_shapes():
    layer = SeparableConv2D(5, 3, depth_multiplier=2)
    layer(Input(shape=(6, 6, 3)))
    assert [(v.name, tuple(v.shape)) for v in layer.weights] == [
        ("depthwise_kernel", (3, 3, 3, 2)), ("pointwise_kernel", (1, 1, 6, 5)), ("bias", (5,))]
    assert layer.count_params() == 3 * 3 * 3 * 2 + 6 * 5 + 5


def test_aliases():
    assert SeparableConvolution1D is SeparableConv1D and SeparableConvolution2D is SeparableConv2D


@pytest.mark.parametrize("make,culprit", [
    (lambda: SeparableConv2D(0, 3), "filters"),
    (lambda: SeparableConv2D(2, 3, depth_multiplier=-1), "depth_multiplier"),
    (lambda: SeparableConv1D(2, 3, padding="causal"), "padding"),
    (lambda: SeparableConv2D(2, (3, 3, 3)), "kernel_size"),
])
def test_bad_arguments(make, culprit):
    with pytest.raises(ValueError, match=culprit):
        make()


@pytest.mark.parametrize("layer,shape,match", [
    (SeparableConv2D(2, 4), (None, 3, 8, 2), r"SeparableConv2D .*kernel_size \(4, 4\).*\(None, 3, 8, 2\)"),
    (SeparableConv1D(2, 3, name="low_rank"), (None, 8), r"'low_rank'.*ndim=3.*\(None, 8\)"),
    (SeparableConv1D(2, 3), (None, 8, 8, 2), r"SeparableConv1D .*rank 3.*\(None, 8, 8, 2\)"),
])
def test_bad_inputs_fail_when_the_graph_is_built(layer, shape, match):
    with pytest.raises(ValueError, match=match):
        layer(Input(batch_shape=shape))


def test_input_after_build_must_fit():
    layer = SeparableConv1D(2, 3, name="built")
    layer(Input(shape=(6, 3)))
    with pytest.raises(ValueError, match=r"'built'.*axis -1 of size 3.*\(None, 6, 4\)"):
        layer(Input(shape=(6, 4)))
