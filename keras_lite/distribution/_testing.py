"""Helpers for the distribution tests: one small model, its data, and running a program in a child process
(a multi-device or multi-process run must start with its own engine settings)."""
import os
import socket
import subprocess

import numpy as np

STEPS, BATCH = 5, 8


def global_batches():
    """Five global batches of 8 samples (shuffle=False keeps them in order)."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(STEPS * BATCH, 6)).astype("float32")
    y = rng.integers(0, 3, size=STEPS * BATCH)
    return x, y


def small_model(keras, steps_per_execution=1):
    """Two Dense layers (named, so a LayoutMap can find them) trained with Adam; the first kernel is seeded
    and the others are not, so a multi-process run shows whether process 0's weights reach every process."""
    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(8, activation="relu", name="hidden",
                                kernel_initializer=keras.initializers.GlorotUniform(seed=1))(inputs)
    outputs = keras.layers.Dense(4, name="logits")(hidden)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.05), metrics=["accuracy"],
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  steps_per_execution=steps_per_execution)
    return model


def train(model):
    """Five steps on the global batches; the epoch's logs."""
    x, y = global_batches()
    history = model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    return {k: v[-1] for k, v in history.history.items()}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_program(args, env=None, timeout=240):
    """Run `args` (a command) with `env` added to this environment; fail with its output if it fails."""
    full_env = {**os.environ, **(env or {})}
    done = subprocess.run(args, env=full_env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-4000:]}\n"
                             f"{done.stderr[-6000:]}")
    return done.stdout


def error_message(run):
    """The message of the exception `run()` raises, as '<type>: <message>' (or 'no error')."""
    try:
        run()
    except Exception as e:  # noqa: BLE001 -- the test reads which error it was
        return f"{type(e).__name__}: {e}"
    return "no error"


def save_results(path, **values):
    np.savez(path, **{k: np.asarray(v) for k, v in values.items()})
