"""compile / fit / evaluate / predict on the active backend."""
import re

import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops
from keras_lite.backends import BACKEND

TRAINS = BACKEND != "numpy"


def synthetic_mnist(n=1024, seed=0):
    """784-pixel 'images' whose class is written into ten pixel blocks, plus noise: learnable like MNIST."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 10, size=n)
    x = rng.random((n, 784)).astype("float32") * 0.5
    for c in range(10):
        x[y == c, c * 70:(c + 1) * 70] += 0.5
    return x, y


def mnist_model():
    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])
    return model


@pytest.mark.requires_trainable_backend
def test_guide_mnist_program_learns_and_prints_the_guide_format(capsys):
    x_train, y_train = synthetic_mnist()
    x_test, y_test = synthetic_mnist(256, seed=1)
    model = mnist_model()
    history = model.fit(x_train, y_train, batch_size=64, epochs=2, validation_split=0.2)
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert history.history["val_accuracy"][-1] > 0.9
    test_scores = model.evaluate(x_test, y_test, verbose=2)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Epoch 1/2" and out[2] == "Epoch 2/2"
    step_line = r"13/13 ━{20} \d+s \d+(us|ms|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}"
    assert re.fullmatch(step_line + r" - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}", out[1]), out[1]
    assert re.fullmatch(r"8/8 - \d+s - \d+(us|ms|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}", out[4]), out[4]
    loss, accuracy = test_scores
    assert accuracy > 0.9 and loss < 0.5


def test_evaluate_and_predict_run_on_every_backend():
    x, y = synthetic_mnist(64)
    model = mnist_model()
    logs = model.evaluate(x, y, batch_size=32, verbose=0, return_dict=True)
    assert sorted(logs) == ["accuracy", "loss"] and logs["loss"] > 0
    predictions = model.predict(x, batch_size=32, verbose=0)
    assert predictions.shape == (64, 10)
    np.testing.assert_allclose(predictions, np.asarray(ops.convert_to_numpy(model(x))), rtol=1e-5, atol=1e-5)


@pytest.mark.skipif(TRAINS, reason="only the numpy backend refuses to train")
def test_numpy_backend_refuses_to_train_with_a_clear_error():
    x, y = synthetic_mnist(64)
    with pytest.raises(NotImplementedError, match="numpy backend cannot train"):
        mnist_model().fit(x, y, verbose=0)


@pytest.mark.requires_trainable_backend
def test_compiled_and_eager_steps_give_the_same_weights():
    x, y = synthetic_mnist(320)
    weights = []
    for run_eagerly in (False, True):
        model = mnist_model()
        model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      optimizer=keras.optimizers.Adam(1e-3), metrics=["accuracy"], run_eagerly=run_eagerly)
        if weights:
            model.set_weights(initial)
        else:
            initial = model.get_weights()
        model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0)
        weights.append(model.get_weights())
    for a, b in zip(*weights):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.requires_trainable_backend
def test_multi_output_losses_as_list_and_dict_with_weights():
    rng = np.random.default_rng(0)
    tags = keras.Input((4,), name="tags")
    body = keras.Input((3,), name="body")
    merged = ops.concatenate([tags, body], axis=-1)
    model = keras.Model([tags, body], {"priority": layers.Dense(1, name="priority")(merged),
                                       "department": layers.Dense(2, name="department")(merged)})
    data = {"tags": rng.random((64, 4)).astype("float32"), "body": rng.random((64, 3)).astype("float32")}
    targets = {"priority": rng.random((64, 1)).astype("float32"),
               "department": np.eye(2)[rng.integers(0, 2, 64)].astype("float32")}
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                  loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True),
                        "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
                  loss_weights={"priority": 1.0, "department": 0.2})
    history = model.fit(data, targets, epochs=2, batch_size=32, verbose=0)
    assert len(history.history["loss"]) == 2
    model.compile(optimizer="rmsprop", loss=["binary_crossentropy", "categorical_crossentropy"],
                  loss_weights=[1.0, 0.2])
    assert model.evaluate(data, targets, verbose=0) > 0


def test_bad_input_is_named():
    model = mnist_model()
    x, y = synthetic_mnist(64)
    with pytest.raises(ValueError, match="different numbers of samples: 64 and 10"):
        model.evaluate(x, y[:10], verbose=0)
    inputs = keras.Input((2,))
    multi = keras.Model(inputs, [layers.Dense(1, name="p")(inputs), layers.Dense(1, name="q")(inputs)])
    multi.compile(loss=["mse", "mse", "mse"])
    with pytest.raises(ValueError, match="got 3 entries for 2 outputs"):
        multi.evaluate(np.ones((4, 2)), [np.ones((4, 1)), np.ones((4, 1))], verbose=0)
    multi.compile(loss={"p": "mse", "r": "mse"})
    with pytest.raises(ValueError, match=r"names outputs \['r'\]"):
        multi.evaluate(np.ones((4, 2)), [np.ones((4, 1)), np.ones((4, 1))], verbose=0)
    with pytest.raises(ValueError, match="must call compile"):
        keras.Model(inputs, layers.Dense(1)(inputs)).evaluate(np.ones((4, 2)), np.ones((4, 1)))


@pytest.mark.requires_trainable_backend
def test_steps_per_execution_runs_several_steps_per_call_with_the_same_result():
    """10 batches at 4 steps per execution: three calls (4, 4, 2 steps), the callbacks see the last step of
    each, and the weights equal those of one step per call."""
    x, y = synthetic_mnist(320)
    initial = mnist_model().get_weights()
    results = {}
    for steps in (1, 4):
        model = mnist_model()
        model.set_weights(initial)
        model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      optimizer=keras.optimizers.Adam(1e-3), metrics=["accuracy"], steps_per_execution=steps)
        seen = []
        record = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append(batch))
        history = model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0, callbacks=[record])
        evaluated = model.evaluate(x, y, batch_size=48, verbose=0)
        results[steps] = (seen, model.get_weights(), history.history["loss"], evaluated,
                          model.predict(x, batch_size=48, verbose=0))
    assert results[1][0] == list(range(10)) and results[4][0] == [3, 7, 9]
    for a, b in zip(results[1][1], results[4][1]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
    for one, four in zip(results[1][2:], results[4][2:]):
        np.testing.assert_allclose(one, four, rtol=1e-4, atol=1e-5)


def test_sparse_labels_out_of_range_are_refused_before_any_step():
    model = mnist_model()
    x, y = synthetic_mnist(64)
    initial = model.get_weights()
    bad = y.copy()
    bad[50] = 10
    call = model.fit if TRAINS else model.evaluate
    with pytest.raises(ValueError, match=r"class indices in \[0, 10\).*hold 10 \(1 bad label"):
        call(x, bad, batch_size=16, verbose=0)
    for a, b in zip(initial, model.get_weights()):
        np.testing.assert_array_equal(a, b)  # nothing ran
    with pytest.raises(ValueError, match=r"hold -1 "):
        model.evaluate(x, np.where(y == 3, -1, y), verbose=0)
    ignoring = mnist_model()
    ignoring.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1))
    assert np.isfinite(ignoring.evaluate(x, np.where(y == 3, -1, y), verbose=0))


def test_a_dict_key_that_names_no_input_is_refused():
    a, b = keras.Input((2,), name="a"), keras.Input((3,), name="b")
    model = keras.Model({"a": a, "b": b}, layers.Dense(1, name="out")(ops.concatenate([a, b], axis=-1)))
    model.compile(loss="mse")
    data = {"a": np.ones((4, 2), "float32"), "c": np.ones((4, 3), "float32")}
    with pytest.raises(ValueError, match=r"'c'"):
        model.evaluate(data, np.ones((4, 1), "float32"), verbose=0)
    with pytest.raises(ValueError, match=r"\['wrong'\].*\['out'\]"):
        model.evaluate({"a": np.ones((4, 2)), "b": np.ones((4, 3))}, {"wrong": np.ones((4, 1))}, verbose=0)
