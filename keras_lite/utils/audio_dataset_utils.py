"""audio_dataset_from_directory: labelled batches of 16-bit PCM .wav files from one folder per class."""
import wave

import numpy as np

from keras_lite.utils import _directory_index as index
from keras_lite.utils.batch_dataset import BatchDataset

AUDIO_FORMATS = (".wav",)


def audio_dataset_from_directory(directory, labels="inferred", label_mode="int", class_names=None, batch_size=32,
                                 sampling_rate=None, output_sequence_length=None, ragged=False, shuffle=True,
                                 seed=None, validation_split=None, subset=None, follow_links=False, verbose=True):
    """Batches `(audio, labels)` of the .wav files under `directory`, one subfolder per class.

    Audio is float32 in [-1, 1), shaped (batch, samples, channels): cut or zero-padded to
    `output_sequence_length`, else zero-padded to the longest clip of the batch. Labels are as in
    image_dataset_from_directory; `subset="both"` returns (training, validation).

    Keras returns a tf.data.Dataset; keras_lite returns a BatchDataset (a PyDataset of NumPy batches,
    with `class_names` and `file_paths`). Resampling (`sampling_rate`) and `ragged` batches are not
    offered: they raise NotImplementedError.
    """
    builder = "audio_dataset_from_directory"
    index.check_arguments(builder, labels, label_mode, class_names, validation_split, subset, shuffle, seed)
    if ragged and output_sequence_length is not None:
        raise ValueError(f"{builder}: set at most one of `ragged` and `output_sequence_length`.")
    if sampling_rate is not None:
        if isinstance(sampling_rate, bool) or not isinstance(sampling_rate, int) or sampling_rate <= 0:
            raise ValueError(f"{builder}: `sampling_rate` must be a positive integer; got {sampling_rate!r}.")
        raise NotImplementedError(f"{builder}: keras_lite does not resample audio (`sampling_rate`); resample the "
                                  "files beforehand and pass sampling_rate=None.")
    if ragged:
        raise NotImplementedError(f"{builder}: keras_lite has no ragged tensors (`ragged=True`); use "
                                  "`output_sequence_length` or the default padding to the longest clip.")
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    if seed is None:
        seed = np.random.randint(1_000_000)
    paths, labels, class_names = index.index_directory(directory, labels, AUDIO_FORMATS, class_names, shuffle, seed,
                                                       follow_links, verbose)
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(f"{builder}: label_mode='binary' needs exactly 2 classes; got class_names={class_names}.")
    datasets = []
    for part_paths, part_labels, training in index.subsets(builder, directory, AUDIO_FORMATS, paths, labels,
                                                           validation_split, subset):
        encoded = None if label_mode is None else index.encode_labels(part_labels, label_mode, len(class_names))

        def read(indices, part_paths=part_paths, encoded=encoded):
            audio = _pad([read_wav(part_paths[i], output_sequence_length) for i in indices])
            return audio if encoded is None else (audio, encoded[indices])

        dataset = BatchDataset(read, len(part_paths), batch_size, shuffle=shuffle and training, seed=seed)
        dataset.class_names = class_names
        dataset.file_paths = part_paths
        datasets.append(dataset)
    return tuple(datasets) if subset == "both" else datasets[0]


def read_wav(path, length=None):
    """A 16-bit PCM .wav file as float32 (samples, channels) in [-1, 1), cut or zero-padded to `length`."""
    with wave.open(path, "rb") as f:
        if f.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM .wav files are read; this one has "
                             f"{8 * f.getsampwidth()}-bit samples.")
        channels = f.getnchannels()
        frames = np.frombuffer(f.readframes(f.getnframes()), "<i2").reshape(-1, channels)
    audio = frames.astype("float32") / 32768.0
    if length is not None:
        audio = np.pad(audio[:length], ((0, max(length - len(audio), 0)), (0, 0)))
    return audio


def _pad(clips):
    """Zero-pad clips at the end to the longest one and stack them."""
    longest = max(len(clip) for clip in clips)
    return np.stack([np.pad(clip, ((0, longest - len(clip)), (0, 0))) for clip in clips])
