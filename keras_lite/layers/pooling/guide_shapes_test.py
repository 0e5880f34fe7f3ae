"""The functional-API guide's models that use pooling and upsampling: their output shapes, layer by layer."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.input_layer import Input
from keras_lite.layers.pooling.global_average_pooling import GlobalAveragePooling1D, GlobalAveragePooling2D
from keras_lite.layers.pooling.global_max_pooling import GlobalMaxPooling2D
from keras_lite.layers.pooling.max_pooling import MaxPooling2D
from keras_lite.layers.reshaping.up_sampling import UpSampling2D

conv = pytest.importorskip("keras_lite.layers.convolutional.conv2d")
conv_t = pytest.importorskip("keras_lite.layers.convolutional.conv2d_transpose")
reshape = pytest.importorskip("keras_lite.layers.reshaping.reshape")
Conv2D, Conv2DTranspose, Reshape = conv.Conv2D, conv_t.Conv2DTranspose, reshape.Reshape


def test_autoencoder():
    x = Input((28, 28, 1))
    shapes = []
    for layer in [Conv2D(16, 3, activation="relu"), Conv2D(32, 3, activation="relu"), MaxPooling2D(3),
                  Conv2D(32, 3, activation="relu"), Conv2D(16, 3, activation="relu"), GlobalMaxPooling2D(),
                  Reshape((4, 4, 1)), Conv2DTranspose(16, 3, activation="relu"),
                  Conv2DTranspose(32, 3, activation="relu"), UpSampling2D(3),
                  Conv2DTranspose(16, 3, activation="relu"), Conv2DTranspose(1, 3, activation="relu")]:
        x = layer(x)
        shapes.append(x.shape)
    assert shapes == [(None, 26, 26, 16), (None, 24, 24, 32), (None, 8, 8, 32), (None, 6, 6, 32),
                      (None, 4, 4, 16), (None, 16), (None, 4, 4, 1), (None, 6, 6, 16), (None, 8, 8, 32),
                      (None, 24, 24, 32), (None, 26, 26, 16), (None, 28, 28, 1)]


def test_toy_resnet_pooling():
    x = Conv2D(64, 3, activation="relu")(Conv2D(32, 3, activation="relu")(Input((32, 32, 3))))
    block_1 = MaxPooling2D(3)(x)
    assert block_1.shape == (None, 9, 9, 64)
    assert GlobalAveragePooling2D()(Conv2D(64, 3, activation="relu")(block_1)).shape == (None, 64)


def test_global_average_pooling_1d_in_a_nested_model():
    from keras_lite.layers.core.dense import Dense
    from keras_lite.models import Model

    inputs = Input((None, 32))
    model = Model(inputs, Dense(1)(GlobalAveragePooling1D()(inputs)))
    assert model.output.shape == (None, 1)
    assert tuple(ops.shape(model(np.zeros((1, 10, 32), "float32")))) == (1, 1)
