"""Embedding: contract, lookup values, variable-length inputs, masks, `weights=`, mixed precision, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND, engine
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.input_layer import Input
from keras_lite.models import Model
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("input_shape,mask_zero", [((2, 3), False), ((2, 3), True), ((2,), False),
                                                   ((2, 3, 2), False)])
def test_contract(input_shape, mask_zero):
    # On tensorflow the lookup's gradient is an IndexedSlices, which the contract's check cannot read yet
    # (backends/tensorflow/gradients.py returns it as is); test_gradient below densifies it.
    run_layer_test(Embedding, {"input_dim": 10, "output_dim": 4, "mask_zero": mask_zero}, input_shape,
                   input_dtype="int32", expected_output_shape=input_shape + (4,), expected_num_trainable_weights=1,
                   run_gradient_check=BACKEND != "tensorflow")


@pytest.mark.requires_trainable_backend
def test_gradient():
    """d sum(out**2) / d table: each looked-up row collects 2 * row once per occurrence."""
    layer = Embedding(5, 2)
    idx = np.array([[1, 1, 3], [0, 3, 3]], "int32")
    layer(idx)
    _, (grad,) = engine.gradients.value_and_grad(lambda: ops.sum(ops.square(layer(idx))), layer.trainable_weights)
    table = layer.get_weights()[0]
    expected = np.zeros_like(table)
    np.add.at(expected, idx.ravel(), 2 * table[idx.ravel()])
    np.testing.assert_allclose(_np(ops.convert_to_tensor(grad)), expected, rtol=1e-6)


@pytest.mark.parametrize("dtype", ["int32", "int64", "float32"])
def test_lookup_values(dtype):
    layer = Embedding(6, 3)
    idx = np.array([[0, 5, 2], [1, 1, 4]]).astype(dtype)
    out = _np(layer(idx))
    table = layer.get_weights()[0]
    assert table.shape == (6, 3) and layer.weights[0].path == f"{layer.name}/embeddings"
    np.testing.assert_array_equal(out, table[idx.astype("int64")])
    assert ops.dtype(layer(idx)) == "float32"


def test_variable_length_inputs_in_a_model():
    inputs = Input(shape=(None,), dtype="int32")
    layer = Embedding(20, 5)
    outputs = layer(inputs)
    assert outputs.shape == (None, None, 5)
    model = Model(inputs, outputs)
    table = layer.get_weights()[0]
    for length in (1, 4, 7):
        idx = np.arange(2 * length).reshape(2, length) % 20
        np.testing.assert_array_equal(_np(model(idx)), table[idx])


def test_float_input_like_the_guide():
    """`Input(shape=(None,))` is float32 by default: the indices are cast."""
    outputs = Embedding(10, 4)(Input(shape=(None,)))
    assert outputs.shape == (None, None, 4) and outputs.dtype == "float32"


def test_mask_zero():
    idx = np.array([[3, 0, 1], [0, 0, 2]], "int32")
    masked = Embedding(5, 2, mask_zero=True)
    np.testing.assert_array_equal(_np(masked.compute_mask(idx)), idx != 0)
    assert masked.supports_masking
    assert Embedding(5, 2).compute_mask(idx) is None
    symbolic = masked(Input(shape=(None,), dtype="int32"))
    assert tuple(symbolic._keras_mask.shape) == (None, None)


def test_initial_weights():
    table = np.arange(6, dtype="float32").reshape(3, 2)
    for given in (table, [table]):
        layer = Embedding(3, 2, weights=given)
        assert layer.built and len(layer.weights) == 1
        assert layer.weights[0].path == f"{layer.name}/embeddings"
        np.testing.assert_array_equal(layer.get_weights()[0], table)
        np.testing.assert_array_equal(_np(layer(np.array([[2, 0]]))), table[[[2, 0]]])
    with pytest.raises(ValueError, match="shape"):
        Embedding(3, 2, weights=np.zeros((2, 2), "float32"))


def test_mixed_precision():
    layer = Embedding(4, 3, dtype="mixed_float16")
    out = layer(np.array([[1, 2]], "int32"))
    assert ops.dtype(out) == "float16" and layer.weights[0].dtype == "float32"


def test_bad_arguments():
    for bad in (0, -1, 2.0, True, None):
        with pytest.raises(ValueError, match="input_dim"):
            Embedding(bad, 3)
        with pytest.raises(ValueError, match="output_dim"):
            Embedding(3, bad)
    with pytest.raises(NotImplementedError, match="LoRA"):
        Embedding(3, 2, lora_rank=2)
    with pytest.raises(NotImplementedError, match="quantization"):
        Embedding(3, 2, quantization_config={"mode": "int8"})
    with pytest.warns(UserWarning, match="input_length"):
        Embedding(3, 2, input_length=5)


def test_values_match_keras():
    keras = pytest.importorskip("keras")
    idx = np.array([[1, 0, 3], [2, 2, 0]], "int32")
    ours, theirs = Embedding(4, 3, mask_zero=True), keras.layers.Embedding(4, 3, mask_zero=True)
    ours(idx), theirs(idx)
    table = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
    ours.set_weights([table]), theirs.set_weights([table])
    np.testing.assert_allclose(_np(ours(idx)), keras.ops.convert_to_numpy(theirs(idx)), rtol=1e-6)
    np.testing.assert_array_equal(_np(ours.compute_mask(idx)), keras.ops.convert_to_numpy(theirs.compute_mask(idx)))


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    kwargs = {"input_dim": 7, "output_dim": 2, "embeddings_initializer": "uniform", "embeddings_regularizer": "l2",
              "embeddings_constraint": "non_neg", "mask_zero": True, "name": "emb"}
    theirs = keras.layers.Embedding(**kwargs).get_config()
    assert Embedding(**kwargs).get_config() == theirs
    assert Embedding.from_config(theirs).get_config() == theirs
    assert Embedding(3, 2, name="e").get_config() == keras.layers.Embedding(3, 2, name="e").get_config()
