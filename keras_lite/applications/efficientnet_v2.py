"""EfficientNetV2 B0-B3, S, M, L (Tan & Le, 2021): Fused-MBConv blocks (one full convolution in
place of expansion + depthwise) in the early stages, MBConv blocks with squeeze-and-excitation later.
The models rescale 0-255 pixels themselves (`include_preprocessing`), so `preprocess_input` returns
its input."""
import math

from keras_lite import initializers, layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

BASE_WEIGHTS_URL = f"{_application.KERAS_APPLICATIONS_URL}efficientnet_v2/"
_HASHES = {  # md5 of the published files: (with top, without)
    "b0": ("21ecbf6da12460d5c40bb2f29ceb2188", "893217f2bb855e2983157299931e43ff"),
    "b1": ("069f0534ff22adf035c89e2d9547a9dc", "0e80663031ca32d657f9caa404b6ec37"),
    "b2": ("424e49f28180edbde1e94797771950a7", "1dfe2e7a5d45b6632553a8961ea609eb"),
    "b3": ("1f1fc43bd98a6e4fd8fdfd551e02c7a0", "f6abf7b5849ac99a89b50dd3fd532856"),
    "-s": ("e1d88a8495beba45748fedd0cecbe016", "af0682fb74e8c54910f2d4393339c070"),
    "-m": ("a3bf6aa3276309f4fc6a34aa114c95cd", "1b8dc055df72dde80d614482840fe342"),
    "-l": ("27e6d408b53c7ebc868fefa357689935", "b0b66b5c863aef5b46e8608fe1711615"),
}
# Stages: (repeats, filters in, filters out, expansion, stride, fused). Every kernel is 3x3; fused blocks
# have no squeeze-excite, the others squeeze by 0.25.
_B = ((1, 32, 16, 1, 1, True), (2, 16, 32, 4, 2, True), (2, 32, 48, 4, 2, True), (3, 48, 96, 4, 2, False),
      (5, 96, 112, 6, 1, False), (8, 112, 192, 6, 2, False))
_STAGES = {
    "b": _B,
    "s": ((2, 24, 24, 1, 1, True), (4, 24, 48, 4, 2, True), (4, 48, 64, 4, 2, True), (6, 64, 128, 4, 2, False),
          (9, 128, 160, 6, 1, False), (15, 160, 256, 6, 2, False)),
    "m": ((3, 24, 24, 1, 1, True), (5, 24, 48, 4, 2, True), (5, 48, 80, 4, 2, True), (7, 80, 160, 4, 2, False),
          (14, 160, 176, 6, 1, False), (18, 176, 304, 6, 2, False), (5, 304, 512, 6, 1, False)),
    "l": ((4, 32, 32, 1, 1, True), (7, 32, 64, 4, 2, True), (7, 64, 96, 4, 2, True), (10, 96, 192, 4, 2, False),
          (19, 192, 224, 6, 1, False), (25, 224, 384, 6, 2, False), (7, 384, 640, 6, 1, False)),
}
_SE_RATIO = 0.25
_BN_MOMENTUM = 0.9
_CONV_INITIALIZER = {"class_name": "VarianceScaling",
                     "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"}}
_DENSE_INITIALIZER = {"class_name": "VarianceScaling",
                      "config": {"scale": 1.0 / 3.0, "mode": "fan_out", "distribution": "uniform"}}


def _conv(filters, kernel_size, name, strides=1, **kwargs):
    return layers.Conv2D(filters, kernel_size, strides=strides, kernel_initializer=_CONV_INITIALIZER, padding="same",
                         use_bias=False, name=name, **kwargs)


def _batch_norm(name):
    return layers.BatchNormalization(axis=3 if image_data_format() == "channels_last" else 1, momentum=_BN_MOMENTUM,
                                     name=name)


def _squeeze_excite(x, filters, filters_in, activation, name):
    se = layers.GlobalAveragePooling2D(name=f"{name}se_squeeze")(x)
    shape = (1, 1, filters) if image_data_format() == "channels_last" else (filters, 1, 1)
    se = layers.Reshape(shape, name=f"{name}se_reshape")(se)
    se = layers.Conv2D(max(1, int(filters_in * _SE_RATIO)), 1, padding="same", activation=activation,
                       kernel_initializer=_CONV_INITIALIZER, name=f"{name}se_reduce")(se)
    se = layers.Conv2D(filters, 1, padding="same", activation="sigmoid", kernel_initializer=_CONV_INITIALIZER,
                       name=f"{name}se_expand")(se)
    return layers.multiply([x, se], name=f"{name}se_excite")


