"""The functional-API guide (../shared/mission/functional-api-guide.txt), as far as keras_lite runs it today.

Run with `make demo` (jax) or `make demo BACKEND=torch`. The guide's own code, with only the import line
changed. Data: the guide loads MNIST; until keras_lite.datasets exists this example trains on a synthetic
MNIST-shaped stand-in and says so.
"""
import numpy as np

import keras_lite as keras
from keras_lite import layers, ops

print("keras_lite backend:", keras.backend.backend())

inputs = keras.Input(shape=(784,))
print(inputs.shape)
print(repr(inputs.dtype))

dense = layers.Dense(64, activation="relu")
x = dense(inputs)
x = layers.Dense(64, activation="relu")(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
model.summary()

print("MNIST is not available yet (keras_lite.datasets): training on a synthetic MNIST-shaped stand-in.")
rng = np.random.default_rng(0)


def synthetic_mnist(n):
    y = rng.integers(0, 10, size=n)
    x = rng.random((n, 784)).astype("float32") * 0.5
    for c in range(10):
        x[y == c, c * 70:(c + 1) * 70] += 0.5
    return x, y


(x_train, y_train), (x_test, y_test) = synthetic_mnist(6000), synthetic_mnist(1000)

model.compile(
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    optimizer=keras.optimizers.RMSprop(),
    metrics=["accuracy"],
)
history = model.fit(x_train, y_train, batch_size=64, epochs=2, validation_split=0.2)
test_scores = model.evaluate(x_test, y_test, verbose=2)
print("Test loss:", test_scores[0])
print("Test accuracy:", test_scores[1])


def get_model():
    inputs = keras.Input(shape=(128,))
    outputs = layers.Dense(1)(inputs)
    return keras.Model(inputs, outputs)


model1, model2, model3 = get_model(), get_model(), get_model()
inputs = keras.Input(shape=(128,))
ensemble_model = keras.Model(inputs=inputs, outputs=layers.average([model1(inputs), model2(inputs), model3(inputs)]))
print("ensemble output:", ensemble_model.output.shape)


class CustomDense(layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

    def get_config(self):
        return {"units": self.units}


inputs = keras.Input((4,))
outputs = CustomDense(10)(inputs)
model = keras.Model(inputs, outputs)
config = model.get_config()
new_model = keras.Model.from_config(config, custom_objects={"CustomDense": CustomDense})
print("rebuilt from config:", new_model.output.shape)


class MLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense_1 = layers.Dense(64, activation="relu")
        self.dense_2 = layers.Dense(10)

    def call(self, inputs):
        x = self.dense_1(inputs)
        return self.dense_2(x)


mlp = MLP()
_ = mlp(ops.zeros((1, 32)))
print("subclassed MLP params:", mlp.count_params())
