"""EinsumDense: contract, weight shapes and values against Keras, NumPy einsum, initializer fans, errors, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.core.einsum_dense import EinsumDense
from keras_lite.layers.input_layer import Input
from keras_lite.testing.layer_contract import run_layer_test

# (equation, output_shape, bias_axes, input shape with batch, kernel shape, bias shape, output shape)
CASES = [
    ("ab,bc->ac", 4, None, (2, 3), (3, 4), None, (2, 4)),
    ("ab,bc->ac", (4,), "c", (2, 3), (3, 4), (4,), (2, 4)),
    ("abc,cd->abd", (None, 5), "d", (2, 6, 3), (3, 5), (5,), (2, 6, 5)),
    ("abc,cde->abde", (None, 3, 4), "de", (2, 6, 5), (5, 3, 4), (3, 4), (2, 6, 3, 4)),
    ("abc,cde->abde", (2, 3, 4), "b", (2, 2, 5), (5, 3, 4), (2, 1, 1), (2, 2, 3, 4)),
    ("abcd,cde->abe", (None, 6), "e", (2, 3, 4, 5), (4, 5, 6), (6,), (2, 3, 6)),
    ("...b,bc->...c", 4, "c", (2, 3, 5), (5, 4), (4,), (2, 3, 4)),
    ("ab...,bc->ac...", (4,), "c", (2, 3, 5), (3, 4), (4, 1), (2, 4, 5)),
]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("equation,output_shape,bias_axes,input_shape,kernel,bias,out", CASES)
def test_weight_shapes(equation, output_shape, bias_axes, input_shape, kernel, bias, out):
    layer = EinsumDense(equation, output_shape, bias_axes=bias_axes)
    assert layer(Input(batch_shape=(None,) + input_shape[1:])).shape == (None,) + out[1:]
    assert tuple(layer.kernel.shape) == kernel and layer.kernel.path == f"{layer.name}/kernel"
    assert (layer.bias is None) if bias is None else tuple(layer.bias.shape) == bias


@pytest.mark.parametrize("case", [0, 3, 6, 7])
def test_contract(case):
    equation, output_shape, bias_axes, input_shape, _, bias, out = CASES[case]
    run_layer_test(EinsumDense, {"equation": equation, "output_shape": output_shape, "bias_axes": bias_axes},
                   input_shape, expected_output_shape=out, expected_num_trainable_weights=1 if bias is None else 2)


@pytest.mark.parametrize("equation,output_shape,bias_axes,input_shape,kernel,bias,out", CASES)
def test_values_against_numpy(equation, output_shape, bias_axes, input_shape, kernel, bias, out):
    rng = np.random.default_rng(0)
    layer = EinsumDense(equation, output_shape, bias_axes=bias_axes, activation="relu")
    x = rng.normal(size=input_shape).astype("float32")
    layer(x)
    weights = [rng.normal(size=w.shape).astype("float32") for w in layer.weights]
    layer.set_weights(weights)
    expected = np.einsum(equation, x, weights[0])
    if bias is not None:
        expected = expected + weights[1]
    np.testing.assert_allclose(_np(layer(x)), np.maximum(expected, 0), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("equation,output_shape,bias_axes,input_shape", [
    ("ab,bc->ac", 4, None, (None, 3)),
    ("abc,cd->abd", (None, 5), "d", (None, 2, 3)),
    ("abc,cde->abde", (None, 3, 4), "de", (None, 2, 5)),
    ("abc,cde->abde", (2, 3, 4), "b", (None, 2, 5)),
    ("btnh,nhd->btd", (None, 8), "d", (None, 5, 2, 3)),
    ("ab...,bc->ac...", (4,), "c", (None, 3, 6, 7)),
])
def test_weights_and_outputs_match_keras(equation, output_shape, bias_axes, input_shape):
    keras = pytest.importorskip("keras")
    ours = EinsumDense(equation, output_shape, bias_axes=bias_axes)
    theirs = keras.layers.EinsumDense(equation, output_shape, bias_axes=bias_axes)
    ours(Input(batch_shape=input_shape)), theirs(keras.Input(batch_shape=input_shape))
    assert [tuple(w.shape) for w in ours.weights] == [tuple(w.shape) for w in theirs.weights]
    assert [w.path for w in ours.weights] == [w.path.replace(theirs.name, ours.name) for w in theirs.weights]
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=w.shape).astype("float32") for w in ours.weights]
    ours.set_weights(weights), theirs.set_weights(weights)
    x = rng.normal(size=(2,) + input_shape[1:]).astype("float32")
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5, atol=1e-5)


def test_kernel_initializer_fans_follow_the_equation():
    """Glorot's limit uses fan_in = input axes (c) and fan_out = output axes (d*e), not a conv reading of the shape."""
    layer = EinsumDense("abc,cde->abde", (None, 30, 40), kernel_initializer="glorot_uniform")
    layer.build((None, 2, 50))
    kernel = layer.get_weights()[0]
    limit = np.sqrt(6.0 / (50 + 30 * 40))
    assert np.abs(kernel).max() <= limit * (1 + 1e-6) and np.abs(kernel).max() > 0.9 * limit
    assert layer.kernel_initializer.input_axes is None  # the user's initializer is left as given


def test_errors_name_the_layer():
    with pytest.raises(ValueError, match="invalid equation"):
        EinsumDense("ab->b", 3)
    with pytest.raises(ValueError, match="'ed'.*bias_axes"):
        EinsumDense("ab,bc->ac", 3, bias_axes="x", name="ed")(Input((4,)))
    with pytest.raises(ValueError, match="'ed2'.*axis 'b'"):
        EinsumDense("abc,cd->abd", (7, 5), name="ed2")(Input((2, 3)))
    with pytest.raises(ValueError, match="'ed3'.*kernel axis 'x'"):
        EinsumDense("ab,bx->ab", (4,), name="ed3")(Input((4,)))
    with pytest.raises(ValueError, match="'ed4'.*rank"):
        EinsumDense("abc,cd->abd", (None, 5), name="ed4")(Input((3,)))
    with pytest.raises(ValueError, match="'ed5'.*known sizes"):
        EinsumDense("ab,bc->ac", 4, name="ed5")(Input((None,)))
    with pytest.raises(NotImplementedError, match="LoRA"):
        EinsumDense("ab,bc->ac", 4, lora_rank=2)
    with pytest.raises(NotImplementedError, match="quantization"):
        EinsumDense("ab,bc->ac", 4, quantization_config={"mode": "int8"})


def test_config_matches_keras():
    keras = pytest.importorskip("keras")
    for kwargs in ({"equation": "ab,bc->ac", "output_shape": 4, "name": "e1"},
                   {"equation": "abc,cde->abde", "output_shape": (None, 3, 4), "bias_axes": "de", "name": "e2",
                    "activation": "relu", "kernel_regularizer": "l2", "bias_constraint": "non_neg"}):
        theirs = keras.layers.EinsumDense(**kwargs).get_config()
        assert EinsumDense(**kwargs).get_config() == theirs
        assert EinsumDense.from_config(theirs).get_config() == theirs
    json_like = {**theirs, "output_shape": [None, 3, 4]}  # as read back from a .keras file
    assert EinsumDense.from_config(json_like).get_config() == theirs
