"""fit/evaluate/predict over every kind of input: arrays, engine tensors, tf.data, DataLoader,
generators, PyDataset. Where the batches are the same, the results must be the same as with arrays."""
import itertools

import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops
from keras_lite.trainers.data_adapters import get_data_adapter, is_tf_dataset, is_torch_data_loader
from keras_lite.utils.py_dataset import PyDataset


def regression_data(n=24, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32")).astype("float32")
    return x, y


def model(metrics=None):
    inputs = keras.Input((3,), name="features")
    outputs = layers.Dense(1, kernel_initializer=keras.initializers.GlorotUniform(seed=3))(inputs)
    m = keras.Model(inputs, outputs)
    m.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", metrics=metrics)
    return m


def fit_weights(x, y=None, **kwargs):
    m = model()
    history = m.fit(x, y, epochs=2, verbose=0, shuffle=False, **kwargs)
    return m.get_weights(), history.history


def assert_same_weights(a, b):
    for u, v in zip(a, b):
        np.testing.assert_allclose(u, v, rtol=1e-5, atol=1e-6)


def batches(x, y, size=8, weights=None):
    for i in range(0, len(x), size):
        part = (x[i:i + size], y[i:i + size])
        yield part if weights is None else part + (weights[i:i + size],)


def test_kind_detection_imports_no_engine_for_plain_objects():
    assert not is_tf_dataset(np.zeros(2)) and not is_torch_data_loader([1, 2])
    with pytest.raises(ValueError, match="Unrecognized data type for x: builtins.str"):
        get_data_adapter("not data")
    with pytest.raises(ValueError, match="y holds int values"):
        get_data_adapter(np.zeros((3, 2)), [0, 1, 1])


def test_evaluate_and_predict_on_every_kind_of_input():
    tf = pytest.importorskip("tensorflow")
    torch = pytest.importorskip("torch")
    x, y = regression_data()
    m = model()
    expected_loss = m.evaluate(x, y, batch_size=8, verbose=0)
    expected = m.predict(x, batch_size=8, verbose=0)
    sources = {
        "tensors": (ops.convert_to_tensor(x), ops.convert_to_tensor(y)),
        "tf.data": (tf.data.Dataset.from_tensor_slices((x, y)).batch(8),),
        "DataLoader": (torch.utils.data.DataLoader(
            torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)), batch_size=8),),
        "PyDataset": (ArrayPyDataset(x, y, 8),),
    }
    for name, args in sources.items():
        assert m.evaluate(*args, batch_size=8, verbose=0) == pytest.approx(expected_loss, rel=1e-5), name
        np.testing.assert_allclose(m.predict(args[0], batch_size=8, verbose=0), expected, rtol=1e-5, atol=1e-6)
    assert m.evaluate(batches(x, y), verbose=0) == pytest.approx(expected_loss, rel=1e-5)
    np.testing.assert_allclose(m.predict((b[0] for b in batches(x, y)), verbose=0), expected, rtol=1e-5)
    np.testing.assert_allclose(m.predict(tf.data.Dataset.from_tensor_slices(x).batch(5), verbose=0), expected,
                               rtol=1e-5, atol=1e-6)


def test_dict_inputs_and_sample_weights_from_a_generator():
    x, y = regression_data()
    w = np.linspace(0.0, 2.0, len(x)).astype("float32")
    m = model()
    expected = m.evaluate({"features": x}, y, sample_weight=w, batch_size=8, verbose=0)
    got = m.evaluate((({"features": bx}, by, bw) for bx, by, bw in batches(x, y, weights=w)), verbose=0)
    assert got == pytest.approx(expected, rel=1e-5)


class ArrayPyDataset(PyDataset):
    def __init__(self, x, y, batch_size, **kwargs):
        super().__init__(**kwargs)
        self.x, self.y, self.batch_size = x, y, batch_size
        self.epochs_ended = 0

    def __len__(self):
        return -(-len(self.x) // self.batch_size)

    def __getitem__(self, index):
        part = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return self.x[part], self.y[part]

    def on_epoch_end(self):
        self.epochs_ended += 1


@pytest.mark.requires_trainable_backend
def test_fit_on_datasets_matches_fit_on_arrays():
    tf = pytest.importorskip("tensorflow")
    torch = pytest.importorskip("torch")
    x, y = regression_data()
    expected, expected_history = fit_weights(x, y, batch_size=8)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
                                         batch_size=8)
    py_dataset = ArrayPyDataset(x, y, 8)
    for source in (dataset, loader, py_dataset):
        weights, history = fit_weights(source)
        assert_same_weights(weights, expected)
        assert history["loss"] == pytest.approx(expected_history["loss"], rel=1e-5)
    assert py_dataset.epochs_ended == 2
    weights, _ = fit_weights(ops.convert_to_tensor(x), ops.convert_to_tensor(y), batch_size=8)
    assert_same_weights(weights, expected)


