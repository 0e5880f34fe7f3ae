"""ImageNet helpers shared by the applications: input preprocessing, decoding
top-k predictions into class names, and the input-shape rules of the models.

`preprocess_input` follows Keras exactly, including its in-place update of
float NumPy arrays (the returned array may be the argument itself).
"""
import functools
import json
import warnings

import numpy as np

from keras_lite import activations, ops
from keras_lite.backend import floatx, image_data_format, is_float_dtype, standardize_dtype

CLASS_INDEX_URL = "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json"
CLASS_INDEX_HASH = "c2c37ea517e94d9795004a39431a14cb"

_CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
_TORCH_MEAN_RGB = (0.485, 0.456, 0.406)
_TORCH_STD_RGB = (0.229, 0.224, 0.225)


def preprocess_input(x, data_format=None, mode="caffe"):
    """Scale a batch (or one image) of 0-255 RGB pixels the way a pretrained model expects.

    mode "caffe": RGB -> BGR, then subtract the ImageNet mean per channel;
    "tf": scale to [-1, 1]; "torch": scale to [0, 1], then standardise each
    channel with the ImageNet mean and standard deviation.
    """
    if mode not in {"caffe", "tf", "torch"}:
        raise ValueError(f"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}")
    if data_format is None:
        data_format = image_data_format()
    elif data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Expected data_format to be one of `channels_first` or `channels_last`. "
                         f"Received: data_format={data_format}")
    if isinstance(x, np.ndarray):
        return _preprocess_array(x, data_format, mode)
    return _preprocess_tensor(x, data_format, mode)


def _channel_axis(ndim, data_format):
    if data_format == "channels_last":
        return ndim - 1
    return 0 if ndim == 3 else 1


def _per_channel(values, ndim, axis, dtype):
    shape = [1] * ndim
    shape[axis] = 3
    return np.asarray(values, dtype=dtype).reshape(shape)


def _preprocess_array(x, data_format, mode):
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(floatx(), copy=False)
    if mode == "tf":
        x /= 127.5
        x -= 1.0
        return x
    axis = _channel_axis(x.ndim, data_format)
    if mode == "torch":
        x /= 255.0
        mean, std = _TORCH_MEAN_RGB, _TORCH_STD_RGB
    else:
        x = np.flip(x, axis=axis)  # RGB -> BGR, a view: the caller's array is still updated in place
        mean, std = _CAFFE_MEAN_BGR, None
    x -= _per_channel(mean, x.ndim, axis, x.dtype)
    if std is not None:
        x /= _per_channel(std, x.ndim, axis, x.dtype)
    return x


def _preprocess_tensor(x, data_format, mode):
    if not is_float_dtype(standardize_dtype(x.dtype)):
        x = ops.cast(x, floatx())
    if mode == "tf":
        return x / 127.5 - 1.0
    axis = _channel_axis(len(x.shape), data_format)
    if mode == "torch":
        x = x / 255.0
        mean, std = _TORCH_MEAN_RGB, _TORCH_STD_RGB
    else:
        x = ops.flip(x, axis=axis)
        mean, std = _CAFFE_MEAN_BGR, None
    dtype = standardize_dtype(x.dtype)
    x = x - ops.convert_to_tensor(_per_channel(mean, len(x.shape), axis, "float64"), dtype=dtype)
    if std is not None:
        x = x / ops.convert_to_tensor(_per_channel(std, len(x.shape), axis, "float64"), dtype=dtype)
    return x


@functools.lru_cache(maxsize=1)
def _class_index():
    """{"0": ["n01440764", "tench"], ...}, fetched once through get_file into $KERAS_HOME/models."""
    from keras_lite import utils

    path = utils.get_file("imagenet_class_index.json", CLASS_INDEX_URL, cache_subdir="models",
                          file_hash=CLASS_INDEX_HASH)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def decode_predictions(preds, top=5):
    """For each row of a (samples, 1000) batch of ImageNet scores, the `top` best
    `(class_name, class_description, score)` tuples, best first."""
    if len(preds.shape) != 2 or preds.shape[1] != 1000:
        raise ValueError("`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape "
                         f"(samples, 1000)). Received array with shape: {preds.shape}")
    index = _class_index()
    results = []
    for row in ops.convert_to_numpy(preds):
        best = row.argsort()[-top:][::-1]
        decoded = [tuple(index[str(i)]) + (row[i],) for i in best]
        decoded.sort(key=lambda entry: entry[2], reverse=True)
        results.append(decoded)
    return results


def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten, weights=None):
    """The image shape (without batch) a model is built for, validated as Keras does.

    `require_flatten` (include_top) needs a fully static shape; ImageNet weights
    need 3 channels, and with a top exactly the default size.
    """
    channels_first = data_format == "channels_first"
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if channels_first else input_shape[-1]
        if channels not in {1, 3}:
            warnings.warn("This model usually expects 1 or 3 input channels. However, it was passed an "
                          f"input_shape with {channels} input channels.", stacklevel=3)
        default_shape = (channels, default_size, default_size) if channels_first else (
            default_size, default_size, channels)
    else:
        default_shape = (3, default_size, default_size) if channels_first else (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and tuple(input_shape) != default_shape:
            raise ValueError("When setting `include_top=True` and loading `imagenet` weights, `input_shape` "
                             f"should be {default_shape}.  Received: input_shape={input_shape}")
        return default_shape
    if input_shape:
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        channels = input_shape[0] if channels_first else input_shape[-1]
        rows, cols = input_shape[1:] if channels_first else input_shape[:2]
        if channels != 3 and weights == "imagenet":
            raise ValueError(f"The input must have 3 channels; Received `input_shape={input_shape}`")
        if (rows is not None and rows < min_size) or (cols is not None and cols < min_size):
            raise ValueError(f"Input size must be at least {min_size}x{min_size}; Received: "
                             f"input_shape={input_shape}")
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if channels_first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static `input_shape`. "
                         f"Received: input_shape={input_shape}")
    return input_shape


def correct_pad(inputs, kernel_size):
    """((top, bottom), (left, right)) zero padding that makes a stride-2 'valid'
    convolution of an even-sized input line up like TensorFlow's 'same'."""
    first = 2 if image_data_format() == "channels_first" else 1
    rows, cols = inputs.shape[first:first + 2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    adjust = (1, 1) if rows is None else (1 - rows % 2, 1 - cols % 2)
    half = (kernel_size[0] // 2, kernel_size[1] // 2)
    return (half[0] - adjust[0], half[0]), (half[1] - adjust[1], half[1])


def validate_activation(classifier_activation, weights):
    """Pretrained classifiers were trained with softmax: only softmax or no activation may replace it."""
    if weights is None:
        return
    if activations.get(classifier_activation) not in {activations.get("softmax"), activations.get(None)}:
        raise ValueError("Only `None` and `softmax` activations are allowed for the `classifier_activation` "
                         "argument when using pretrained weights, with `include_top=True`; Received: "
                         f"classifier_activation={classifier_activation}")
