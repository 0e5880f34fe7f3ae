"""text_dataset_from_directory: texts, labels, truncation, file order as Keras."""
import numpy as np
import pytest

from keras_lite.utils import text_dataset_from_directory


@pytest.fixture
def folder(tmp_path):
    for label, texts in (("neg", ["awful", "dull film"]), ("pos", ["great", "loved it", "fine ✓"])):
        (tmp_path / label).mkdir()
        for i, text in enumerate(texts):
            (tmp_path / label / f"{i}.txt").write_text(text, encoding="utf-8")
        (tmp_path / label / "skip.csv").write_text("x")
    return tmp_path


def test_texts_and_labels(folder, capsys):
    dataset = text_dataset_from_directory(folder, batch_size=10, shuffle=False)
    texts, labels = dataset[0]
    assert texts.dtype == object and texts.tolist() == ["awful", "dull film", "great", "loved it", "fine ✓"]
    assert labels.tolist() == [0, 0, 1, 1, 1] and labels.dtype == np.int32 and dataset.class_names == ["neg", "pos"]
    assert "Found 5 files belonging to 2 classes." in capsys.readouterr().out
    texts, labels = text_dataset_from_directory(folder, max_length=4, label_mode="binary", shuffle=False,
                                                verbose=False)[0]
    assert texts.tolist()[1] == "dull" and labels.shape == (5, 1)
    single = text_dataset_from_directory(folder, labels=None, batch_size=None, shuffle=False, verbose=False)
    assert single[0] == "awful" and len(single) == 5


def test_split_and_order_as_keras(folder):
    keras_dataset_utils = pytest.importorskip("keras.src.utils.dataset_utils")
    train, validation = text_dataset_from_directory(folder, validation_split=0.4, subset="both", seed=4,
                                                    verbose=False)
    paths, _, _ = keras_dataset_utils.index_directory(str(folder), "inferred", (".txt",), seed=4, verbose=False)
    assert train.file_paths + validation.file_paths == paths and len(validation.file_paths) == 2


def test_errors(folder):
    with pytest.raises(ValueError, match="format"):
        text_dataset_from_directory(folder, format="grain2")
    with pytest.raises(ValueError, match="label_mode"):
        text_dataset_from_directory(folder, label_mode="onehot")
    (folder / "meh").mkdir()
    with pytest.raises(ValueError, match="exactly 2 classes"):
        text_dataset_from_directory(folder, label_mode="binary", verbose=False)
