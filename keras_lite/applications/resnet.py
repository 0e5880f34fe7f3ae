"""ResNet50/101/152 (He et al., 2015): bottleneck residual blocks with batch norm after each
convolution. `build_resnet` also builds the pre-activation V2 models (resnet_v2.py)."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

_HASHES = {  # md5 of the published files: (with top, without)
    "resnet50": ("2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
    "resnet101": ("f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
    "resnet152": ("100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
    "resnet50v2": ("3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917"),
    "resnet101v2": ("6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5"),
    "resnet152v2": ("a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33"),
}
_EPSILON = 1.001e-5


def _bn_axis():
    return 3 if image_data_format() == "channels_last" else 1


def _batch_norm(name):
    return layers.BatchNormalization(axis=_bn_axis(), epsilon=_EPSILON, name=name)


def build_resnet(stack_fn, preact, use_bias, weights_name, include_top, weights, input_tensor, input_shape, pooling,
                 classes, classifier_activation, name):
    """The stem (7x7/2 convolution, 3x3/2 max pooling), `stack_fn`'s residual stages, then the head.

    `preact` models (V2) normalize at the start of each block, so their stem has no batch norm and a final
    `post_bn` closes the network instead.
    """
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=224, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=use_bias, name="conv1_conv")(x)
    if not preact:
        x = _batch_norm("conv1_bn")(x)
        x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    x = stack_fn(x)
    if preact:
        x = _batch_norm("post_bn")(x)
        x = layers.Activation("relu", name="post_relu")(x)
    x = _application.classification_head(x, include_top, pooling, classes, classifier_activation, weights,
                                         "avg_pool", "max_pool")
    model = _application.build_model(img_input, x, name)
    file_name = f"{weights_name}_weights_tf_dim_ordering_tf_kernels{'' if include_top else '_notop'}.h5"
    return _application.load_weights(model, weights, file_name,
                                     f"{_application.KERAS_APPLICATIONS_URL}resnet/{file_name}",
                                     _HASHES[weights_name][0 if include_top else 1])


def _block_v1(x, filters, stride, conv_shortcut, name):
    """1x1 (stride) -> 3x3 -> 1x1 (4 * filters) bottleneck, added to the identity or a projected shortcut."""
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(x)
        shortcut = _batch_norm(f"{name}_0_bn")(shortcut)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=stride, name=f"{name}_1_conv")(x)
    x = _batch_norm(f"{name}_1_bn")(x)
    x = layers.Activation("relu", name=f"{name}_1_relu")(x)
    x = layers.Conv2D(filters, 3, padding="SAME", name=f"{name}_2_conv")(x)
    x = _batch_norm(f"{name}_2_bn")(x)
    x = layers.Activation("relu", name=f"{name}_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x)
    x = _batch_norm(f"{name}_3_bn")(x)
    x = layers.Add(name=f"{name}_add")([shortcut, x])
    return layers.Activation("relu", name=f"{name}_out")(x)


def stack_v1(x, filters, blocks, stride1=2, name=None):
    """`blocks` V1 blocks; the first projects the shortcut and downsamples by `stride1`."""
    x = _block_v1(x, filters, stride1, True, f"{name}_block1")
    for i in range(2, blocks + 1):
        x = _block_v1(x, filters, 1, False, f"{name}_block{i}")
    return x


def _stages_v1(depths):
    def stack_fn(x):
        x = stack_v1(x, 64, depths[0], stride1=1, name="conv2")
        for stage, (filters, blocks) in enumerate(zip((128, 256, 512), depths[1:]), start=3):
            x = stack_v1(x, filters, blocks, name=f"conv{stage}")
        return x

    return stack_fn


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
             classifier_activation="softmax", name="resnet50"):
    """ResNet50 for 224x224 RGB images (min 32x32 without the top); inputs through `resnet.preprocess_input`."""
    return build_resnet(_stages_v1((3, 4, 6, 3)), False, True, "resnet50", include_top, weights, input_tensor,
                        input_shape, pooling, classes, classifier_activation, name)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
              classifier_activation="softmax", name="resnet101"):
    """ResNet101: ResNet50 with 23 blocks in its third stage."""
    return build_resnet(_stages_v1((3, 4, 23, 3)), False, True, "resnet101", include_top, weights, input_tensor,
                        input_shape, pooling, classes, classifier_activation, name)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
              classifier_activation="softmax", name="resnet152"):
    """ResNet152: stages of 3, 8, 36 and 3 blocks."""
    return build_resnet(_stages_v1((3, 8, 36, 3)), False, True, "resnet152", include_top, weights, input_tensor,
                        input_shape, pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """RGB -> BGR, then ImageNet mean subtraction ("caffe" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
