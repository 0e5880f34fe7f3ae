"""InceptionResNetV2 (Szegedy et al., 2016): Inception branches whose concatenation, projected by a
1x1 convolution and scaled down, is added back to the block input (`block35`, `block17`, `block8`)."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class

_HASHES = ("e693bd0210a403b3192acc6073ad2e96", "d19885ff4a710c122648d3b5c3b684e4")


@keras_class("keras.src.applications.inception_resnet_v2")
class CustomScaleLayer(Layer):
    """`inputs[0] + inputs[1] * scale`: a residual branch added at a reduced scale. Owns no weights."""

    def __init__(self, scale, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale

    def call(self, inputs):
        return inputs[0] + inputs[1] * self.scale

    def get_config(self):
        config = super().get_config()
        config.update({"scale": self.scale})
        return config


def _channel_axis():
    return 1 if image_data_format() == "channels_first" else 3


def _conv_bn(x, filters, kernel_size, strides=1, padding="same", activation="relu", use_bias=False, name=None):
    """Convolution, then (without bias) a batch norm without scale, then the activation."""
    x = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding, use_bias=use_bias, name=name)(x)
    if not use_bias:
        x = layers.BatchNormalization(axis=_channel_axis(), scale=False,
                                      name=None if name is None else f"{name}_bn")(x)
    if activation is not None:
        x = layers.Activation(activation, name=None if name is None else f"{name}_ac")(x)
    return x


def _branches(x, block_type):
    if block_type == "block35":
        return [_conv_bn(x, 32, 1), _conv_bn(_conv_bn(x, 32, 1), 32, 3),
                _conv_bn(_conv_bn(_conv_bn(x, 32, 1), 48, 3), 64, 3)]
    if block_type == "block17":
        return [_conv_bn(x, 192, 1), _conv_bn(_conv_bn(_conv_bn(x, 128, 1), 160, [1, 7]), 192, [7, 1])]
    return [_conv_bn(x, 192, 1), _conv_bn(_conv_bn(_conv_bn(x, 192, 1), 224, [1, 3]), 256, [3, 1])]


def _residual_block(x, scale, block_type, block_idx, activation="relu"):
    name = f"{block_type}_{block_idx}"
    mixed = layers.Concatenate(axis=_channel_axis(), name=f"{name}_mixed")(_branches(x, block_type))
    up = _conv_bn(mixed, x.shape[_channel_axis()], 1, activation=None, use_bias=True, name=f"{name}_conv")
    x = CustomScaleLayer(scale)([x, up])
    if activation is not None:
        x = layers.Activation(activation, name=f"{name}_ac")(x)
    return x


def InceptionResNetV2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                      classes=1000, classifier_activation="softmax", name="inception_resnet_v2"):
    """InceptionResNetV2 for 299x299 RGB images (min 75x75 without the top); inputs through
    `inception_resnet_v2.preprocess_input`."""
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=299, min_size=75,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    axis = _channel_axis()
    x = _conv_bn(img_input, 32, 3, strides=2, padding="valid")
    x = _conv_bn(x, 32, 3, padding="valid")
    x = _conv_bn(x, 64, 3)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = _conv_bn(x, 80, 1, padding="valid")
    x = _conv_bn(x, 192, 3, padding="valid")
    x = layers.MaxPooling2D(3, strides=2)(x)
    branch_0 = _conv_bn(x, 96, 1)
    branch_1 = _conv_bn(_conv_bn(x, 48, 1), 64, 5)
    branch_2 = _conv_bn(_conv_bn(_conv_bn(x, 64, 1), 96, 3), 96, 3)
    branch_pool = _conv_bn(layers.AveragePooling2D(3, strides=1, padding="same")(x), 64, 1)
    x = layers.Concatenate(axis=axis, name="mixed_5b")([branch_0, branch_1, branch_2, branch_pool])
    for block_idx in range(1, 11):
        x = _residual_block(x, 0.17, "block35", block_idx)
    branch_0 = _conv_bn(x, 384, 3, strides=2, padding="valid")
    branch_1 = _conv_bn(_conv_bn(_conv_bn(x, 256, 1), 256, 3), 384, 3, strides=2, padding="valid")
    branch_pool = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
    x = layers.Concatenate(axis=axis, name="mixed_6a")([branch_0, branch_1, branch_pool])
    for block_idx in range(1, 21):
        x = _residual_block(x, 0.1, "block17", block_idx)
    branch_0 = _conv_bn(_conv_bn(x, 256, 1), 384, 3, strides=2, padding="valid")
    branch_1 = _conv_bn(_conv_bn(x, 256, 1), 288, 3, strides=2, padding="valid")
    branch_2 = _conv_bn(_conv_bn(_conv_bn(x, 256, 1), 288, 3), 320, 3, strides=2, padding="valid")
    branch_pool = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
    x = layers.Concatenate(axis=axis, name="mixed_7a")([branch_0, branch_1, branch_2, branch_pool])
    for block_idx in range(1, 10):
        x = _residual_block(x, 0.2, "block8", block_idx)
    x = _residual_block(x, 1.0, "block8", 10, activation=None)
    x = _conv_bn(x, 1536, 1, name="conv_7b")
    x = _application.classification_head(x, include_top, pooling, classes, classifier_activation, weights)
    model = _application.build_model(img_input, x, name)
    file_name = f"inception_resnet_v2_weights_tf_dim_ordering_tf_kernels{'' if include_top else '_notop'}.h5"
    return _application.load_weights(model, weights, file_name,
                                     f"{_application.KERAS_APPLICATIONS_URL}inception_resnet_v2/{file_name}",
                                     _HASHES[0 if include_top else 1])


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] ("tf" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
