"""TimeDistributed: contract, outputs against Keras 3 with the same weights (Dense, Conv2D in both data
formats, BatchNormalization in training), masks per step, None time lengths, training flag, errors, config."""
import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends import BACKEND
from keras_lite.layers.convolutional.conv2d import Conv2D
from keras_lite.layers.core.dense import Dense
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.input_layer import Input
from keras_lite.layers.normalization.batch_normalization import BatchNormalization
from keras_lite.layers.pooling.global_average_pooling import GlobalAveragePooling1D
from keras_lite.layers.regularization.dropout import Dropout
from keras_lite.layers.rnn.time_distributed import TimeDistributed
from keras_lite.models.model import Model
from keras_lite.models.sequential import Sequential
from keras_lite.testing.layer_contract import run_layer_test


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras():
    return pytest.importorskip("keras")


@pytest.mark.parametrize("make,shape,out,weights", [
    (lambda: Dense(3), (2, 4, 5), (2, 4, 3), 2),
    (lambda: Conv2D(2, 3), (2, 3, 5, 5, 1), (2, 3, 3, 3, 2), 2),
    (lambda: Conv2D(2, 3, data_format="channels_first"), (2, 3, 1, 5, 5), (2, 3, 2, 3, 3), 2),
])
def test_contract(make, shape, out, weights):
    # The wrapper's dtype does not reach the wrapped layer (as in Keras): mixed precision is tested below.
    run_layer_test(TimeDistributed, {"layer": make()}, shape, expected_output_shape=out,
                   expected_num_trainable_weights=weights, run_mixed_precision_check=False)


def _pair(make_ours, make_theirs, shape, training=False, steps=2):
    keras = _keras()
    ours, theirs = TimeDistributed(make_ours()), keras.layers.TimeDistributed(make_theirs(keras))
    ours(Input(shape)), theirs(keras.Input(shape))
    assert [(w.path.replace(theirs.name, ours.name).replace(theirs.layer.name, ours.layer.name), tuple(w.shape))
            for w in theirs.weights] == [(w.path, tuple(w.shape)) for w in ours.weights]
    rng = np.random.default_rng(0)
    theirs.set_weights([rng.uniform(0.5, 1.5, size=w.shape).astype("float32") for w in theirs.weights])
    ours.set_weights(theirs.get_weights())
    for _ in range(steps):
        x = rng.normal(size=(3,) + tuple(4 if d is None else d for d in shape)).astype("float32")
        np.testing.assert_allclose(_np(ours(x, training=training)),
                                   keras.ops.convert_to_numpy(theirs(x, training=training)), rtol=1e-5, atol=1e-5)
    return ours, theirs


@pytest.mark.parametrize("training", [False, True])
@pytest.mark.parametrize("case", ["dense", "conv_last", "conv_first", "batch_norm"])
def test_matches_keras(case, training):
    if training and BACKEND == "numpy":
        pytest.skip("the numpy backend does not train")
    ours_, theirs_, shape = {
        "dense": (lambda: Dense(3, activation="tanh"), lambda k: k.layers.Dense(3, activation="tanh"), (None, 5)),
        "conv_last": (lambda: Conv2D(2, 3, padding="same"), lambda k: k.layers.Conv2D(2, 3, padding="same"),
                      (3, 4, 4, 2)),
        "conv_first": (lambda: Conv2D(2, 2, data_format="channels_first"),
                       lambda k: k.layers.Conv2D(2, 2, data_format="channels_first"), (3, 2, 4, 4)),
        # Batch statistics are per step, as Keras 3 computes them; the moving statistics follow them.
        "batch_norm": (lambda: BatchNormalization(), lambda k: k.layers.BatchNormalization(), (4, 3)),
    }[case]
    ours, theirs = _pair(ours_, theirs_, shape, training=training)
    keras = _keras()
    for a, b in zip(ours.weights, theirs.weights):
        np.testing.assert_allclose(_np(a), keras.ops.convert_to_numpy(b), rtol=1e-5, atol=1e-6)


def test_none_time_length_graph():
    inputs = Input((None, 5))
    td = TimeDistributed(Dense(3))
    outputs = td(inputs)
    assert outputs.shape == (None, None, 3)
    assert td.compute_output_shape((None, None, 5)) == (None, None, 3)
    model = Model(inputs, outputs)
    rng = np.random.default_rng(1)
    kernel, bias = (_np(w) for w in td.weights)
    for steps in (2, 6):
        x = rng.normal(size=(2, steps, 5)).astype("float32")
        np.testing.assert_allclose(_np(model(x)), x @ kernel + bias, rtol=1e-5, atol=1e-5)


def test_unknown_steps_while_tracing_fold_into_the_batch():
    if BACKEND != "tensorflow":
        pytest.skip("only a tf.function traced without the time length leaves it unknown")
    import tensorflow as tf

    td = TimeDistributed(Dense(3))
    x = np.random.default_rng(2).normal(size=(2, 4, 5)).astype("float32")
    expected = _np(td(x))
    traced = tf.function(lambda t: td(t), input_signature=[tf.TensorSpec((None, None, 5), tf.float32)])
    np.testing.assert_allclose(traced(x).numpy(), expected, rtol=1e-5, atol=1e-5)


