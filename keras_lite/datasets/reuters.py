"""Reuters newswires: 11,228 word-index sequences labelled with 46 topics, split into train and test."""
import json

import numpy as np

from keras_lite.datasets import _sequences
from keras_lite.datasets._origins import TF_KERAS_DATASETS
from keras_lite.datasets._restricted_pickle import load_npz
from keras_lite.utils.file_utils import get_file

_HASH = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
_WORD_INDEX_HASH = "4d44cc38712099c9e383dc6e5f11a921"
_LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee", "sugar",
    "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp",
    "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi", "iron-steel",
    "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog",
    "lead",
)


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113, start_char=1,
              oov_char=2, index_from=3):
    """`(x_train, y_train), (x_test, y_test)`: object arrays of word-index lists and int topic labels.

    The newswires are shuffled with `seed`, processed as in imdb.load_data, and the last `test_split`
    of them form the test split.
    """
    path = get_file(fname=path, origin=TF_KERAS_DATASETS + "reuters.npz", file_hash=_HASH)
    arrays = load_npz(path)
    xs, labels = _sequences.shuffled(np.random.RandomState(seed), arrays["x"], arrays["y"])
    xs = _sequences.shift_indices(xs, start_char, index_from)
    if maxlen:
        xs, labels = _sequences.drop_long(maxlen, xs, labels)
    xs = _sequences.limit_vocabulary(xs, num_words, skip_top, oov_char)
    split = int(len(xs) * (1 - test_split))
    return ((_sequences.object_array(xs[:split]), np.array(labels[:split])),
            (_sequences.object_array(xs[split:]), np.array(labels[split:])))


def get_word_index(path="reuters_word_index.json"):
    """{word: index} of the Reuters vocabulary (indices before the `index_from` shift)."""
    path = get_file(path, origin=TF_KERAS_DATASETS + "reuters_word_index.json", file_hash=_WORD_INDEX_HASH)
    with open(path) as f:
        return json.load(f)


def get_label_names():
    """The 46 topic names, in label order."""
    return _LABEL_NAMES
