"""The guide's other model definitions build (and the ticket model trains) on every backend, as written."""
import numpy as np
import pytest

import keras_lite as keras
from keras_lite import layers, ops


def test_ticket_routing_model_builds_and_trains_from_dicts():
    num_tags, num_words, num_departments = 12, 10000, 4
    title_input = keras.Input(shape=(None,), name="title")
    body_input = keras.Input(shape=(None,), name="body")
    tags_input = keras.Input(shape=(num_tags,), name="tags")
    title_features = layers.Embedding(num_words, 64)(title_input)
    body_features = layers.Embedding(num_words, 64)(body_input)
    title_features = layers.LSTM(128)(title_features)
    body_features = layers.LSTM(32)(body_features)
    x = layers.concatenate([title_features, body_features, tags_input])
    priority_pred = layers.Dense(1, name="priority")(x)
    department_pred = layers.Dense(num_departments, name="department")(x)
    model = keras.Model(inputs=[title_input, body_input, tags_input],
                        outputs={"priority": priority_pred, "department": department_pred})
    assert model.count_params() == 1392097  # as Keras 3 counts it
    assert model.output_shape == {"priority": (None, 1), "department": (None, 4)}
    if keras.backend.backend() == "numpy":
        return  # the numpy backend runs inference only
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                  loss=[keras.losses.BinaryCrossentropy(from_logits=True),
                        keras.losses.CategoricalCrossentropy(from_logits=True)],
                  loss_weights=[1.0, 0.2])
    rng = np.random.default_rng(0)
    n = 64
    data = {"title": rng.integers(num_words, size=(n, 6)), "body": rng.integers(num_words, size=(n, 10)),
            "tags": rng.integers(2, size=(n, num_tags)).astype("float32")}
    targets = {"priority": rng.random(size=(n, 1)), "department": rng.integers(2, size=(n, num_departments))}
    history = model.fit(data, targets, epochs=2, batch_size=32, verbose=0)
    assert len(history.history["loss"]) == 2 and np.isfinite(history.history["loss"]).all()

    # The same training from a tf.data.Dataset and a torch DataLoader, with the losses as a dict.
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                  loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True),
                        "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
                  loss_weights={"priority": 1.0, "department": 0.2})
    expected = model.evaluate(data, targets, batch_size=32, verbose=0)
    tf = pytest.importorskip("tensorflow")
    dataset = tf.data.Dataset.from_tensor_slices((data, targets)).batch(32)
    assert model.evaluate(dataset, verbose=0) == pytest.approx(expected, rel=1e-5)
    history = model.fit(dataset, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    torch = pytest.importorskip("torch")

    class Tickets(torch.utils.data.Dataset):
        def __len__(self):
            return n

        def __getitem__(self, i):
            return {k: v[i] for k, v in data.items()}, {k: v[i] for k, v in targets.items()}

    loader = torch.utils.data.DataLoader(Tickets(), batch_size=32)
    after_tf = model.evaluate(data, targets, batch_size=32, verbose=0)
    assert model.evaluate(loader, verbose=0) == pytest.approx(after_tf, rel=1e-5)
    history = model.fit(loader, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert model.evaluate(data, targets, batch_size=32, verbose=0) != pytest.approx(after_tf, rel=1e-6)


def test_conv1d_and_custom_rnn_with_a_static_batch():
    units, timesteps, input_dim, batch_size = 32, 10, 5, 16

    class CustomRNN(layers.Layer):
        def __init__(self):
            super().__init__()
            self.units = units
            self.projection_1 = layers.Dense(units=units, activation="tanh")
            self.projection_2 = layers.Dense(units=units, activation="tanh")
            self.classifier = layers.Dense(1)

        def call(self, inputs):
            outputs = []
            state = ops.zeros(shape=(inputs.shape[0], self.units))
            for t in range(inputs.shape[1]):
                x = inputs[:, t, :]
                h = self.projection_1(x)
                y = h + self.projection_2(state)
                state = y
                outputs.append(y)
            features = ops.stack(outputs, axis=1)
            return self.classifier(features)

    inputs = keras.Input(batch_shape=(batch_size, timesteps, input_dim))
    x = layers.Conv1D(32, 3)(inputs)
    outputs = CustomRNN()(x)
    model = keras.Model(inputs, outputs)
    assert model.output_shape == (16, 8, 1)
    rnn_model = CustomRNN()
    out = rnn_model(ops.zeros((1, 10, 5)))
    assert tuple(out.shape) == (1, 10, 1)


def test_shared_embedding_on_two_text_inputs():
    shared_embedding = layers.Embedding(1000, 128)
    text_input_a = keras.Input(shape=(None,), dtype="int32")
    text_input_b = keras.Input(shape=(None,), dtype="int32")
    encoded_input_a = shared_embedding(text_input_a)
    encoded_input_b = shared_embedding(text_input_b)
    assert encoded_input_a.shape == (None, None, 128) and encoded_input_b.shape == (None, None, 128)
    assert len(shared_embedding._inbound_nodes) == 2