def _block(inputs, fused, filters_in, filters_out, expand_ratio, strides, drop_rate, activation, name):
    """Fused-MBConv (3x3 expansion convolution carries the stride) or MBConv (1x1 expansion, 3x3
    depthwise, squeeze-excite); both project with a 1x1 convolution, residual when shapes allow."""
    filters = filters_in * expand_ratio
    x = inputs
    if expand_ratio != 1:
        x = _conv(filters, 3 if fused else 1, f"{name}expand_conv", strides=strides if fused else 1)(x)
        x = _batch_norm(f"{name}expand_bn")(x)
        x = layers.Activation(activation, name=f"{name}expand_activation")(x)
    if not fused:
        x = layers.DepthwiseConv2D(kernel_size=3, strides=strides, depthwise_initializer=_CONV_INITIALIZER,
                                   padding="same", use_bias=False, name=f"{name}dwconv2")(x)
        x = _batch_norm(f"{name}bn")(x)
        x = layers.Activation(activation, name=f"{name}activation")(x)
        x = _squeeze_excite(x, filters, filters_in, activation, name)
    project_strided = fused and expand_ratio == 1  # a fused block without expansion convolves only here
    x = _conv(filters_out, 3 if project_strided else 1, f"{name}project_conv",
              strides=strides if project_strided else 1)(x)
    x = _batch_norm(f"{name}project_bn")(x)
    if project_strided:
        x = layers.Activation(activation, name=f"{name}project_activation")(x)
    if strides == 1 and filters_in == filters_out:
        if drop_rate:
            x = layers.Dropout(drop_rate, noise_shape=(None, 1, 1, 1), name=f"{name}drop")(x)
        x = layers.add([x, inputs], name=f"{name}add")
    return x


def _build(width, depth, default_size, family, weights_name, include_top, weights, input_tensor, input_shape, pooling,
           classes, classifier_activation, include_preprocessing, name, dropout_rate=0.2, drop_connect_rate=0.2,
           activation="swish"):
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=default_size, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    bn_axis = 3 if image_data_format() == "channels_last" else 1

    def filters(n, divisor=8):
        return int(max(divisor, int(n * width + divisor / 2) // divisor * divisor))

    x = img_input
    if include_preprocessing:
        if family == "b" and input_shape[bn_axis - 1] == 3:
            x = layers.Rescaling(scale=1.0 / 255)(x)
            x = layers.Normalization(mean=[0.485, 0.456, 0.406], variance=[0.229**2, 0.224**2, 0.225**2],
                                     axis=bn_axis)(x)
        else:
            x = layers.Rescaling(scale=1.0 / 128.0, offset=-1)(x)
    stages = _STAGES[family]
    x = _conv(filters(stages[0][1]), 3, "stem_conv", strides=2)(x)
    x = _batch_norm("stem_bn")(x)
    x = layers.Activation(activation, name="stem_activation")(x)
    total = float(sum(stage[0] for stage in stages))
    index = 0
    for i, (count, filters_in, filters_out, expansion, stride, fused) in enumerate(stages):
        filters_in, filters_out = filters(filters_in), filters(filters_out)
        for j in range(int(math.ceil(depth * count))):
            x = _block(x, fused, filters_out if j else filters_in, filters_out, expansion, 1 if j else stride,
                       drop_connect_rate * index / total, activation, f"block{i + 1}{chr(j + 97)}_")
            index += 1
    x = _conv(filters(1280), 1, "top_conv")(x)
    x = _batch_norm("top_bn")(x)
    x = layers.Activation(activation=activation, name="top_activation")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, kernel_initializer=_DENSE_INITIALIZER,
                         bias_initializer=initializers.Constant(0.0), name="predictions")(x)
    else:
        x = _application.pool(x, pooling, "avg_pool", "max_pool")
    model = _application.build_model(img_input, x, name)
    file_name = f"{name}{'.h5' if include_top else '_notop.h5'}"
    return _application.load_weights(model, weights, file_name, BASE_WEIGHTS_URL + file_name,
                                     _HASHES[weights_name][0 if include_top else 1])


def _variant(width, depth, size, family, weights_name, title, default_name):
    def build(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
              classifier_activation="softmax", include_preprocessing=True, name=default_name):
        return _build(width, depth, size, family, weights_name, include_top, weights, input_tensor, input_shape,
                      pooling, classes, classifier_activation, include_preprocessing, name)

    build.__name__ = build.__qualname__ = title
    build.__doc__ = (f"{title} for {size}x{size} RGB images (min 32x32 without the top) with 0-255 pixels "
                     "(`include_preprocessing=True`) or already scaled ones.")
    return build


EfficientNetV2B0 = _variant(1.0, 1.0, 224, "b", "b0", "EfficientNetV2B0", "efficientnetv2-b0")
EfficientNetV2B1 = _variant(1.0, 1.1, 240, "b", "b1", "EfficientNetV2B1", "efficientnetv2-b1")
EfficientNetV2B2 = _variant(1.1, 1.2, 260, "b", "b2", "EfficientNetV2B2", "efficientnetv2-b2")
EfficientNetV2B3 = _variant(1.2, 1.4, 300, "b", "b3", "EfficientNetV2B3", "efficientnetv2-b3")
EfficientNetV2S = _variant(1.0, 1.0, 384, "s", "-s", "EfficientNetV2S", "efficientnetv2-s")
EfficientNetV2M = _variant(1.0, 1.0, 480, "m", "-m", "EfficientNetV2M", "efficientnetv2-m")
EfficientNetV2L = _variant(1.0, 1.0, 480, "l", "-l", "EfficientNetV2L", "efficientnetv2-l")


def preprocess_input(x, data_format=None):
    """The identity: EfficientNetV2 models rescale their inputs themselves."""
    return x


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
