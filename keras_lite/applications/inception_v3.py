"""InceptionV3 (Szegedy et al., 2015): a convolutional stem, then Inception modules whose parallel
branches (1x1, factorised 5x5 / 7x7 / 3x3 convolutions, pooling) are concatenated as `mixed0`..`mixed10`.
Convolutions and batch norms keep Keras's automatic names (`conv2d_N`, `batch_normalization_N`)."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

_HASHES = ("9a0d58056eeedaa3f26cb7ebd46da564", "bcbd6486424b2319ff4ef7d526e38f63")


def _conv_bn(x, filters, rows, cols, padding="same", strides=(1, 1)):
    """Convolution without bias, batch norm without scale, ReLU."""
    x = layers.Conv2D(filters, (rows, cols), strides=strides, padding=padding, use_bias=False)(x)
    x = layers.BatchNormalization(axis=1 if image_data_format() == "channels_first" else 3, scale=False)(x)
    return layers.Activation("relu")(x)


def _avg_pool_branch(x, filters):
    x = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same")(x)
    return _conv_bn(x, filters, 1, 1)


def _module_a(x, pool_filters, name, axis):
    """35x35 module: 1x1, 5x5, double 3x3 and pooled branches."""
    branch1x1 = _conv_bn(x, 64, 1, 1)
    branch5x5 = _conv_bn(_conv_bn(x, 48, 1, 1), 64, 5, 5)
    branch3x3dbl = _conv_bn(_conv_bn(_conv_bn(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
    branch_pool = _avg_pool_branch(x, pool_filters)
    return layers.concatenate([branch1x1, branch5x5, branch3x3dbl, branch_pool], axis=axis, name=name)


def _reduction_a(x, axis):
    branch3x3 = _conv_bn(x, 384, 3, 3, strides=(2, 2), padding="valid")
    branch3x3dbl = _conv_bn(_conv_bn(x, 64, 1, 1), 96, 3, 3)
    branch3x3dbl = _conv_bn(branch3x3dbl, 96, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    return layers.concatenate([branch3x3, branch3x3dbl, branch_pool], axis=axis, name="mixed3")


def _module_b(x, width, name, axis):
    """17x17 module: 7x7 convolutions factorised into 1x7 and 7x1, `width` channels inside."""
    branch1x1 = _conv_bn(x, 192, 1, 1)
    branch7x7 = _conv_bn(_conv_bn(_conv_bn(x, width, 1, 1), width, 1, 7), 192, 7, 1)
    branch7x7dbl = _conv_bn(x, width, 1, 1)
    for filters, rows, cols in ((width, 7, 1), (width, 1, 7), (width, 7, 1), (192, 1, 7)):
        branch7x7dbl = _conv_bn(branch7x7dbl, filters, rows, cols)
    branch_pool = _avg_pool_branch(x, 192)
    return layers.concatenate([branch1x1, branch7x7, branch7x7dbl, branch_pool], axis=axis, name=name)


def _reduction_b(x, axis):
    branch3x3 = _conv_bn(_conv_bn(x, 192, 1, 1), 320, 3, 3, strides=(2, 2), padding="valid")
    branch7x7x3 = _conv_bn(_conv_bn(_conv_bn(x, 192, 1, 1), 192, 1, 7), 192, 7, 1)
    branch7x7x3 = _conv_bn(branch7x7x3, 192, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    return layers.concatenate([branch3x3, branch7x7x3, branch_pool], axis=axis, name="mixed8")


def _module_c(x, i, axis):
    """8x8 module: 3x3 convolutions split into parallel 1x3 and 3x1 halves."""
    branch1x1 = _conv_bn(x, 320, 1, 1)
    branch3x3 = _conv_bn(x, 384, 1, 1)
    branch3x3 = layers.concatenate([_conv_bn(branch3x3, 384, 1, 3), _conv_bn(branch3x3, 384, 3, 1)], axis=axis,
                                   name=f"mixed9_{i}")
    branch3x3dbl = _conv_bn(_conv_bn(x, 448, 1, 1), 384, 3, 3)
    branch3x3dbl = layers.concatenate([_conv_bn(branch3x3dbl, 384, 1, 3), _conv_bn(branch3x3dbl, 384, 3, 1)],
                                      axis=axis)
    branch_pool = _avg_pool_branch(x, 192)
    return layers.concatenate([branch1x1, branch3x3, branch3x3dbl, branch_pool], axis=axis, name=f"mixed{9 + i}")


def InceptionV3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
                classifier_activation="softmax", name="inception_v3"):
    """InceptionV3 for 299x299 RGB images (min 75x75 without the top); inputs through
    `inception_v3.preprocess_input`."""
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=299, min_size=75,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    axis = 1 if image_data_format() == "channels_first" else 3
    x = _conv_bn(img_input, 32, 3, 3, strides=(2, 2), padding="valid")
    x = _conv_bn(x, 32, 3, 3, padding="valid")
    x = _conv_bn(x, 64, 3, 3)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = _conv_bn(x, 80, 1, 1, padding="valid")
    x = _conv_bn(x, 192, 3, 3, padding="valid")
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    for i, pool_filters in enumerate((32, 64, 64)):
        x = _module_a(x, pool_filters, f"mixed{i}", axis)
    x = _reduction_a(x, axis)
    for i, width in enumerate((128, 160, 160, 192)):
        x = _module_b(x, width, f"mixed{4 + i}", axis)
    x = _reduction_b(x, axis)
    for i in range(2):
        x = _module_c(x, i, axis)
    x = _application.classification_head(x, include_top, pooling, classes, classifier_activation, weights)
    model = _application.build_model(img_input, x, name)
    file_name = f"inception_v3_weights_tf_dim_ordering_tf_kernels{'' if include_top else '_notop'}.h5"
    return _application.load_weights(model, weights, file_name,
                                     f"{_application.KERAS_APPLICATIONS_URL}inception_v3/{file_name}",
                                     _HASHES[0 if include_top else 1])


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] ("tf" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
