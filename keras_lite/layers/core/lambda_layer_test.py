"""Lambda: contract, values, output shapes, masks, the Keras config forms, and that loading never runs bytecode."""
import marshal

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.layers.core.lambda_layer import Lambda
from keras_lite.layers.input_layer import Input
from keras_lite.models import Model
from keras_lite.saving import custom_object_scope, deserialize_keras_object, register_keras_serializable
from keras_lite.testing.layer_contract import run_layer_test


@register_keras_serializable(package="LambdaTest")
def double(x):
    return x * 2.0


@register_keras_serializable(package="LambdaTest")
def scaled_sum(x, scale=1.0):
    return ops.sum(x, axis=-1, keepdims=True) * scale


def plain_square(x):
    return ops.square(x)


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_contract():
    run_layer_test(Lambda, {"function": double}, (2, 3), expected_output_shape=(2, 3))
    run_layer_test(Lambda, {"function": scaled_sum, "arguments": {"scale": 3.0}}, (2, 3, 4),
                   expected_output_shape=(2, 3, 1))
    run_layer_test(Lambda, {"function": scaled_sum, "output_shape": (3, 1)}, (2, 3, 4), expected_output_shape=(2, 3, 1))


def test_values_and_arguments():
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_allclose(_np(Lambda(lambda t: t + 1)(x)), x + 1)
    np.testing.assert_allclose(_np(Lambda(scaled_sum, arguments={"scale": 0.5})(x)), x.sum(-1, keepdims=True) / 2)


def test_output_shape_inferred_or_given():
    x = Input((3, 4))
    assert Lambda(lambda t: ops.reshape(t, (-1, 12)))(x).shape == (None, 12)
    assert Lambda(plain_square, output_shape=(3, 4))(x).shape == (None, 3, 4)
    assert Lambda(plain_square, output_shape=lambda s: (s[0], 7))(x).shape == (None, 7)
    layer = Lambda(plain_square, output_shape=[(3, 4), (2,)])
    assert layer.compute_output_shape((5, 3, 4)) == [(5, 3, 4), (5, 2)]
    assert Lambda(plain_square).compute_output_shape((5, 3, 4)) == (5, 3, 4)


def test_identity_function_in_a_model():
    """A function that returns its input still gives the layer its own output tensor."""
    x = Input((3,))
    y = Lambda(lambda t: t)(x)
    assert y is not x
    data = np.ones((2, 3), "float32")
    np.testing.assert_allclose(_np(Model(x, y)(data)), data)


def test_masks():
    x = np.ones((2, 3), "float32")
    fixed = np.array([True, False])
    assert Lambda(double).compute_mask(x, None) is None and not Lambda(double).supports_masking
    assert Lambda(double, mask=fixed).compute_mask(x, None) is fixed
    layer = Lambda(double, mask=lambda inputs, mask: ops.greater(ops.sum(inputs, axis=-1), 0))
    np.testing.assert_array_equal(_np(layer.compute_mask(x, None)), [True, True])

    def with_mask_and_training(t, mask=None, training=None):
        out = ops.multiply(t, 2.0 if training else 1.0)
        return out if mask is None else ops.add(out, ops.cast(ops.expand_dims(mask, -1), "float32"))

    layer = Lambda(with_mask_and_training)
    np.testing.assert_allclose(_np(layer(x, training=True)), 2 * x)
    np.testing.assert_allclose(_np(layer(x, mask=np.array([True, False]))), x + [[1], [0]])


def test_config_of_a_named_function():
    config = Lambda(double, name="l").get_config()
    assert config["function"] == {"module": "builtins", "class_name": "function", "config": "LambdaTest>double",
                                  "registered_name": "function"}
    assert config["arguments"] == {} and "output_shape" not in config and "mask" not in config
    assert Lambda.from_config(config).function is double
    plain = Lambda(plain_square, output_shape=(3,), arguments={"a": 1}).get_config()
    assert plain["function"]["config"] == "plain_square" and plain["output_shape"] == (3,)
    with pytest.raises(ValueError, match="plain_square.*custom_objects"):
        Lambda.from_config(plain)
    assert Lambda.from_config(plain, custom_objects={"plain_square": plain_square}).function is plain_square
    with custom_object_scope({"plain_square": plain_square}):
        restored = deserialize_keras_object({"module": "keras.layers", "class_name": "Lambda", "config": plain,
                                             "registered_name": None})
    assert restored.function is plain_square and restored.get_config()["output_shape"] == (3,)