def test_masks_reach_each_step_and_flow_on():
    """Embedding(mask_zero=True) on (batch, time, words): each step's (batch, words) mask reaches the pooling."""
    keras = _keras()
    built = []
    for emb, pool, td, inp, model_cls in ((Embedding, GlobalAveragePooling1D, TimeDistributed, Input, Model),
                                          (keras.layers.Embedding, keras.layers.GlobalAveragePooling1D,
                                           keras.layers.TimeDistributed, keras.Input, keras.Model)):
        tokens = inp((3, None), dtype="int32")
        built.append(model_cls(tokens, td(pool())(emb(10, 4, mask_zero=True)(tokens))))
    ours, theirs = built
    theirs.set_weights([np.random.default_rng(3).normal(size=w.shape).astype("float32") for w in theirs.weights])
    ours.set_weights(theirs.get_weights())
    tokens = np.array([[[1, 2, 0, 0], [3, 0, 0, 0], [4, 5, 6, 7]], [[8, 0, 0, 0], [1, 1, 2, 0], [9, 9, 0, 0]]],
                      "int32")
    np.testing.assert_allclose(_np(ours(tokens)), keras.ops.convert_to_numpy(theirs(tokens)), rtol=1e-5, atol=1e-5)
    # A (batch, time) mask passes through to the output.
    seq = Input((None,), dtype="int32")
    out = TimeDistributed(Dense(2))(Embedding(10, 4, mask_zero=True)(seq))
    assert getattr(out, "_keras_mask", None) is not None and tuple(out._keras_mask.shape) == (None, None)


def test_trains_in_a_model_and_updates_moving_statistics():
    if BACKEND == "numpy":
        pytest.skip("the numpy backend does not train")
    inputs = Input((3, 4))
    bn = BatchNormalization()
    model = Model(inputs, TimeDistributed(Dense(2))(TimeDistributed(bn)(inputs)))
    model.compile("sgd", "mse")
    rng = np.random.default_rng(5)
    x = (rng.normal(size=(16, 3, 4)) * 2 + 3).astype("float32")
    history = model.fit(x, rng.normal(size=(16, 3, 2)).astype("float32"), epochs=1, batch_size=8, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert _np(bn.moving_mean).mean() > 0.1  # moved towards the data's mean of 3


def test_training_flag_reaches_the_wrapped_layer():
    td = TimeDistributed(Dropout(0.5, seed=1))
    x = np.ones((2, 3, 8), "float32")
    np.testing.assert_allclose(_np(td(x)), x)
    if BACKEND != "numpy":
        dropped = _np(td(x, training=True))
        assert set(np.unique(dropped)) <= {0.0, 2.0} and (dropped == 0).any()


def test_wrapped_model_and_mixed_precision():
    inner = Sequential([Input((5,)), Dense(4, activation="relu"), Dense(2)])
    td = TimeDistributed(inner)
    assert td(Input((3, 5))).shape == (None, 3, 2) and len(td.weights) == 4
    x = np.random.default_rng(4).normal(size=(2, 3, 5)).astype("float32")
    np.testing.assert_allclose(_np(td(x)), np.stack([_np(inner(x[:, t])) for t in range(3)], 1), rtol=1e-5,
                               atol=1e-5)
    mixed = TimeDistributed(Dense(3, dtype="mixed_float16"), dtype="mixed_float16")
    assert ops.dtype(mixed(x)) == "float16" and mixed.weights[0].dtype == "float32"


def test_build_and_compute_output_shape_before_any_call():
    keras = _keras()
    td = TimeDistributed(Dense(3), name="td")
    assert td.compute_output_shape((None, 4, 5)) == (None, 4, 3)
    built = TimeDistributed(Dense(3, name="d"), name="td")
    built.build((None, 4, 5))
    theirs = keras.layers.TimeDistributed(keras.layers.Dense(3, name="d"), name="td")
    theirs.build((None, 4, 5))
    assert [w.path for w in built.weights] == [w.path for w in theirs.weights] == ["td/d/kernel", "td/d/bias"]


def test_errors_name_the_layer():
    with pytest.raises(ValueError, match="Layer instance"):
        TimeDistributed("dense")
    with pytest.raises(ValueError, match=r"'td1'.*rank >= 3.*\(None, 5\)"):
        TimeDistributed(Dense(3), name="td1")(Input((5,)))
    with pytest.raises(ValueError, match=r"'td2' \(TimeDistributed\): `mask` has shape \(2, 5\); with input shape "
                                         r"\(2, 4, 3\) it must have shape \(2, 4\)"):
        TimeDistributed(Dense(3), name="td2")(np.ones((2, 4, 3), "float32"), mask=np.ones((2, 5), bool))
    with pytest.raises(ValueError, match=r"'td2'.*`mask` has shape \(None,\).*must have shape \(None, 4\)"):
        TimeDistributed(Dense(3), name="td2")(Input((4, 3)), mask=Input((), dtype="bool"))
    with pytest.raises(ValueError, match="conv"):
        TimeDistributed(Conv2D(2, 5), name="td3")(Input((3, 4, 4, 1)))  # kernel larger than the input


def test_config_matches_keras():
    keras = _keras()
    theirs = keras.layers.TimeDistributed(keras.layers.Dense(3, name="d"), name="td")
    ours = TimeDistributed(Dense(3, name="d"), name="td")
    assert ours.get_config() == theirs.get_config()
    clone = TimeDistributed.from_config(theirs.get_config())
    assert clone.get_config() == theirs.get_config() and isinstance(clone.layer, Dense)
    ours(Input((4, 5))), theirs(keras.Input((4, 5)))
    assert ours.get_build_config() == theirs.get_build_config()
