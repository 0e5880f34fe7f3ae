"""ConvNeXt Tiny/Small/Base/Large/XLarge (Liu et al., 2022): a patchify stem and four stages of
blocks (7x7 depthwise convolution, layer norm, an inverted MLP, a learned per-channel scale),
with layer-norm + strided-convolution downsampling between stages. channels_last only. The models
normalize 0-255 pixels themselves (`include_preprocessing`), so `preprocess_input` returns its input."""
from keras_lite import initializers, layers
from keras_lite.applications import _application, imagenet_utils
from keras_lite.backend import image_data_format
from keras_lite.layers.layer import Layer
from keras_lite.models import Sequential
from keras_lite.saving.object_registration import keras_class

BASE_WEIGHTS_URL = f"{_application.KERAS_APPLICATIONS_URL}convnext/"
_HASHES = {  # sha256 of the published files: (with top, without)
    "convnext_tiny": ("8ae6e78ce2933352b1ef4008e6dd2f17bc40771563877d156bc6426c7cf503ff",
                      "d547c096cabd03329d7be5562c5e14798aa39ed24b474157cef5e85ab9e49ef1"),
    "convnext_small": ("ce1277d8f1ee5a0ef0e171469089c18f5233860ceaf9b168049cb9263fd7483c",
                       "6fc8009faa2f00c1c1dfce59feea9b0745eb260a7dd11bee65c8e20843da6eab"),
    "convnext_base": ("52cbb006d3dadd03f6e095a8ca1aca47aecdd75acb4bc74bce1f5c695d0086e6",
                      "40a20c5548a5e9202f69735ecc06c990e6b7c9d2de39f0361e27baeb24cb7c45"),
    "convnext_large": ("070c5ed9ed289581e477741d3b34beffa920db8cf590899d6d2c67fba2a198a6",
                       "96f02b6f0753d4f543261bc9d09bed650f24dd6bc02ddde3066135b63d23a1cd"),
    "convnext_xlarge": ("c1f5ccab661354fc3a79a10fa99af82f0fbf10ec65cb894a3ae0815f17a889ee",
                        "de3f8a54174130e0cecdc71583354753d557fcf1f4487331558e2a16ba0cfe05"),
}
_DEPTHS_SMALL_AND_UP = (3, 3, 27, 3)
_LAYER_SCALE_INIT = 1e-6
_IMAGENET_MEAN_RGB = (0.485, 0.456, 0.406)
_IMAGENET_STD_RGB = (0.229, 0.224, 0.225)


@keras_class("keras.src.applications.convnext")
class LayerScale(Layer):
    """Multiplies its input by `gamma`, a trainable, saved per-channel vector of `projection_dim`
    values starting at `init_values`."""

    def __init__(self, init_values, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.init_values = init_values
        self.projection_dim = projection_dim

    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(self.projection_dim,), initializer=initializers.Constant(self.init_values),
                                     trainable=True)

    def call(self, x):
        return x * self.gamma

    def get_config(self):
        config = super().get_config()
        config.update({"init_values": self.init_values, "projection_dim": self.projection_dim})
        return config


def _block(x, projection_dim, name):
    """x + scale(MLP(norm(depthwise 7x7 conv(x)))); the identity Activation stands where a training-time
    stochastic depth would go (the published models use none)."""
    y = layers.Conv2D(filters=projection_dim, kernel_size=7, padding="same", groups=projection_dim,
                      name=f"{name}_depthwise_conv")(x)
    y = layers.LayerNormalization(epsilon=1e-6, name=f"{name}_layernorm")(y)
    y = layers.Dense(4 * projection_dim, name=f"{name}_pointwise_conv_1")(y)
    y = layers.Activation("gelu", name=f"{name}_gelu")(y)
    y = layers.Dense(projection_dim, name=f"{name}_pointwise_conv_2")(y)
    y = LayerScale(_LAYER_SCALE_INIT, projection_dim, name=f"{name}_layer_scale")(y)
    return x + layers.Activation("linear", name=f"{name}_identity")(y)


