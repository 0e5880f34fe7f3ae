"""The op dispatcher: eager vs symbolic, shape inference with None dims, nodes and errors."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops._dispatch import abstract_eval, no_recording


def test_eager_call_returns_engine_tensor():
    out = ops.add(np.ones(2, "float32"), 1)
    assert ops.is_tensor(out) or isinstance(out, np.ndarray)


def test_abstract_eval_marks_dims_that_follow_none_inputs():
    x = KerasTensor((None, 6))
    spec = abstract_eval(lambda t: ops.reshape(t, (-1, 2, 3)), (x,), {})
    assert spec.shape == (None, 2, 3) and spec.dtype == "float32"


def test_symbolic_call_records_a_node_with_arguments():
    x = KerasTensor((None, 3))
    y = ops.add(x, 2.0)
    op, node_index, _ = y._keras_history
    node = op._inbound_nodes[node_index]
    assert node.call_args[0] is x and node.call_args[1] == 2.0
    assert node.outputs is y


def test_no_recording_scope_returns_specs_without_history():
    x = KerasTensor((None, 3))
    with no_recording():
        y = ops.add(x, x)
    assert isinstance(y, KerasTensor) and y._keras_history is None


def test_symbolic_shape_errors_name_op_and_shapes_at_build_time():
    with pytest.raises(ValueError, match=r"ops\.add: invalid inputs \(shapes \(None, 3\) and \(2, 4\)\)"):
        ops.add(KerasTensor((None, 3)), KerasTensor((2, 4)))


def test_eager_shape_errors_name_op_and_shapes():
    with pytest.raises(ValueError, match=r"ops\.subtract: invalid inputs \(shapes \(3,\) and \(4,\)\)"):
        ops.subtract(np.ones(3, "float32"), np.ones(4, "float32"))


def test_public_ops_keep_their_signatures():
    import inspect

    assert list(inspect.signature(ops.sum).parameters) == ["x", "axis", "keepdims"]
    assert ops.add.__name__ == "add" and ops.add.__doc__


def test_errors_raised_in_user_functions_pass_through_unchanged():
    def body(x):
        raise TypeError("my own bug")

    with pytest.raises(TypeError, match="my own bug"):
        ops.map(body, np.ones((2, 3), "float32"))
