"""ResNet V2 (He et al., 2016): pre-activation blocks, batch norm and ReLU before each convolution,
with the stride on the last block of a stage."""
from keras_lite import layers
from keras_lite.applications import imagenet_utils
from keras_lite.applications.resnet import _batch_norm, build_resnet


def _block_v2(x, filters, stride, conv_shortcut, name):
    preact = _batch_norm(f"{name}_preact_bn")(x)
    preact = layers.Activation("relu", name=f"{name}_preact_relu")(preact)
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(preact)
    elif stride > 1:
        shortcut = layers.MaxPooling2D(1, strides=stride)(x)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=1, use_bias=False, name=f"{name}_1_conv")(preact)
    x = _batch_norm(f"{name}_1_bn")(x)
    x = layers.Activation("relu", name=f"{name}_1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name=f"{name}_2_pad")(x)
    x = layers.Conv2D(filters, 3, strides=stride, use_bias=False, name=f"{name}_2_conv")(x)
    x = _batch_norm(f"{name}_2_bn")(x)
    x = layers.Activation("relu", name=f"{name}_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x)
    return layers.Add(name=f"{name}_out")([shortcut, x])


def stack_v2(x, filters, blocks, stride1=2, name=None):
    """`blocks` V2 blocks: the first projects the shortcut, the last downsamples by `stride1`."""
    x = _block_v2(x, filters, 1, True, f"{name}_block1")
    for i in range(2, blocks):
        x = _block_v2(x, filters, 1, False, f"{name}_block{i}")
    return _block_v2(x, filters, stride1, False, f"{name}_block{blocks}")


def _stages_v2(depths):
    def stack_fn(x):
        for stage, (filters, blocks) in enumerate(zip((64, 128, 256), depths), start=2):
            x = stack_v2(x, filters, blocks, name=f"conv{stage}")
        return stack_v2(x, 512, depths[3], stride1=1, name="conv5")

    return stack_fn


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
               classifier_activation="softmax", name="resnet50v2"):
    """ResNet50V2 for 224x224 RGB images (min 32x32 without the top); inputs through
    `resnet_v2.preprocess_input`."""
    return build_resnet(_stages_v2((3, 4, 6, 3)), True, True, "resnet50v2", include_top, weights, input_tensor,
                        input_shape, pooling, classes, classifier_activation, name)


def ResNet101V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax", name="resnet101v2"):
    return build_resnet(_stages_v2((3, 4, 23, 3)), True, True, "resnet101v2", include_top, weights, input_tensor,
                        input_shape, pooling, classes, classifier_activation, name)


def ResNet152V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax", name="resnet152v2"):
    return build_resnet(_stages_v2((3, 8, 36, 3)), True, True, "resnet152v2", include_top, weights, input_tensor,
                        input_shape, pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """Pixels scaled to [-1, 1] ("tf" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
