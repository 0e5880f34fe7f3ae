import pytest

from keras_lite import distribution


@pytest.fixture
def mesh():
    return distribution.DeviceMesh((1, 1), ["batch", "model"], distribution.list_devices()[:1])


def test_exact_paths_then_patterns(mesh):
    layouts = distribution.LayoutMap(mesh)
    layouts["dense/kernel"] = (None, "model")
    layouts[".*embeddings"] = distribution.TensorLayout(("model", None))
    assert layouts["dense/kernel"].axes == (None, "model")
    assert layouts["encoder/token_embeddings"].axes == ("model", None)
    assert layouts["encoder/token_embeddings"].device_mesh is mesh
    assert layouts["dense/bias"] is None
    assert layouts.match("dense/kernel")[0] == "dense/kernel"
    assert len(layouts) == 2 and list(layouts) == ["dense/kernel", ".*embeddings"]
    del layouts["dense/kernel"]
    assert "dense/kernel" not in layouts


def test_a_path_matching_two_patterns_is_an_error(mesh):
    layouts = distribution.LayoutMap(mesh)
    layouts["dense.*"] = (None, "model")
    layouts[".*kernel"] = ("model", None)
    with pytest.raises(ValueError, match=r"'dense_1/kernel' matches several keys \['dense\.\*', '\.\*kernel'\]"):
        layouts["dense_1/kernel"]


@pytest.mark.parametrize("key, value, error, message", [
    ("[", (None,), ValueError, "not a valid regular expression"),
    (3, (None,), TypeError, "path strings"),
    ("a", "model", TypeError, "expected a TensorLayout"),
])
def test_bad_entries_name_the_culprit(mesh, key, value, error, message):
    with pytest.raises(error, match=message):
        distribution.LayoutMap(mesh)[key] = value


def test_a_key_is_set_once_and_a_layout_keeps_its_mesh(mesh):
    layouts = distribution.LayoutMap(mesh)
    layouts["a"] = (None,)
    with pytest.raises(ValueError, match="already has the layout"):
        layouts["a"] = (None,)
    other = distribution.DeviceMesh((1, 1), ["batch", "model"], distribution.list_devices()[:1])
    with pytest.raises(ValueError, match="is not the map's"):
        layouts["b"] = distribution.TensorLayout((None,), other)
