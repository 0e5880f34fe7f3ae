"""NASNetMobile and NASNetLarge (Zoph et al., 2017): stacks of architecture-searched "normal" and
"reduction" cells, each combining separable convolutions and poolings of the current and previous
cell outputs. channels_last only. Variables are created under Keras's name scopes, so their paths
(`normal_A_block_0/block_1/...`) match Keras's."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format, name_scope

BASE_WEIGHTS_URL = f"{_application.KERAS_APPLICATIONS_URL}nasnet/"
# default size -> (file with top, its md5, file without top, its md5, URL names)
_FILES = {
    224: ("nasnet_mobile.h5", "020fb642bf7360b370c678b08e0adf61", "nasnet_mobile_no_top.h5",
          "1ed92395b5b598bdda52abe5c0dbfd63", "NASNet-mobile"),
    331: ("nasnet_large.h5", "11577c9a518f0070763c2b964a382f17", "nasnet_large_no_top.h5",
          "d81d89dc07e6e56530c4e77faddd61b5", "NASNet-large"),
}


def _batch_norm(name):
    return layers.BatchNormalization(axis=-1, momentum=0.9997, epsilon=1e-3, name=name)


def _conv1x1(filters, name):
    return layers.Conv2D(filters, (1, 1), strides=(1, 1), padding="same", use_bias=False, name=name,
                         kernel_initializer="he_normal")


def _separable_block(x, filters, kernel_size=(3, 3), strides=(1, 1), block_id=None):
    """ReLU, separable convolution (strided ones padded like TensorFlow's 'same'), batch norm, twice."""
    with name_scope(f"separable_conv_block_{block_id}"):
        x = layers.Activation("relu")(x)
        if strides == (2, 2):
            x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, kernel_size),
                                     name=f"separable_conv_1_pad_{block_id}")(x)
        x = layers.SeparableConv2D(filters, kernel_size, strides=strides, name=f"separable_conv_1_{block_id}",
                                   padding="valid" if strides == (2, 2) else "same", use_bias=False)(x)
        x = _batch_norm(f"separable_conv_1_bn_{block_id}")(x)
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(filters, kernel_size, name=f"separable_conv_2_{block_id}", padding="same",
                                   use_bias=False)(x)
        return _batch_norm(f"separable_conv_2_bn_{block_id}")(x)


def _adjust(p, ip, filters, block_id):
    """The previous cell's output `p` brought to the size and width of the current input `ip`."""
    with name_scope("adjust_block"):
        if p is None:
            return ip
        if p.shape[-2] != ip.shape[-2]:
            with name_scope(f"adjust_reduction_block_{block_id}"):
                p = layers.Activation("relu", name=f"adjust_relu_1_{block_id}")(p)
                p1 = layers.AveragePooling2D((1, 1), strides=(2, 2), padding="valid",
                                             name=f"adjust_avg_pool_1_{block_id}")(p)
                p1 = layers.Conv2D(filters // 2, (1, 1), padding="same", use_bias=False,
                                   name=f"adjust_conv_1_{block_id}", kernel_initializer="he_normal")(p1)
                p2 = layers.ZeroPadding2D(padding=((0, 1), (0, 1)))(p)
                p2 = layers.Cropping2D(cropping=((1, 0), (1, 0)))(p2)
                p2 = layers.AveragePooling2D((1, 1), strides=(2, 2), padding="valid",
                                             name=f"adjust_avg_pool_2_{block_id}")(p2)
                p2 = layers.Conv2D(filters // 2, (1, 1), padding="same", use_bias=False,
                                   name=f"adjust_conv_2_{block_id}", kernel_initializer="he_normal")(p2)
                p = layers.concatenate([p1, p2], axis=-1)
                return _batch_norm(f"adjust_bn_{block_id}")(p)
        if p.shape[-1] != filters:
            with name_scope(f"adjust_projection_block_{block_id}"):
                p = layers.Activation("relu")(p)
                p = _conv1x1(filters, f"adjust_conv_projection_{block_id}")(p)
                return _batch_norm(f"adjust_bn_{block_id}")(p)
        return p


def _stem(ip, filters, kind, block_id):
    h = layers.Activation("relu")(ip)
    h = _conv1x1(filters, f"{kind}_conv_1_{block_id}")(h)
    return _batch_norm(f"{kind}_bn_1_{block_id}")(h)


def _average_pool(strides, name, padding="same"):
    return layers.AveragePooling2D((3, 3), strides=strides, padding=padding, name=name)


def _normal_cell(ip, p, filters, block_id):
    with name_scope(f"normal_A_block_{block_id}"):
        p = _adjust(p, ip, filters, block_id)
        h = _stem(ip, filters, "normal", block_id)
        with name_scope("block_1"):
            x1 = layers.add([_separable_block(h, filters, (5, 5), block_id=f"normal_left1_{block_id}"),
                             _separable_block(p, filters, block_id=f"normal_right1_{block_id}")],
                            name=f"normal_add_1_{block_id}")
        with name_scope("block_2"):
            x2 = layers.add([_separable_block(p, filters, (5, 5), block_id=f"normal_left2_{block_id}"),
                             _separable_block(p, filters, (3, 3), block_id=f"normal_right2_{block_id}")],
                            name=f"normal_add_2_{block_id}")
        with name_scope("block_3"):
            x3 = layers.add([_average_pool((1, 1), f"normal_left3_{block_id}")(h), p], name=f"normal_add_3_{block_id}")
        with name_scope("block_4"):
            x4 = layers.add([_average_pool((1, 1), f"normal_left4_{block_id}")(p),
                             _average_pool((1, 1), f"normal_right4_{block_id}")(p)], name=f"normal_add_4_{block_id}")
        with name_scope("block_5"):
            x5 = layers.add([_separable_block(h, filters, block_id=f"normal_left5_{block_id}"), h],
                            name=f"normal_add_5_{block_id}")
        return layers.concatenate([p, x1, x2, x3, x4, x5], axis=-1, name=f"normal_concat_{block_id}"), ip


