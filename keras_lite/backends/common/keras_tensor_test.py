import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends.common.keras_tensor import KerasTensor, any_symbolic, standardize_shape


def test_shape_dtype_and_repr():
    x = KerasTensor((None, 784))
    assert x.shape == (None, 784)
    assert x.dtype == "float32"
    assert x.ndim == 2
    assert repr(x).startswith("<KerasTensor shape=(None, 784), dtype=float32, sparse=False, ragged=False")


@pytest.mark.parametrize("bad", [(-1, 3), (2.5,), ("a",)])
def test_bad_shapes_are_rejected(bad):
    with pytest.raises(ValueError, match="Cannot convert"):
        standardize_shape(bad)


def test_no_values_no_bool_no_len():
    x = KerasTensor((2, 3))
    with pytest.raises(TypeError, match="no values"):
        np.asarray(x)
    with pytest.raises(TypeError):
        bool(x)
    with pytest.raises(TypeError):
        len(x)


def test_any_symbolic_looks_into_containers():
    x = KerasTensor((1,))
    assert any_symbolic((1, [2, x]))
    assert any_symbolic((), {"a": {"b": x}})
    assert not any_symbolic((np.ones(2), [1, 2]), {"k": 3})


def test_operators_build_graph_nodes():
    x = KerasTensor((None, 3))
    y = (x + 1) * 2 - x
    assert y.shape == (None, 3)
    op, node_index, tensor_index = y._keras_history
    assert op.class_name == "Subtract" and op.module == "keras.src.ops.numpy"
    node = op._inbound_nodes[node_index]
    assert node.input_tensors[1] is x
    assert [n.operation.class_name for n in node.parent_nodes] == ["Multiply"]


def test_convert_to_numpy_of_keras_tensor_explains():
    with pytest.raises(ValueError, match="symbolic KerasTensor has no values"):
        ops.convert_to_numpy(KerasTensor((2,)))
