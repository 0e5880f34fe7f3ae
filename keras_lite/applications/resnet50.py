"""`keras.applications.resnet50`: ResNet50 and its input and output helpers, under the older module name."""
from keras_lite.applications.resnet import ResNet50, decode_predictions, preprocess_input

__all__ = ["ResNet50", "decode_predictions", "preprocess_input"]
