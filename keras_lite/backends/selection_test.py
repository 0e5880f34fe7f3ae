"""Backend selection: one engine imported, clear errors for unknown or missing engines."""
import os
import subprocess
import sys

import pytest

from keras_lite.backends import BACKEND

ENGINES = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow", "numpy": None}


def _run(code, backend):
    env = dict(os.environ, KERAS_BACKEND=backend)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_import_loads_only_the_selected_engine():
    code = ("import sys, keras_lite; "
            "print(keras_lite.backend.backend(), sorted(m for m in ('jax', 'torch', 'tensorflow') if m in sys.modules))")
    result = _run(code, BACKEND)
    assert result.returncode == 0, result.stderr
    wanted = [ENGINES[BACKEND]] if ENGINES[BACKEND] else []
    assert result.stdout.split()[0] == BACKEND
    assert result.stdout.strip().endswith(str(wanted))


def test_unknown_backend_lists_the_valid_ones():
    result = _run("import keras_lite", "theano")
    assert "ValueError" in result.stderr
    assert "'theano'" in result.stderr and "jax, torch, tensorflow, numpy" in result.stderr


@pytest.mark.skipif(BACKEND == "numpy", reason="NumPy is always installed")
def test_missing_engine_names_the_pip_extra():
    code = ("import importlib.util as u; real = u.find_spec; "
            f"u.find_spec = lambda name, *a: None if name == {BACKEND!r} else real(name, *a); import keras_lite")
    result = _run(code, BACKEND)
    assert "ImportError" in result.stderr
    assert f"pip install 'keras_lite[{BACKEND}]'" in result.stderr


def test_keras_json_selects_the_backend(tmp_path):
    (tmp_path / "keras.json").write_text('{"backend": "numpy", "floatx": "float16"}')
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    env["KERAS_HOME"] = str(tmp_path)
    code = "import keras_lite as k; print(k.backend.backend(), k.config.floatx())"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["numpy", "float16"], result.stderr
