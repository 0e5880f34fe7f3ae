"""keras_lite.backend: the active engine's name, dtype helpers, uids, KerasTensor checks, clear_session."""
import itertools

import numpy as np
import pytest

import keras_lite
from keras_lite import backend
from keras_lite.backends import BACKEND, engine
from keras_lite.backends.common import dtypes, naming
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.testing.op_cases import expected_dtype


def test_backend_name():
    assert backend.backend() == BACKEND == engine.NAME
    assert BACKEND in ("jax", "torch", "tensorflow", "numpy")


NUMERIC = [d for d in dtypes.ALLOWED_DTYPES if d != "string"]


@pytest.mark.parametrize("name", NUMERIC)
def test_standardize_dtype_of_engine_tensors(name):
    tensor = engine.convert_to_tensor(np.zeros(2), dtype=name)
    assert backend.standardize_dtype(tensor.dtype) == expected_dtype(name)
    variable = engine.Variable(np.zeros(2), dtype=name, trainable=False)
    assert backend.standardize_dtype(variable.dtype) == name


@pytest.mark.parametrize("given,name", [
    ("float32", "float32"), (np.float16, "float16"), (np.dtype("int8"), "int8"), (np.bool_, "bool"),
    (float, "float32"), (int, "int32"), (bool, "bool"), (None, "float32"), ("float", "float32"),
    ("double", "float64"), (np.dtype("complex64"), "complex64"), ("string", "string"),
])
def test_standardize_dtype_of_names_and_numpy(given, name):
    assert backend.standardize_dtype(given) == name


def test_standardize_dtype_of_engine_dtype_objects():
    if BACKEND == "torch":
        import torch

        pairs = [(torch.float32, "float32"), (torch.bfloat16, "bfloat16"), (torch.int64, "int64"),
                 (torch.bool, "bool"), (torch.uint8, "uint8"), (torch.complex64, "complex64")]
    elif BACKEND == "tensorflow":
        import tensorflow as tf

        pairs = [(tf.float32, "float32"), (tf.bfloat16, "bfloat16"), (tf.int64, "int64"), (tf.bool, "bool"),
                 (tf.string, "string"), (tf.uint32, "uint32")]
    elif BACKEND == "jax":
        import jax.numpy as jnp

        pairs = [(jnp.dtype("float32"), "float32"), (jnp.dtype("bfloat16"), "bfloat16"),
                 (jnp.zeros(1, "int8").dtype, "int8")]
    else:
        pairs = [(np.dtype("float64"), "float64"), (np.dtype("uint16"), "uint16")]
    for given, name in pairs:
        assert backend.standardize_dtype(given) == name, given


def test_standardize_dtype_of_scalar_type_classes():
    import ml_dtypes

    assert backend.standardize_dtype(ml_dtypes.bfloat16) == "bfloat16"
    if BACKEND == "jax":
        import jax.numpy as jnp

        assert backend.standardize_dtype(jnp.float32) == "float32"
        assert backend.standardize_dtype(jnp.bfloat16) == "bfloat16"


def test_standardize_dtype_rejects_unknown():
    for bad in ("float8", "int4", object):
        with pytest.raises(ValueError, match="Invalid dtype"):
            backend.standardize_dtype(bad)


def test_is_float_and_is_int_dtype():
    for name in NUMERIC:
        assert backend.is_float_dtype(name) == (name in dtypes.FLOAT_TYPES)
        assert backend.is_int_dtype(name) == (name in dtypes.INT_TYPES + dtypes.UINT_TYPES)
    assert backend.is_float_dtype(float) and not backend.is_float_dtype(int)
    assert backend.is_int_dtype(int) and not backend.is_int_dtype(bool) and not backend.is_int_dtype("bool")
    assert backend.is_float_dtype(engine.convert_to_tensor(np.zeros(1, "float16")).dtype)
    assert backend.is_int_dtype(engine.convert_to_tensor(np.zeros(1, "int32")).dtype)


@pytest.mark.parametrize("args,want", [
    (("int32", 1.5), "float32"), (("float16", 1.5), "float16"), (("int8", 3), "int8"), (("bool", 1), "int32"),
    (("int8", "uint8"), "int16"), (("float16", "bfloat16"), "float32"), (("int32", "float16"), "float16"),
    (("uint8", "int64"), "int64"), (("float32", "complex64"), "complex64"), ((), "float32"),
    ((int, float), "float32"), ((bool,), "bool"), (("float32", None), "float32"),
])
def test_result_type(args, want):
    assert backend.result_type(*args) == want


_NARROW = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


def test_result_type_agrees_with_keras():
    """Keras narrows 64-bit results to 32 bits (TF excepted) where keras_lite keeps them (JAX narrows on
    storage); compared after the same narrowing, every pair must agree."""
    keras = pytest.importorskip("keras")
    inputs = NUMERIC + [int, float, bool, complex]
    for a, b in itertools.product(inputs, repeat=2):
        ours = backend.result_type(a, b)
        theirs = keras.backend.result_type(a, b)
        assert _NARROW.get(ours, ours) == _NARROW.get(theirs, theirs), (a, b, ours, theirs)


def test_get_uid_counts_per_prefix():
    prefix = "backend_test_uid"
    assert backend.get_uid(prefix) == 1
    assert backend.get_uid(prefix) == 2
    assert backend.get_uid(prefix + "_other") == 1
    assert backend.get_uid(prefix) == 3


def test_is_keras_tensor():
    assert backend.is_keras_tensor(KerasTensor((None, 2)))
    assert backend.is_keras_tensor(keras_lite.ops.add(KerasTensor((2,)), 1.0))
    assert not backend.is_keras_tensor(engine.convert_to_tensor(np.zeros(2)))
    assert not backend.is_keras_tensor(np.zeros(2))
    assert not backend.is_keras_tensor(engine.Variable(np.zeros(2)))


def test_is_variable():
    assert backend.is_variable(keras_lite.Variable(np.zeros(2)))
    assert not backend.is_variable(np.zeros(2))


def test_clear_session_resets_name_numbering():
    first = naming.auto_name("backend_test_layer")
    second = naming.auto_name("backend_test_layer")
    assert (first, second) == ("backend_test_layer", "backend_test_layer_1")
    backend.get_uid("backend_test_clear")
    backend.clear_session()
    assert naming.auto_name("backend_test_layer") == "backend_test_layer"
    assert backend.get_uid("backend_test_clear") == 1
    assert KerasTensor((1,)).name == "keras_tensor"
    backend.clear_session(free_memory=False)
    assert naming.auto_name("backend_test_layer") == "backend_test_layer"


def test_conversion_round_trip_and_device():
    x = backend.convert_to_tensor([[1.0, 2.0]])
    assert backend.standardize_dtype(x.dtype) == "float32"
    np.testing.assert_array_equal(backend.convert_to_numpy(x), [[1.0, 2.0]])
    assert isinstance(backend.get_device(), str)
    with backend.device("cpu:0"):
        y = backend.convert_to_tensor([1, 2])
    assert backend.standardize_dtype(y.dtype) == "int32"


def test_settings_aliases_match_config():
    assert backend.floatx is keras_lite.config.floatx
    assert backend.epsilon is keras_lite.config.epsilon
    assert backend.image_data_format is keras_lite.config.image_data_format
    assert backend.StatelessScope is keras_lite.StatelessScope
