"""VGG16 (Simonyan & Zisserman, 2014): five blocks of 3x3 convolutions, each closed by max pooling,
then three dense layers. `build_vgg` is shared with VGG19, which differs only in block depths."""
from keras_lite import layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format

_FILTERS = (64, 128, 256, 512, 512)


def build_vgg(convs_per_block, family, hashes, include_top, weights, input_tensor, input_shape, pooling, classes,
              classifier_activation, name):
    """A VGG whose block i has `convs_per_block[i]` convolutions; `hashes` = (top, notop) md5 of the files."""
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=224, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    img_input = _application.image_input(input_tensor, input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(zip(_FILTERS, convs_per_block), start=1):
        for i in range(1, convs + 1):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same", name=f"block{block}_conv{i}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = _application.pool(x, pooling)
    model = _application.build_model(img_input, x, name)
    file_name = f"{family}_weights_tf_dim_ordering_tf_kernels{'' if include_top else '_notop'}.h5"
    return _application.load_weights(model, weights, file_name,
                                     f"{_application.KERAS_APPLICATIONS_URL}{family}/{file_name}",
                                     hashes[0] if include_top else hashes[1])


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
          classifier_activation="softmax", name="vgg16"):
    """VGG16 for 224x224 RGB images (min 32x32 without the top); inputs through `vgg16.preprocess_input`."""
    return build_vgg((2, 2, 3, 3, 3), "vgg16", ("64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc"),
                     include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """RGB -> BGR, then ImageNet mean subtraction ("caffe" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
