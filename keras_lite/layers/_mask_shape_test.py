"""The mask shape check: which shapes fit, with and without broadcasting, and the error it raises."""
import numpy as np
import pytest

from keras_lite.layers._mask_shape import check_mask_shape, fits
from keras_lite.layers.input_layer import Input
from keras_lite.layers.layer import Layer


@pytest.mark.parametrize("shape,expected,broadcast,min_rank,ok", [
    ((2, 3), (2, 3), False, 0, True),
    ((None, 3), (2, 3), False, 0, True),
    ((2, 3), (None, None), False, 0, True),
    ((2, 4), (2, 3), False, 0, False),
    ((1, 3), (2, 3), False, 0, False),  # no broadcasting unless asked
    ((3,), (2, 3), False, 0, False),
    ((2, 3, 1), (2, 3), False, 0, False),
    ((1, 3, 5), (2, 3, 5), True, 0, True),
    ((3, 5), (2, 3, 5), True, 2, True),
    ((5,), (2, 3, 5), True, 2, False),  # below min_rank
    ((2, 3, 4), (2, 3, 5), True, 0, False),
    ((1, 2, 3, 5), (2, 3, 5), True, 0, False),  # more dims than expected
])
def test_fits(shape, expected, broadcast, min_rank, ok):
    assert fits(shape, expected, broadcast, min_rank) is ok


def test_error_names_the_layer_the_argument_and_the_shapes():
    layer = Layer(name="lay")
    check_mask_shape(layer, "mask", Input((3,)), (None, 3), {"input": (None, 3, 4)})
    with pytest.raises(ValueError, match=r"Layer 'lay' \(Layer\): `mask` has shape \(None, 4\); with input shape "
                                         r"\(None, 3, 4\) it must have shape \(None, 3\)\."):
        check_mask_shape(layer, "mask", Input((4,)), (None, 3), {"input": (None, 3, 4)})
    with pytest.raises(ValueError, match=r"`attention_mask` has shape \(5,\); with query shape \(2, 3, 4\), value "
                                         r"shape \(2, 5, 4\) it must have a shape of rank >= 2 that broadcasts to "
                                         r"\(2, 3, 5\)\."):
        check_mask_shape(layer, "attention_mask", np.ones(5, bool), (2, 3, 5),
                         {"query": (2, 3, 4), "value": (2, 5, 4)}, broadcast=True, min_rank=2)
