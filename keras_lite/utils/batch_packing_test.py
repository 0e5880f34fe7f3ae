"""pack_x_y_sample_weight is undone by unpack_x_y_sample_weight."""
from keras_lite.utils import pack_x_y_sample_weight, unpack_x_y_sample_weight


def test_round_trip():
    assert pack_x_y_sample_weight(1) == 1
    assert pack_x_y_sample_weight((1, 2)) == ((1, 2),)
    assert pack_x_y_sample_weight(1, 2) == (1, 2) and pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)
    for args in ((1,), ((1, 2),), (1, 2), (1, 2, 3)):
        packed = pack_x_y_sample_weight(*args)
        assert unpack_x_y_sample_weight(packed)[:len(args)] == args
