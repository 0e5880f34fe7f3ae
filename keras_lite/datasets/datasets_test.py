"""Every dataset loader: reads small files the tests write in the exact on-disk format into
$KERAS_HOME/datasets, returns Keras's shapes, dtypes and values, asks get_file for the same file names,
URLs and hashes as Keras 3 (the oracle), and fails clearly offline. Nothing touches the network."""
import gzip
import hashlib
import inspect
import io
import json
import os
import pickle
import struct
import tarfile
import urllib.error

import numpy as np
import pytest

from keras_lite.backends.common import config
from keras_lite.datasets import (boston_housing, california_housing, cifar10, cifar100, fashion_mnist, imdb, mnist,
                                 reuters)
from keras_lite.utils import file_utils

LOADERS = {"mnist": mnist.load_data, "fashion_mnist": fashion_mnist.load_data, "cifar10": cifar10.load_data,
           "cifar100": cifar100.load_data, "imdb": imdb.load_data, "imdb_word_index": imdb.get_word_index,
           "reuters": reuters.load_data, "reuters_word_index": reuters.get_word_index,
           "boston_housing": boston_housing.load_data, "california_housing": california_housing.load_data}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """$KERAS_HOME/datasets of a fresh KERAS_HOME; downloads fail as if offline."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))

    def offline(url):
        raise urllib.error.URLError("network is unreachable")
    monkeypatch.setattr(file_utils, "urlopen", offline)
    (tmp_path / "datasets").mkdir()
    return tmp_path / "datasets"


def accept(monkeypatch, module, path, attribute="_HASH"):
    """Make `module` expect the hash of the test's small file instead of the published one."""
    monkeypatch.setattr(module, attribute, hashlib.sha256(open(path, "rb").read()).hexdigest())


def ragged(rng, count, vocabulary=30):
    out = np.empty(count, dtype=object)
    for i in range(count):
        out[i] = [int(w) for w in rng.randint(1, vocabulary, size=3 + i % 5)]
    return out


class Py2Pickler(pickle._Pickler):
    """Writes str and bytes as Python 2 strings, with NumPy 1.x's global names: CIFAR's batch files were
    written this way (by cPickle under Python 2)."""
    dispatch = pickle._Pickler.dispatch.copy()

    def save_py2_str(self, obj):
        data = obj.encode("latin1") if isinstance(obj, str) else obj
        if len(data) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(data)]) + data)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(data)) + data)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str
    dispatch[str] = save_py2_str


def py2_pickle(obj):
    buffer = io.BytesIO()
    Py2Pickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue().replace(b"cnumpy._core.multiarray\n_reconstruct\n", b"cnumpy.core.multiarray\n_reconstruct\n")


def write_tar_gz(path, files):
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))


def cifar_batch(rng, n, **labels):
    return {"batch_label": "testing batch", "data": rng.randint(0, 256, (n, 3072)).astype("uint8"),
            "filenames": [f"img_{i}.png" for i in range(n)], **labels}


# ---------------------------------------------------------------- loaders on small files