def _reduction_cell(ip, p, filters, block_id):
    with name_scope(f"reduction_A_block_{block_id}"):
        p = _adjust(p, ip, filters, block_id)
        h = _stem(ip, filters, "reduction", block_id)
        h3 = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(h, 3), name=f"reduction_pad_1_{block_id}")(h)
        with name_scope("block_1"):
            x1 = layers.add([
                _separable_block(h, filters, (5, 5), strides=(2, 2), block_id=f"reduction_left1_{block_id}"),
                _separable_block(p, filters, (7, 7), strides=(2, 2), block_id=f"reduction_right1_{block_id}")],
                name=f"reduction_add_1_{block_id}")
        with name_scope("block_2"):
            x2 = layers.add([
                layers.MaxPooling2D((3, 3), strides=(2, 2), padding="valid", name=f"reduction_left2_{block_id}")(h3),
                _separable_block(p, filters, (7, 7), strides=(2, 2), block_id=f"reduction_right2_{block_id}")],
                name=f"reduction_add_2_{block_id}")
        with name_scope("block_3"):
            x3 = layers.add([
                _average_pool((2, 2), f"reduction_left3_{block_id}", padding="valid")(h3),
                _separable_block(p, filters, (5, 5), strides=(2, 2), block_id=f"reduction_right3_{block_id}")],
                name=f"reduction_add3_{block_id}")
        with name_scope("block_4"):
            x4 = layers.add([x2, _average_pool((1, 1), f"reduction_left4_{block_id}")(x1)])
        with name_scope("block_5"):
            x5 = layers.add([
                _separable_block(x1, filters, (3, 3), block_id=f"reduction_left4_{block_id}"),
                layers.MaxPooling2D((3, 3), strides=(2, 2), padding="valid", name=f"reduction_right5_{block_id}")(h3)],
                name=f"reduction_add4_{block_id}")
        return layers.concatenate([x2, x3, x4, x5], axis=-1, name=f"reduction_concat_{block_id}"), ip


def _build(input_shape, penultimate_filters, num_blocks, stem_filters, skip_reduction, default_size, include_top,
           weights, input_tensor, pooling, classes, classifier_activation, name, filter_multiplier=2):
    if image_data_format() == "channels_first":
        raise ValueError("NASNet does not support the `channels_first` image data format. Switch to "
                         "`channels_last` by editing your local config file at ~/.keras/keras.json")
    _application.check_weights_argument(weights, include_top, classes)
    if isinstance(input_shape, tuple) and None in input_shape and weights == "imagenet":
        raise ValueError("When specifying the input shape of a NASNet and loading `ImageNet` weights, the "
                         f"input_shape argument must be static (no None entries). Got: `input_shape={input_shape}`.")
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=default_size, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    filters = penultimate_filters // 24
    x = layers.Conv2D(stem_filters, (3, 3), strides=(2, 2), padding="valid", use_bias=False, name="stem_conv1",
                      kernel_initializer="he_normal")(img_input)
    x = _batch_norm("stem_bn1")(x)
    x, p = _reduction_cell(x, None, filters // filter_multiplier**2, "stem_1")
    x, p = _reduction_cell(x, p, filters // filter_multiplier, "stem_2")
    for stage in range(3):
        width = filters * filter_multiplier**stage
        if stage:
            x, reduced_p = _reduction_cell(x, p, width, f"reduce_{stage * num_blocks}")
            p = p if skip_reduction else reduced_p
        for i in range(num_blocks):
            x, p = _normal_cell(x, p, width, f"{stage * num_blocks + i + (1 if stage else 0)}")
    x = layers.Activation("relu")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = _application.pool(x, pooling)
    model = _application.build_model(img_input, x, name)
    top_file, top_hash, notop_file, notop_hash, url_name = _FILES[default_size]
    if include_top:
        return _application.load_weights(model, weights, top_file, f"{BASE_WEIGHTS_URL}{url_name}.h5", top_hash)
    return _application.load_weights(model, weights, notop_file, f"{BASE_WEIGHTS_URL}{url_name}-no-top.h5",
                                     notop_hash)


def NASNetMobile(input_shape=None, include_top=True, weights="imagenet", input_tensor=None, pooling=None, classes=1000,
                 classifier_activation="softmax", name="nasnet_mobile"):
    """NASNetMobile for 224x224 RGB images (headless: 224x224 unless `input_shape` says otherwise, min 32x32);
    inputs through `nasnet.preprocess_input`."""
    if not include_top and input_shape is None:
        input_shape = (224, 224, 3)
    return _build(input_shape, 1056, 4, 32, False, 224, include_top, weights, input_tensor, pooling, classes,
                  classifier_activation, name)


def NASNetLarge(input_shape=None, include_top=True, weights="imagenet", input_tensor=None, pooling=None, classes=1000,
                classifier_activation="softmax", name="nasnet_large"):
    """NASNetLarge for 331x331 RGB images (min 32x32 without the top); inputs through `nasnet.preprocess_input`."""
    return _build(input_shape, 4032, 6, 96, True, 331, include_top, weights, input_tensor, pooling, classes,
                  classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] ("tf" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
