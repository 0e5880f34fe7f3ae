"""Applications against Keras 3: same layers, weights and parameter counts, same predictions from
the same weights file, the same published weights files asked of get_file.

Keras is the oracle, run once per session in a subprocess on its NumPy backend (building the models
on Keras's JAX backend takes minutes). For each case the oracle builds the Keras model, gives it
random weights, writes them with Keras's own writer (legacy `.h5`, the published files' layout, or
Keras 3 `.weights.h5`), loads them back the way the case says (`weights="imagenet"` through a
patched get_file, or a path) and predicts on a fixed batch. The test loads the same file into the
keras_lite model the same way and compares.

Run as a script, this file is that oracle: `python applications_test.py cases.json out_dir`.
"""
import inspect
import json
import os
import subprocess
import sys

import numpy as np
import pytest

# (id, function, kwargs, how weights are loaded, what to predict: True for the model's output, a layer name
# for that layer's output, False for nothing) -- the fast set covers a model with a top
# (MobileNetV3: graph ops, squeeze-excite), deep residual stacks, EfficientNet's extra ImageNet
# rescaling, ConvNeXt (LayerScale, nested Sequentials, sha256 hashes) and Keras 3 weights files.
FAST = [
    ("MobileNetV3Small-top", "MobileNetV3Small", {}, "imagenet", True),
    ("ResNet50-avg", "ResNet50", {"include_top": False, "input_shape": [32, 32, 3], "pooling": "avg"}, "imagenet",
     True),
    ("EfficientNetB0", "EfficientNetB0", {"include_top": False, "input_shape": [32, 32, 3]}, "imagenet", True),
    ("ConvNeXtTiny", "ConvNeXtTiny", {"include_top": False, "input_shape": [32, 32, 3]}, "imagenet", True),
    ("MobileNetV2-classes", "MobileNetV2", {"input_shape": [32, 32, 3], "alpha": 0.35, "classes": 7}, "weights.h5",
     True),
]

_SMALL_INPUT = {"InceptionV3": [75, 75, 3], "InceptionResNetV2": [75, 75, 3], "Xception": [71, 71, 3]}
ALL_FUNCTIONS = [
    "ConvNeXtBase", "ConvNeXtLarge", "ConvNeXtSmall", "ConvNeXtTiny", "ConvNeXtXLarge", "DenseNet121", "DenseNet169",
    "DenseNet201", "EfficientNetB0", "EfficientNetB1", "EfficientNetB2", "EfficientNetB3", "EfficientNetB4",
    "EfficientNetB5", "EfficientNetB6", "EfficientNetB7", "EfficientNetV2B0", "EfficientNetV2B1", "EfficientNetV2B2",
    "EfficientNetV2B3", "EfficientNetV2L", "EfficientNetV2M", "EfficientNetV2S", "InceptionResNetV2", "InceptionV3",
    "MobileNet", "MobileNetV2", "MobileNetV3Large", "MobileNetV3Small", "NASNetLarge", "NASNetMobile", "ResNet101",
    "ResNet101V2", "ResNet152", "ResNet152V2", "ResNet50", "ResNet50V2", "VGG16", "VGG19", "Xception",
]
FAMILIES = ["convnext", "densenet", "efficientnet", "efficientnet_v2", "inception_resnet_v2", "inception_v3",
            "mobilenet", "mobilenet_v2", "mobilenet_v3", "nasnet", "resnet", "resnet50", "resnet_v2", "vgg16", "vgg19",
            "xception"]
