"""VGG19: VGG16 with four convolutions in each of the last three blocks."""
from keras_lite.applications import imagenet_utils
from keras_lite.applications.vgg16 import build_vgg


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
          classifier_activation="softmax", name="vgg19"):
    """VGG19 for 224x224 RGB images (min 32x32 without the top); inputs through `vgg19.preprocess_input`."""
    return build_vgg((2, 2, 4, 4, 4), "vgg19", ("cbe5617147190e668d6c5d5026f83318", "253f8cb515780f3b799900260a226db6"),
                     include_top, weights, input_tensor, input_shape, pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """RGB -> BGR, then ImageNet mean subtraction ("caffe" mode)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)
