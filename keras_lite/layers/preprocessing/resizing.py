"""Resizing: images (rank 4, or a single rank-3 image) resampled to (height, width). Owns no state.

A thin layer over `ops.image.resize`: `crop_to_aspect_ratio` first takes the
largest centred crop of the target aspect ratio, `pad_to_aspect_ratio` pads
with `fill_value` instead; integer images come back rounded, in their dtype.
"""
from keras_lite import ops
from keras_lite.backends.common import config as backend_config
from keras_lite.layers.layer import Layer
from keras_lite.ops.image import INTERPOLATIONS
from keras_lite.saving.object_registration import keras_class


def check_size(layer, height, width):
    for name, value in (("height", height), ("width", width)):
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"{layer}: `{name}` must be a positive int; got {value!r}.")


def check_image_rank(layer, inputs):
    if len(inputs.shape) not in (3, 4):
        raise ValueError(f"{type(layer).__name__} {layer.name!r} expects a batch of images (rank 4) or one image "
                         f"(rank 3); got input shape {tuple(inputs.shape)}.")


@keras_class("keras.layers")
class Resizing(Layer):
    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False, pad_to_aspect_ratio=False,
                 fill_mode="constant", fill_value=0.0, antialias=False, data_format=None, **kwargs):
        super().__init__(**kwargs)
        check_size("Resizing", height, width)
        if interpolation not in INTERPOLATIONS:
            raise ValueError(f"Resizing: `interpolation` must be one of {INTERPOLATIONS}; got {interpolation!r}.")
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError("Resizing: `crop_to_aspect_ratio` and `pad_to_aspect_ratio` cannot both be True.")
        if fill_mode != "constant":
            raise ValueError(f"Resizing: only fill_mode='constant' is supported; got {fill_mode!r}.")
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = bool(antialias)
        self.data_format = backend_config.standardize_data_format(data_format)

    def call(self, inputs):
        check_image_rank(self, inputs)
        return ops.image.resize(inputs, (self.height, self.width), interpolation=self.interpolation,
                                antialias=self.antialias, crop_to_aspect_ratio=self.crop_to_aspect_ratio,
                                pad_to_aspect_ratio=self.pad_to_aspect_ratio, fill_mode=self.fill_mode,
                                fill_value=self.fill_value, data_format=self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "height": self.height, "width": self.width,
                       "interpolation": self.interpolation, "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                       "pad_to_aspect_ratio": self.pad_to_aspect_ratio, "fill_mode": self.fill_mode,
                       "fill_value": self.fill_value, "antialias": self.antialias})
        return config
