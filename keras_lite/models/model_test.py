"""Subclassed models and the guide's mix-and-match examples."""
import numpy as np

import keras_lite as keras
from keras_lite import layers, ops


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


class MLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense_1 = layers.Dense(64, activation="relu")
        self.dense_2 = layers.Dense(10)

    def call(self, inputs):
        return self.dense_2(self.dense_1(inputs))


def test_guide_subclassed_mlp_is_built_by_its_first_call():
    mlp = MLP()
    assert not mlp.built and mlp.weights == []
    out = mlp(ops.zeros((1, 32)))
    assert _np(out).shape == (1, 10) and len(mlp.weights) == 4 and mlp.count_params() == 32 * 64 + 64 + 650


def test_subclassed_model_summary_shows_first_call_shapes(capsys):
    mlp = MLP()
    mlp.summary()
    assert "0 (unbuilt)" in capsys.readouterr().out
    mlp(ops.zeros((1, 32)))
    mlp.summary()
    out = capsys.readouterr().out
    assert "(1, 64)" in out and "2,112" in out


def test_guide_mix_and_match_prints_twice_like_keras(capsys):
    units, timesteps, input_dim = 32, 10, 5
    inputs = keras.Input((None, units))
    x = ops.mean(inputs, axis=1)
    model = keras.Model(inputs, layers.Dense(1)(x))

    class CustomRNN(layers.Layer):
        def __init__(self):
            super().__init__()
            self.units = units
            self.projection_1 = layers.Dense(units=units, activation="tanh")
            self.projection_2 = layers.Dense(units=units, activation="tanh")
            self.classifier = model

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
            print(features.shape)
            return self.classifier(features)

    rnn_model = CustomRNN()
    out = rnn_model(ops.zeros((1, timesteps, input_dim)))
    # Once while the first call builds the layer on KerasTensors, once for the real call. The real call's
    # shape prints as the engine's own type: torch.Size on torch, a tuple-like shape elsewhere.
    eager = "torch.Size([1, 10, 32])" if keras.backend.backend() == "torch" else "(1, 10, 32)"
    assert capsys.readouterr().out == f"(1, 10, 32)\n{eager}\n"
    assert _np(out).shape == (1, 1)


def test_custom_rnn_inside_a_functional_model_with_static_batch():
    class CustomRNN(layers.Layer):
        def __init__(self):
            super().__init__()
            self.projection_1 = layers.Dense(units=8, activation="tanh")
            self.projection_2 = layers.Dense(units=8, activation="tanh")
            self.classifier = layers.Dense(1)

        def call(self, inputs):
            outputs = []
            state = ops.zeros(shape=(inputs.shape[0], 8))
            for t in range(inputs.shape[1]):
                y = self.projection_1(inputs[:, t, :]) + self.projection_2(state)
                state = y
                outputs.append(y)
            return self.classifier(ops.stack(outputs, axis=1))

    inputs = keras.Input(batch_shape=(4, 6, 5))
    outputs = CustomRNN()(layers.Dense(3)(inputs))
    model = keras.Model(inputs, outputs)
    assert model.output_shape == (4, 6, 1)
    assert _np(model(np.ones((4, 6, 5), "float32"))).shape == (4, 6, 1)
