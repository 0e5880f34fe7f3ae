"""What the *_dataset_from_directory builders share: listing files per class folder, labels, splits.

File order matches Keras's, so `file_paths` and an explicit `labels` list line up the same way: class
folders in sorted order (or `class_names` order), within each the folders walked in sorted order of
their paths and the files of each folder sorted; then one shuffle from `seed`.
"""
import os

import numpy as np


def check_arguments(builder, labels, label_mode, class_names, validation_split, subset, shuffle, seed):
    if labels not in ("inferred", None):
        if not isinstance(labels, (list, tuple)):
            raise ValueError(f"{builder}: `labels` must be 'inferred', None, or a list/tuple of integer labels, "
                             f"one per file in sorted order; got {labels!r}.")
        if class_names:
            raise ValueError(f"{builder}: `class_names` may only be given with labels='inferred'; got "
                             f"labels={labels!r} and class_names={class_names!r}.")
    if label_mode not in ("int", "categorical", "binary", None):
        raise ValueError(f"{builder}: `label_mode` must be 'int', 'categorical', 'binary' or None; got "
                         f"{label_mode!r}.")
    if validation_split and not 0 < validation_split < 1:
        raise ValueError(f"{builder}: `validation_split` must be between 0 and 1; got {validation_split!r}.")
    if bool(validation_split) != bool(subset):
        raise ValueError(f"{builder}: `subset` and `validation_split` go together; got subset={subset!r} and "
                         f"validation_split={validation_split!r}.")
    if subset not in ("training", "validation", "both", None):
        raise ValueError(f"{builder}: `subset` must be 'training', 'validation' or 'both'; got {subset!r}.")
    if validation_split and shuffle and seed is None:
        raise ValueError(f"{builder}: with `validation_split` and `shuffle`, pass a `seed` so the training and "
                         "validation subsets do not overlap.")


def index_directory(directory, labels, formats, class_names=None, shuffle=True, seed=None, follow_links=False,
                    verbose=True):
    """(file paths, int32 labels or None, class names or None) for the files under `directory` whose
    names end with one of `formats`."""
    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"Dataset directory {directory!r} does not exist or is not a folder.")
    if labels == "inferred":
        folders = sorted(d for d in os.listdir(directory)
                         if os.path.isdir(os.path.join(directory, d)) and not d.startswith("."))
        if class_names is not None:
            unknown = [name for name in class_names if name not in folders]
            if unknown:
                raise ValueError(f"`class_names` {unknown} are not subfolders of {directory!r}, whose "
                                 f"subfolders are {folders}.")
            folders = list(class_names)
    else:
        folders = [""]
    paths, inferred = [], []
    for index, folder in enumerate(folders):
        found = _files_under(os.path.join(directory, folder), formats, follow_links)
        paths += [os.path.join(directory, folder, name) for name in found]
        inferred += [index] * len(found)
    if labels == "inferred":
        labels = np.asarray(inferred, "int32")
        class_names = list(folders)
    elif labels is not None:
        if len(labels) != len(paths):
            raise ValueError(f"`labels` has {len(labels)} entries but {directory!r} holds {len(paths)} matching "
                             "files: give one label per file, in sorted file order.")
        class_names = [str(label) for label in sorted(set(labels))]
        labels = np.asarray(labels, "int32")
    if verbose:
        classes = f" belonging to {len(class_names)} classes" if labels is not None else ""
        print(f"Found {len(paths)} files{classes}.")
    if shuffle:
        order = np.random.RandomState(np.random.randint(1_000_000) if seed is None else seed).permutation(len(paths))
        paths = [paths[i] for i in order]
        labels = None if labels is None else labels[order]
    return paths, labels, (class_names if labels is not None else None)


def _files_under(folder, formats, follow_links):
    """Paths relative to `folder` of the matching files below it, in Keras's order."""
    found = []
    for root, _, files in sorted(os.walk(folder, followlinks=follow_links), key=lambda entry: entry[0]):
        found += [os.path.relpath(os.path.join(root, name), folder) for name in sorted(files)
                  if name.lower().endswith(formats)]
    return found


def split(paths, labels, validation_split, subset):
    """The training (first) or validation (last `validation_split`) part of the files."""
    if not validation_split:
        return paths, labels
    num_validation = int(validation_split * len(paths))
    if subset == "training":
        print(f"Using {len(paths) - num_validation} files for training.")
        part = slice(0, len(paths) - num_validation)
    else:
        print(f"Using {num_validation} files for validation.")
        part = slice(len(paths) - num_validation, len(paths))
    return paths[part], None if labels is None else labels[part]


def encode_labels(labels, label_mode, num_classes):
    """int32 indices ('int'), float32 of shape (n, 1) ('binary') or float32 one-hot rows ('categorical')."""
    if label_mode == "binary":
        return labels.astype("float32")[:, None]
    if label_mode == "categorical":
        return np.eye(num_classes, dtype="float32")[labels]
    return labels


def subsets(builder, directory, formats, paths, labels, validation_split, subset):
    """[(paths, labels, is_training)] for the one subset asked for, or for both."""
    names = ["training", "validation"] if subset == "both" else [subset]
    parts = []
    for name in names:
        part_paths, part_labels = split(paths, labels, validation_split, name)
        if not part_paths:
            kind = f"{name} " if subset == "both" else ""
            raise ValueError(f"{builder}: no {kind}files found in directory {directory!r}. Allowed formats: "
                             f"{formats}.")
        parts.append((part_paths, part_labels, name != "validation"))
    return parts
