"""IMDB movie reviews: 25,000 training and 25,000 test reviews as word-index sequences, sentiment 0/1."""
import json

import numpy as np

from keras_lite.datasets import _sequences
from keras_lite.datasets._origins import TF_KERAS_DATASETS
from keras_lite.datasets._restricted_pickle import load_npz
from keras_lite.utils.file_utils import get_file

_HASH = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
_WORD_INDEX_HASH = "bfafd718b763782e994055a2d397834f"


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
              index_from=3, **kwargs):
    """`(x_train, y_train), (x_test, y_test)`: object arrays of word-index lists and int labels.

    Word indices are shifted by `index_from` and each review starts with `start_char`; indices outside
    [skip_top, num_words) become `oov_char` (or are dropped when it is None); reviews of `maxlen` words or
    more are dropped. Both splits are shuffled with `seed`.
    """
    if kwargs:
        raise TypeError(f"imdb.load_data: unexpected keyword arguments {sorted(kwargs)}.")
    path = get_file(fname=path, origin=TF_KERAS_DATASETS + "imdb.npz", file_hash=_HASH)
    arrays = load_npz(path)
    rng = np.random.RandomState(seed)
    x_train, labels_train = _sequences.shuffled(rng, arrays["x_train"], arrays["y_train"])
    x_test, labels_test = _sequences.shuffled(rng, arrays["x_test"], arrays["y_test"])
    x_train = _sequences.shift_indices(x_train, start_char, index_from)
    x_test = _sequences.shift_indices(x_test, start_char, index_from)
    if maxlen:
        x_train, labels_train = _sequences.drop_long(maxlen, x_train, labels_train)
        x_test, labels_test = _sequences.drop_long(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(f"imdb.load_data: no review is shorter than maxlen={maxlen}; increase maxlen.")
    sequences = _sequences.limit_vocabulary(x_train + x_test, num_words, skip_top, oov_char)
    labels = np.concatenate([labels_train, labels_test])
    split = len(x_train)
    return ((_sequences.object_array(sequences[:split]), labels[:split]),
            (_sequences.object_array(sequences[split:]), labels[split:]))


def get_word_index(path="imdb_word_index.json"):
    """{word: index} of the IMDB vocabulary (indices before the `index_from` shift)."""
    path = get_file(fname=path, origin=TF_KERAS_DATASETS + "imdb_word_index.json", file_hash=_WORD_INDEX_HASH)
    with open(path) as f:
        return json.load(f)
