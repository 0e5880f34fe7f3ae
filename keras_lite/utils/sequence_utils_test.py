"""pad_sequences against hand-written expectations and Keras 3."""
import numpy as np
import pytest

from keras_lite.utils import pad_sequences

SEQUENCES = [[1, 2, 3], [4, 5], [6], []]


def test_pre_and_post():
    assert pad_sequences(SEQUENCES).tolist() == [[1, 2, 3], [0, 4, 5], [0, 0, 6], [0, 0, 0]]
    assert pad_sequences(SEQUENCES, padding="post", value=-1).tolist() == [[1, 2, 3], [4, 5, -1], [6, -1, -1],
                                                                            [-1, -1, -1]]
    assert pad_sequences(SEQUENCES, maxlen=2).tolist() == [[2, 3], [4, 5], [0, 6], [0, 0]]
    assert pad_sequences(SEQUENCES, maxlen=2, truncating="post").tolist()[0] == [1, 2]
    assert pad_sequences(SEQUENCES).dtype == np.int32
    assert pad_sequences([[1.5], [2.5, 3.5]], dtype="float32").tolist() == [[0, 1.5], [2.5, 3.5]]
    assert pad_sequences([]).shape == (0, 0)


def test_element_shapes_and_strings():
    out = pad_sequences([np.ones((2, 3)), np.ones((1, 3))], dtype="float32")
    assert out.shape == (2, 2, 3) and out[1, 0].tolist() == [0, 0, 0]
    assert pad_sequences([["a", "b"], ["c"]], dtype=object, value="").tolist() == [["a", "b"], ["", "c"]]
    with pytest.raises(ValueError, match="dtype=object"):
        pad_sequences([["a"]], value="")
    with pytest.raises(ValueError, match=r"sequences\[1\]"):
        pad_sequences([np.ones((1, 3)), np.ones((1, 2))])


def test_bad_arguments():
    with pytest.raises(ValueError, match="padding"):
        pad_sequences(SEQUENCES, padding="middle")
    with pytest.raises(ValueError, match="truncating"):
        pad_sequences(SEQUENCES, truncating="middle")
    with pytest.raises(ValueError, match=r"sequences\[1\] is 5"):
        pad_sequences([[1], 5])
    with pytest.raises(ValueError, match="list of sequences"):
        pad_sequences(5)


@pytest.mark.parametrize("kwargs", [{}, {"maxlen": 2, "padding": "post"}, {"maxlen": 4, "truncating": "post"},
                                    {"dtype": "float32", "value": 0.5}])
def test_matches_keras(kwargs):
    keras_utils = pytest.importorskip("keras.src.utils.sequence_utils")
    assert np.array_equal(pad_sequences(SEQUENCES, **kwargs), keras_utils.pad_sequences(SEQUENCES, **kwargs))
