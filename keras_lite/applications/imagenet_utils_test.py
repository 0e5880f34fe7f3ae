"""imagenet_utils against Keras 3: preprocessing values (NumPy, tensors, graphs), decoding with a class
index file written by the test, input-shape rules and their messages."""
import json
import os
import types
import warnings

import numpy as np
import pytest

from keras_lite import Input, Model, applications, ops, utils
from keras_lite.applications import imagenet_utils

MODES = ["caffe", "tf", "torch"]
FORMATS = ["channels_last", "channels_first"]


def _image(ndim, data_format, dtype="float32", seed=0):
    shape = (4, 5, 3) if data_format == "channels_last" else (3, 4, 5)
    if ndim == 4:
        shape = (2,) + shape
    return np.random.default_rng(seed).uniform(0, 255, shape).astype(dtype)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("ndim", [3, 4])
@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
def test_preprocess_numpy_matches_keras(mode, data_format, ndim, dtype):
    from keras.applications import imagenet_utils as keras_utils

    ours_in, theirs_in = _image(ndim, data_format, dtype), _image(ndim, data_format, dtype)
    ours = imagenet_utils.preprocess_input(ours_in, data_format=data_format, mode=mode)
    theirs = keras_utils.preprocess_input(theirs_in, data_format=data_format, mode=mode)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_array_equal(ours_in, theirs_in)  # float input is updated in place, as Keras does


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("ndim", [3, 4])
def test_preprocess_tensor_matches_keras(mode, data_format, ndim):
    import keras

    # Separate images: on the numpy backends a "tensor" is the array itself, preprocessed in place.
    ours = imagenet_utils.preprocess_input(ops.convert_to_tensor(_image(ndim, data_format)), data_format=data_format,
                                           mode=mode)
    theirs = keras.applications.imagenet_utils.preprocess_input(keras.ops.convert_to_tensor(_image(ndim, data_format)),
                                                                data_format=data_format, mode=mode)
    np.testing.assert_allclose(ops.convert_to_numpy(ours), keras.ops.convert_to_numpy(theirs), rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("mode", MODES)
def test_preprocess_in_a_graph_and_on_integer_tensors(mode):
    image = _image(4, "channels_last")
    expected = imagenet_utils.preprocess_input(image.copy(), mode=mode)
    inputs = Input((4, 5, 3))
    model = Model(inputs, imagenet_utils.preprocess_input(inputs, mode=mode))
    np.testing.assert_allclose(model.predict(image, verbose=0), expected, rtol=1e-6, atol=1e-5)
    rounded = np.round(image)
    from_ints = imagenet_utils.preprocess_input(ops.convert_to_tensor(rounded.astype("int32")), mode=mode)
    assert ops.convert_to_numpy(from_ints).dtype == np.float32
    np.testing.assert_allclose(ops.convert_to_numpy(from_ints), imagenet_utils.preprocess_input(rounded, mode=mode),
                               rtol=1e-6, atol=1e-5)


def test_family_preprocessing_matches_keras():
    import keras

    families = [name for name, module in vars(applications).items()
                if isinstance(module, types.ModuleType) and hasattr(module, "preprocess_input")]
    assert len(families) == 17  # 16 families and imagenet_utils itself
    for module in families:
        ours = getattr(applications, module).preprocess_input(_image(4, "channels_last"))
        theirs = getattr(keras.applications, module).preprocess_input(_image(4, "channels_last"))
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs), err_msg=module)


def test_preprocess_argument_errors():
    with pytest.raises(ValueError, match=r"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode=bgr"):
        imagenet_utils.preprocess_input(_image(4, "channels_last"), mode="bgr")
    with pytest.raises(ValueError, match="Expected data_format to be one of `channels_first` or `channels_last`"):
        imagenet_utils.preprocess_input(_image(4, "channels_last"), data_format="nhwc")


@pytest.fixture
def class_index(monkeypatch):
    """A made-up ImageNet class index in $KERAS_HOME/models, served by get_file (ours and Keras's)."""
    import keras.src.applications.imagenet_utils as keras_utils
    from keras.src.utils import file_utils as keras_file_utils

    folder = os.path.join(os.environ["KERAS_HOME"], "models")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "imagenet_class_index.json")
    with open(path, "w") as f:
        json.dump({str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}, f)
    requests = {"ours": [], "keras": []}

    def serving(who):
        def get_file(fname=None, origin=None, cache_subdir="datasets", file_hash=None, **kwargs):
            requests[who].append((fname, origin, cache_subdir, file_hash))
            return path

        return get_file

    monkeypatch.setattr(utils, "get_file", serving("ours"))
    monkeypatch.setattr(keras_file_utils, "get_file", serving("keras"))
    monkeypatch.setattr(keras_utils, "CLASS_INDEX", None)
    imagenet_utils._class_index.cache_clear()
    yield requests
    imagenet_utils._class_index.cache_clear()