# Slow: every function headless on a small image, loading "imagenet" (a notop file); and with its top at the
# default size, compared without weights, plus the with-top file it asks get_file for.
# EfficientNetV2L's 79 blocks amplify float32 rounding chaotically with random weights (Keras's own JAX and NumPy
# backends then disagree at the output), so its predictions are compared after its third stage.
_PREDICT = {"EfficientNetV2L": "block3g_add"}
SLOW = ([(f"{fn}-notop", fn, {"include_top": False, "input_shape": _SMALL_INPUT.get(fn, [32, 32, 3])}, "imagenet",
          _PREDICT.get(fn, True)) for fn in ALL_FUNCTIONS]
        + [(f"{fn}-top", fn, {}, "none", False) for fn in ALL_FUNCTIONS]
        + [(f"{fn}-top-file", fn, {}, "urls", False) for fn in ALL_FUNCTIONS])


# ---------------------------------------------------------------------------------------------- oracle side


class _Fetched(Exception):
    """Raised by the recording get_file of "urls" cases: the arguments are all that is wanted."""


def _get_file_call(get_file, args, kwargs):
    """The arguments of a get_file call that say which file is asked for."""
    bound = inspect.signature(get_file).bind(*args, **kwargs)
    bound.apply_defaults()
    return [bound.arguments[k] for k in ("fname", "origin", "cache_subdir", "file_hash")]


def _randomize(model, rng):
    """Random weights that keep activations finite: kernels keep Keras's initial values, vectors are
    redrawn (scales and variances positive, so LayerScale and batch norms do not vanish)."""
    values = []
    for weight, value in zip(model.weights, model.get_weights()):
        if value.ndim == 1:
            if any(key in weight.path for key in ("variance", "gamma", "layer_scale")):
                value = rng.uniform(0.8, 1.2, value.shape)
            else:
                value = rng.normal(0.0, 0.05, value.shape)
        values.append(value.astype(weight.dtype))
    model.set_weights(values)


