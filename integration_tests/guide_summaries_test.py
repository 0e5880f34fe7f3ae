"""The guide's model summaries, reproduced line for line.

Layer names are numbered by how many layers of a kind a process made before (`conv2d_8`); each test
sets the counters to the guide's so that the text, truncation included, compares exactly.
"""
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.backends.common import naming
from keras_lite.utils.summary_utils import render_summary

from integration_tests.guide_text import GUIDE, guide_summary, normalize

pytestmark = pytest.mark.skipif(not GUIDE.exists(), reason=f"the guide is not at {GUIDE}")


def _numbering(**start):
    """Continue the default names from the guide's counts: _numbering(conv2d=8) makes the next 'conv2d_8'."""
    naming.reset_names()
    for prefix, count in start.items():
        naming._counters[prefix] = count


def _check(model, want):
    got = render_summary(model, console_width=len(want[1]) + 4).splitlines()  # the table is console - 4 wide
    assert got == want


def test_mnist_model_summary():
    inputs = keras.Input(shape=(784,))
    dense = layers.Dense(64, activation="relu")
    x = dense(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
    want = guide_summary("mnist_model")
    got = render_summary(model, console_width=len(want[1]) + 4).splitlines()
    assert normalize(got) == normalize(want)  # numbering aside: the guide's input_layer_5 is ours input_layer
    assert [len(line) for line in got] == [len(line) for line in want]


def _encoder_layers(encoder_input):
    x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    return layers.GlobalMaxPooling2D()(x)


def _decoder_layers(x):
    x = layers.Reshape((4, 4, 1))(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
    x = layers.UpSampling2D(3)(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    return layers.Conv2DTranspose(1, 3, activation="relu")(x)


def test_encoder_and_autoencoder_summaries():
    _numbering()
    encoder_input = keras.Input(shape=(28, 28, 1), name="img")
    encoder_output = _encoder_layers(encoder_input)
    encoder = keras.Model(encoder_input, encoder_output, name="encoder")
    _check(encoder, guide_summary("encoder", 0))
    autoencoder = keras.Model(encoder_input, _decoder_layers(encoder_output), name="autoencoder")
    _check(autoencoder, guide_summary("autoencoder", 0))


def test_nested_encoder_decoder_summaries():
    _numbering(conv2d=4, max_pooling2d=1, global_max_pooling2d=1, reshape=1, conv2d_transpose=4, up_sampling2d=1)
    encoder_input = keras.Input(shape=(28, 28, 1), name="original_img")
    encoder = keras.Model(encoder_input, _encoder_layers(encoder_input), name="encoder")
    _check(encoder, guide_summary("encoder", 1))
    decoder_input = keras.Input(shape=(16,), name="encoded_img")
    decoder = keras.Model(decoder_input, _decoder_layers(decoder_input), name="decoder")
    _check(decoder, guide_summary("decoder"))
    autoencoder_input = keras.Input(shape=(28, 28, 1), name="img")
    autoencoder = keras.Model(autoencoder_input, decoder(encoder(autoencoder_input)), name="autoencoder")
    _check(autoencoder, guide_summary("autoencoder", 1))


def test_toy_resnet_summary():
    _numbering(conv2d=8, max_pooling2d=2, dense=6)
    inputs = keras.Input(shape=(32, 32, 3), name="img")
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    block_1_output = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_2_output = layers.add([x, block_1_output])
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_3_output = layers.add([x, block_2_output])
    x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(256, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10)(x)
    model = keras.Model(inputs, outputs, name="toy_resnet")
    _check(model, guide_summary("toy_resnet"))
