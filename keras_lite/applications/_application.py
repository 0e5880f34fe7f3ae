"""What every application does around its architecture: check the arguments,
make the image input, pool or not, wrap the graph in a Functional model and
load the requested weights."""
import os

from keras_lite import layers
from keras_lite.applications import imagenet_utils
from keras_lite.backend import is_keras_tensor
from keras_lite.models import Functional
from keras_lite.utils.source_inputs import get_source_inputs

KERAS_APPLICATIONS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/"


def check_weights_argument(weights, include_top, classes):
    """`weights` is None, "imagenet" or an existing file; ImageNet classifiers have 1000 classes."""
    if not (weights in {"imagenet", None} or (isinstance(weights, (str, os.PathLike)) and os.path.exists(weights))):
        raise ValueError("The `weights` argument should be either `None` (random initialization), 'imagenet' "
                         "(pre-training on ImageNet), or the path to the weights file to be loaded.  Received: "
                         f"weights={weights}")
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  "
                         f"Received classes={classes}")


def image_input(input_tensor, input_shape):
    """The tensor the network starts from: `input_tensor` when it is symbolic, else a new Input."""
    if input_tensor is not None and is_keras_tensor(input_tensor):
        return input_tensor
    return layers.Input(shape=input_shape, tensor=input_tensor)


def pool(x, pooling, avg_name=None, max_name=None):
    """The optional global pooling of a headless model (`pooling` None, "avg" or "max")."""
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name=avg_name)(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name=max_name)(x)
    return x


def classification_head(x, include_top, pooling, classes, classifier_activation, weights, avg_name=None,
                        max_name=None):
    """The common ending: with `include_top`, global average pooling ("avg_pool") and the `classes`-way Dense
    "predictions"; without it, the optional pooling of `pool`."""
    if not include_top:
        return pool(x, pooling, avg_name, max_name)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    imagenet_utils.validate_activation(classifier_activation, weights)
    return layers.Dense(classes, activation=classifier_activation, name="predictions")(x)


def build_model(img_input, outputs, name):
    """A Functional model from the graph inputs behind `img_input` (an Input, or a tensor computed from some)."""
    inputs = get_source_inputs(img_input)
    return Functional(inputs[0] if len(inputs) == 1 else inputs, outputs, name=name)


def load_weights(model, weights, file_name, origin, file_hash=None):
    """Load "imagenet" (the published file `file_name`, fetched from `origin` into
    $KERAS_HOME/models) or a weights file path into `model`; None loads nothing."""
    if weights is None:
        return model
    if weights == "imagenet":
        from keras_lite import utils

        weights = utils.get_file(file_name, origin, cache_subdir="models", file_hash=file_hash)
    if str(weights).endswith((".h5", ".hdf5")) and not str(weights).endswith(".weights.h5"):
        from keras_lite.applications._legacy_weights import load_legacy_weights

        load_legacy_weights(model, weights)
    else:
        model.load_weights(weights)
    return model
