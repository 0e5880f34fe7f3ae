"""The word-index sequence processing imdb and reuters share (the same steps, in the same order, as Keras)."""
import numpy as np


def shift_indices(sequences, start_char, index_from):
    """Add `index_from` to every word index and put `start_char` (unless None) in front of each sequence."""
    head = [] if start_char is None else [start_char]
    return [head + [int(w) + index_from for w in x] for x in sequences]


def drop_long(maxlen, sequences, labels):
    """Only the sequences shorter than `maxlen`, with their labels."""
    kept = [i for i, x in enumerate(sequences) if len(x) < maxlen]
    return [sequences[i] for i in kept], np.asarray(labels)[kept]


def limit_vocabulary(sequences, num_words, skip_top, oov_char):
    """Indices outside [skip_top, num_words) become `oov_char`, or are dropped when it is None.

    `num_words` defaults to the largest index present, which itself then falls outside (as in Keras).
    """
    if not num_words:
        num_words = max((max(x) for x in sequences if x), default=0)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in sequences]
    return [[w for w in x if skip_top <= w < num_words] for x in sequences]


def object_array(sequences):
    """A 1-D object array holding one list per sequence (never a 2-D array, even when lengths agree)."""
    out = np.empty(len(sequences), dtype=object)
    for i, sequence in enumerate(sequences):
        out[i] = sequence
    return out


def shuffled(rng, *arrays):
    """The arrays reordered by one permutation drawn from `rng` (RandomState.shuffle, as Keras draws it)."""
    indices = np.arange(len(arrays[0]))
    rng.shuffle(indices)
    return tuple(a[indices] for a in arrays)
