"""image_dataset_from_directory: files, labels, sizes, splits, Keras's file order, and fit on it."""
import sys

import numpy as np
import pytest

import keras_lite as keras
from keras_lite.utils import image_dataset_from_directory, save_img

COLOURS = {"cats": (255, 0, 0), "dogs": (0, 0, 255)}


@pytest.fixture
def folder(tmp_path):
    """cats/ (3 images, one in a subfolder) and dogs/ (2 images), each a solid colour, of mixed sizes."""
    for name, count in (("cats", 3), ("dogs", 2)):
        (tmp_path / name / "more").mkdir(parents=True)
        for i in range(count):
            where = tmp_path / name / ("more" if i == 2 else "") / f"{i}.{'png' if i % 2 else 'jpg'}"
            save_img(where, np.broadcast_to(np.array(COLOURS[name], "float32"), (6 + i, 8, 3)), scale=False)
        (tmp_path / name / "notes.md").write_text("not an image")
    return tmp_path


def test_batches_labels_and_attributes(folder):
    dataset = image_dataset_from_directory(folder, image_size=(4, 4), batch_size=2, seed=1, verbose=False)
    assert dataset.class_names == ["cats", "dogs"] and len(dataset.file_paths) == 5 and len(dataset) == 3
    images = np.concatenate([x for x, _ in dataset])
    labels = np.concatenate([y for _, y in dataset])
    assert images.shape == (5, 4, 4, 3) and images.dtype == np.float32 and labels.dtype == np.int32
    for image, label, path in zip(images, labels, dataset.file_paths):
        assert path.startswith(str(folder / dataset.class_names[label]))
        assert np.allclose(image, COLOURS[dataset.class_names[label]], atol=3)  # jpeg is lossy


def test_same_file_order_as_keras(folder):
    keras_dataset_utils = pytest.importorskip("keras.src.utils.dataset_utils")
    formats = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
    for shuffle, labels in ((True, "inferred"), (False, "inferred"), (True, None)):
        paths, _, _ = keras_dataset_utils.index_directory(str(folder), labels, formats, shuffle=shuffle, seed=9,
                                                          verbose=False)
        ours = image_dataset_from_directory(str(folder), labels=labels, shuffle=shuffle, seed=9, verbose=False)
        assert ours.file_paths == paths


def test_label_modes_and_colour_modes(folder):
    x, y = image_dataset_from_directory(folder, label_mode="categorical", image_size=3, shuffle=False,
                                        color_mode="grayscale", verbose=False)[0]
    assert x.shape == (5, 3, 3, 1) and y.dtype == np.float32 and y.tolist()[0] == [1, 0] and y.tolist()[-1] == [0, 1]
    x, y = image_dataset_from_directory(folder, label_mode="binary", image_size=(2, 3), shuffle=False,
                                        color_mode="rgba", data_format="channels_first", verbose=False)[0]
    assert x.shape == (5, 4, 2, 3) and y.shape == (5, 1) and y.dtype == np.float32
    images_only = image_dataset_from_directory(folder, labels=None, image_size=(2, 2), batch_size=None, verbose=False)
    assert images_only.class_names is None and images_only[0].shape == (2, 2, 3)
    explicit = image_dataset_from_directory(folder, labels=[0, 1, 1, 0, 1], shuffle=False, image_size=(2, 2),
                                            verbose=False)
    assert explicit.class_names == ["0", "1"] and explicit[0][1].tolist() == [0, 1, 1, 0, 1]


def test_class_names_choose_and_order_classes(folder):
    dataset = image_dataset_from_directory(folder, class_names=["dogs"], image_size=(2, 2), verbose=False)
    assert dataset.class_names == ["dogs"] and len(dataset.file_paths) == 2


def test_aspect_ratio_options(tmp_path):
    (tmp_path / "a").mkdir()
    wide = np.zeros((4, 12, 3))
    wide[:, 4:8] = 255
    save_img(tmp_path / "a" / "wide.png", wide, scale=False)
    cropped = image_dataset_from_directory(tmp_path, image_size=(4, 4), crop_to_aspect_ratio=True, verbose=False)
    assert np.all(cropped[0][0] == 255)
    padded = image_dataset_from_directory(tmp_path, image_size=(6, 6), pad_to_aspect_ratio=True, verbose=False)
    assert padded[0][0].shape == (1, 6, 6, 3) and np.all(padded[0][0][0, 0] == 0)


def test_validation_split(folder, capsys):
    train, validation = image_dataset_from_directory(folder, validation_split=0.4, subset="both", seed=3,
                                                     image_size=(2, 2))
    assert len(train.file_paths) == 3 and len(validation.file_paths) == 2
    assert not set(train.file_paths) & set(validation.file_paths)
    assert "Found 5 files belonging to 2 classes." in capsys.readouterr().out
    only = image_dataset_from_directory(folder, validation_split=0.4, subset="validation", seed=3, image_size=(2, 2))
    assert only.file_paths == validation.file_paths


def test_errors(folder, tmp_path, monkeypatch):
    cases = [(dict(color_mode="cmyk"), "color_mode"), (dict(label_mode="sparse"), "label_mode"),
             (dict(labels="folders"), "labels"), (dict(labels=[0], class_names=["a"]), "class_names"),
             (dict(image_size=(1, 2, 3)), "image_size"), (dict(interpolation="area"), "interpolation"),
             (dict(crop_to_aspect_ratio=True, pad_to_aspect_ratio=True), "at most one"),
             (dict(format="torch"), "format"), (dict(validation_split=0.2), "subset"),
             (dict(validation_split=0.2, subset="training"), "seed"), (dict(validation_split=2, subset="both"), "between"),
             (dict(subset="all", validation_split=0.2, seed=1), "subset"), (dict(class_names=["birds"]), "birds"),
             (dict(labels=[0, 1]), "one label per file")]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            image_dataset_from_directory(folder, verbose=False, **kwargs)
    (folder / "birds").mkdir()
    with pytest.raises(ValueError, match="exactly 2 classes"):
        image_dataset_from_directory(folder, label_mode="binary", verbose=False)
    with pytest.raises(FileNotFoundError, match="missing"):
        image_dataset_from_directory(tmp_path / "missing")
    (tmp_path / "empty" / "a").mkdir(parents=True)
    with pytest.raises(ValueError, match="no files found"):
        image_dataset_from_directory(tmp_path / "empty", verbose=False)
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImportError, match="pip install pillow"):
        image_dataset_from_directory(folder)


@pytest.mark.requires_trainable_backend
def test_fit_consumes_it(folder):
    train, validation = image_dataset_from_directory(folder, image_size=(4, 4), batch_size=2, validation_split=0.4,
                                                     subset="both", seed=0, verbose=False)
    net = keras.Sequential([keras.Input((4, 4, 3)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten(),
                            keras.layers.Dense(2, activation="softmax")])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = net.fit(train, validation_data=validation, epochs=2, verbose=0)
    assert len(history.history["val_accuracy"]) == 2
    assert net.predict(validation, verbose=0).shape == (2, 2)