def test_config_of_a_python_lambda_matches_keras():
    keras = pytest.importorskip("keras")
    k = 3.0
    fn = lambda t, y=2: t + k  # noqa: E731
    ours = Lambda(fn, output_shape=lambda s: s, name="lam").get_config()
    theirs = keras.layers.Lambda(fn, output_shape=lambda s: s, name="lam").get_config()
    assert ours["function"] == theirs["function"]
    assert ours["function"]["class_name"] == "__lambda__"
    assert ours["function"]["config"]["defaults"] == (2,) and ours["function"]["config"]["closure"] == (3.0,)
    assert set(ours) == set(theirs)
    assert Lambda(plain_square, name="n").get_config() == keras.layers.Lambda(plain_square, name="n").get_config()


def test_loading_a_python_lambda_never_runs_bytecode(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("bytecode was unmarshalled")

    monkeypatch.setattr(marshal, "loads", refuse)
    config = Lambda(lambda t: t + 1, name="bump").get_config()
    with pytest.raises(ValueError, match="does not load Python bytecode.*custom_objects=\\{'bump'"):
        Lambda.from_config(config)
    with pytest.raises(ValueError, match="bytecode"):
        Lambda.from_config(config, safe_mode=False)
    # A hostile "code" string is never decoded either.
    hostile = {**config, "function": {"class_name": "__lambda__",
                                      "config": {"code": "not base64 at all", "defaults": None, "closure": None}}}
    with pytest.raises(ValueError, match="bytecode"):
        Lambda.from_config(hostile)

    def bump(t):
        return t + 1

    restored = Lambda.from_config(config, custom_objects={"bump": bump})
    assert restored.function is bump
    with custom_object_scope({"bump": bump}):
        assert Lambda.from_config(config).function is bump
    np.testing.assert_allclose(_np(restored(np.zeros((1, 2), "float32"))), [[1, 1]])
    # The other function-valued entries are refused the same way, keyed "<layer name>.<entry>".
    shaped = Lambda(bump, output_shape=lambda s: s, name="shaped").get_config()
    with pytest.raises(ValueError, match="output_shape.*'shaped.output_shape'"):
        Lambda.from_config(shaped, custom_objects={"bump": bump})
    restored = Lambda.from_config(shaped, custom_objects={"bump": bump, "shaped.output_shape": lambda s: s})
    assert restored.compute_output_shape((4, 2)) == (4, 2)


def test_a_keras_written_lambda_config_loads_with_custom_objects():
    keras = pytest.importorskip("keras")
    theirs = keras.layers.Lambda(lambda t: t * 3, name="triple").get_config()
    with pytest.raises(ValueError, match="custom_objects"):
        Lambda.from_config(theirs)
    layer = Lambda.from_config(theirs, custom_objects={"triple": lambda t: t * 3})
    np.testing.assert_allclose(_np(layer(np.ones((1, 2), "float32"))), [[3, 3]])


def test_bad_function():
    with pytest.raises(ValueError, match="callable"):
        Lambda(3)


def test_in_a_functional_model_config_round_trip():
    from keras_lite.layers.core.embedding import Embedding
    inputs = Input((None,), dtype="int32")
    hidden = Embedding(5, 3, mask_zero=True)(inputs)  # a masked input: the function takes no mask, gets none
    outputs = Lambda(lambda t: ops.sum(t, axis=1), name="pool")(hidden)
    model = Model(inputs, outputs)
    idx = np.array([[1, 0, 4]], "int32")
    expected = _np(model(idx))

    def pool(t):
        return ops.sum(t, axis=1)

    with custom_object_scope({"pool": pool}):
        clone = Model.from_config(model.get_config())
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(_np(clone(idx)), expected, rtol=1e-6)
