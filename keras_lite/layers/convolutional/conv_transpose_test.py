"""Conv1D/2D/3DTranspose: contract, values against NumPy and Keras, weights and config as Keras, shapes, errors."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.convolutional.conv1d_transpose import Conv1DTranspose, Convolution1DTranspose
from keras_lite.layers.convolutional.conv2d_transpose import Conv2DTranspose, Convolution2DTranspose
from keras_lite.layers.convolutional.conv3d_transpose import Conv3DTranspose, Convolution3DTranspose
from keras_lite.layers.convolutional.conv_test import check_against_keras, data, from_last, to_last, to_np
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test


def transpose_window(length, kernel, stride, padding, output_padding, dilation):
    """(start in the full scatter, output length) of one spatial dim, from Keras's padding rule:
    the full scatter is the stride-dilated input padded by span - 1 on both sides, Keras pads by
    (left, right) instead."""
    span = (kernel - 1) * dilation + 1
    if padding == "valid":
        extra = max(span, stride) - span if output_padding is None else output_padding
        left, right = span - 1, span - 1 + extra
    else:
        total = stride + span - 2 if output_padding is None else span + span % 2 - 2 + output_padding
        left = min(total // 2 + total % 2, span - 1)
        right = total - left
    return span - 1 - left, (length - 1) * stride + 1 + left + right - span + 1


def np_conv_transpose(x, kernel, strides, padding, output_padding=None, dilation=None):
    """Channels-last transposed convolution by scattering; kernel (*k, out_channels, in_channels)."""
    n = x.ndim - 2
    sizes = kernel.shape[:n]
    dilation = dilation or (1,) * n
    lengths = x.shape[1:-1]
    full = [(length - 1) * s + (k - 1) * d + 1 for length, k, s, d in zip(lengths, sizes, strides, dilation)]
    y = np.zeros((x.shape[0], *full, kernel.shape[-2]), "float64")
    for offset in np.ndindex(*sizes):
        index = tuple(slice(o * d, o * d + (length - 1) * s + 1, s)
                      for o, d, s, length in zip(offset, dilation, strides, lengths))
        y[(slice(None),) + index] += x.astype("float64") @ kernel[offset].T
    pads = output_padding or (None,) * n
    windows = [transpose_window(*args) for args in zip(lengths, sizes, strides, (padding,) * n, pads, dilation)]
    y = np.pad(y, [(0, 0)] + [(0, max(start + out - f, 0)) for (start, out), f in zip(windows, full)] + [(0, 0)])
    return y[(slice(None),) + tuple(slice(start, start + out) for start, out in windows)].astype("float32")


CONTRACT = [
    (Conv1DTranspose, {"filters": 4, "kernel_size": 3}, (2, 5, 3), (2, 7, 4)),
    (Conv1DTranspose, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 5, 3), (2, 10, 4)),
    (Conv1DTranspose, {"filters": 4, "kernel_size": 2, "strides": 3, "data_format": "channels_first"},
     (2, 3, 5), (2, 4, 15)),
    (Conv1DTranspose, {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "use_bias": False}, (2, 4, 3),
     (2, 8, 2)),
    (Conv2DTranspose, {"filters": 4, "kernel_size": 3, "activation": "relu"}, (2, 4, 3, 2), (2, 6, 5, 4)),
    (Conv2DTranspose, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 1},
     (2, 4, 3, 2), (2, 8, 6, 4)),
    (Conv2DTranspose, {"filters": 3, "kernel_size": (2, 3), "strides": (2, 1), "output_padding": (1, 0),
                       "data_format": "channels_first"}, (2, 2, 4, 3), (2, 3, 9, 5)),
    (Conv3DTranspose, {"filters": 2, "kernel_size": 2, "strides": 2}, (2, 2, 3, 2, 3), (2, 4, 6, 4, 2)),
    (Conv3DTranspose, {"filters": 2, "kernel_size": 3, "padding": "same", "data_format": "channels_first"},
     (2, 3, 2, 3, 2), (2, 2, 2, 3, 2)),
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
    bias = np.zeros(kernel.shape[-2], "float32")
    if layer.bias is not None:
        bias = data(kernel.shape[-2], 1)
        layer.bias.assign(bias)
    y = to_np(layer(x))
    expected = np_conv_transpose(to_last(x, layer.data_format), kernel, layer.strides, layer.padding,
                                 layer.output_padding, layer.dilation_rate) + bias
    if kwargs.get("activation") == "relu":
        expected = np.maximum(expected, 0)
    assert y.shape == output_shape
    np.testing.assert_allclose(y, from_last(expected, layer.data_format), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("cls,kwargs,input_shape", [
    (Conv1DTranspose, {"filters": 3, "kernel_size": 4, "strides": 2, "padding": "same"}, (2, 5, 2)),
    (Conv1DTranspose, {"filters": 3, "kernel_size": 3, "strides": 3, "output_padding": 2,
                       "data_format": "channels_first"}, (2, 2, 4)),
    (Conv1DTranspose, {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same"}, (2, 5, 3)),
    (Conv2DTranspose, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 1,
                       "activation": "sigmoid"}, (2, 4, 3, 2)),
    (Conv2DTranspose, {"filters": 3, "kernel_size": (3, 2), "strides": (1, 2), "kernel_regularizer": "l2",
                       "bias_constraint": "non_neg", "activity_regularizer": "l2", "name": "t",
                       "data_format": "channels_first"}, (2, 2, 4, 3)),
    (Conv2DTranspose, {"filters": 2, "kernel_size": 5, "strides": 2, "padding": "same"}, (2, 3, 3, 1)),
    (Conv3DTranspose, {"filters": 2, "kernel_size": 2, "strides": (2, 1, 2), "use_bias": False}, (2, 2, 3, 2, 2)),
    (Conv3DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "output_padding": 1,
                       "data_format": "channels_first"}, (2, 2, 2, 3, 2)),
])
def test_matches_keras(cls, kwargs, input_shape):
    check_against_keras(cls, kwargs, data(input_shape))


@pytest.mark.parametrize("cls,kwargs,shape,expected", [
    (Conv1DTranspose, {"filters": 4, "kernel_size": 3, "strides": 2}, (None, None, 3), (None, None, 4)),
    (Conv2DTranspose, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, None, 5, 3),
     (None, None, 10, 4)),
    (Conv2DTranspose, {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, (None, 3, None, None),
     (None, 4, None, None)),
    (Conv3DTranspose, {"filters": 4, "kernel_size": 2, "strides": 2, "output_padding": 1},
     (None, 3, None, 2, 1), (None, 7, None, 5, 4)),
])
def test_symbolic_shapes_with_unknown_dims(cls, kwargs, shape, expected):
    assert cls(**kwargs)(Input(batch_shape=shape)).shape == expected


def test_guide_autoencoder_decoder_shapes_and_params():
    x = Input(shape=(4, 4, 1))  # Reshape((4, 4, 1)) of the 16-d code
    for filters, shape, params in ((16, (None, 6, 6, 16), 160), (32, (None, 8, 8, 32), 4640)):
        layer = Conv2DTranspose(filters, 3, activation="relu")
        x = layer(x)
        assert (x.shape, layer.count_params()) == (shape, params)
    x = Input(shape=(24, 24, 32))  # after UpSampling2D(3)
    for filters, shape, params in ((16, (None, 26, 26, 16), 4624), (1, (None, 28, 28, 1), 145)):
        layer = Conv2DTranspose(filters, 3, activation="relu")
        x = layer(x)
        assert (x.shape, layer.count_params()) == (shape, params)
    assert to_np(layer(np.zeros((2, 24, 24, 16), "float32"))).shape == (2, 26, 26, 1)


def test_aliases():
    assert Convolution1DTranspose is Conv1DTranspose
    assert Convolution2DTranspose is Conv2DTranspose
    assert Convolution3DTranspose is Conv3DTranspose


@pytest.mark.parametrize("make,culprit", [
    (lambda: Conv2DTranspose(0, 3), "filters"),
    (lambda: Conv2DTranspose(2, (3, 0)), "kernel_size"),
    (lambda: Conv2DTranspose(2, 3, strides=2, output_padding=2), "output_padding"),
    (lambda: Conv2DTranspose(2, 3, output_padding=-1), "output_padding"),
    (lambda: Conv1DTranspose(2, 3, padding="causal"), "padding"),
    (lambda: Conv2DTranspose(2, 3, strides=2, dilation_rate=2), "dilation_rate"),
])
def test_bad_arguments(make, culprit):
    with pytest.raises(ValueError, match=culprit):
        make()


@pytest.mark.parametrize("layer,shape,match", [
    (Conv2DTranspose(4, 3, name="low_rank"), (None, 8, 8), r"'low_rank'.*ndim=4.*\(None, 8, 8\)"),
    (Conv2DTranspose(4, 3), (None, 8, 8, 8, 2), r"Conv2DTranspose .*rank 4.*\(None, 8, 8, 8, 2\)"),
    (Conv1DTranspose(4, 3), (None, 8, None), r"Conv1DTranspose .*channel dimension"),
    (Conv2DTranspose(4, 3, padding="same"), (None, 0, 4, 2),
     r"Conv2DTranspose .*\(None, 0, 4, 2\) gives a non-positive"),
])
def test_bad_inputs_fail_when_the_graph_is_built(layer, shape, match):
    with pytest.raises(ValueError, match=match):
        layer(Input(batch_shape=shape))


def test_input_after_build_must_fit():
    layer = Conv2DTranspose(4, 3, data_format="channels_first", name="built")
    layer(Input(shape=(3, 4, 4)))
    with pytest.raises(ValueError, match=r"'built'.*axis 1 of size 3.*\(None, 2, 4, 4\)"):
        layer(Input(shape=(2, 4, 4)))


def test_transpose_is_the_gradient_of_the_convolution():
    """<conv(a), b> == <a, conv_transpose(b)> with the same kernel: an engine-level reference."""
    kernel = data((3, 3, 2, 4), 2)  # Conv2D kernel (k, k, in=2, out=4) is a transpose kernel (k, k, out=2, in=4)
    a, b = data((1, 8, 8, 2), 3), data((1, 4, 4, 4), 4)
    layer = Conv2DTranspose(2, 3, strides=2, padding="same", use_bias=False)
    layer(b)
    layer.kernel.assign(kernel)
    forward = to_np(ops.conv(a, kernel, strides=2, padding="same"))
    np.testing.assert_allclose(np.sum(forward * b), np.sum(a * to_np(layer(b))), rtol=1e-4)


def test_functional_model_config_round_trip():
    from keras_lite.layers.convolutional.conv1d import Conv1D
    from keras_lite.layers.convolutional.conv2d import Conv2D
    from keras_lite.layers.convolutional.depthwise_conv2d import DepthwiseConv2D
    from keras_lite.layers.convolutional.separable_conv2d import SeparableConv2D
    from keras_lite.models import Model

    inputs = Input(shape=(8, 8, 2))
    x = Conv2D(4, 3, activation="relu", kernel_regularizer="l2")(inputs)
    x = DepthwiseConv2D(3, depth_multiplier=2, padding="same")(x)
    x = SeparableConv2D(3, 3, strides=2)(x)
    outputs = Conv2DTranspose(2, 3, strides=2, padding="same", output_padding=1)(x)
    model = Model(inputs, outputs)
    clone = Model.from_config(model.get_config())
    assert clone.output.shape == model.output.shape == (None, 4, 4, 2)
    clone.set_weights(model.get_weights())
    x = data((2, 8, 8, 2))
    np.testing.assert_allclose(to_np(clone(x)), to_np(model(x)), rtol=1e-6, atol=1e-6)
    seq_in = Input(shape=(None, 3))
    seq = Model(seq_in, Conv1DTranspose(2, 3)(Conv1D(4, 3, padding="causal")(seq_in)))
    assert Model.from_config(seq.get_config()).output.shape == (None, None, 2)
