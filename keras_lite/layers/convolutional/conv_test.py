"""Conv1D/2D/3D: contract, values against NumPy and Keras, weights and config as Keras, shapes, errors.

Also holds the references the other convolution tests share: `np_conv` (a direct
NumPy convolution) and `check_against_keras` (Keras 3 as an oracle).
"""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.convolutional.conv1d import Conv1D, Convolution1D
from keras_lite.layers.convolutional.conv2d import Conv2D, Convolution2D
from keras_lite.layers.convolutional.conv3d import Conv3D, Convolution3D
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test


def to_np(x):
    return np.asarray(ops.convert_to_numpy(x))


def data(shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def to_last(x, data_format):
    return x if data_format == "channels_last" else np.moveaxis(x, 1, -1)


def from_last(x, data_format):
    return x if data_format == "channels_last" else np.moveaxis(x, -1, 1)


def same_pads(lengths, kernel, strides, dilation):
    """(left, right) padding of a 'same' convolution per spatial dim (extra padding on the right)."""
    pads = []
    for length, k, s, d in zip(lengths, kernel, strides, dilation):
        span = (k - 1) * d + 1
        total = max((-(-length // s) - 1) * s + span - length, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def np_conv(x, kernel, strides, padding="valid", dilation=None):
    """Channels-last N-D convolution by windows; groups follow from kernel.shape[-2]."""
    n = x.ndim - 2
    sizes = kernel.shape[:n]
    dilation = dilation or (1,) * n
    if padding == "same":
        x = np.pad(x, [(0, 0)] + same_pads(x.shape[1:-1], sizes, strides, dilation) + [(0, 0)])
    outs = [(length - (k - 1) * d - 1) // s + 1 for length, k, s, d in zip(x.shape[1:-1], sizes, strides, dilation)]
    group_in, out_channels = kernel.shape[-2], kernel.shape[-1]
    groups = x.shape[-1] // group_in
    group_out = out_channels // groups
    y = np.zeros((x.shape[0], *outs, out_channels), "float64")
    for offset in np.ndindex(*sizes):
        window = x[(slice(None),) + tuple(slice(o * d, o * d + (m - 1) * s + 1, s)
                                          for o, d, s, m in zip(offset, dilation, strides, outs))]
        for g in range(groups):
            y[..., g * group_out:(g + 1) * group_out] += (
                window[..., g * group_in:(g + 1) * group_in].astype("float64")
                @ kernel[offset][:, g * group_out:(g + 1) * group_out])
    return y.astype("float32")


def check_against_keras(cls, kwargs, x, rtol=1e-5, atol=1e-5):
    """Keras 3 (same backend) with the same weights: weight names, shapes and order, outputs, config."""
    keras = pytest.importorskip("keras")
    theirs = getattr(keras.layers, cls.__name__)(**kwargs)
    expected = np.asarray(keras.ops.convert_to_numpy(theirs(x)))
    ours = cls(**kwargs)
    ours(x)
    assert [(v.name, tuple(v.shape)) for v in ours.weights] == [(v.name, tuple(v.shape)) for v in theirs.weights]
    ours.set_weights(theirs.get_weights())
    np.testing.assert_allclose(to_np(ours(x)), expected, rtol=rtol, atol=atol)
    config = theirs.get_config()
    config["name"] = ours.name
    assert list(ours.get_config()) == list(config)
    assert float32_floats(ours.get_config()) == float32_floats(config)
    assert float32_floats(cls.from_config(config).get_config()) == float32_floats(config)
    return ours


def float32_floats(tree):
    """Configs with floats rounded to float32 (Keras regularizers write float32-rounded factors)."""
    if isinstance(tree, dict):
        return {k: float32_floats(v) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(float32_floats(v) for v in tree)
    return float(np.float32(tree)) if isinstance(tree, float) else tree


# TF 2.21's eager gradient of tf.nn.convolution on 5-D inputs fails (Conv3D grad reads a missing
# data_format attr); keras_lite/backends/tensorflow/nn.py should call tf.nn.conv3d for 3-D instead.


CONTRACT = [
    (Conv1D, {"filters": 4, "kernel_size": 3}, (2, 7, 3), (2, 5, 4)),
    (Conv1D, {"filters": 4, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (2, 7, 3), (2, 7, 4)),
    (Conv1D, {"filters": 4, "kernel_size": 2, "strides": 2, "padding": "same", "data_format": "channels_first"},
     (2, 3, 7), (2, 4, 4)),
    (Conv1D, {"filters": 4, "kernel_size": 3, "groups": 2, "use_bias": False}, (2, 6, 4), (2, 4, 4)),
    (Conv2D, {"filters": 4, "kernel_size": 3, "activation": "relu"}, (2, 6, 5, 3), (2, 4, 3, 4)),
    (Conv2D, {"filters": 4, "kernel_size": (3, 2), "strides": (2, 1), "padding": "same"}, (2, 7, 5, 3),
     (2, 4, 5, 4)),
    (Conv2D, {"filters": 6, "kernel_size": 2, "dilation_rate": 2, "groups": 3, "data_format": "channels_first"},
     (2, 3, 6, 5), (2, 6, 4, 3)),
    (Conv3D, {"filters": 2, "kernel_size": 2}, (2, 4, 3, 5, 2), (2, 3, 2, 4, 2)),
    (Conv3D, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same", "groups": 2,
              "data_format": "channels_first"}, (2, 2, 5, 4, 3), (2, 4, 3, 2, 2)),
]


@pytest.mark.parametrize("cls,kwargs,input_shape,output_shape", CONTRACT)
def test_contract(cls, kwargs, input_shape, output_shape):
    run_layer_test(cls, kwargs, input_shape, expected_output_shape=output_shape,
                   expected_num_trainable_weights=2 if kwargs.get("use_bias", True) else 1)


@pytest.mark.requires_trainable_backend
def test_conv3d_gradients():
    from keras_lite.backends import engine

    layer = Conv3D(2, 2, padding="same")
    x = data((1, 3, 3, 3, 2))
    layer(x)
    _, grads = engine.gradients.value_and_grad(lambda: ops.sum(ops.square(layer(x))), layer.trainable_weights)
    assert all(np.abs(to_np(g)).sum() > 0 for g in grads)


@pytest.mark.parametrize("cls,kwargs,input_shape,output_shape", CONTRACT)
def test_values_against_numpy(cls, kwargs, input_shape, output_shape):
    layer = cls(**kwargs)
    x = data(input_shape)
    y = to_np(layer(x))
    kernel = to_np(layer.kernel)
    bias = np.zeros(kernel.shape[-1], "float32") if layer.bias is None else data(kernel.shape[-1], 1)
    if layer.bias is not None:
        layer.bias.assign(bias)
        y = to_np(layer(x))
    xl = to_last(x, layer.data_format)
    padding = layer.padding
    if padding == "causal":
        xl = np.pad(xl, [(0, 0), (layer.dilation_rate[0] * (layer.kernel_size[0] - 1), 0), (0, 0)])
        padding = "valid"
    expected = np_conv(xl, kernel, layer.strides, padding, layer.dilation_rate) + bias
    if kwargs.get("activation") == "relu":
        expected = np.maximum(expected, 0)
    np.testing.assert_allclose(y, from_last(expected, layer.data_format), rtol=1e-5, atol=1e-5)
    assert y.shape == output_shape


@pytest.mark.parametrize("cls,kwargs,input_shape", [
    (Conv1D, {"filters": 3, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (2, 9, 4)),
    (Conv1D, {"filters": 4, "kernel_size": 3, "strides": 2, "groups": 2, "data_format": "channels_first"},
     (2, 4, 9)),
    (Conv2D, {"filters": 4, "kernel_size": (3, 2), "strides": 2, "padding": "same", "activation": "tanh"},
     (2, 7, 6, 3)),
    (Conv2D, {"filters": 6, "kernel_size": 3, "dilation_rate": (2, 1), "groups": 3,
              "data_format": "channels_first"}, (2, 3, 8, 6)),
    (Conv2D, {"filters": 3, "kernel_size": 3, "use_bias": False, "kernel_regularizer": "l2",
              "bias_regularizer": {"class_name": "L1", "config": {"l1": 0.1}}, "kernel_constraint": "non_neg",
              "activity_regularizer": "l1", "bias_initializer": "ones", "name": "c"}, (2, 5, 5, 2)),
    (Conv3D, {"filters": 2, "kernel_size": 2, "strides": (1, 2, 1), "padding": "same"}, (2, 4, 5, 3, 2)),
    (Conv3D, {"filters": 4, "kernel_size": 2, "groups": 2, "data_format": "channels_first"}, (2, 2, 3, 4, 3)),
])
def test_matches_keras(cls, kwargs, input_shape):
    check_against_keras(cls, kwargs, data(input_shape))


@pytest.mark.parametrize("cls,kwargs,shape,expected", [
    (Conv1D, {"filters": 4, "kernel_size": 3}, (None, None, 3), (None, None, 4)),
    (Conv1D, {"filters": 4, "kernel_size": 3, "padding": "causal"}, (None, None, 3), (None, None, 4)),
    (Conv1D, {"filters": 4, "kernel_size": 3, "padding": "causal", "data_format": "channels_first"},
     (None, 3, 10), (None, 4, 10)),
    (Conv2D, {"filters": 4, "kernel_size": 3, "strides": 2}, (None, None, 9, 3), (None, None, 4, 4)),
    (Conv2D, {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, 9, None, 3),
     (None, 5, None, 4)),
    (Conv2D, {"filters": 4, "kernel_size": 3, "data_format": "channels_first"}, (None, 3, None, None),
     (None, 4, None, None)),
    (Conv3D, {"filters": 4, "kernel_size": 2, "dilation_rate": 2}, (None, 5, None, 6, 1), (None, 3, None, 4, 4)),
])
def test_symbolic_shapes_with_unknown_dims(cls, kwargs, shape, expected):
    assert cls(**kwargs)(Input(batch_shape=shape)).shape == expected


def test_compute_output_shape_without_building():
    from keras_lite.layers.convolutional.conv2d_transpose import Conv2DTranspose
    from keras_lite.layers.convolutional.depthwise_conv1d import DepthwiseConv1D
    from keras_lite.layers.convolutional.separable_conv2d import SeparableConv2D

    cases = [(Conv2D(4, 3, strides=2), (None, 9, None, 3), (None, 4, None, 4)),
             (Conv1D(4, 3, padding="causal"), (2, 7, 3), (2, 7, 4)),
             (Conv3D(2, 2, data_format="channels_first"), (None, 3, 4, 4, 4), (None, 2, 3, 3, 3)),
             (Conv2DTranspose(2, 3, strides=2), (None, 4, None, 3), (None, 9, None, 2)),
             (DepthwiseConv1D(3, depth_multiplier=2), (None, None, 3), (None, None, 6)),
             (SeparableConv2D(5, 3, padding="same"), (1, 6, 6, 2), (1, 6, 6, 5))]
    for layer, shape, expected in cases:
        assert layer.compute_output_shape(shape) == expected
        assert not layer.built and not layer.weights
    with pytest.raises(ValueError, match=r"Conv2D .*kernel_size \(3, 3\).*\(None, 2, 9, 3\)"):
        Conv2D(4, 3).compute_output_shape((None, 2, 9, 3))


def test_guide_autoencoder_encoder_shapes_and_params():
    x = Input(shape=(28, 28, 1), name="img")
    for filters, shape, params in ((16, (None, 26, 26, 16), 160), (32, (None, 24, 24, 32), 4640)):
        layer = Conv2D(filters, 3, activation="relu")
        x = layer(x)
        assert (x.shape, layer.count_params()) == (shape, params)
    x = Input(shape=(8, 8, 32))  # after MaxPooling2D(3)
    for filters, shape, params in ((32, (None, 6, 6, 32), 9248), (16, (None, 4, 4, 16), 4624)):
        layer = Conv2D(filters, 3, activation="relu")
        x = layer(x)
        assert (x.shape, layer.count_params()) == (shape, params)


def test_guide_toy_resnet_shapes_and_params():
    x = Input(shape=(32, 32, 3), name="img")
    for filters, shape, params in ((32, (None, 30, 30, 32), 896), (64, (None, 28, 28, 64), 18496)):
        layer = Conv2D(filters, 3, activation="relu")
        x = layer(x)
        assert (x.shape, layer.count_params()) == (shape, params)
    x = Input(shape=(9, 9, 64))  # after MaxPooling2D(3)
    for _ in range(4):
        layer = Conv2D(64, 3, activation="relu", padding="same")
        x = layer(x)
        assert (x.shape, layer.count_params()) == ((None, 9, 9, 64), 36928)
    layer = Conv2D(64, 3, activation="relu")
    assert (layer(x).shape, layer.count_params()) == ((None, 7, 7, 64), 36928)


def test_guide_conv1d_on_static_batch():
    layer = Conv1D(32, 3)
    out = layer(Input(batch_shape=(16, 10, 5)))
    assert out.shape == (16, 8, 32)
    assert layer.count_params() == 32 * (3 * 5 + 1)
    assert to_np(layer(np.zeros((16, 10, 5), "float32"))).shape == (16, 8, 32)


def test_default_names_as_keras():
    assert Conv2D(1, 1).name.startswith("conv2d")
    assert Conv1D(1, 1).name.startswith("conv1d")


def test_aliases():
    assert Convolution1D is Conv1D and Convolution2D is Conv2D and Convolution3D is Conv3D


def test_data_format_default_from_config():
    old = backend_config.image_data_format()
    backend_config.set_image_data_format("channels_first")
    try:
        layer = Conv2D(4, 3)
    finally:
        backend_config.set_image_data_format(old)
    assert layer.data_format == "channels_first"
    assert layer(Input(shape=(2, 5, 6))).shape == (None, 4, 3, 4)
    assert Conv2D(4, 3).data_format == old


def test_regularizers_and_constraints():
    layer = Conv2D(2, 2, kernel_regularizer={"class_name": "L2", "config": {"l2": 0.5}}, bias_regularizer="l1",
                   kernel_constraint="non_neg", bias_initializer="ones")
    layer(data((1, 3, 3, 2)))
    kernel = to_np(layer.kernel)
    penalties = sorted(float(to_np(p)) for p in layer.losses)
    np.testing.assert_allclose(penalties, sorted([0.5 * float(np.sum(kernel ** 2)), 0.01 * 2]), rtol=1e-5)
    assert layer.kernel.constraint is layer.kernel_constraint


@pytest.mark.parametrize("make,culprit", [
    (lambda: Conv2D(0, 3), "filters"),
    (lambda: Conv2D(4, 0), "kernel_size"),
    (lambda: Conv2D(4, (3, 3, 3)), "kernel_size"),
    (lambda: Conv2D(4, 3, strides=0), "strides"),
    (lambda: Conv2D(4, 3, padding="causal"), "padding"),
    (lambda: Conv1D(4, 3, padding="full"), "padding"),
    (lambda: Conv2D(4, 3, groups=3), "groups"),
    (lambda: Conv2D(4, 3, strides=2, dilation_rate=2), "dilation_rate"),
    (lambda: Conv2D(4, 3, data_format="channels_middle"), "data_format"),
])
def test_bad_arguments(make, culprit):
    with pytest.raises(ValueError, match=culprit):
        make()


@pytest.mark.parametrize("layer,shape,match", [
    (Conv2D(4, 5), (None, 3, 8, 2), r"Conv2D .*kernel_size \(5, 5\).*\(None, 3, 8, 2\)"),
    (Conv1D(4, 3, dilation_rate=3), (None, 6, 2), r"Conv1D .*dilation_rate \(3,\).*\(None, 6, 2\)"),
    (Conv2D(4, 3, name="low_rank"), (None, 8, 8), r"'low_rank'.*ndim=4.*\(None, 8, 8\)"),
    (Conv3D(4, 3), (None, 8, 8, 8, 8, 1), r"Conv3D .*rank 5"),
    (Conv2D(4, 3), (None, 8, 8, None), r"Conv2D .*channel dimension.*\(None, 8, 8, None\)"),
    (Conv2D(4, 3, groups=2), (None, 8, 8, 3), r"Conv2D .*input channels \(3\).*groups"),
])
def test_bad_inputs_fail_when_the_graph_is_built(layer, shape, match):
    with pytest.raises(ValueError, match=match):
        layer(Input(batch_shape=shape))


def test_input_after_build_must_fit():
    layer = Conv2D(4, 3, name="built")
    layer(Input(shape=(8, 8, 3)))
    with pytest.raises(ValueError, match=r"'built'.*axis -1 of size 3.*\(None, 8, 8, 5\)"):
        layer(Input(shape=(8, 8, 5)))
    with pytest.raises(ValueError, match=r"Conv2D .*kernel_size \(3, 3\).*\(None, 2, 8, 3\)"):
        layer(Input(shape=(2, 8, 3)))
    with pytest.raises(ValueError, match=r"Conv2D .*\(1, 2, 8, 3\)"):
        layer(data((1, 2, 8, 3)))


def test_input_spec_as_keras():
    layer = Conv2D(4, 3, data_format="channels_first")
    assert layer.input_spec.min_ndim == 4 and not layer.input_spec.axes
    layer(Input(shape=(3, 8, 8)))
    assert layer.input_spec.min_ndim == 4 and layer.input_spec.axes == {1: 3}


def test_causal_output_depends_only_on_the_past():
    layer = Conv1D(2, 3, padding="causal", dilation_rate=2)
    x = data((1, 9, 2))
    later = x.copy()
    later[:, 6:] += 10.0
    np.testing.assert_allclose(to_np(layer(x))[:, :6], to_np(layer(later))[:, :6], rtol=1e-5, atol=1e-5)


@pytest.mark.skipif(BACKEND == "numpy", reason="the numpy backend runs inference only")
def test_mixed_precision_values_close_to_float32():
    layer = Conv2D(3, 3, padding="same", dtype="mixed_float16")
    x = data((1, 5, 5, 2))
    y = layer(x)
    assert ops.dtype(y) == "float16" and layer.kernel.dtype == "float32"
    expected = np_conv(x, to_np(layer.kernel), (1, 1), "same")
    np.testing.assert_allclose(to_np(y).astype("float32"), expected, rtol=2e-2, atol=2e-2)
