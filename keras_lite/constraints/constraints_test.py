import numpy as np
import pytest

from keras_lite import constraints, ops

W = np.array([[3.0, 0.0], [4.0, 0.1]], "float32")  # column norms 5 and 0.1


def _np(x):
    return np.asarray(ops.convert_to_numpy(x), "float64")


def test_max_norm_rescales_only_large_columns():
    out = _np(constraints.MaxNorm(2.0)(W))
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [2.0, 0.1], rtol=1e-5)


def test_unit_norm_and_min_max_norm():
    np.testing.assert_allclose(np.linalg.norm(_np(constraints.UnitNorm()(W)), axis=0), [1, 1], rtol=1e-5)
    out = _np(constraints.MinMaxNorm(1.0, 2.0)(W))
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [2.0, 1.0], rtol=1e-5)
    half = _np(constraints.MinMaxNorm(1.0, 2.0, rate=0.5)(W))
    np.testing.assert_allclose(np.linalg.norm(half, axis=0), [3.5, 0.55], rtol=1e-5)


def test_non_neg():
    np.testing.assert_array_equal(_np(constraints.NonNeg()(np.array([-1.0, 2.0], "float32"))), [0, 2])


def test_config_round_trip_and_get():
    for c in (constraints.MaxNorm(3, axis=1), constraints.UnitNorm(1), constraints.MinMaxNorm(0.5, 2, 0.3, 0),
              constraints.NonNeg()):
        again = constraints.deserialize(constraints.serialize(c))
        assert type(again) is type(c) and again.get_config() == c.get_config()
    assert isinstance(constraints.get("non_neg"), constraints.NonNeg)
    with pytest.raises(ValueError, match="Could not interpret constraint"):
        constraints.get("positive")