@pytest.mark.requires_trainable_backend
def test_infinite_generator_with_steps_and_validation_steps():
    x, y = regression_data()
    endless = itertools.cycle(list(batches(x, y)))
    validation = itertools.cycle(list(batches(x, y)))
    m = model()
    seen = []
    count = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append(batch))
    history = m.fit(endless, epochs=3, steps_per_epoch=2, validation_data=validation, validation_steps=3,
                    verbose=0, callbacks=[count])
    assert seen == [0, 1] * 3 and len(history.history["val_loss"]) == 3
    # Three epochs of two batches walked the 3-batch cycle twice, in order:
    reference = model()
    reference.fit(np.concatenate([x, x]), np.concatenate([y, y]), batch_size=8, epochs=1, shuffle=False, verbose=0)
    assert_same_weights(m.get_weights(), reference.get_weights())


@pytest.mark.requires_trainable_backend
def test_finite_generator_runs_one_epoch_then_stops_with_a_warning():
    x, y = regression_data()
    m = model()
    with pytest.warns(UserWarning, match="ran out before epoch 2"):
        history = m.fit(batches(x, y), epochs=3, verbose=0)
    assert history.epoch == [0]


@pytest.mark.requires_trainable_backend
def test_validation_data_as_a_dataset_or_a_tuple():
    tf = pytest.importorskip("tensorflow")
    x, y = regression_data()
    _, by_tuple = fit_weights(x, y, batch_size=8, validation_data=(x[:8], y[:8]))
    _, by_dataset = fit_weights(x, y, batch_size=8,
                                validation_data=tf.data.Dataset.from_tensor_slices((x[:8], y[:8])).batch(4))
    assert by_dataset["val_loss"] == pytest.approx(by_tuple["val_loss"], rel=1e-5)
    _, weighted = fit_weights(x, y, batch_size=8, validation_data=(x[:8], y[:8], np.zeros(8, "float32")))
    assert weighted["val_loss"] == [0.0, 0.0]


@pytest.mark.requires_trainable_backend
def test_class_weight_equals_the_matching_sample_weight():
    tf = pytest.importorskip("tensorflow")
    x, _ = regression_data()
    y = (x[:, :1] > 0).astype("float32")
    class_weight = {0: 0.5, 1: 3.0}
    sample_weight = np.where(y[:, 0] > 0, 3.0, 0.5).astype("float32")
    expected, _ = fit_weights(x, y, batch_size=8, sample_weight=sample_weight)
    by_class, _ = fit_weights(x, y, batch_size=8, class_weight=class_weight)
    assert_same_weights(by_class, expected)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    from_dataset, _ = fit_weights(dataset, class_weight=class_weight)
    assert_same_weights(from_dataset, expected)


@pytest.mark.requires_trainable_backend
def test_shuffle_changes_the_batches_but_not_the_data():
    x, y = regression_data()
    ordered, _ = fit_weights(x, y, batch_size=4)
    m = model()
    m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=True)
    assert not np.allclose(m.get_weights()[0], ordered[0], atol=1e-7)


def test_data_errors_are_clear_value_errors():
    tf = pytest.importorskip("tensorflow")
    x, y = regression_data()
    m = model()
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    with pytest.raises(ValueError, match="different numbers of samples: 24 and 20"):
        m.evaluate(x, y[:20], verbose=0)
    with pytest.raises(ValueError, match="x is a tf.data.Dataset, so `y` must not be passed"):
        m.evaluate(dataset, y, verbose=0)
    with pytest.raises(ValueError, match="generator yielded a tuple of 4 elements"):
        m.evaluate(((bx, by, by, by) for bx, by in batches(x, y)), verbose=0)
    with pytest.raises(ValueError, match=r"generator yielded str 'a' as y\['label'\]"):
        m.evaluate(((bx, {"label": "a"}) for bx, _ in batches(x, y)), verbose=0)
    with pytest.raises(ValueError, match="evaluate\\(\\) data gave no batches"):
        m.evaluate(iter([]), verbose=0)
    with pytest.raises(ValueError, match="validation_data must be"):
        m.fit(x, y, validation_data=(x,), verbose=0)


def test_validation_split_with_a_dataset_is_refused():
    tf = pytest.importorskip("tensorflow")
    x, y = regression_data()
    with pytest.raises(ValueError, match="validation_split is only supported for arrays"):
        model().fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(8), validation_split=0.2, verbose=0)
