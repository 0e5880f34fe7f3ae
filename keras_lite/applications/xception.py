"""Xception (Chollet, 2016): depthwise-separable convolutions in residual blocks; entry flow
(blocks 1-4), middle flow (blocks 5-12), exit flow (blocks 13-14)."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

_HASHES = ("0a58e3b7378bc2990ea3b43d5981f1f6", "b0042744bf5b25fce3cb969f33bebb97")


def _separable_bn(x, filters, name, axis):
    x = layers.SeparableConv2D(filters, (3, 3), padding="same", use_bias=False, name=name)(x)
    return layers.BatchNormalization(axis=axis, name=f"{name}_bn")(x)


def _projection(x, filters, axis):
    """The strided 1x1 shortcut of a downsampling block (automatically named, as in Keras)."""
    x = layers.Conv2D(filters, (1, 1), strides=(2, 2), padding="same", use_bias=False)(x)
    return layers.BatchNormalization(axis=axis)(x)


def _downsampling_block(x, block, filters, axis, first_relu=True):
    """Two separable convolutions and a strided max pooling, added to a projected shortcut."""
    residual = _projection(x, filters[1], axis)
    if first_relu:
        x = layers.Activation("relu", name=f"block{block}_sepconv1_act")(x)
    x = _separable_bn(x, filters[0], f"block{block}_sepconv1", axis)
    x = layers.Activation("relu", name=f"block{block}_sepconv2_act")(x)
    x = _separable_bn(x, filters[1], f"block{block}_sepconv2", axis)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=f"block{block}_pool")(x)
    return layers.add([x, residual])


def Xception(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
             classifier_activation="softmax", name="xception"):
    """Xception for 299x299 RGB images (min 71x71 without the top); inputs through `xception.preprocess_input`."""
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=299, min_size=71,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    axis = 1 if image_data_format() == "channels_first" else -1
    x = layers.Conv2D(32, (3, 3), strides=(2, 2), use_bias=False, name="block1_conv1")(img_input)
    x = layers.BatchNormalization(axis=axis, name="block1_conv1_bn")(x)
    x = layers.Activation("relu", name="block1_conv1_act")(x)
    x = layers.Conv2D(64, (3, 3), use_bias=False, name="block1_conv2")(x)
    x = layers.BatchNormalization(axis=axis, name="block1_conv2_bn")(x)
    x = layers.Activation("relu", name="block1_conv2_act")(x)
    x = _downsampling_block(x, 2, (128, 128), axis, first_relu=False)
    x = _downsampling_block(x, 3, (256, 256), axis)
    x = _downsampling_block(x, 4, (728, 728), axis)
    for block in range(5, 13):
        residual = x
        for i in (1, 2, 3):
            x = layers.Activation("relu", name=f"block{block}_sepconv{i}_act")(x)
            x = _separable_bn(x, 728, f"block{block}_sepconv{i}", axis)
        x = layers.add([x, residual])
    x = _downsampling_block(x, 13, (728, 1024), axis)
    x = _separable_bn(x, 1536, "block14_sepconv1", axis)
    x = layers.Activation("relu", name="block14_sepconv1_act")(x)
    x = _separable_bn(x, 2048, "block14_sepconv2", axis)
    x = layers.Activation("relu", name="block14_sepconv2_act")(x)
    x = _application.classification_head(x, include_top, pooling, classes, classifier_activation, weights)
    model = _application.build_model(img_input, x, name)
    file_name = f"xception_weights_tf_dim_ordering_tf_kernels{'' if include_top else '_notop'}.h5"
    return _application.load_weights(model, weights, file_name,
                                     f"{_application.KERAS_APPLICATIONS_URL}xception/{file_name}",
                                     _HASHES[0 if include_top else 1])


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] ("tf" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
