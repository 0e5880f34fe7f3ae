"""load_img, save_img, img_to_array, array_to_img round trips, and the message without Pillow."""
import io
import sys

import numpy as np
import pytest
from PIL import Image

from keras_lite.utils import array_to_img, img_to_array, load_img, save_img

RGB = np.arange(4 * 6 * 3, dtype="uint8").reshape(4, 6, 3) * 3


def test_array_image_round_trip():
    img = array_to_img(RGB, scale=False)
    assert img.mode == "RGB" and img.size == (6, 4)
    x = img_to_array(img)
    assert x.dtype == np.float32 and np.array_equal(x, RGB)
    assert img_to_array(img, data_format="channels_first", dtype="uint8").shape == (3, 4, 6)
    assert img_to_array(Image.fromarray(RGB[:, :, 0])).shape == (4, 6, 1)
    assert array_to_img(RGB.transpose(2, 0, 1), data_format="channels_first", scale=False).size == (6, 4)
    scaled = img_to_array(array_to_img(np.array([[[0.0], [0.5], [1.0]]])))
    assert scaled[0, :, 0].tolist() == [0, 127, 255]
    assert array_to_img(np.zeros((2, 2, 4))).mode == "RGBA"
    assert array_to_img(np.full((2, 2, 1), 1000.0), scale=False).mode == "I"


def test_bad_arrays():
    with pytest.raises(ValueError, match="rank 3"):
        array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="1, 3 or 4 channels"):
        array_to_img(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="unsupported image shape"):
        img_to_array(np.zeros((1, 2, 2, 3)))


def test_save_and_load(tmp_path):
    path = tmp_path / "image.png"
    save_img(path, RGB, scale=False)
    assert np.array_equal(img_to_array(load_img(path)), RGB)
    assert load_img(str(path), color_mode="grayscale").mode == "L"
    assert load_img(path, color_mode="rgba").mode == "RGBA"
    assert load_img(io.BytesIO(path.read_bytes()), target_size=(2, 3)).size == (3, 2)
    assert load_img(path, target_size=(4, 6)).size == (6, 4)
    with pytest.warns(UserWarning, match="JPEG"):
        save_img(tmp_path / "alpha.jpg", np.zeros((2, 2, 4)))
    assert load_img(tmp_path / "alpha.jpg").size == (2, 2)
    save_img(io.BytesIO(), RGB, file_format="png")


def test_keep_aspect_ratio_crops_the_centre(tmp_path):
    wide = np.zeros((2, 6, 3), "uint8")
    wide[:, 2:4] = 255  # a white centre square between black sides
    save_img(tmp_path / "wide.png", wide, scale=False)
    square = img_to_array(load_img(tmp_path / "wide.png", target_size=(2, 2), keep_aspect_ratio=True))
    assert np.all(square == 255)
    assert np.any(img_to_array(load_img(tmp_path / "wide.png", target_size=(2, 2))) == 0)


def test_load_img_matches_keras(tmp_path):
    keras_image_utils = pytest.importorskip("keras.src.utils.image_utils")
    rng = np.random.RandomState(0)
    save_img(tmp_path / "x.png", rng.randint(0, 256, (9, 7, 3)), scale=False)
    for kwargs in ({}, {"target_size": (4, 5), "interpolation": "bilinear"},
                   {"target_size": (3, 3), "keep_aspect_ratio": True, "interpolation": "bicubic"},
                   {"color_mode": "grayscale", "target_size": (5, 5)}):
        ours = img_to_array(load_img(tmp_path / "x.png", **kwargs))
        theirs = keras_image_utils.img_to_array(keras_image_utils.load_img(tmp_path / "x.png", **kwargs))
        assert np.array_equal(ours, theirs), kwargs


def test_bad_arguments(tmp_path):
    save_img(tmp_path / "x.png", RGB)
    with pytest.raises(ValueError, match="color_mode"):
        load_img(tmp_path / "x.png", color_mode="cmyk")
    with pytest.raises(ValueError, match="interpolation"):
        load_img(tmp_path / "x.png", target_size=(2, 2), interpolation="cubic")
    with pytest.raises(TypeError, match="BytesIO"):
        load_img(3)


def test_without_pillow_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    for call in (lambda: load_img("x.png"), lambda: array_to_img(RGB)):
        with pytest.raises(ImportError, match="pip install pillow"):
            call()
