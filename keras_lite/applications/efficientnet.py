"""EfficientNet B0-B7 (Tan & Le, 2019): MBConv blocks (expansion, depthwise convolution,
squeeze-and-excitation, projection) scaled in width, depth and resolution per variant.
The models rescale and normalize 0-255 pixels themselves, so `preprocess_input` returns its input."""
import math

from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

BASE_WEIGHTS_URL = "https://storage.googleapis.com/keras-applications/"
_HASHES = {  # md5 of the published files: (with top, without)
    "b0": ("902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d"),
    "b1": ("1d254153d4ab51201f1646940f018540", "74c4e6b3e1f6a1eea24c589628592432"),
    "b2": ("b15cce36ff4dcbd00b6dd88e7857a6ad", "111f8e2ac8aa800a7a99e3239f7bfb39"),
    "b3": ("ffd1fdc53d0ce67064dc6a9c7960ede0", "af6d107764bb5b1abb91932881670226"),
    "b4": ("18c95ad55216b8f92d7e70b3a046e2fc", "ebc24e6d6c33eaebbd558eafbeedf1ba"),
    "b5": ("ace28f2a6363774853a83a0b21b9421a", "38879255a25d3c92d5e44e04ae6cec6f"),
    "b6": ("165f6e37dce68623721b423839de8be5", "9ecce42647a20130c1f39a5d4cb75743"),
    "b7": ("8c03f828fec3ef71311cd463b6759d99", "cbcfe4450ddf6f3ad90b1b398090fe4a"),
}
# B0's stages: (kernel, repeats, filters in, filters out, expansion, stride); every block squeezes by 0.25.
_STAGES = ((3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
           (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1))
_SE_RATIO = 0.25
_CONV_INITIALIZER = {"class_name": "VarianceScaling",
                     "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"}}
_DENSE_INITIALIZER = {"class_name": "VarianceScaling",
                      "config": {"scale": 1.0 / 3.0, "mode": "fan_out", "distribution": "uniform"}}
_IMAGENET_STDDEV_RGB = (0.229, 0.224, 0.225)


