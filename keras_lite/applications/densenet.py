"""DenseNet121/169/201 (Huang et al., 2016): dense blocks where every 1x1-3x3 convolution pair
adds 32 channels to the concatenation of all previous ones, joined by halving transition blocks.
channels_last only, as in Keras."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

_GROWTH_RATE = 32
_EPSILON = 1.001e-5
_HASHES = {  # md5 of the published files: (with top, without)
    "densenet121": ("9d60b8095a5708f2dcce2bca79d332c7", "30ee3e1110167f948a6b9946edeeb738"),
    "densenet169": ("d699b8f76981ab1b30698df4c175e90b", "b8c4d4c20dd625c148057b9ff1c1176b"),
    "densenet201": ("1ceb130c1ea1b78c3bf6114dbdfd8807", "c13680b51ded0fb44dff2d8f86ac8bb1"),
}


def _batch_norm(name):
    return layers.BatchNormalization(axis=3, epsilon=_EPSILON, name=name)


def _conv_block(x, name):
    y = _batch_norm(f"{name}_0_bn")(x)
    y = layers.Activation("relu", name=f"{name}_0_relu")(y)
    y = layers.Conv2D(4 * _GROWTH_RATE, 1, use_bias=False, name=f"{name}_1_conv")(y)
    y = _batch_norm(f"{name}_1_bn")(y)
    y = layers.Activation("relu", name=f"{name}_1_relu")(y)
    y = layers.Conv2D(_GROWTH_RATE, 3, padding="same", use_bias=False, name=f"{name}_2_conv")(y)
    return layers.Concatenate(axis=3, name=f"{name}_concat")([x, y])


def _transition_block(x, name):
    """Batch norm, ReLU, a 1x1 convolution halving the channels, 2x2 average pooling."""
    x = _batch_norm(f"{name}_bn")(x)
    x = layers.Activation("relu", name=f"{name}_relu")(x)
    x = layers.Conv2D(int(x.shape[3] * 0.5), 1, use_bias=False, name=f"{name}_conv")(x)
    return layers.AveragePooling2D(2, strides=2, name=f"{name}_pool")(x)


def _build(blocks, weights_name, include_top, weights, input_tensor, input_shape, pooling, classes,
           classifier_activation, name):
    if image_data_format() == "channels_first":
        raise ValueError("DenseNet does not support the `channels_first` image data format. Switch to "
                         "`channels_last` by editing your local config file at ~/.keras/keras.json")
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=224, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)))(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
    x = _batch_norm("conv1_bn")(x)
    x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)))(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)
    for stage, count in enumerate(blocks, start=2):
        for i in range(1, count + 1):
            x = _conv_block(x, f"conv{stage}_block{i}")
        if stage < 5:
            x = _transition_block(x, f"pool{stage}")
    x = _batch_norm("bn")(x)
    x = layers.Activation("relu", name="relu")(x)
    x = _application.classification_head(x, include_top, pooling, classes, classifier_activation, weights,
                                         "avg_pool", "max_pool")
    model = _application.build_model(img_input, x, name)
    file_name = f"{weights_name}_weights_tf_dim_ordering_tf_kernels{'' if include_top else '_notop'}.h5"
    return _application.load_weights(model, weights, file_name,
                                     f"{_application.KERAS_APPLICATIONS_URL}densenet/{file_name}",
                                     _HASHES[weights_name][0 if include_top else 1])


def DenseNet121(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
                classifier_activation="softmax", name="densenet121"):
    """DenseNet121 for 224x224 RGB images (min 32x32 without the top); inputs through
    `densenet.preprocess_input`."""
    return _build((6, 12, 24, 16), "densenet121", include_top, weights, input_tensor, input_shape, pooling, classes,
                  classifier_activation, name)


def DenseNet169(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
                classifier_activation="softmax", name="densenet169"):
    return _build((6, 12, 32, 32), "densenet169", include_top, weights, input_tensor, input_shape, pooling, classes,
                  classifier_activation, name)


def DenseNet201(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
                classifier_activation="softmax", name="densenet201"):
    return _build((6, 12, 48, 32), "densenet201", include_top, weights, input_tensor, input_shape, pooling, classes,
                  classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Pixels scaled to [0, 1], then standardised per channel with ImageNet statistics ("torch" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="torch")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
