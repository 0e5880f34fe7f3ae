"""Reading CIFAR's batch files: Python 2 pickles of {b"data": uint8 (n, 3072), b"labels": [...], ...}."""
import numpy as np

from keras_lite.backends.common import config
from keras_lite.datasets._restricted_pickle import load_pickle


def load_batch(fpath, label_key="labels"):
    """(images uint8 (n, 3, 32, 32), labels list) of one batch file."""
    batch = {key.decode("utf8") if isinstance(key, bytes) else key: value
             for key, value in load_pickle(fpath, encoding="bytes").items()}
    if "data" not in batch or label_key not in batch:
        raise ValueError(f"{fpath} is not a CIFAR batch: it has no 'data' or {label_key!r} entry.")
    data = np.asarray(batch["data"])
    return data.reshape(len(data), 3, 32, 32), batch[label_key]


def to_image_layout(x):
    """(n, 3, 32, 32) to (n, 32, 32, 3) unless the image data format is channels_first."""
    return x.transpose(0, 2, 3, 1) if config.image_data_format() == "channels_last" else x
