"""compile_config: written with the optimizer's settings, replayed on load."""
import pytest

import keras_lite as keras
from keras_lite import layers
from keras_lite.saving import compile_config


def _model():
    return keras.Sequential([keras.Input((3,)), layers.Dense(2)])


def test_the_optimizer_is_written_with_its_settings():
    model = _model()
    assert compile_config.serialize_compile_config(model) == {}
    model.compile(optimizer="sgd", loss=keras.losses.MeanSquaredError(), metrics=["mae"], loss_weights=None)
    config = compile_config.serialize_compile_config(model)
    assert set(config) == {"optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
                           "steps_per_execution", "jit_compile"}
    assert config["optimizer"]["class_name"] == "SGD"
    assert config["optimizer"]["config"]["learning_rate"] == pytest.approx(0.01)
    assert config["loss"]["class_name"] == "MeanSquaredError" and config["metrics"] == ["mae"]


def test_replaying_compiles_and_builds_the_optimizer():
    source = _model()
    source.compile(optimizer=keras.optimizers.Adam(0.5), loss="mse")
    target = _model()
    compile_config.compile_from_config(target, compile_config.serialize_compile_config(source))
    assert target.compiled and target.optimizer.built and len(target.optimizer.variables) == 2 + 2 * 2
    assert float(keras.ops.convert_to_numpy(target.optimizer.learning_rate)) == 0.5


def test_unknown_keys_are_dropped_with_a_warning_and_custom_compile_is_left_alone():
    target = _model()
    with pytest.warns(UserWarning, match=r"does not know: \['auto_shard'\]"):
        compile_config.compile_from_config(target, {"optimizer": "adam", "loss": "mse", "auto_shard": True})
    assert target.compiled

    class OwnCompile(keras.Sequential):
        def compile(self, *args, **kwargs):
            raise AssertionError("must not be called")

    own = OwnCompile([keras.Input((3,)), layers.Dense(1)])
    with pytest.warns(UserWarning, match="overrides compile"):
        compile_config.compile_from_config(own, {"optimizer": "adam", "loss": "mse"})
    compile_config.compile_from_config(layers.Dense(1), {"optimizer": "adam"})  # not a model: nothing to do