def test_decode_predictions_matches_keras(class_index):
    import keras

    preds = np.random.default_rng(0).random((3, 1000)).astype("float32")
    preds[1, 7] = preds[1, 9] = 2.0  # a tie
    for top in (1, 5):
        ours = applications.vgg19.decode_predictions(preds, top=top)
        theirs = keras.applications.vgg19.decode_predictions(preds, top=top)
        assert ours == theirs
    assert ours[0][0][:2] == (f"n{preds[0].argmax():08d}", f"class_{preds[0].argmax()}")
    assert class_index["ours"] == class_index["keras"]  # fetched once, with Keras's name, URL and hash
    assert len(class_index["ours"]) == 1


def test_decode_predictions_tensor_input_and_shape_error(class_index):
    preds = np.random.default_rng(1).random((2, 1000)).astype("float32")
    assert (imagenet_utils.decode_predictions(ops.convert_to_tensor(preds), top=3)
            == imagenet_utils.decode_predictions(preds, top=3))
    with pytest.raises(ValueError, match=r"expects a batch of predictions .*Received array with shape: \(2, 10\)"):
        imagenet_utils.decode_predictions(np.zeros((2, 10)))


SHAPE_CASES = [
    # (input_shape, default_size, min_size, data_format, require_flatten, weights)
    (None, 224, 32, "channels_last", True, "imagenet"),
    (None, 224, 32, "channels_last", False, "imagenet"),
    (None, 224, 32, "channels_first", False, None),
    (None, 299, 75, "channels_first", True, None),
    ((224, 224, 3), 224, 32, "channels_last", True, "imagenet"),
    ((200, 200, 3), 224, 32, "channels_last", True, "imagenet"),
    ((3, 200, 200), 224, 32, "channels_first", True, "imagenet"),
    ((64, 64, 3), 224, 32, "channels_last", False, "imagenet"),
    ((64, 64, 1), 224, 32, "channels_last", False, "imagenet"),
    ((1, 64, 64), 224, 32, "channels_first", False, "imagenet"),
    ((64, 64, 5), 224, 32, "channels_last", False, None),
    ((5, 64, 64), 224, 32, "channels_first", True, None),
    ((16, 64, 3), 224, 32, "channels_last", False, None),
    ((3, 64, 16), 224, 32, "channels_first", False, None),
    ((None, None, 3), 224, 32, "channels_last", False, None),
    ((None, None, 3), 224, 32, "channels_last", True, None),
    ((64, 64), 224, 32, "channels_last", False, None),
    ((2, 64, 64, 3), 224, 32, "channels_last", False, None),
]


@pytest.mark.parametrize("case", SHAPE_CASES, ids=[str(i) for i in range(len(SHAPE_CASES))])
def test_obtain_input_shape_matches_keras(case):
    from keras.src.applications import imagenet_utils as keras_utils

    def outcome(fn):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = ("ok", tuple(fn(*case)))
            except ValueError as e:
                result = ("error", str(e))
        return result, [str(w.message) for w in caught]

    assert outcome(imagenet_utils.obtain_input_shape) == outcome(keras_utils.obtain_input_shape)


@pytest.mark.parametrize("shape", [(None, 224, 224, 3), (None, 225, 224, 3), (None, None, None, 3)])
@pytest.mark.parametrize("kernel", [3, 5, (3, 5)])
def test_correct_pad_matches_keras(shape, kernel):
    from keras.src.applications import imagenet_utils as keras_utils

    tensor = Input(batch_shape=shape)
    assert imagenet_utils.correct_pad(tensor, kernel) == keras_utils.correct_pad(tensor, kernel)


def test_validate_activation():
    imagenet_utils.validate_activation("relu", None)
    imagenet_utils.validate_activation("softmax", "imagenet")
    imagenet_utils.validate_activation(None, "imagenet")
    with pytest.raises(ValueError, match="Only `None` and `softmax` activations .*classifier_activation=relu"):
        imagenet_utils.validate_activation("relu", "imagenet")
