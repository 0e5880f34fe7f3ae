"""Progbar: redrawn in place on a terminal, whole lines otherwise, in the guide's format."""
import io
import re

import numpy as np
import pytest

import keras_lite as keras
from keras_lite.utils.progbar import Progbar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def screen(text):
    """What a terminal shows after `text`: each line as left by its last carriage return overwrite."""
    rows = []
    for row in text.split("\n"):
        shown = ""
        for part in row.split("\r"):
            part = re.sub(r"\x1b\[[0-9;]*m", "", part)  # colours take no room
            shown = part + shown[len(part):]
        rows.append(shown)
    return rows


def on_terminal(monkeypatch):
    """stdout replaced by a terminal (inside the test: pytest's capture resets stdout after fixtures)."""
    out = Terminal()
    monkeypatch.setattr("sys.stdout", out)
    return out


def test_a_terminal_sees_one_line_redrawn_in_place(monkeypatch):
    terminal = on_terminal(monkeypatch)
    bar = Progbar(3, interval=0)
    bar.update(1, [("loss", np.float32(123.25))])
    bar.update(2, [("loss", np.float32(0.5))])  # a shorter line: the rest of the old one is blanked
    assert terminal.getvalue().count("\r") == 2 and "\n" not in terminal.getvalue()
    assert re.fullmatch(r"2/3 ━{20} \d+s \d+(us|ms|s)/step - loss: 0\.5000 *", screen(terminal.getvalue())[0])
    assert "\x1b[32m" in terminal.getvalue()  # the done part of a bar in progress is coloured
    bar.update(3, [("loss", np.float32(0.25))])
    rows = screen(terminal.getvalue())
    assert rows[1] == "" and re.fullmatch(r"3/3 ━{20} \d+s \d+(us|ms|s)/step - loss: 0\.2500 *", rows[0])


def test_without_a_terminal_only_finished_lines_are_printed(capsys):
    bar = Progbar(3, interval=0)
    for step in (1, 2, 3):
        bar.update(step, [("accuracy", 0.75)])
    out = capsys.readouterr().out
    assert "\r" not in out and "\x1b" not in out
    assert re.fullmatch(r"3/3 ━{20} \d+s \d+(us|ms|s)/step - accuracy: 0\.7500\n", out)


def test_verbose_two_prints_the_one_line_summary(capsys):
    bar = Progbar(8, verbose=2)
    bar.update(8, [("accuracy", 0.9), ("loss", 0.25)])
    assert re.fullmatch(r"8/8 - \d+s - \d+(us|ms|s)/step - accuracy: 0\.9000 - loss: 0\.2500\n", capsys.readouterr().out)


def test_unknown_target_and_small_values():
    assert Progbar(None)._line(5, False).startswith("5/Unknown")
    bar = Progbar(2)
    bar.update(1, [("loss", 1.5e-5), ("per_class", np.array([0.5, 0.25]))])
    assert bar._line(1, False).endswith("- loss: 1.5000e-05 - per_class: [0.5000 0.2500]")


@pytest.mark.requires_trainable_backend
def test_fit_on_a_terminal_ends_each_epoch_with_the_guide_line(monkeypatch):
    terminal = on_terminal(monkeypatch)
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    x = np.ones((40, 3), "float32")
    model.fit(x, x[:, :1], batch_size=8, epochs=2, verbose=1)
    rows = [r.rstrip() for r in screen(terminal.getvalue()) if r.strip()]
    assert rows[0] == "Epoch 1/2" and rows[2] == "Epoch 2/2" and len(rows) == 4
    for row in rows[1::2]:
        assert re.fullmatch(r"5/5 ━{20} \d+s \d+(us|ms|s)/step - loss: \S+ - mae: \S+", row), row
