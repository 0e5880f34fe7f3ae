"""ConvLSTM1D/2D/3D: contract, config and weights as Keras, values against Keras in both data formats (inference,
masks, training with dropout), shapes, and errors at graph-building time."""
import numpy as np
import pytest

from keras_lite.backends.common import config as backend_config
from keras_lite.layers.input_layer import Input
from keras_lite.layers.rnn.conv_lstm1d import ConvLSTM1D
from keras_lite.layers.rnn.conv_lstm2d import ConvLSTM2D
from keras_lite.layers.rnn.conv_lstm3d import ConvLSTM3D
from keras_lite.layers.rnn.rnn_test import (ATOL, RTOL, check_against_keras, check_training_against_keras, data,
                                            dropout_masks, keras_module, keras_tensor, to_np)
from keras_lite.testing.layer_contract import run_layer_test

LAYERS = {1: ConvLSTM1D, 2: ConvLSTM2D, 3: ConvLSTM3D}


def step_shape(rank, data_format, size=5, channels=2):
    spatial = (size,) * rank
    return spatial + (channels,) if data_format == "channels_last" else (channels,) + spatial


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_contract(rank):
    run_layer_test(LAYERS[rank], {"filters": 2, "kernel_size": 3, "return_sequences": True},
                   (2, 3) + (5,) * rank + (2,), expected_output_shape=(2, 3) + (3,) * rank + (2,),
                   expected_num_trainable_weights=3)


def test_config_matches_keras_both_ways():
    keras = keras_module()
    ours = ConvLSTM2D(4, (3, 2), strides=(2, 1), padding="same", data_format="channels_first", dropout=0.1, seed=1)
    theirs = keras.layers.ConvLSTM2D(4, (3, 2), strides=(2, 1), padding="same", data_format="channels_first",
                                     dropout=0.1, seed=1)
    assert sorted(ours.get_config()) == sorted(theirs.get_config())
    clone = ConvLSTM2D.from_config(theirs.get_config())
    assert (clone.kernel_size, clone.strides, clone.padding, clone.data_format) == (
        (3, 2), (2, 1), "same", "channels_first")
    twin = keras.layers.ConvLSTM2D.from_config(ours.get_config())
    assert twin.filters == 4 and twin.strides == (2, 1)


@pytest.mark.parametrize("rank", [1, 2, 3])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_matches_keras(rank, data_format):
    keras = keras_module()
    options = {"filters": 3, "kernel_size": 2, "data_format": data_format, "return_sequences": True,
               "return_state": True}
    if rank == 2:
        options.update(padding="same", strides=2, go_backwards=True)
    if rank == 1:
        options.update(dilation_rate=2)
    x = data((2, 3) + step_shape(rank, data_format, size=4))
    check_against_keras(LAYERS[rank](**options), getattr(keras.layers, f"ConvLSTM{rank}D")(**options), x)


def test_masks_match_keras():
    keras = keras_module()
    mask = np.array([[1, 1, 0, 1], [0, 1, 1, 0]], bool)
    options = {"filters": 2, "kernel_size": 3, "padding": "same", "return_sequences": True}
    # Keras 3's jax and numpy scans cannot broadcast a mask over feature maps; its unrolled loop can.
    check_against_keras(ConvLSTM1D(**options), keras.layers.ConvLSTM1D(unroll=True, **options), data((2, 4, 5, 3)),
                        call_kwargs={"mask": mask}, keras_call_kwargs={"mask": keras_tensor(mask)})


def test_masked_steps_keep_state_and_output():
    x = data((2, 5, 4, 4, 2))
    layer = ConvLSTM2D(2, 3, padding="same", return_sequences=True, return_state=True)
    mask = np.array([[1, 1, 1, 0, 0], [1, 0, 1, 1, 1]], bool)
    outputs, h, c = (to_np(t) for t in layer(x, mask=mask))
    short, short_h, short_c = (to_np(t) for t in layer(x[:1, :3]))
    np.testing.assert_allclose(outputs[0, :3], short[0], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(h[0], short_h[0], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(c[0], short_c[0], rtol=RTOL, atol=ATOL)
    np.testing.assert_array_equal(outputs[0, 4], outputs[0, 2])
    np.testing.assert_array_equal(outputs[1, 1], outputs[1, 0])


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_training_with_dropout_matches_keras(data_format):
    keras = keras_module()
    options = {"filters": 2, "kernel_size": 3, "dropout": 0.4, "recurrent_dropout": 0.3,
               "data_format": data_format}
    step = step_shape(2, data_format)
    state = (3, 3, 2) if data_format == "channels_last" else (2, 3, 3)
    masks = {lambda layer: layer.cell: (dropout_masks((2,) + step, 0.4, 4, seed=1),
                                        dropout_masks((2,) + state, 0.3, 4, seed=2))}
    check_training_against_keras(ConvLSTM2D(**options), keras.layers.ConvLSTM2D(**options),
                                 data((2, 3) + step), masks)


def test_default_data_format_follows_config():
    previous = backend_config.image_data_format()
    try:
        backend_config.set_image_data_format("channels_first")
        assert ConvLSTM2D(2, 3).data_format == "channels_first"
    finally:
        backend_config.set_image_data_format(previous)
    assert ConvLSTM2D(2, 3).data_format == previous


def test_symbolic_shapes():
    out, h, c = ConvLSTM2D(4, 3, strides=2, return_sequences=True, return_state=True)(Input(shape=(None, 9, 7, 2)))
    assert (out.shape, h.shape, c.shape) == ((None, None, 4, 3, 4), (None, 4, 3, 4), (None, 4, 3, 4))
    assert ConvLSTM1D(2, 3, data_format="channels_first")(Input(shape=(5, 3, 8))).shape == (None, 2, 6)


def test_errors_at_graph_building_time():
    with pytest.raises(ValueError, match=r"my_conv_lstm.*kernel_size \(5, 5\).*\(None, 4, 4, 2\)"):
        ConvLSTM2D(2, 5, name="my_conv_lstm")(Input(shape=(3, 4, 4, 2)))
    with pytest.raises(ValueError, match=r"my_conv_lstm.*ndim=5.*\(None, 4, 4, 2\)"):
        ConvLSTM2D(2, 3, name="my_conv_lstm")(Input(shape=(4, 4, 2)))
    with pytest.raises(ValueError, match=r"my_conv_lstm.*`mask` has shape \(None, 4\).*must have shape \(None, 3\)"):
        ConvLSTM1D(2, 3, name="my_conv_lstm")(Input(shape=(3, 5, 2)), mask=Input((4,), dtype="bool"))
    with pytest.raises(ValueError, match="dilation_rate"):
        ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match="padding"):
        ConvLSTM1D(2, 3, padding="full")
