"""Lazily imported namespaces: the names behave as if imported, and `import keras_lite` stays small."""
import builtins
import importlib
import json
import os
import subprocess
import sys

import pytest

import keras_lite
from keras_lite.backends import BACKEND
from keras_lite.backends.common import lazy


def _run(code):
    result = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, KERAS_BACKEND=BACKEND),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `lazy_fixture` (eager name `eager`) whose submodule `tools` defines `hammer` and `saw` and counts
    how often it runs."""
    root = tmp_path / "lazy_fixture"
    root.mkdir()
    (root / "__init__.py").write_text(
        "from keras_lite.backends.common import lazy\n"
        "eager = 'here'\n"
        "__getattr__, __dir__, __all__ = lazy.attach(__name__, {'.tools': ('hammer', 'saw')}, eager=('eager',))\n")
    (root / "tools.py").write_text(
        "import builtins\nbuiltins.lazy_fixture_runs += 1\nhammer, saw = object(), object()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(builtins, "lazy_fixture_runs", 0, raising=False)
    monkeypatch.setattr(lazy, "_PENDING", {})
    yield importlib.import_module("lazy_fixture")
    for name in ("lazy_fixture", "lazy_fixture.tools"):
        sys.modules.pop(name, None)


def test_names_import_their_module_on_first_use_only(package):
    assert "lazy_fixture.tools" not in sys.modules and builtins.lazy_fixture_runs == 0
    assert package.hammer is package.hammer
    tools = sys.modules["lazy_fixture.tools"]
    assert package.hammer is tools.hammer and builtins.lazy_fixture_runs == 1
    assert "hammer" in vars(package) and "saw" not in vars(package)  # cached on first access, one name at a time
    assert package.__all__ == ["eager", "hammer", "saw"]
    assert {"eager", "hammer", "saw"} <= set(dir(package))
    with pytest.raises(AttributeError, match="'lazy_fixture' has no attribute 'chisel'"):
        package.chisel


def test_load_all_imports_every_pending_name(package):
    lazy.load_all()
    tools = sys.modules["lazy_fixture.tools"]
    assert vars(package)["hammer"] is tools.hammer and vars(package)["saw"] is tools.saw
    assert lazy._PENDING == {"lazy_fixture": {}} and builtins.lazy_fixture_runs == 1


def test_public_namespaces_list_and_resolve_every_name():
    for namespace in (keras_lite.layers, keras_lite.utils, keras_lite.callbacks, keras_lite.distribution):
        assert namespace.__all__ and set(namespace.__all__) <= set(dir(namespace))
        for name in namespace.__all__:
            assert getattr(namespace, name) is not None, (namespace.__name__, name)
    from keras_lite.layers import LSTM, Dense  # noqa: F401
    from keras_lite.utils import get_file  # noqa: F401


def test_import_keras_lite_leaves_the_catalogues_h5py_and_ml_dtypes_unimported():
    loaded = _run("import sys, json, keras_lite; print(json.dumps(sorted(sys.modules)))")
    assert "keras_lite.models" in loaded and "keras_lite.layers.layer" in loaded
    for module in ("keras_lite.layers.rnn.lstm", "keras_lite.layers.core.dense", "keras_lite.callbacks.tensorboard",
                   "keras_lite.utils.audio_dataset_utils", "keras_lite.distribution.data_parallel",
                   "keras_lite.saving.saving_api"):
        assert module not in loaded, module
    by_engine = _run(f"import sys, json, {BACKEND}; print(json.dumps(sorted(sys.modules)))")
    for module in ("h5py", "ml_dtypes"):  # tensorflow loads both itself, jax ml_dtypes
        assert module not in loaded or module in by_engine, module


def test_a_fresh_process_deserializes_layers_it_never_imported():
    code = ("import json, keras_lite; "
            "layer = keras_lite.saving.deserialize_keras_object({'module': 'keras.layers', 'class_name': 'LSTM', "
            "'config': {'units': 3, 'name': 'seq'}}); "
            "by_name = keras_lite.saving.deserialize_keras_object({'class_name': 'GlobalMaxPooling1D', 'config': {}}); "
            "print(json.dumps([type(layer).__module__, layer.units, type(by_name).__name__]))")
    assert _run(code) == ["keras_lite.layers.rnn.lstm", 3, "GlobalMaxPooling1D"]
