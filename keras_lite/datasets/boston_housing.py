"""Boston housing prices: 506 houses, 13 features each, the median value (in $1000s) as target."""
from keras_lite.datasets._housing_split import shuffled_split
from keras_lite.datasets._origins import TF_KERAS_DATASETS
from keras_lite.utils.file_utils import get_file

_HASH = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """`(x_train, y_train), (x_test, y_test)`: features (n, 13) and targets (n,) as stored in the file,
    shuffled with `seed`; the last `test_split` of the houses form the test split."""
    if not 0 <= test_split < 1:
        raise ValueError(f"boston_housing.load_data: `test_split` must be in [0, 1); got {test_split!r}.")
    path = get_file(path, origin=TF_KERAS_DATASETS + "boston_housing.npz", file_hash=_HASH)
    return shuffled_split(path, test_split, seed)
