"""examples/functional_api.py — every program of the guide — runs on this backend and prints what the guide shows.

Run in a fresh process, as `make demo` runs it, with `--small --synthetic` (synthetic MNIST/CIFAR-shaped
data, fewer samples) so that CI needs no network; the plots and the saved model go to a temporary folder.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from integration_tests.guide_text import GUIDE, guide_summaries

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "functional_api.py"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("functional_api")
    env = dict(os.environ, FUNCTIONAL_API_OUT=str(out), COLUMNS="120")
    result = subprocess.run([sys.executable, str(EXAMPLE), "--small", "--synthetic"], env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout, out


@pytest.mark.requires_trainable_backend
def test_every_summary_of_the_guide_is_printed_in_order(run):
    stdout, _ = run
    printed = re.findall(r'^Model: "(\w+)"$', stdout, flags=re.M)
    if GUIDE.exists():
        assert printed == [name for name, _ in guide_summaries()]
    assert printed[0] == "mnist_model" and printed[-1] == "toy_resnet"


@pytest.mark.requires_trainable_backend
def test_training_progress_scores_and_save_load(run):
    stdout, _ = run
    assert "using a synthetic mnist-shaped stand-in" in stdout  # said in one line, never silently
    bars = re.findall(r"^(\d+)/(\d+) ━{20} \d+s \d+(?:us|ms|s)/step - (.*)$", stdout, flags=re.M)
    # MNIST: 2 epochs of 75 steps; tickets: 2 epochs of 10; toy ResNet: 1 epoch of 13 (as in the guide).
    assert [(done, total) for done, total, _ in bars] == [("75", "75")] * 2 + [("10", "10")] * 2 + [("13", "13")]
    assert bars[0][2].startswith("accuracy: ") and "val_accuracy: " in bars[0][2]
    assert re.search(r"^\d+/\d+ - \d+s - \d+(us|ms|s)/step - accuracy: \d\.\d{4} - loss: \S+$", stdout, re.M)
    accuracy = float(re.search(r"^Test accuracy: (\S+)$", stdout, re.M).group(1))
    assert accuracy > 0.9  # ten classes: chance is 0.1
    assert "Reloaded my_model.keras: identical predictions" in stdout
    assert bars[4][2].startswith("acc: ") and "val_acc: " in bars[4][2]


@pytest.mark.requires_trainable_backend
def test_plots_model_file_features_and_custom_models(run):
    stdout, out = run
    assert (out / "my_model.keras").is_file()
    if shutil.which("dot"):
        for name in ("my_first_model.png", "my_first_model_with_shape_info.png", "multi_input_and_output_model.png",
                     "mini_resnet.png"):
            assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
    assert "Extracted 26 feature maps, the last of shape (1, 1000)" in stdout
    assert len(re.findall(r"^(\(1, 10, 32\)|torch\.Size\(\[1, 10, 32\]\))$", stdout, re.M)) >= 1
    assert stdout.rstrip().endswith("Done: every program of the functional-API guide ran.")
