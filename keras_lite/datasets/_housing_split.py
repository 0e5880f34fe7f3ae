"""The seeded train/test split boston_housing and california_housing share."""
import numpy as np


def shuffled_split(path, test_split, seed, limit=None):
    """`(x_train, y_train), (x_test, y_test)` from the `x`, `y` arrays of an .npz file (the first `limit`
    rows if given), shuffled with `seed`; the last `test_split` of the rows are the test split."""
    with np.load(path, allow_pickle=False) as f:
        x, y = f["x"][:limit], f["y"][:limit]
    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x, y = x[indices], y[indices]
    split = int(len(x) * (1 - test_split))
    return (x[:split], y[:split]), (x[split:], y[split:])
