"""text_dataset_from_directory: labelled batches of text files from one folder per class."""
import numpy as np

from keras_lite.utils import _directory_index as index
from keras_lite.utils.batch_dataset import BatchDataset

TEXT_FORMATS = (".txt",)


def text_dataset_from_directory(directory, labels="inferred", label_mode="int", class_names=None, batch_size=32,
                                max_length=None, shuffle=True, seed=None, validation_split=None, subset=None,
                                follow_links=False, format="tf", verbose=True):
    """Batches `(texts, labels)` of the .txt files under `directory`, one subfolder per class.

    Each text is the file's content decoded as UTF-8, cut to `max_length` characters; a batch of texts
    is a NumPy object array of str. Labels are as in image_dataset_from_directory. `subset="both"`
    returns [training, validation].

    Keras returns a tf.data.Dataset of byte strings (or a Grain dataset under `format="grain"`);
    keras_lite returns a BatchDataset for either: a PyDataset of NumPy batches, with `class_names` and
    `file_paths`. With `shuffle`, the files are shuffled once from `seed` (in Keras's order) and again
    after every epoch.
    """
    builder = "text_dataset_from_directory"
    index.check_arguments(builder, labels, label_mode, class_names, validation_split, subset, shuffle, seed)
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    if format not in ("tf", "grain"):
        raise ValueError(f"{builder}: `format` must be 'tf' or 'grain'; got {format!r}.")
    if seed is None:
        seed = np.random.randint(1_000_000)
    paths, labels, class_names = index.index_directory(directory, labels, TEXT_FORMATS, class_names, shuffle, seed,
                                                       follow_links, verbose)
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(f"{builder}: label_mode='binary' needs exactly 2 classes; got class_names={class_names}.")

    def load(path):
        with open(path, encoding="utf-8") as f:
            return f.read() if max_length is None else f.read(max_length)

    datasets = []
    for part_paths, part_labels, training in index.subsets(builder, directory, TEXT_FORMATS, paths, labels,
                                                           validation_split, subset):
        encoded = None if label_mode is None else index.encode_labels(part_labels, label_mode, len(class_names))

        def read(indices, part_paths=part_paths, encoded=encoded):
            texts = np.empty(len(indices), dtype=object)
            texts[:] = [load(part_paths[i]) for i in indices]
            return texts if encoded is None else (texts, encoded[indices])

        dataset = BatchDataset(read, len(part_paths), batch_size, shuffle=shuffle and training, seed=seed)
        dataset.class_names = class_names
        dataset.file_paths = part_paths
        datasets.append(dataset)
    return datasets if subset == "both" else datasets[0]