def _write_weights(model, path):
    """Keras's own writers: the legacy `.h5` layout of the published files, or Keras 3 `.weights.h5`."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    if path.endswith(".weights.h5"):
        model.save_weights(path)
    else:
        with h5py.File(path, "w") as f:
            legacy_h5_format.save_weights_to_hdf5_group(f, model)


def _oracle(cases_path, out_dir):
    """One Keras build per case. For "imagenet" the recording get_file gives the model being built (a
    local of the application function that calls it) random weights, writes them and returns the file,
    which Keras then loads back into that model."""
    import keras
    from keras.src.utils import file_utils

    with open(cases_path) as f:
        cases = json.load(f)
    results = {}
    original_get_file = file_utils.get_file
    for case_id, fn, kwargs, source, predict in cases:
        kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
        rng = np.random.default_rng(0)
        calls = []
        weights_file = None if source in ("none", "urls") else os.path.join(
            out_dir, f"{case_id}.weights.h5" if source == "weights.h5" else f"{case_id}.h5")

        def recording_get_file(*args, **kw):
            calls.append(_get_file_call(original_get_file, args, kw))
            if source == "urls":
                raise _Fetched()
            model = sys._getframe(1).f_locals["model"]
            _randomize(model, rng)
            _write_weights(model, weights_file)
            return weights_file

        keras.backend.clear_session()
        file_utils.get_file = recording_get_file
        try:
            model = getattr(keras.applications, fn)(weights="imagenet" if source in ("imagenet", "urls") else None,
                                                    **kwargs)
        except _Fetched:
            model = None
        finally:
            file_utils.get_file = original_get_file
        if source in ("h5", "weights.h5"):
            _randomize(model, rng)
            _write_weights(model, weights_file)
        results[case_id] = {"get_file": calls, "file": weights_file}
        if model is not None:
            results[case_id].update({
                "layers": [layer.name for layer in model.layers],
                "classes": [type(layer).__name__ for layer in model.layers],
                "weights": [[w.path, list(w.shape)] for w in model.weights],
                "params": model.count_params(), "name": model.name})
        if predict:
            shape = tuple(64 if d is None else d for d in model.input_shape[1:])  # any size fits a None dim
            x = rng.uniform(0.0, 255.0, (2,) + shape).astype("float32")
            if isinstance(predict, str):
                model = keras.Model(model.input, model.get_layer(predict).output)
            np.savez(os.path.join(out_dir, f"{case_id}.npz"), x=x, y=np.asarray(model.predict(x, verbose=0)))
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(results, f)


# ---------------------------------------------------------------------------------------------- test side


class _Oracle:
    """The oracle subprocess for some cases, started at once; `results()` waits for it."""

    def __init__(self, cases, out_dir):
        self.out_dir, self.process, self._results = out_dir, None, None
        if not cases:
            return
        cases_path = os.path.join(out_dir, "cases.json")
        with open(cases_path, "w") as f:
            json.dump(cases, f)
        self._stderr = open(os.path.join(out_dir, "stderr.txt"), "w")
        self.process = subprocess.Popen([sys.executable, os.path.abspath(__file__), cases_path, out_dir],
                                        env=dict(os.environ, KERAS_BACKEND="numpy"), stdout=subprocess.DEVNULL,
                                        stderr=self._stderr)

    def results(self):
        if self._results is None:
            returncode = self.process.wait()
            self._stderr.close()
            with open(os.path.join(self.out_dir, "stderr.txt")) as f:
                assert returncode == 0, f.read()[-4000:]
            with open(os.path.join(self.out_dir, "results.json")) as f:
                self._results = {case_id: dict(result, dir=self.out_dir) for case_id, result in json.load(f).items()}
        return self._results

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            self._stderr.close()


def _selected(request, cases):
    """The cases of the tests this session runs (so `-k` also shortens the oracle's work)."""
    ours = ("test_matches_keras", "test_every_application_matches_keras")  # other files' `case` params differ
    wanted = {item.callspec.params["case"][0] for item in request.session.items
              if getattr(item, "originalname", None) in ours and hasattr(item, "callspec")
              and str(item.path) == os.path.abspath(__file__)}
    return [case for case in cases if case[0] in wanted]


@pytest.fixture(scope="session")
def fast_oracle(request, tmp_path_factory):
    oracle = _Oracle(_selected(request, FAST), str(tmp_path_factory.mktemp("oracle_fast")))
    yield oracle
    oracle.stop()


@pytest.fixture(scope="module", autouse=True)
def _start_the_oracle_early(fast_oracle):
    """Started with this module, the oracle runs beside the tests above `test_matches_keras`."""


@pytest.fixture(scope="session")
def slow_oracle(request, tmp_path_factory):
    oracle = _Oracle(_selected(request, SLOW), str(tmp_path_factory.mktemp("oracle_slow")))
    yield oracle
    oracle.stop()


def _check_against_oracle(case, oracle, monkeypatch):
    from keras_lite import Model, applications, backend, utils

    case_id, fn, kwargs, source, predict = case
    expected = oracle.results()[case_id]
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    calls, original_get_file = [], utils.get_file

    def recording_get_file(*args, **kw):
        calls.append(_get_file_call(original_get_file, args, kw))
        if source == "urls":
            raise _Fetched()
        return expected["file"]

    monkeypatch.setattr(utils, "get_file", recording_get_file)
    backend.clear_session()
    weights = {"imagenet": "imagenet", "urls": "imagenet", "none": None}.get(source, expected["file"])
    if source == "urls":
        with pytest.raises(_Fetched):
            getattr(applications, fn)(weights=weights, **kwargs)
        assert calls == expected["get_file"]
        return
    model = getattr(applications, fn)(weights=weights, **kwargs)
    assert calls == expected["get_file"]
    assert model.name == expected["name"]
    assert [layer.name for layer in model.layers] == expected["layers"]
    assert [type(layer).__name__ for layer in model.layers] == expected["classes"]
    assert [[w.path, list(w.shape)] for w in model.weights] == expected["weights"]
    assert model.count_params() == expected["params"]
    if predict:
        if isinstance(predict, str):
            model = Model(model.input, model.get_layer(predict).output)
        data = np.load(os.path.join(expected["dir"], f"{case_id}.npz"))
        ours = model.predict(data["x"], verbose=0)
        scale = max(1.0, float(np.abs(data["y"]).max()))
        np.testing.assert_allclose(ours, data["y"], rtol=1e-4, atol=1e-4 * scale)


def test_public_names_are_the_keras_ones():
    from keras_lite import applications

    assert sorted(applications.__all__) == sorted(ALL_FUNCTIONS)
    for module in FAMILIES:
        family = getattr(applications, module)
        assert callable(family.preprocess_input) and callable(family.decode_predictions)


def test_vgg19_feature_extraction_returns_every_layer_output():
    """The guide's feature extractor (VGG19 with its top; 32x32 images instead of 224x224, which would
    give fc1 102M weights to initialize)."""
    from keras_lite import Model, applications, ops

    vgg19 = applications.VGG19(weights=None, input_shape=(32, 32, 3))
    extractor = Model(inputs=vgg19.input, outputs=[layer.output for layer in vgg19.layers])
    features = extractor(np.random.default_rng(0).uniform(0, 255, (1, 32, 32, 3)).astype("float32"))
    expected = [(32, 32, 3)]
    for block, (size, filters, convs) in enumerate(((32, 64, 2), (16, 128, 2), (8, 256, 4), (4, 512, 4),
                                                   (2, 512, 4))):
        expected += [(size, size, filters)] * convs + [(size // 2, size // 2, filters)]
    expected += [(512,), (4096,), (4096,), (1000,)]
    assert len(features) == 26
    assert [tuple(ops.shape(f)) for f in features] == [(1,) + shape for shape in expected]
    np.testing.assert_allclose(ops.convert_to_numpy(ops.sum(features[-1], axis=-1)), [1.0], rtol=1e-5)


# ------------------------------------------------------------------------------------ arguments and errors


def test_invalid_arguments_raise_keras_errors(tmp_path):
    from keras_lite import applications, layers

    with pytest.raises(ValueError, match="The `weights` argument should be either"):
        applications.ResNet50(weights=str(tmp_path / "missing.h5"))
    with pytest.raises(ValueError, match="`classes` should be 1000"):
        applications.VGG16(weights="imagenet", classes=10)
    with pytest.raises(ValueError, match="Input size must be at least 32x32"):
        applications.VGG19(weights=None, include_top=False, input_shape=(16, 16, 3))
    with pytest.raises(ValueError, match="Input size must be at least 75x75"):
        applications.InceptionV3(weights=None, include_top=False, input_shape=(74, 80, 3))
    with pytest.raises(ValueError, match=r"`input_shape` should be \(224, 224, 3\)"):
        applications.DenseNet121(weights="imagenet", input_shape=(100, 100, 3))
    with pytest.raises(ValueError, match="you should specify a static `input_shape`"):
        applications.Xception(weights=None, input_shape=(None, None, 3))
    with pytest.raises(ValueError, match="The input must have 3 channels"):
        applications.EfficientNetB0(weights="imagenet", include_top=False, input_shape=(64, 64, 1))
    with pytest.raises(ValueError, match="depth multiplier must be 1"):
        applications.MobileNet(weights="imagenet", depth_multiplier=2)
    with pytest.raises(ValueError, match="alpha can be one of"):
        applications.MobileNet(weights="imagenet", alpha=0.3)
    with pytest.raises(ValueError, match="alpha must be one of"):
        applications.MobileNetV2(weights="imagenet", alpha=0.3)
    with pytest.raises(ValueError, match="alpha can be one of `0.75`, `1.0`"):
        applications.MobileNetV3Small(weights="imagenet", minimalistic=True, alpha=0.75)
    with pytest.raises(ValueError, match="Input size must be at least 32x32"):
        applications.MobileNetV3Large(weights=None, input_shape=(16, 16, 3))
    with pytest.raises(ValueError, match='Model name "tiny" does not match weights variant "convnext_tiny"'):
        applications.ConvNeXtTiny(weights="imagenet", name="tiny")
    with pytest.raises(ValueError, match="Only `None` and `softmax` activations are allowed"):
        applications.MobileNet(weights="imagenet", alpha=0.25, input_shape=(128, 128, 3), classifier_activation="relu")
    with pytest.raises(ValueError, match="input_tensor must be a KerasTensor"):
        applications.MobileNet(weights=None, alpha=0.25, input_tensor=np.zeros((1, 32, 32, 3)))
    with pytest.raises(ValueError, match=r"input_tensor.shape\[2\] must equal input_shape\[1\]"):
        applications.MobileNetV2(weights=None, input_shape=(64, 64, 3),
                                 input_tensor=layers.Input((32, 32, 3)))


@pytest.mark.parametrize("fn", ["DenseNet121", "ConvNeXtTiny", "NASNetMobile"])
def test_channels_last_only_families_refuse_channels_first(fn):
    from keras_lite import applications, backend

    backend.set_image_data_format("channels_first")
    try:
        with pytest.raises(ValueError, match="does not support the `channels_first` image data format"):
            getattr(applications, fn)(weights=None)
    finally:
        backend.set_image_data_format("channels_last")


def test_input_tensor_and_pooling():
    from keras_lite import applications, layers

    image = layers.Input((32, 32, 3))
    model = applications.MobileNet(weights=None, alpha=0.25, include_top=False, input_tensor=image, pooling="avg")
    assert model.inputs[0] is image and model.output.shape == (None, 256)
    # A tensor computed from an Input: the model starts at that Input and keeps the computation.
    scaled = layers.Rescaling(1.0 / 255, name="to_unit")(layers.Input((32, 32, 3), name="pixels"))
    model = applications.MobileNet(weights=None, alpha=0.25, include_top=False, input_tensor=scaled, pooling="max")
    assert model.inputs[0].name == "pixels" and model.layers[1].name == "to_unit"
    assert model.output.shape == (None, 256)
    assert applications.MobileNet(weights=None, alpha=0.25, include_top=False,
                                  input_shape=(32, 32, 3)).output.shape == (None, 1, 1, 256)
    assert applications.MobileNet(weights=None, alpha=0.25, input_shape=(32, 32, 3)).name == "mobilenet_0.25_32"


def test_headless_models_accept_any_image_size():
    from keras_lite import applications

    model = applications.MobileNetV3Small(weights=None, include_top=False, alpha=0.75, minimalistic=True)
    assert model.input_shape == (None, None, None, 3)
    assert model.output_shape == (None, None, None, 432)


def test_weights_file_for_another_architecture_is_refused(tmp_path):
    import h5py

    from keras_lite import applications

    path = str(tmp_path / "vgg.h5")
    with h5py.File(path, "w") as f:
        f.attrs["layer_names"] = [b"block1_conv1"]
        group = f.create_group("block1_conv1")
        group.attrs["weight_names"] = [b"block1_conv1/kernel:0", b"block1_conv1/bias:0"]
        group["block1_conv1/kernel:0"] = np.zeros((3, 3, 3, 64), "float32")
        group["block1_conv1/bias:0"] = np.zeros((64,), "float32")
    with pytest.raises(ValueError, match="Layer count mismatch"):
        applications.MobileNet(weights=path, alpha=0.25, include_top=False, input_shape=(32, 32, 3))


# The oracle runs while the tests above run; these wait for it.


@pytest.mark.parametrize("case", FAST, ids=[c[0] for c in FAST])
def test_matches_keras(case, fast_oracle, monkeypatch):
    _check_against_oracle(case, fast_oracle, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("case", SLOW, ids=[c[0] for c in SLOW])
def test_every_application_matches_keras(case, slow_oracle, monkeypatch):
    _check_against_oracle(case, slow_oracle, monkeypatch)


if __name__ == "__main__":
    _oracle(sys.argv[1], sys.argv[2])