def _build(width, depth, default_size, dropout_rate, weights_name, include_top, weights, input_tensor, input_shape,
           pooling, classes, classifier_activation, name, drop_connect_rate=0.2, activation="swish"):
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=default_size, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    bn_axis = 3 if image_data_format() == "channels_last" else 1

    def filters(n, divisor=8):
        n *= width
        rounded = max(divisor, int(n + divisor / 2) // divisor * divisor)
        return int(rounded + divisor if rounded < 0.9 * n else rounded)

    def repeats(n):
        return int(math.ceil(depth * n))

    x = layers.Rescaling(1.0 / 255.0)(img_input)
    x = layers.Normalization(axis=bn_axis)(x)
    if weights == "imagenet":
        # The published normalization weights hold the standard deviation where the variance belongs.
        x = layers.Rescaling([1.0 / math.sqrt(stddev) for stddev in _IMAGENET_STDDEV_RGB])(x)
    x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name="stem_conv_pad")(x)
    x = layers.Conv2D(filters(32), 3, strides=2, padding="valid", use_bias=False,
                      kernel_initializer=_CONV_INITIALIZER, name="stem_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name="stem_bn")(x)
    x = layers.Activation(activation, name="stem_activation")(x)
    total = float(sum(repeats(stage[1]) for stage in _STAGES))
    index = 0
    for i, (kernel, count, filters_in, filters_out, expansion, stride) in enumerate(_STAGES):
        filters_in, filters_out = filters(filters_in), filters(filters_out)
        for j in range(repeats(count)):
            x = _block(x, activation, drop_connect_rate * index / total, f"block{i + 1}{chr(j + 97)}_",
                       filters_out if j else filters_in, filters_out, kernel, 1 if j else stride, expansion, bn_axis)
            index += 1
    x = layers.Conv2D(filters(1280), 1, padding="same", use_bias=False, kernel_initializer=_CONV_INITIALIZER,
                      name="top_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name="top_bn")(x)
    x = layers.Activation(activation, name="top_activation")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, kernel_initializer=_DENSE_INITIALIZER,
                         name="predictions")(x)
    else:
        x = _application.pool(x, pooling, "avg_pool", "max_pool")
    model = _application.build_model(img_input, x, name)
    file_name = f"{name}{'.h5' if include_top else '_notop.h5'}"
    return _application.load_weights(model, weights, file_name, BASE_WEIGHTS_URL + file_name,
                                     _HASHES[weights_name][0 if include_top else 1])


def _block(inputs, activation, drop_rate, name, filters_in, filters_out, kernel_size, strides, expand_ratio, bn_axis):
    """MBConv: expand (1x1), depthwise, squeeze-excite, project (1x1); residual when shapes allow."""
    expanded = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = layers.Conv2D(expanded, 1, padding="same", use_bias=False, kernel_initializer=_CONV_INITIALIZER,
                          name=f"{name}expand_conv")(x)
        x = layers.BatchNormalization(axis=bn_axis, name=f"{name}expand_bn")(x)
        x = layers.Activation(activation, name=f"{name}expand_activation")(x)
    if strides == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, kernel_size), name=f"{name}dwconv_pad")(x)
    x = layers.DepthwiseConv2D(kernel_size, strides=strides, padding="valid" if strides == 2 else "same",
                               use_bias=False, depthwise_initializer=_CONV_INITIALIZER, name=f"{name}dwconv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name=f"{name}bn")(x)
    x = layers.Activation(activation, name=f"{name}activation")(x)
    se = layers.GlobalAveragePooling2D(name=f"{name}se_squeeze")(x)
    se = layers.Reshape((expanded, 1, 1) if bn_axis == 1 else (1, 1, expanded), name=f"{name}se_reshape")(se)
    se = layers.Conv2D(max(1, int(filters_in * _SE_RATIO)), 1, padding="same", activation=activation,
                       kernel_initializer=_CONV_INITIALIZER, name=f"{name}se_reduce")(se)
    se = layers.Conv2D(expanded, 1, padding="same", activation="sigmoid", kernel_initializer=_CONV_INITIALIZER,
                       name=f"{name}se_expand")(se)
    x = layers.multiply([x, se], name=f"{name}se_excite")
    x = layers.Conv2D(filters_out, 1, padding="same", use_bias=False, kernel_initializer=_CONV_INITIALIZER,
                      name=f"{name}project_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, name=f"{name}project_bn")(x)
    if strides == 1 and filters_in == filters_out:
        if drop_rate > 0:
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=f"{name}drop")(x)
        x = layers.add([x, inputs], name=f"{name}add")
    return x


def _variant(width, depth, size, dropout, weights_name, default_name):
    def build(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
              classifier_activation="softmax", name=default_name):
        return _build(width, depth, size, dropout, weights_name, include_top, weights, input_tensor, input_shape,
                      pooling, classes, classifier_activation, name)

    build.__name__ = build.__qualname__ = f"EfficientNet{weights_name.upper()}"
    build.__doc__ = (f"EfficientNet{weights_name.upper()} for {size}x{size} RGB images (min 32x32 without the top) "
                     "with 0-255 pixels: the model rescales and normalizes them itself.")
    return build


EfficientNetB0 = _variant(1.0, 1.0, 224, 0.2, "b0", "efficientnetb0")
EfficientNetB1 = _variant(1.0, 1.1, 240, 0.2, "b1", "efficientnetb1")
EfficientNetB2 = _variant(1.1, 1.2, 260, 0.3, "b2", "efficientnetb2")
EfficientNetB3 = _variant(1.2, 1.4, 300, 0.3, "b3", "efficientnetb3")
EfficientNetB4 = _variant(1.4, 1.8, 380, 0.4, "b4", "efficientnetb4")
EfficientNetB5 = _variant(1.6, 2.2, 456, 0.4, "b5", "efficientnetb5")
EfficientNetB6 = _variant(1.8, 2.6, 528, 0.5, "b6", "efficientnetb6")
EfficientNetB7 = _variant(2.0, 3.1, 600, 0.5, "b7", "efficientnetb7")


def preprocess_input(x, data_format=None):
    """The identity: EfficientNet models rescale and normalize their inputs themselves."""
    return x


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
