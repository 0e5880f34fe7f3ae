import numpy as np
import pytest

from keras_lite import ops, regularizers

W = np.array([[1.0, -2.0], [3.0, 0.5]], "float32")


@pytest.mark.parametrize("reg,want", [
    (regularizers.L1(0.1), 0.1 * 6.5),
    (regularizers.L2(0.1), 0.1 * (1 + 4 + 9 + 0.25)),
    (regularizers.L1L2(0.1, 0.2), 0.1 * 6.5 + 0.2 * 14.25),
])
def test_penalties(reg, want):
    np.testing.assert_allclose(float(ops.convert_to_numpy(reg(W))), want, rtol=1e-6)


def test_orthogonal_regularizer_is_zero_for_orthogonal_rows_and_positive_otherwise():
    reg = regularizers.OrthogonalRegularizer(factor=1.0)
    np.testing.assert_allclose(float(ops.convert_to_numpy(reg(np.eye(3, dtype="float32")))), 0.0, atol=1e-7)
    assert float(ops.convert_to_numpy(reg(W))) > 0


def test_config_round_trip_and_get():
    for reg in (regularizers.L1(0.3), regularizers.L2(0.2), regularizers.L1L2(0.1, 0.4),
                regularizers.OrthogonalRegularizer(0.5, "columns")):
        again = regularizers.deserialize(regularizers.serialize(reg))
        assert type(again) is type(reg) and again.get_config() == reg.get_config()
    assert regularizers.get("l2").get_config() == {"l2": 0.01}
    assert regularizers.get(None) is None


def test_bad_arguments():
    with pytest.raises(ValueError, match="l2 must be a non-negative number"):
        regularizers.L2(-1)
    with pytest.raises(ValueError, match="Could not interpret regularizer"):
        regularizers.get("l3")
