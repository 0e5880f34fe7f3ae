"""The TensorFlow backend's shortcuts on the hot path give what the general path gives: a Variable read is
one op, same-dtype arguments skip the dtype rules, dense tensors go straight to the kernels (`tf.raw_ops`)
while ragged ones still go through the public functions."""
import numpy as np
import pytest

from keras_lite import Variable, ops
from keras_lite.backends import BACKEND
from keras_lite.backends.common.dtypes import result_type

pytestmark = pytest.mark.skipif(BACKEND != "tensorflow", reason="the tensorflow backend's own shortcuts")


def _op_types(fn, *specs):
    import tensorflow as tf

    graph = tf.function(fn, autograph=False).get_concrete_function(*specs).graph
    return [op.type for op in graph.get_operations() if op.type not in ("Placeholder", "NoOp")]


def test_reading_a_variable_is_one_op():
    import tensorflow as tf

    kernel = Variable(np.ones((3, 2), "float32"))
    types = _op_types(lambda x: ops.matmul(x, kernel), tf.TensorSpec((4, 3), tf.float32))
    assert sorted(types) == ["Identity", "MatMul", "ReadVariableOp"]  # the Identity is the function's output


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide"])
@pytest.mark.parametrize("dtypes", [("float32", "float32"), ("float16", "float16"), ("int32", "int32"),
                                    ("int8", "int8"), ("int32", "float32"), ("float16", "float32"),
                                    ("uint8", "int8")])
def test_binary_ops_keep_the_dtype_rules(op, dtypes):
    rng = np.random.default_rng(0)
    a = (rng.normal(size=(2, 3)) * 5).astype(dtypes[0])
    b = (np.abs(rng.normal(size=(3,))) * 5 + 1).astype(dtypes[1])
    got = getattr(ops, op)(ops.convert_to_tensor(a), Variable(b, dtype=dtypes[1]) if dtypes[1] != "uint8" else b)
    want_dtype = result_type(dtypes[0], dtypes[1])
    if op == "divide" and "float" not in want_dtype:
        want_dtype = "float32"
    assert ops.dtype(got) == want_dtype
    np_op = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide}[op]
    want = np_op(a.astype("float64"), b.astype("float64"))
    if "int" in want_dtype:
        np.testing.assert_array_equal(ops.convert_to_numpy(got), want.astype(want_dtype))
    else:
        np.testing.assert_allclose(ops.convert_to_numpy(got).astype("float64"), want, rtol=1e-3)


def test_ragged_tensors_still_go_through_the_public_functions():
    import tensorflow as tf

    ragged = tf.ragged.constant([[1.0, 2.0], [3.0]])
    other = tf.ragged.constant([[10.0, 20.0], [30.0]])
    for op, want in [("add", [[11.0, 22.0], [33.0]]), ("subtract", [[-9.0, -18.0], [-27.0]]),
                     ("multiply", [[10.0, 40.0], [90.0]]), ("divide", [[0.1, 0.1], [0.1]])]:
        got = getattr(ops, op)(ragged, other)
        assert isinstance(got, tf.RaggedTensor)
        np.testing.assert_allclose(got.flat_values.numpy(), np.concatenate(want), rtol=1e-6)


@pytest.mark.parametrize("shapes", [((4, 3), (3, 2)), ((5, 4, 3), (3, 2)), ((4, 3), (5, 3, 2)),
                                    ((5, 4, 3), (5, 3, 2)), ((2, 1, 4, 3), (5, 3, 2))])
def test_matmul_of_every_rank_pairing(shapes):
    rng = np.random.default_rng(1)
    a, b = (rng.normal(size=s).astype("float32") for s in shapes)
    for kernel in (b, Variable(b)):
        np.testing.assert_allclose(ops.convert_to_numpy(ops.matmul(a, kernel)), np.matmul(a, b), rtol=1e-5,
                                   atol=1e-5)


@pytest.mark.parametrize("strides", [1, 2, (2, 1)])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_2d_convolution_matches_tensorflow(strides, padding):
    import tensorflow as tf

    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 9, 8, 3)).astype("float32")
    kernel = rng.normal(size=(3, 2, 3, 4)).astype("float32")
    got = ops.conv(x, Variable(kernel), strides=strides, padding=padding)
    steps = (strides, strides) if isinstance(strides, int) else strides
    want = tf.nn.convolution(x, kernel, steps, padding.upper())
    np.testing.assert_allclose(ops.convert_to_numpy(got), want.numpy(), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("call", [
    lambda x: ops.reshape(x, (3, 8)), lambda x: ops.transpose(x, (2, 0, 1)), lambda x: ops.mean(x, axis=(1, 2)),
    lambda x: ops.pad(x, ((0, 0), (1, 1), (0, 2))), lambda x: ops.moments(x, axes=[1, 2])[1],
    lambda x: ops.swapaxes(x, 0, 2), lambda x: ops.moveaxis(x, 0, -1),
])
def test_shapes_and_axes_from_python_lists_take_the_eager_fast_path(call):
    """TF's eager fast path refuses Python lists as op inputs and falls back to a slow path (~40 µs an op):
    the backend hands them over as cached int32 tensors (the op tables check the values; here a cached
    tensor serves a second call alike)."""
    from tensorflow.python.eager import execute

    x = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32")
    expected = ops.convert_to_numpy(call(x))
    slow, original = [], execute.execute
    execute.execute = lambda name, *args, **kwargs: slow.append(name) or original(name, *args, **kwargs)
    try:
        got = ops.convert_to_numpy(call(x))
    finally:
        execute.execute = original
    assert slow == []
    np.testing.assert_array_equal(got, expected)


def test_shapes_stay_static_in_graphs():
    import tensorflow as tf

    out = tf.function(lambda x: ops.reshape(ops.transpose(x, (1, 0, 2)), (3, -1))).get_concrete_function(
        tf.TensorSpec((2, 3, 4), tf.float32)).structured_outputs
    assert out.shape == (3, 8)
