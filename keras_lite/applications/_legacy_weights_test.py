"""The Keras 2 HDF5 weights reader: files from Keras's own legacy writer, the older layouts the
published files use, and refusals (mismatches, links, data stored outside the file)."""
import h5py
import numpy as np
import pytest

from keras_lite import Input, Model, Sequential, layers, ops
from keras_lite.applications._legacy_weights import load_legacy_weights


def _model():
    """Dense, batch norm (non-trainable weights last in the legacy order), a weightless layer and a
    nested Sequential."""
    inputs = Input((4,), name="x")
    x = layers.Dense(3, name="dense")(inputs)
    x = layers.BatchNormalization(name="bn")(x)
    x = layers.Activation("relu", name="relu")(x)
    x = Sequential([layers.Dense(2, name="inner")], name="block")(x)
    return Model(inputs, x)


def _values(seed=0):
    """Legacy-order values for `_model()`: kernel, bias, gamma, beta, moving mean, moving variance, inner."""
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(4, 3)), rng.normal(size=(3,)), rng.uniform(0.5, 1.5, (3,)), rng.normal(size=(3,)),
            rng.normal(size=(3,)), rng.uniform(0.5, 1.5, (3,)), rng.normal(size=(3, 2)), rng.normal(size=(2,))]


def _write_keras2(path, values, root_group=None, chunk_layer_names=False):
    """The Keras 2 layout: `layer/layer/kernel:0` paths, a weightless layer listed with no weight names."""
    layer_weights = {"dense": ["dense/kernel:0", "dense/bias:0"],
                     "bn": ["bn/gamma:0", "bn/beta:0", "bn/moving_mean:0", "bn/moving_variance:0"],
                     "relu": [], "block": ["inner/kernel:0", "inner/bias:0"]}
    with h5py.File(path, "w") as f:
        root = f.create_group(root_group) if root_group else f
        names = [b"x", b"dense", b"bn", b"relu", b"block"]
        if chunk_layer_names:
            root.attrs["layer_names0"], root.attrs["layer_names1"] = names[:2], names[2:]
        else:
            root.attrs["layer_names"] = names
        remaining = iter(values)
        for layer in ["x"] + list(layer_weights):
            group = root.create_group(layer)
            group.attrs["weight_names"] = [w.encode() for w in layer_weights.get(layer, [])]
            for weight in layer_weights.get(layer, []):
                group[weight] = next(remaining).astype("float32")


def _assert_loaded(model, values):
    got = [ops.convert_to_numpy(w) for layer in model.layers for w in
           layer.trainable_weights + layer.non_trainable_weights]
    assert len(got) == len(values)
    for g, v in zip(got, values):
        np.testing.assert_allclose(g, v, rtol=1e-6)


def test_file_from_keras_legacy_writer_gives_keras_predictions(tmp_path):
    import keras
    from keras.src.legacy.saving import legacy_h5_format

    inputs = keras.Input((4,))
    x = keras.layers.Dense(3)(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Activation("relu")(x)
    theirs = keras.Model(inputs, keras.Sequential([keras.layers.Dense(2)])(x))
    theirs.set_weights(_values(1))
    path = str(tmp_path / "model.h5")
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, theirs)
    ours = _model()
    load_legacy_weights(ours, path)
    data = np.random.default_rng(2).normal(size=(5, 4)).astype("float32")
    np.testing.assert_allclose(ours.predict(data, verbose=0), theirs.predict(data, verbose=0), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("layout", [{}, {"root_group": "model_weights"}, {"chunk_layer_names": True}])
def test_keras2_layouts(tmp_path, layout):
    path = str(tmp_path / "weights.h5")
    _write_keras2(path, _values(), **layout)
    model = _model()
    load_legacy_weights(model, path)
    _assert_loaded(model, _values())


def test_layer_and_weight_count_mismatches(tmp_path):
    path = str(tmp_path / "weights.h5")
    _write_keras2(path, _values())
    smaller = Sequential([Input((4,)), layers.Dense(3)])
    with pytest.raises(ValueError, match="Layer count mismatch .* Model expected 1 layers, found 3 saved layers"):
        load_legacy_weights(smaller, path)
    no_bias = _model()
    with h5py.File(path, "a") as f:
        f["dense"].attrs["weight_names"] = [b"dense/kernel:0"]
    with pytest.raises(ValueError, match=r"Weight count mismatch for layer #0 \(named 'dense' in the model, 'dense' in "
                                         r".*weights.h5\): the layer expects 2 weight\(s\), the file holds 1"):
        load_legacy_weights(no_bias, path)


def test_shape_mismatch_names_layer_and_both_shapes_and_assigns_nothing(tmp_path):
    path = str(tmp_path / "weights.h5")
    values = _values()
    values[6] = np.zeros((5, 2))  # the nested Dense's kernel
    _write_keras2(path, values)
    model = _model()
    before = [ops.convert_to_numpy(w) for w in model.weights]
    with pytest.raises(ValueError, match=r"Shape mismatch for weight block/inner/kernel of layer #2 \(named 'block' in "
                                         r"the model, 'block' in .*\): the weight has shape \(3, 2\), the saved "
                                         r"value \(5, 2\)"):
        load_legacy_weights(model, path)
    for w, b in zip(model.weights, before):
        np.testing.assert_array_equal(ops.convert_to_numpy(w), b)


@pytest.mark.parametrize("link", ["soft", "external"])
def test_links_are_refused(tmp_path, link):
    path, other = str(tmp_path / "weights.h5"), str(tmp_path / "other.h5")
    _write_keras2(path, _values())
    with h5py.File(other, "w") as f:
        f["kernel"] = np.zeros((4, 3), "float32")
    with h5py.File(path, "a") as f:
        del f["dense/dense/kernel:0"]
        f["dense/dense"]["kernel:0"] = (h5py.SoftLink("/bn/bn/gamma:0") if link == "soft"
                                        else h5py.ExternalLink(other, "/kernel"))
    with pytest.raises(ValueError, match=f"is an HDF5 {'SoftLink' if link == 'soft' else 'ExternalLink'}; "
                                         "weights files with links are not loaded"):
        load_legacy_weights(_model(), path)


def test_data_stored_outside_the_file_is_refused(tmp_path):
    path = str(tmp_path / "weights.h5")
    _write_keras2(path, _values())
    raw = tmp_path / "kernel.bin"
    raw.write_bytes(np.zeros((4, 3), "float32").tobytes())
    with h5py.File(path, "a") as f:
        del f["dense/dense/kernel:0"]
        f["dense/dense"].create_dataset("kernel:0", shape=(4, 3), dtype="float32", external=[(str(raw), 0, 48)])
    with pytest.raises(ValueError, match="keeps its data outside the file"):
        load_legacy_weights(_model(), path)


def test_missing_or_misplaced_entries(tmp_path):
    path = str(tmp_path / "weights.h5")
    _write_keras2(path, _values())
    with h5py.File(path, "a") as f:
        f["bn"].attrs["weight_names"] = [b"bn/gamma:0", b"bn/beta:0", b"bn/moving_mean:0", b"bn/nothing:0"]
    with pytest.raises(ValueError, match="no dataset 'bn/nothing:0' in '/bn'"):
        load_legacy_weights(_model(), path)
    with h5py.File(path, "a") as f:
        f["bn"].attrs["weight_names"] = [b"bn/gamma:0", b"bn/beta:0", b"bn/moving_mean:0", b"bn"]
    with pytest.raises(ValueError, match="'bn' in '/bn' is not an HDF5 Dataset"):
        load_legacy_weights(_model(), path)
