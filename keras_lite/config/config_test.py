"""keras_lite.config: getters and setters, validation, dtype policy, flags and keras.json."""
import json
import os
import subprocess
import sys

import pytest

import keras_lite
from keras_lite import config
from keras_lite.backends import BACKEND
from keras_lite.backends.common import config as _config


@pytest.fixture(autouse=True)
def restore_settings():
    saved = dict(_config._state)
    yield
    _config._state.clear()
    _config._state.update(saved)


def test_defaults_and_backend():
    assert config.backend() == BACKEND == keras_lite.backend.backend()
    assert config.floatx() == "float32"
    assert config.epsilon() == pytest.approx(1e-7)
    assert config.image_data_format() == "channels_last"
    assert config.max_epochs() is None and config.max_steps_per_epoch() is None
    assert config.is_nnx_enabled() is False


@pytest.mark.parametrize("value", ["float16", "bfloat16", "float64", "float32"])
def test_set_floatx(value):
    config.set_floatx(value)
    assert config.floatx() == value == keras_lite.backend.floatx()
    assert keras_lite.backend.result_type(float) == value  # weak floats follow floatx


@pytest.mark.parametrize("bad", ["int32", "float8", "", None, "Float32"])
def test_set_floatx_rejects_bad_values(bad):
    with pytest.raises(ValueError, match="floatx"):
        config.set_floatx(bad)
    assert config.floatx() == "float32"


def test_set_epsilon():
    config.set_epsilon(1e-5)
    assert config.epsilon() == 1e-5 == keras_lite.backend.epsilon()
    config.set_epsilon(2)
    assert config.epsilon() == 2.0 and isinstance(config.epsilon(), float)
    with pytest.raises(ValueError):
        config.set_epsilon("small")


def test_set_image_data_format():
    config.set_image_data_format("channels_first")
    assert config.image_data_format() == "channels_first" == keras_lite.backend.image_data_format()
    config.set_image_data_format("CHANNELS_LAST")
    assert config.image_data_format() == "channels_last"
    for bad in ("channels_middle", None, "nhwc"):
        with pytest.raises(ValueError, match="data_format"):
            config.set_image_data_format(bad)
    assert config.image_data_format() == "channels_last"


def test_standardize_data_format():
    assert _config.standardize_data_format(None) == "channels_last"
    config.set_image_data_format("channels_first")
    assert _config.standardize_data_format(None) == "channels_first"
    assert _config.standardize_data_format("Channels_Last") == "channels_last"
    with pytest.raises(ValueError, match="data_format"):
        _config.standardize_data_format("channels")


def test_dtype_policy():
    policy = config.dtype_policy()
    assert isinstance(policy, keras_lite.DTypePolicy) and policy.name == "float32"
    config.set_floatx("float16")
    assert config.dtype_policy().name == "float16"  # the default policy follows floatx
    config.set_dtype_policy("mixed_bfloat16")
    policy = config.dtype_policy()
    assert policy.name == "mixed_bfloat16"
    assert policy.compute_dtype == "bfloat16" and policy.variable_dtype == "float32"
    config.set_dtype_policy(keras_lite.DTypePolicy("float64"))
    assert config.dtype_policy().compute_dtype == "float64"
    config.set_dtype_policy(None)
    assert config.dtype_policy().name == "float16"
    for bad in ("float7", 12):
        with pytest.raises(ValueError):
            config.set_dtype_policy(bad)


def test_flags():
    assert config.is_interactive_logging_enabled()
    config.disable_interactive_logging()
    assert not config.is_interactive_logging_enabled()
    config.enable_interactive_logging()
    assert config.is_interactive_logging_enabled()

    assert config.is_traceback_filtering_enabled()
    config.disable_traceback_filtering()
    assert not config.is_traceback_filtering_enabled()
    config.enable_traceback_filtering()
    assert config.is_traceback_filtering_enabled()

    assert config.is_flash_attention_enabled() is None  # None: wherever the engine allows
    config.disable_flash_attention()
    assert config.is_flash_attention_enabled() is False
    config.enable_flash_attention()
    assert config.is_flash_attention_enabled() is None

    assert _config.get("unsafe_deserialization") is False
    config.enable_unsafe_deserialization()
    assert _config.get("unsafe_deserialization") is True


def test_max_epochs_and_steps():
    config.set_max_epochs(3)
    config.set_max_steps_per_epoch("5")
    assert config.max_epochs() == 3 and config.max_steps_per_epoch() == 5
    config.set_max_epochs(None)
    config.set_max_steps_per_epoch(None)
    assert config.max_epochs() is None and config.max_steps_per_epoch() is None
    with pytest.raises(ValueError):
        config.set_max_epochs("many")


def test_state_is_restored_between_tests():
    # Runs after tests that changed every setting; the fixture put them back.
    assert config.floatx() == "float32" and config.image_data_format() == "channels_last"
    assert config.is_interactive_logging_enabled() and config.max_epochs() is None


def test_unknown_key_and_backend():
    with pytest.raises(KeyError):
        _config.set("no_such_setting", 1)
    with pytest.raises(ValueError, match="theano"):
        config.set_backend("theano")
    assert config.backend() == BACKEND


def _read_settings(tmp_path, settings):
    (tmp_path / "keras.json").write_text(json.dumps(settings))
    env = dict(os.environ, KERAS_HOME=str(tmp_path), KERAS_BACKEND="numpy")
    code = ("import keras_lite as k; c = k.config; "
            "print(c.floatx(), c.epsilon(), c.image_data_format())")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_keras_json_sets_the_defaults(tmp_path):
    result = _read_settings(tmp_path, {"floatx": "float64", "epsilon": 0.001,
                                       "image_data_format": "channels_first"})
    assert result.stdout.split() == ["float64", "0.001", "channels_first"], result.stderr
    result = _read_settings(tmp_path, {"floatx": "int8", "image_data_format": "sideways"})
    assert result.stdout.split() == ["float32", "1e-07", "channels_last"], result.stderr


def test_bad_epsilon_in_keras_json_falls_back(tmp_path):
    result = _read_settings(tmp_path, {"epsilon": "tiny"})
    assert result.stdout.split() == ["float32", "1e-07", "channels_last"], result.stderr
