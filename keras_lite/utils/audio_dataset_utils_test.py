"""audio_dataset_from_directory: 16-bit PCM .wav files to padded float32 batches."""
import wave

import numpy as np
import pytest

from keras_lite.utils import audio_dataset_from_directory


def write_wav(path, samples, channels=1, width=2):
    with wave.open(str(path), "wb") as f:
        f.setnchannels(channels)
        f.setsampwidth(width)
        f.setframerate(8000)
        f.writeframes(np.asarray(samples, "<i2").tobytes() if width == 2 else bytes(len(samples)))


@pytest.fixture
def folder(tmp_path):
    for label, lengths in (("no", (3, 5)), ("yes", (4,))):
        (tmp_path / label).mkdir()
        for i, n in enumerate(lengths):
            write_wav(tmp_path / label / f"{i}.wav", np.full(n, 16384 * (1 if label == "yes" else -1)))
    return tmp_path


def test_padded_batches(folder):
    dataset = audio_dataset_from_directory(folder, shuffle=False, verbose=False)
    audio, labels = dataset[0]
    assert audio.shape == (3, 5, 1) and audio.dtype == np.float32 and labels.tolist() == [0, 0, 1]
    assert audio[0, :, 0].tolist() == [-0.5, -0.5, -0.5, 0, 0] and audio[2, 0, 0] == 0.5
    fixed = audio_dataset_from_directory(folder, output_sequence_length=4, shuffle=False, verbose=False)
    assert fixed[0][0].shape == (3, 4, 1) and dataset.class_names == ["no", "yes"]
    unlabelled = audio_dataset_from_directory(folder, label_mode=None, shuffle=False, verbose=False)
    assert unlabelled[0].shape == (3, 5, 1) and unlabelled.class_names is None
    train, validation = audio_dataset_from_directory(folder, validation_split=0.34, subset="both", seed=0,
                                                     verbose=False)
    assert len(train.file_paths) == 2 and len(validation.file_paths) == 1


def test_stereo(tmp_path):
    (tmp_path / "a").mkdir()
    write_wav(tmp_path / "a" / "s.wav", [0, 32767, -32768, 0], channels=2)
    audio = audio_dataset_from_directory(tmp_path, labels=None, verbose=False)[0]
    assert audio.shape == (1, 2, 2) and audio[0, 1, 0] == -1.0


def test_not_offered_and_bad_input(folder, tmp_path):
    with pytest.raises(NotImplementedError, match="ragged"):
        audio_dataset_from_directory(folder, ragged=True)
    with pytest.raises(NotImplementedError, match="sampling_rate"):
        audio_dataset_from_directory(folder, sampling_rate=16000)
    with pytest.raises(ValueError, match="positive integer"):
        audio_dataset_from_directory(folder, sampling_rate=-1)
    with pytest.raises(ValueError, match="at most one"):
        audio_dataset_from_directory(folder, ragged=True, output_sequence_length=3)
    (folder / "maybe").mkdir()
    with pytest.raises(ValueError, match="exactly 2 classes"):
        audio_dataset_from_directory(folder, label_mode="binary", verbose=False)
    (tmp_path / "b").mkdir()
    write_wav(tmp_path / "b" / "u8.wav", [0, 0], width=1)
    with pytest.raises(ValueError, match="16-bit"):
        audio_dataset_from_directory(tmp_path / "b", labels=None, verbose=False)[0]
