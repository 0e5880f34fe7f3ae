"""California housing prices: 20,640 districts, 8 features each, the median house value as target."""
from keras_lite.datasets._housing_split import shuffled_split
from keras_lite.datasets._origins import TF_KERAS_DATASETS
from keras_lite.utils.file_utils import get_file

_HASH = "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f"


def load_data(version="large", path="california_housing.npz", test_split=0.2, seed=113):
    """`(x_train, y_train), (x_test, y_test)`: features (n, 8) and targets (n,) as stored in the file, shuffled with
    `seed`; the last `test_split` form the test split. `version="small"` keeps the first 600 districts."""
    if not 0 <= test_split < 1:
        raise ValueError(f"california_housing.load_data: `test_split` must be in [0, 1); got {test_split!r}.")
    if version not in ("small", "large"):
        raise ValueError(f"california_housing.load_data: `version` must be 'small' or 'large'; got {version!r}.")
    path = get_file(path, origin=TF_KERAS_DATASETS + "california_housing.npz", file_hash=_HASH)
    return shuffled_split(path, test_split, seed, limit=600 if version == "small" else None)