def test_mnist(cache, monkeypatch):
    rng = np.random.RandomState(0)
    arrays = {"x_train": rng.randint(0, 256, (5, 28, 28)).astype("uint8"), "y_train": np.arange(5, dtype="uint8"),
              "x_test": rng.randint(0, 256, (3, 28, 28)).astype("uint8"), "y_test": np.arange(3, dtype="uint8")}
    np.savez(cache / "mnist.npz", **arrays)
    accept(monkeypatch, mnist, cache / "mnist.npz")
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    for got, name in ((x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"), (y_test, "y_test")):
        assert got.dtype == np.uint8 and np.array_equal(got, arrays[name])
    assert x_train.shape == (5, 28, 28) and y_test.shape == (3,)


def test_fashion_mnist_reads_gzipped_idx_files(cache):
    folder = cache / "fashion-mnist"
    folder.mkdir()
    rng = np.random.RandomState(1)
    images = {"train": rng.randint(0, 256, (4, 28, 28)).astype("uint8"),
              "t10k": rng.randint(0, 256, (2, 28, 28)).astype("uint8")}
    labels = {"train": np.array([9, 0, 3, 1], "uint8"), "t10k": np.array([5, 7], "uint8")}
    for split in ("train", "t10k"):
        n = len(labels[split])
        with gzip.open(folder / f"{split}-labels-idx1-ubyte.gz", "wb") as f:
            f.write(struct.pack(">II", 0x801, n) + labels[split].tobytes())
        with gzip.open(folder / f"{split}-images-idx3-ubyte.gz", "wb") as f:
            f.write(struct.pack(">IIII", 0x803, n, 28, 28) + images[split].tobytes())
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    assert x_train.dtype == y_train.dtype == np.uint8 and x_train.shape == (4, 28, 28)
    assert np.array_equal(x_train, images["train"]) and np.array_equal(y_test, labels["t10k"])
    assert np.array_equal(x_test, images["t10k"]) and np.array_equal(y_train, labels["train"])
    x_train //= 2  # writable, unlike np.frombuffer's arrays


def test_fashion_mnist_refuses_a_file_that_is_not_idx(cache):
    (cache / "fashion-mnist").mkdir()
    for name in fashion_mnist.FILES:
        with gzip.open(cache / "fashion-mnist" / name, "wb") as f:
            f.write(b"<html>not found</html>")
    with pytest.raises(ValueError, match="not an IDX file"):
        fashion_mnist.load_data()
    with gzip.open(cache / "fashion-mnist" / fashion_mnist.FILES[0], "wb") as f:
        f.write(struct.pack(">II", 0x801, 5) + b"\x01\x02")  # announces 5 labels, holds 2
    with pytest.raises(ValueError, match=r"announces shape \(5,\) but 2 values follow"):
        fashion_mnist.load_data()


def write_cifar10(cache, rng, sizes=(2, 3, 1, 2, 2), test_size=3):
    batches = {f"cifar-10-batches-py/data_batch_{i + 1}": cifar_batch(rng, n, labels=list(rng.randint(0, 10, n)))
               for i, n in enumerate(sizes)}
    batches["cifar-10-batches-py/test_batch"] = cifar_batch(rng, test_size, labels=list(rng.randint(0, 10, test_size)))
    for batch in batches.values():
        batch["labels"] = [int(v) for v in batch["labels"]]
    write_tar_gz(cache / "cifar-10-batches-py-target_archive", {k: py2_pickle(v) for k, v in batches.items()})
    return batches


def test_cifar10_from_a_python2_pickled_archive(cache, monkeypatch):
    batches = write_cifar10(cache, np.random.RandomState(2))
    accept(monkeypatch, cifar10, cache / "cifar-10-batches-py-target_archive")
    (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    assert x_train.shape == (10, 32, 32, 3) and x_test.shape == (3, 32, 32, 3)
    assert y_train.shape == (10, 1) and y_test.shape == (3, 1)
    assert x_train.dtype == y_train.dtype == x_test.dtype == y_test.dtype == np.uint8
    first = batches["cifar-10-batches-py/data_batch_1"]
    assert np.array_equal(x_train[0], first["data"][0].reshape(3, 32, 32).transpose(1, 2, 0))
    assert y_train[:2, 0].tolist() == first["labels"]
    assert y_test[:, 0].tolist() == batches["cifar-10-batches-py/test_batch"]["labels"]
    assert os.path.isdir(cache / "cifar-10-batches-py-target" / "cifar-10-batches-py")
    config.set_image_data_format("channels_first")
    try:
        (x_first, _), _ = cifar10.load_data()
    finally:
        config.set_image_data_format("channels_last")
    assert x_first.shape == (10, 3, 32, 32) and np.array_equal(x_first[0], first["data"][0].reshape(3, 32, 32))


def test_cifar100_fine_and_coarse_labels(cache, monkeypatch):
    rng = np.random.RandomState(3)
    batches = {name: cifar_batch(rng, n, fine_labels=[int(v) for v in rng.randint(0, 100, n)],
                                 coarse_labels=[int(v) for v in rng.randint(0, 20, n)])
               for name, n in (("train", 4), ("test", 2))}
    write_tar_gz(cache / "cifar-100-python-target_archive",
                 {f"cifar-100-python/{name}": py2_pickle(batch) for name, batch in batches.items()})
    accept(monkeypatch, cifar100, cache / "cifar-100-python-target_archive")
    (x_train, y_train), (x_test, y_test) = cifar100.load_data()
    assert x_train.shape == (4, 32, 32, 3) and x_train.dtype == np.uint8 and y_train.dtype == np.int64
    assert y_train[:, 0].tolist() == batches["train"]["fine_labels"] and y_test.shape == (2, 1)
    (_, y_coarse), _ = cifar100.load_data(label_mode="coarse")
    assert y_coarse[:, 0].tolist() == batches["train"]["coarse_labels"]
    with pytest.raises(ValueError, match="label_mode"):
        cifar100.load_data(label_mode="medium")


def test_cifar_refuses_a_pickle_that_is_not_a_batch(cache, monkeypatch):
    write_tar_gz(cache / "cifar-10-batches-py-target_archive",
                 {f"cifar-10-batches-py/data_batch_{i}": py2_pickle({"pixels": [1]}) for i in range(1, 6)})
    accept(monkeypatch, cifar10, cache / "cifar-10-batches-py-target_archive")
    with pytest.raises(ValueError, match="data_batch_1 is not a CIFAR batch"):
        cifar10.load_data()


def test_cifar_refuses_a_malicious_batch(cache, monkeypatch):
    class Evil:
        def __reduce__(self):
            return os.system, ("echo pwned",)
    write_tar_gz(cache / "cifar-10-batches-py-target_archive",
                 {f"cifar-10-batches-py/data_batch_{i}": py2_pickle({"data": Evil(), "labels": []})
                  for i in range(1, 6)})
    accept(monkeypatch, cifar10, cache / "cifar-10-batches-py-target_archive")
    with pytest.raises(pickle.UnpicklingError, match="system"):
        cifar10.load_data()


def write_imdb(cache, monkeypatch):
    rng = np.random.RandomState(4)
    np.savez(cache / "imdb.npz", x_train=ragged(rng, 6), y_train=rng.randint(0, 2, 6),
             x_test=ragged(rng, 5), y_test=rng.randint(0, 2, 5))
    accept(monkeypatch, imdb, cache / "imdb.npz")
    return cache / "imdb.npz"


def test_imdb_sequences(cache, monkeypatch):
    write_imdb(cache, monkeypatch)
    (x_train, y_train), (x_test, y_test) = imdb.load_data()
    assert x_train.dtype == object and x_train.shape == (6,) and x_test.shape == (5,)
    assert all(isinstance(x, list) and x[0] == 1 for x in x_train)  # start_char
    assert y_train.shape == (6,) and y_test.shape == (5,)
    (x_small, _), _ = imdb.load_data(num_words=10, oov_char=2)
    assert max(max(x) for x in x_small) < 10
    (x_short, _), _ = imdb.load_data(maxlen=5)  # two reviews of 4 words: still one list per row, not 2-D
    assert x_short.shape == (2,) and [len(x) for x in x_short] == [4, 4]
    with pytest.raises(ValueError, match="maxlen"):
        imdb.load_data(maxlen=1)
    with pytest.raises(TypeError, match="nb_words"):
        imdb.load_data(nb_words=10)


def write_reuters(cache, monkeypatch):
    rng = np.random.RandomState(5)
    np.savez(cache / "reuters.npz", x=ragged(rng, 10), y=rng.randint(0, 46, 10))
    accept(monkeypatch, reuters, cache / "reuters.npz")


def test_reuters_sequences_and_label_names(cache, monkeypatch):
    write_reuters(cache, monkeypatch)
    (x_train, y_train), (x_test, y_test) = reuters.load_data(test_split=0.3)
    assert x_train.shape == (7,) and x_test.shape == (3,) and x_train.dtype == object
    assert y_train.shape == (7,) and y_test.shape == (3,)
    assert len(reuters.get_label_names()) == 46 and reuters.get_label_names()[3] == "earn"


def test_word_indexes(cache, monkeypatch):
    for module, name in ((imdb, "imdb_word_index.json"), (reuters, "reuters_word_index.json")):
        (cache / name).write_text(json.dumps({"the": 1, "movie": 17}))
        monkeypatch.setattr(module, "_WORD_INDEX_HASH", hashlib.md5((cache / name).read_bytes()).hexdigest())
        assert module.get_word_index() == {"the": 1, "movie": 17}


def write_housing(cache, monkeypatch, module, name, features):
    rng = np.random.RandomState(6)
    x, y = rng.rand(20, features), rng.rand(20)
    np.savez(cache / name, x=x, y=y)
    accept(monkeypatch, module, cache / name)
    return x, y


def test_boston_housing_split(cache, monkeypatch):
    x, y = write_housing(cache, monkeypatch, boston_housing, "boston_housing.npz", 13)
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data(test_split=0.25)
    assert x_train.shape == (15, 13) and x_test.shape == (5, 13) and y_train.shape == (15,)
    assert x_train.dtype == x.dtype
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == sorted(y.tolist())
    with pytest.raises(ValueError, match="test_split"):
        boston_housing.load_data(test_split=1.0)


def test_california_housing_versions(cache, monkeypatch):
    write_housing(cache, monkeypatch, california_housing, "california_housing.npz", 8)
    (x_train, _), (x_test, _) = california_housing.load_data()
    assert x_train.shape == (16, 8) and x_test.shape == (4, 8)
    (x_train, _), _ = california_housing.load_data(version="small", test_split=0.5)
    assert x_train.shape == (10, 8)
    with pytest.raises(ValueError, match="version"):
        california_housing.load_data(version="medium")
    with pytest.raises(ValueError, match="test_split"):
        california_housing.load_data(test_split=-0.1)


# ---------------------------------------------------------------- offline and the Keras oracle


EXPECTED_FILES = {
    "mnist": ("mnist.npz", "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"),
    "fashion_mnist": (os.path.join("fashion-mnist", "train-labels-idx1-ubyte.gz"),
                      "https://storage.googleapis.com/tensorflow/tf-keras-datasets/train-labels-idx1-ubyte.gz"),
    "cifar10": ("cifar-10-batches-py-target_archive", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"),
    "cifar100": ("cifar-100-python-target_archive", "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"),
    "imdb": ("imdb.npz", "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"),
    "imdb_word_index": ("imdb_word_index.json",
                        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"),
    "reuters": ("reuters.npz", "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz"),
    "reuters_word_index": ("reuters_word_index.json",
                           "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters_word_index.json"),
    "boston_housing": ("boston_housing.npz",
                       "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz"),
    "california_housing": ("california_housing.npz",
                           "https://storage.googleapis.com/tensorflow/tf-keras-datasets/california_housing.npz"),
}


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_absent_file_offline_names_url_and_cache_path(cache, name):
    relative, url = EXPECTED_FILES[name]
    with pytest.raises(OSError) as error:
        LOADERS[name]()
    assert url in str(error.value) and str(cache / relative) in str(error.value)
    assert "network is unreachable" in str(error.value)


KERAS_MODULES = {"mnist": "mnist", "fashion_mnist": "fashion_mnist", "cifar10": "cifar10", "cifar100": "cifar100",
                 "imdb": "imdb", "imdb_word_index": "imdb", "reuters": "reuters", "reuters_word_index": "reuters",
                 "boston_housing": "boston_housing", "california_housing": "california_housing"}


class Asked(Exception):
    pass


def get_file_calls(monkeypatch, module, call):
    """The get_file arguments `call` passes, as a {parameter: value} dict per call (stopping at the first)."""
    calls = []

    def record(*args, **kwargs):
        bound = inspect.signature(file_utils.get_file).bind(*args, **kwargs)
        bound.apply_defaults()
        calls.append(dict(bound.arguments))
        raise Asked
    monkeypatch.setattr(module, "get_file", record)
    with pytest.raises(Asked):
        call()
    return calls


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_same_files_urls_and_hashes_as_keras(cache, monkeypatch, name):
    keras_module = pytest.importorskip(f"keras.src.datasets.{KERAS_MODULES[name]}")
    ours_module = inspect.getmodule(LOADERS[name])
    function = LOADERS[name].__name__
    ours = get_file_calls(monkeypatch, ours_module, LOADERS[name])
    theirs = get_file_calls(monkeypatch, keras_module, getattr(keras_module, function))
    assert ours == theirs


def keras_oracle(monkeypatch, module_name, path):
    """Keras 3's loader of `module_name`, reading `path` instead of downloading."""
    keras_module = pytest.importorskip(f"keras.src.datasets.{module_name}")
    monkeypatch.setattr(keras_module, "get_file", lambda *args, **kwargs: str(path))
    return keras_module


def assert_same(ours, theirs):
    assert type(ours) is type(theirs)
    if isinstance(ours, tuple):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert_same(a, b)
    else:  # Keras stacks equal-length sequences into a 2-D object array; keras_lite keeps one list per row
        assert ours.dtype == theirs.dtype and len(ours) == len(theirs)
        assert ours.shape == theirs.shape or (ours.dtype == object and ours.ndim == 1)
        assert [np.asarray(v).tolist() for v in ours] == [np.asarray(v).tolist() for v in theirs]


@pytest.mark.parametrize("kwargs", [{}, {"num_words": 12, "skip_top": 2}, {"maxlen": 6, "seed": 7},
                                    {"start_char": None, "oov_char": None, "num_words": 15},
                                    {"start_char": None, "index_from": 0}])
def test_imdb_and_reuters_match_keras(cache, monkeypatch, kwargs):
    imdb_path = write_imdb(cache, monkeypatch)
    assert_same(imdb.load_data(**kwargs), keras_oracle(monkeypatch, "imdb", imdb_path).load_data(**kwargs))
    write_reuters(cache, monkeypatch)
    assert_same(reuters.load_data(**kwargs),
                keras_oracle(monkeypatch, "reuters", cache / "reuters.npz").load_data(**kwargs))
    assert reuters.get_label_names() == keras_oracle(monkeypatch, "reuters", None).get_label_names()


def test_numeric_datasets_match_keras(cache, monkeypatch):
    write_housing(cache, monkeypatch, boston_housing, "boston_housing.npz", 13)
    oracle = keras_oracle(monkeypatch, "boston_housing", cache / "boston_housing.npz")
    assert_same(boston_housing.load_data(seed=3), oracle.load_data(seed=3))
    write_housing(cache, monkeypatch, california_housing, "california_housing.npz", 8)
    oracle = keras_oracle(monkeypatch, "california_housing", cache / "california_housing.npz")
    assert_same(california_housing.load_data(version="small"), oracle.load_data(version="small"))
    np.savez(cache / "mnist.npz", x_train=np.zeros((2, 28, 28), "uint8"), y_train=np.ones(2, "uint8"),
             x_test=np.zeros((1, 28, 28), "uint8"), y_test=np.ones(1, "uint8"))
    accept(monkeypatch, mnist, cache / "mnist.npz")
    assert_same(mnist.load_data(), keras_oracle(monkeypatch, "mnist", cache / "mnist.npz").load_data())


def test_cifar_batches_read_as_keras_reads_them(cache):
    keras_cifar = pytest.importorskip("keras.src.datasets.cifar")
    batch = cifar_batch(np.random.RandomState(8), 3, labels=[1, 2, 3])
    (cache / "batch").write_bytes(py2_pickle(batch))
    from keras_lite.datasets._cifar import load_batch
    ours, theirs = load_batch(str(cache / "batch")), keras_cifar.load_batch(str(cache / "batch"))
    assert np.array_equal(ours[0], theirs[0]) and ours[0].dtype == theirs[0].dtype and ours[1] == theirs[1]
