"""get_source_inputs walks back to the graph inputs."""
import pytest

import keras_lite as keras
from keras_lite.utils import get_source_inputs


def test_sources_of_a_multi_input_graph():
    a, b, unused = keras.Input((2,), name="a"), keras.Input((2,), name="b"), keras.Input((2,), name="c")
    hidden = keras.layers.Dense(3)(a)
    merged = keras.layers.Concatenate()([hidden, b, keras.layers.Dense(2)(a)])
    sources = get_source_inputs(merged)
    assert len(sources) == 2 and sources[0] is a and sources[1] is b
    assert get_source_inputs(a)[0] is a and get_source_inputs(unused) == [unused]
    loose = keras.KerasTensor((None, 2))
    assert get_source_inputs(loose) == [loose]


def test_non_symbolic_input_is_refused():
    with pytest.raises(TypeError, match="KerasTensor"):
        get_source_inputs([1.0])


def test_branching_graphs_are_walked_once_per_tensor():
    """40 residual joins make 2**40 paths back to the input; each tensor is visited once."""
    from keras_lite import layers, ops

    inputs = keras.Input((3,))
    x = inputs
    for _ in range(40):
        x = ops.add(x, layers.Identity()(x))
    sources = get_source_inputs(x)
    assert len(sources) == 1 and sources[0] is inputs