def _downsampling(dims, name):
    """The stem (4x4/4 patchify convolution + layer norm), then three (layer norm + 2x2/2 convolution) blocks."""
    stages = [Sequential([layers.Conv2D(dims[0], kernel_size=4, strides=4, name=f"{name}_stem_conv"),
                          layers.LayerNormalization(epsilon=1e-6, name=f"{name}_stem_layernorm")],
                         name=f"{name}_stem")]
    for i in range(3):
        stages.append(Sequential([layers.LayerNormalization(epsilon=1e-6, name=f"{name}_downsampling_layernorm_{i}"),
                                  layers.Conv2D(dims[i + 1], kernel_size=2, strides=2,
                                                name=f"{name}_downsampling_conv_{i}")],
                                 name=f"{name}_downsampling_block_{i}"))
    return stages


def _build(depths, dims, weights_name, include_top, include_preprocessing, weights, input_tensor, input_shape,
           pooling, classes, classifier_activation, name):
    if image_data_format() == "channels_first":
        raise ValueError("ConvNeXt does not support the `channels_first` image data format. Switch to "
                         "`channels_last` by editing your local config file at ~/.keras/keras.json")
    _application.check_weights_argument(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(input_shape, default_size=224, min_size=32,
                                                    data_format=image_data_format(), require_flatten=include_top,
                                                    weights=weights)
    if weights == "imagenet" and weights_name not in name:
        raise ValueError(f'Model name "{name}" does not match weights variant "{weights_name}". When using imagenet '
                         f'weights, model name must contain the weights variant (e.g., "{weights_name}").')
    img_input = _application.image_input(input_tensor, input_shape)
    x = img_input
    if include_preprocessing and input_shape[2] == 3:
        x = layers.Normalization(mean=[m * 255 for m in _IMAGENET_MEAN_RGB],
                                 variance=[(s * 255) ** 2 for s in _IMAGENET_STD_RGB],
                                 name=f"{name}_prestem_normalization")(x)
    for stage, (downsample, depth, dim) in enumerate(zip(_downsampling(dims, name), depths, dims)):
        x = downsample(x)
        for j in range(depth):
            x = _block(x, dim, f"{name}_stage_{stage}_block_{j}")
    if include_top:
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.GlobalAveragePooling2D(name=f"{name}_head_gap")(x)
        x = layers.LayerNormalization(epsilon=1e-6, name=f"{name}_head_layernorm")(x)
        x = layers.Dense(classes, activation=classifier_activation, name=f"{name}_head_dense")(x)
    else:
        x = _application.pool(x, pooling)
        x = layers.LayerNormalization(epsilon=1e-6)(x)
    model = _application.build_model(img_input, x, name)
    file_name = f"{name}{'.h5' if include_top else '_notop.h5'}"
    return _application.load_weights(model, weights, file_name, BASE_WEIGHTS_URL + file_name,
                                     _HASHES[weights_name][0 if include_top else 1])


def _variant(depths, dims, weights_name, title):
    def build(include_top=True, include_preprocessing=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, classifier_activation="softmax", name=weights_name):
        return _build(depths, dims, weights_name, include_top, include_preprocessing, weights, input_tensor,
                      input_shape, pooling, classes, classifier_activation, name)

    build.__name__ = build.__qualname__ = title
    build.__doc__ = (f"{title} for 224x224 RGB images (min 32x32 without the top) with 0-255 pixels "
                     "(`include_preprocessing=True`) or already normalized ones.")
    return build


ConvNeXtTiny = _variant((3, 3, 9, 3), (96, 192, 384, 768), "convnext_tiny", "ConvNeXtTiny")
ConvNeXtSmall = _variant(_DEPTHS_SMALL_AND_UP, (96, 192, 384, 768), "convnext_small", "ConvNeXtSmall")
ConvNeXtBase = _variant(_DEPTHS_SMALL_AND_UP, (128, 256, 512, 1024), "convnext_base", "ConvNeXtBase")
ConvNeXtLarge = _variant(_DEPTHS_SMALL_AND_UP, (192, 384, 768, 1536), "convnext_large", "ConvNeXtLarge")
ConvNeXtXLarge = _variant(_DEPTHS_SMALL_AND_UP, (256, 512, 1024, 2048), "convnext_xlarge", "ConvNeXtXLarge")


def preprocess_input(x, data_format=None):
    """The identity: ConvNeXt models normalize their inputs themselves."""
    return x


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
