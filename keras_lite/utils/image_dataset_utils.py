"""image_dataset_from_directory: labelled image batches from one folder per class."""
import numpy as np

from keras_lite import ops
from keras_lite.backends import engine
from keras_lite.backends.common import config
from keras_lite.ops.image import INTERPOLATIONS
from keras_lite.utils import _directory_index as index
from keras_lite.utils.batch_dataset import BatchDataset
from keras_lite.utils.image_utils import pil_image

IMAGE_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
_CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}
_PIL_MODES = {1: ("L", "I;16", "I"), 3: ("RGB",), 4: ("RGBA",)}


def image_dataset_from_directory(directory, labels="inferred", label_mode="int", class_names=None, color_mode="rgb",
                                 batch_size=32, image_size=(256, 256), shuffle=True, seed=None, validation_split=None,
                                 subset=None, interpolation="bilinear", follow_links=False, crop_to_aspect_ratio=False,
                                 pad_to_aspect_ratio=False, data_format=None, format="tf", verbose=True):
    """Batches `(images, labels)` of the .bmp/.gif/.jpeg/.jpg/.png files under `directory`.

    With labels='inferred' each subfolder is a class (`class_names` fixes their order). Images are
    decoded with Pillow and resized to `image_size` (float32, `data_format` layout); labels are int32
    ('int'), float32 (n, 1) ('binary') or one-hot float32 ('categorical'). `subset="both"` returns
    [training, validation].

    Keras returns a tf.data.Dataset (or a Grain dataset under `format="grain"`); keras_lite returns a
    BatchDataset for either: a PyDataset of NumPy batches, read from disk batch by batch, that
    fit/evaluate/predict take on every backend, with the Keras attributes `class_names` and `file_paths`.
    With `shuffle`, the files are shuffled once from `seed` (as in Keras, so `file_paths` comes out in
    the same order) and again after every epoch.
    """
    builder = "image_dataset_from_directory"
    index.check_arguments(builder, labels, label_mode, class_names, validation_split, subset, shuffle, seed)
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    if color_mode not in _CHANNELS:
        raise ValueError(f"{builder}: `color_mode` must be 'grayscale', 'rgb' or 'rgba'; got {color_mode!r}.")
    if isinstance(image_size, int):
        image_size = (image_size, image_size)
    if not isinstance(image_size, (list, tuple)) or len(image_size) != 2:
        raise ValueError(f"{builder}: `image_size` must be (height, width); got {image_size!r}.")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(f"{builder}: set at most one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio`.")
    if format not in ("tf", "grain"):
        raise ValueError(f"{builder}: `format` must be 'tf' or 'grain'; got {format!r}.")
    interpolation = str(interpolation).lower()
    if interpolation not in INTERPOLATIONS:
        raise ValueError(f"{builder}: `interpolation` must be one of {INTERPOLATIONS}; got {interpolation!r}.")
    data_format = config.standardize_data_format(data_format)
    pil_image()  # fail early, before listing the files, when Pillow is missing
    if seed is None:
        seed = np.random.randint(1_000_000)
    paths, labels, class_names = index.index_directory(directory, labels, IMAGE_FORMATS, class_names, shuffle, seed,
                                                       follow_links, verbose)
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(f"{builder}: label_mode='binary' needs exactly 2 classes; got class_names={class_names}.")
    load = _ImageLoader(tuple(int(s) for s in image_size), _CHANNELS[color_mode], interpolation, data_format,
                        crop_to_aspect_ratio, pad_to_aspect_ratio)
    datasets = []
    for part_paths, part_labels, training in index.subsets(builder, directory, IMAGE_FORMATS, paths, labels,
                                                           validation_split, subset):
        encoded = None if label_mode is None else index.encode_labels(part_labels, label_mode, len(class_names))

        def read(indices, part_paths=part_paths, encoded=encoded):
            images = np.stack([load(part_paths[i]) for i in indices])
            return images if encoded is None else (images, encoded[indices])

        dataset = BatchDataset(read, len(part_paths), batch_size, shuffle=shuffle and training, seed=seed)
        dataset.class_names = class_names
        dataset.file_paths = part_paths
        datasets.append(dataset)
    return datasets if subset == "both" else datasets[0]


class _ImageLoader:
    """One image file -> a float32 array of `image_size` with `channels` channels."""

    def __init__(self, image_size, channels, interpolation, data_format, crop_to_aspect_ratio, pad_to_aspect_ratio):
        self.image_size, self.channels, self.interpolation = image_size, channels, interpolation
        self.data_format = data_format
        self.crop, self.pad = crop_to_aspect_ratio, pad_to_aspect_ratio

    def __call__(self, path):
        with pil_image().open(path) as img:
            if img.mode not in _PIL_MODES[self.channels]:
                img = img.convert(_PIL_MODES[self.channels][0])
            image = np.asarray(img, "float32")
        if image.ndim == 2:
            image = image[:, :, None]
        if image.shape[:2] != self.image_size:
            with engine.core.device_scope("cpu"):
                image = ops.convert_to_numpy(ops.image.resize(
                    image, self.image_size, interpolation=self.interpolation, crop_to_aspect_ratio=self.crop,
                    pad_to_aspect_ratio=self.pad, data_format="channels_last"))
        return image.transpose(2, 0, 1) if self.data_format == "channels_first" else image
