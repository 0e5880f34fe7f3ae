"""pad_sequences: variable-length sequences to one (num_samples, maxlen, ...) array."""
import numpy as np


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre", value=0.0):
    """Pad (or cut) every sequence to `maxlen` (default: the longest), at the start ('pre') or end ('post').

    Each element of a sequence may itself be an array (all of one shape), giving
    `(num_samples, maxlen) + element_shape`. Strings need `dtype=object` (or a string dtype).
    """
    if padding not in ("pre", "post"):
        raise ValueError(f"pad_sequences: `padding` must be 'pre' or 'post'; got {padding!r}.")
    if truncating not in ("pre", "post"):
        raise ValueError(f"pad_sequences: `truncating` must be 'pre' or 'post'; got {truncating!r}.")
    if not hasattr(sequences, "__len__"):
        raise ValueError(f"pad_sequences: `sequences` must be a list of sequences; got {type(sequences).__name__}.")
    lengths, element_shape = [], None
    for i, sequence in enumerate(sequences):
        if not hasattr(sequence, "__len__"):
            raise ValueError(f"pad_sequences: sequences[{i}] is {sequence!r}, not a sequence.")
        lengths.append(len(sequence))
        if element_shape is None and len(sequence):
            element_shape = np.asarray(sequence).shape[1:]
    element_shape = element_shape or ()
    if maxlen is None:
        maxlen = max(lengths, default=0)
    is_text_dtype = np.issubdtype(np.dtype(dtype), np.str_) or np.issubdtype(np.dtype(dtype), np.bytes_)
    if isinstance(value, str) and dtype is not object and not is_text_dtype:
        raise ValueError(f"pad_sequences: the padding value {value!r} is a string but dtype is {dtype!r}; "
                         "use dtype=object for variable-length strings.")
    out = np.full((len(lengths), maxlen) + element_shape, value, dtype=dtype)
    for i, sequence in enumerate(sequences):
        if not len(sequence) or not maxlen:
            continue
        kept = np.asarray(sequence[-maxlen:] if truncating == "pre" else sequence[:maxlen], dtype=dtype)
        if kept.shape[1:] != element_shape:
            raise ValueError(f"pad_sequences: the elements of sequences[{i}] have shape {kept.shape[1:]}, "
                             f"unlike the first non-empty sequence's {element_shape}.")
        if padding == "post":
            out[i, :len(kept)] = kept
        else:
            out[i, maxlen - len(kept):] = kept
    return out
