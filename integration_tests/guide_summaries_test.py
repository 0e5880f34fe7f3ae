"""The guide's model summaries, reproduced line for line (layer-name numbering aside)."""
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.utils.summary_utils import render_summary

from integration_tests.guide_text import GUIDE, guide_summaries, normalize

pytestmark = pytest.mark.skipif(not GUIDE.exists(), reason=f"the guide is not at {GUIDE}")


def _width_of(lines):
    """The console width that gives the guide's table width (the table is console width - 4 wide)."""
    return len(lines[1]) + 4


def test_mnist_model_summary():
    inputs = keras.Input(shape=(784,))
    dense = layers.Dense(64, activation="relu")
    x = dense(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
    want = guide_summaries()["mnist_model"]
    got = render_summary(model, console_width=_width_of(want)).splitlines()
    assert normalize(got) == normalize(want)
    assert [len(line) for line in got] == [len(line) for line in want]
