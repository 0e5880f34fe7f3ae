import colorsys

import numpy as np
import pytest

from keras_lite import ops
from keras_lite.backends.common.keras_tensor import KerasTensor
from keras_lite.ops import image
from keras_lite.testing import OpCase, case_ids, run_op_case

rng = np.random.default_rng(7)
IMGS = rng.uniform(0, 1, size=(2, 6, 8, 3)).astype("float32")
IMG = IMGS[0].copy()
CF = np.moveaxis(IMGS, -1, 1).copy()
U8 = rng.integers(0, 256, size=(2, 5, 7, 2)).astype("uint8")


def _keras_numpy_image_module():
    """Keras 3's NumPy-backend image module, imported without disturbing the Keras backend in use: importing
    the package rebinds `keras.src.backend.numpy`, which Keras reads as its active backend's numpy module."""
    import keras.src.backend as keras_backend

    active = keras_backend.numpy
    from keras.src.backend.numpy import image as keras_image

    keras_backend.numpy = active
    return keras_image


def _keras_resize(images, size, **kwargs):
    """Keras 3's NumPy-backend resize (the JAX semantics) as the oracle."""
    return _keras_numpy_image_module().resize(images.astype(np.float64), size, **kwargs)


def _crop(images, top_cropping=None, left_cropping=None, bottom_cropping=None, right_cropping=None,
          target_height=None, target_width=None, data_format=None):
    h, w = images.shape[-3:-1]
    top = top_cropping if top_cropping is not None else h - target_height - bottom_cropping
    height = target_height if target_height is not None else h - top - bottom_cropping
    left = left_cropping if left_cropping is not None else w - target_width - right_cropping
    width = target_width if target_width is not None else w - left - right_cropping
    return images[..., top:top + height, left:left + width, :]


def _pad(images, top_padding=None, left_padding=None, bottom_padding=None, right_padding=None,
         target_height=None, target_width=None, data_format=None):
    if data_format == "channels_first":
        images = np.moveaxis(images, -3, -1)
    h, w = images.shape[-3:-1]
    top = top_padding if top_padding is not None else target_height - h - bottom_padding
    bottom = bottom_padding if bottom_padding is not None else target_height - h - top
    left = left_padding if left_padding is not None else target_width - w - right_padding
    right = right_padding if right_padding is not None else target_width - w - left
    out = np.pad(images, [(0, 0)] * (images.ndim - 3) + [(top, bottom), (left, right), (0, 0)])
    return np.moveaxis(out, -1, -3) if data_format == "channels_first" else out


def _gray(images, data_format=None):
    axis = -1 if data_format != "channels_first" else -3
    return np.expand_dims(np.tensordot(np.moveaxis(images, axis, -1).astype(np.float64), [0.2989, 0.5870, 0.1140],
                                       axes=1), axis).astype(images.dtype)


def _colorsys(fn):
    def ref(images, data_format=None):
        return np.apply_along_axis(lambda p: fn(*p), -1, images.astype(np.float64))
    return ref


def _patches(images, size, strides=None, dilation_rate=1, padding="valid", data_format=None):
    ph, pw = (size, size) if isinstance(size, int) else size
    sh, sw = (ph, pw) if strides is None else ((strides, strides) if isinstance(strides, int) else strides)
    d = dilation_rate
    h, w = images.shape[-3:-1]
    if padding == "same":
        oh, ow = -(-h // sh), -(-w // sw)
        pad_h, pad_w = max((oh - 1) * sh + (ph - 1) * d + 1 - h, 0), max((ow - 1) * sw + (pw - 1) * d + 1 - w, 0)
        images = np.pad(images, [(0, 0)] * (images.ndim - 3) + [(pad_h // 2, pad_h - pad_h // 2),
                                                                (pad_w // 2, pad_w - pad_w // 2), (0, 0)])
        h, w = images.shape[-3:-1]
    oh, ow = (h - (ph - 1) * d - 1) // sh + 1, (w - (pw - 1) * d - 1) // sw + 1
    out = np.zeros(images.shape[:-3] + (oh, ow, ph * pw * images.shape[-1]), images.dtype)
    for y in range(oh):
        for x in range(ow):
            window = images[..., y * sh:y * sh + (ph - 1) * d + 1:d, x * sw:x * sw + (pw - 1) * d + 1:d, :]
            out[..., y, x, :] = window.reshape(window.shape[:-3] + (-1,))
    return out


HSV = np.stack([IMG[..., 0], IMG[..., 1], IMG[..., 2]], -1)
SPATIAL = [(0, 1, 2)]  # batch, height and width unknown

CASES = [
    OpCase("image.resize", (IMGS, (3, 4)), _keras_resize, dtype="float32", known_dims=(1, 2, 3), tol=1e-5),
    OpCase("image.resize", (IMGS, (3, 4)), _keras_resize, none_dims=SPATIAL, known_dims=(1, 2, 3), tol=1e-5,
           id="resize_unknown_spatial"),
    OpCase("image.resize", (IMG, (9, 11)), _keras_resize, known_dims=(0, 1, 2), tol=1e-5, id="resize_unbatched_up"),
    OpCase("image.resize", (IMGS, (3, 5)), _keras_resize, kwargs={"antialias": True}, tol=1e-5, id="resize_antialias"),
    OpCase("image.resize", (IMGS, (4, 3)), _keras_resize, kwargs={"interpolation": "nearest"}, id="resize_nearest"),
    OpCase("image.resize", (IMGS, (9, 12)), _keras_resize, kwargs={"interpolation": "nearest"}, id="resize_nearest_up"),
    OpCase("image.resize", (IMGS, (4, 5)), _keras_resize, kwargs={"interpolation": "bicubic"}, tol=1e-5,
           id="resize_bicubic"),
    OpCase("image.resize", (IMGS, (10, 13)), _keras_resize, kwargs={"interpolation": "bicubic"}, tol=1e-5,
           id="resize_bicubic_up"),
    OpCase("image.resize", (IMGS, (4, 5)), _keras_resize, kwargs={"interpolation": "bicubic", "antialias": True},
           tol=1e-5, id="resize_bicubic_antialias"),
    OpCase("image.resize", (IMGS, (4, 5)), _keras_resize, kwargs={"interpolation": "lanczos3"}, tol=1e-5,
           id="resize_lanczos3"),
    OpCase("image.resize", (IMGS, (4, 5)), _keras_resize, kwargs={"interpolation": "lanczos5", "antialias": True},
           tol=1e-5, id="resize_lanczos5_antialias"),
    OpCase("image.resize", (CF, (3, 4)), _keras_resize, kwargs={"data_format": "channels_first"}, known_dims=(1, 2, 3),
           tol=1e-5, id="resize_channels_first"),
    OpCase("image.resize", (IMGS, (4, 4)), _keras_resize, kwargs={"crop_to_aspect_ratio": True}, tol=1e-5,
           id="resize_crop_to_aspect"),
    OpCase("image.resize", (IMGS, (4, 2)), _keras_resize, kwargs={"pad_to_aspect_ratio": True, "fill_value": 0.5},
           tol=1e-5, id="resize_pad_to_aspect"),
    OpCase("image.crop_images", (IMGS,), _crop, kwargs={"top_cropping": 1, "left_cropping": 2, "target_height": 3,
                                                  "target_width": 4}, known_dims=(1, 2, 3)),
    OpCase("image.crop_images", (IMG,), _crop, kwargs={"top_cropping": 1, "bottom_cropping": 2, "left_cropping": 0,
                                                 "right_cropping": 3}, id="crop_images_unbatched"),
    OpCase("image.crop_images", (U8,), _crop, kwargs={"bottom_cropping": 1, "target_height": 2, "right_cropping": 1,
                                                "target_width": 5}, dtype="uint8", id="crop_images_uint8"),
    OpCase("image.pad_images", (IMGS,), _pad, kwargs={"top_padding": 1, "left_padding": 2, "target_height": 9,
                                                "target_width": 11}, known_dims=(1, 2, 3)),
    OpCase("image.pad_images", (CF,), _pad, kwargs={"top_padding": 1, "bottom_padding": 0, "left_padding": 2,
                                              "right_padding": 1, "data_format": "channels_first"},
           id="pad_images_channels_first"),
    OpCase("image.pad_images", (U8,), _pad, kwargs={"bottom_padding": 1, "target_height": 7, "right_padding": 0,
                                              "target_width": 8}, dtype="uint8", id="pad_images_uint8"),
    OpCase("image.rgb_to_grayscale", (IMGS,), _gray, dtype="float32", known_dims=(1, 2, 3)),
    OpCase("image.rgb_to_grayscale", (CF,), _gray, kwargs={"data_format": "channels_first"}, id="grayscale_cf"),
    OpCase("image.rgb_to_grayscale", ((IMGS * 255).astype("uint8"),), _gray, dtype="uint8", id="grayscale_uint8"),
    OpCase("image.rgb_to_hsv", (IMGS,), _colorsys(colorsys.rgb_to_hsv), dtype="float32", known_dims=(1, 2, 3)),
    OpCase("image.hsv_to_rgb", (IMGS,), _colorsys(colorsys.hsv_to_rgb), dtype="float32", known_dims=(1, 2, 3)),
    OpCase("image.extract_patches", (IMGS, 2), _patches, dtype="float32", known_dims=(1, 2, 3)),
    OpCase("image.extract_patches", (IMGS, (2, 3)), _patches, kwargs={"strides": 1, "padding": "same"},
           known_dims=(1, 2, 3), id="extract_patches_same"),
    OpCase("image.extract_patches", (IMG, 2), _patches, kwargs={"strides": (1, 2), "dilation_rate": 2},
           id="extract_patches_dilated_unbatched"),
    OpCase("image.extract_patches", (U8, 3), _patches, kwargs={"strides": 2}, dtype="uint8", id="extract_patches_uint8"),
]


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_op(case):
    run_op_case(case)


@pytest.mark.parametrize("interpolation, size", [("bilinear", (3, 4)), ("bicubic", (8, 9)), ("nearest", (8, 3))])
def test_resize_integer_images_round_and_clip(interpolation, size):
    out = image.resize(U8, size, interpolation=interpolation)
    assert ops.dtype(out) == "uint8"
    want = np.clip(np.round(_keras_resize(U8, size, interpolation=interpolation)), 0, 255)
    np.testing.assert_allclose(ops.convert_to_numpy(out).astype(np.float64), want, atol=1)  # float32 vs 64 ties


def test_image_ops_live_in_ops_image_only():
    assert ops.image.resize is image.resize and not hasattr(ops, "resize")  # as in Keras


def test_channels_first_patches_and_hsv_match_channels_last():
    cl = ops.convert_to_numpy(image.extract_patches(IMGS, 2))
    cf = ops.convert_to_numpy(image.extract_patches(CF, 2, data_format="channels_first"))
    np.testing.assert_array_equal(np.moveaxis(cf, 1, -1), cl)
    hsv = ops.convert_to_numpy(image.rgb_to_hsv(CF, data_format="channels_first"))
    np.testing.assert_allclose(np.moveaxis(hsv, 1, -1), ops.convert_to_numpy(image.rgb_to_hsv(IMGS)), atol=1e-6)
    back = ops.convert_to_numpy(image.hsv_to_rgb(image.rgb_to_hsv(IMGS)))
    np.testing.assert_allclose(back, IMGS, atol=1e-5)


def test_resize_symbolic_shapes():
    out = image.resize(KerasTensor((None, None, None, 3)), (5, 7))
    assert out.shape == (None, 5, 7, 3)
    out = image.resize(KerasTensor((3, None, None)), (5, 7), data_format="channels_first")
    assert out.shape == (3, 5, 7)
    out = image.crop_images(KerasTensor((None, None, 9, 3)), top_cropping=1, bottom_cropping=1, left_cropping=2,
                            target_width=4)
    assert out.shape == (None, None, 4, 3)


@pytest.mark.parametrize("kwargs, match", [
    ({"size": (3,)}, "size"),
    ({"size": (3, 4), "interpolation": "area51"}, "interpolation"),
    ({"size": (3, 4), "crop_to_aspect_ratio": True, "pad_to_aspect_ratio": True}, "aspect"),
    ({"size": (3, 4), "fill_mode": "reflect"}, "fill_mode"),
])
def test_resize_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        image.resize(IMGS, **kwargs)
    with pytest.raises(ValueError, match=match):
        image.resize(KerasTensor((None, 6, 8, 3)), **kwargs)


def test_bad_image_arguments():
    with pytest.raises(ValueError, match="rank 3"):
        image.resize(IMGS[0, 0], (2, 2))
    with pytest.raises(ValueError, match="exactly two"):
        image.crop_images(IMGS, top_cropping=1, bottom_cropping=1, target_height=2, left_cropping=0,
                          target_width=1)
    with pytest.raises(ValueError, match="do not fit"):
        image.pad_images(IMGS, top_padding=5, target_height=3, left_padding=0, right_padding=0)
    with pytest.raises(ValueError, match="float"):
        image.rgb_to_hsv(U8[..., :1].repeat(3, -1))
    with pytest.raises(ValueError, match="channels"):
        image.rgb_to_grayscale(IMGS[..., :2])
    with pytest.raises(NotImplementedError, match="3-D"):
        image.extract_patches(IMGS, (2, 2, 2))


def _keras_numpy_image(name):
    return getattr(_keras_numpy_image_module(), name)


MAP_IN = rng.normal(size=(5, 6)).astype("float32")
MAP_COORDS = np.stack([rng.uniform(-2.3, 6.6, size=(3, 4)), rng.uniform(-2.3, 7.6, size=(3, 4))]).astype("float32")
MAP_IN_3D = rng.normal(size=(3, 4, 2)).astype("float32")
ANGLE = 0.4
ROTATE = np.array([np.cos(ANGLE), -np.sin(ANGLE), 1.5, np.sin(ANGLE), np.cos(ANGLE), -0.7, 0, 0], "float32")
TRANSFORMS = np.stack([ROTATE, [1.2, 0.13, -1.05, 0.02, 0.8, 0.55, 0, 0]]).astype("float32")
SAMPLING_CASES = [
    OpCase("image.map_coordinates", (MAP_IN, MAP_COORDS, order), lambda i, c, o, **kw: _keras_numpy_image(
        "map_coordinates")(i, c, o, **kw), kwargs={"fill_mode": mode, "fill_value": 0.5}, none_dims=None,
        dtype="float32", id=f"map_coordinates_{order}_{mode}")
    for order in (0, 1) for mode in ("constant", "nearest", "wrap", "mirror", "reflect")
] + [
    OpCase("image.map_coordinates", (MAP_IN_3D, np.stack([MAP_COORDS[0], MAP_COORDS[1], MAP_COORDS[0] / 2])[:, :2] / 2, 1),
           lambda i, c, o: _keras_numpy_image("map_coordinates")(i, c, o), none_dims=[None, (1,)],
           known_dims=(1,), id="map_coordinates_3d"),
] + [
    OpCase("image.affine_transform", (IMGS, TRANSFORMS), lambda i, t, **kw: _keras_numpy_image("affine_transform")(
        i, t, **kw), kwargs={"interpolation": interp, "fill_mode": mode, "fill_value": 0.25}, dtype="float32",
        known_dims=(1, 2, 3), tol=1e-4, id=f"affine_{interp}_{mode}")
    for interp in ("nearest", "bilinear") for mode in ("constant", "nearest", "wrap", "mirror", "reflect")
] + [
    OpCase("image.affine_transform", (CF[0].copy(), ROTATE), lambda i, t, **kw: _keras_numpy_image("affine_transform")(
        i, t, **kw), kwargs={"data_format": "channels_first"}, tol=1e-4, none_dims=None,
        id="affine_unbatched_channels_first"),
]


@pytest.mark.parametrize("case", SAMPLING_CASES, ids=case_ids(SAMPLING_CASES))
def test_sampling_op(case):
    run_op_case(case)


def test_affine_transform_projective_and_integer():
    t = np.array([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.1, 0.05], "float32")
    got = ops.convert_to_numpy(image.affine_transform(U8, t, interpolation="nearest"))
    assert got.dtype == np.uint8
    h, w = U8.shape[1:3]
    for y in range(h):
        for x in range(w):
            k = 0.1 * x + 0.05 * y + 1
            sy, sx = int(np.floor(y / k + 0.5)), int(np.floor(x / k + 0.5))
            np.testing.assert_array_equal(got[:, y, x], U8[:, sy, sx])
    with pytest.raises(ValueError, match="fill_mode"):
        image.affine_transform(IMGS, t, fill_mode="bogus")
    with pytest.raises(ValueError, match="transform"):
        image.affine_transform(IMGS, t[:6])


def _blur(images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None):
    from scipy import ndimage

    def taps(n, s):
        t = np.exp(-0.5 * ((np.arange(n) - (n - 1) / 2) / s) ** 2)
        return t / t.sum()

    out = ndimage.correlate1d(images.astype(np.float64), taps(kernel_size[1], sigma[1]), axis=-3, mode="constant",
                              origin=-((kernel_size[1] + 1) % 2))
    return ndimage.correlate1d(out, taps(kernel_size[0], sigma[0]), axis=-2, mode="constant",
                               origin=-((kernel_size[0] + 1) % 2))


def _sobel(images, data_format=None):
    from scipy import ndimage

    x = images.astype(np.float64)

    def pass_(v, taps, axis):
        return ndimage.correlate1d(v, taps, axis=axis, mode="constant")

    dy = pass_(pass_(x, [-1, 0, 1], -3), [1, 2, 1], -2)
    dx = pass_(pass_(x, [1, 2, 1], -3), [-1, 0, 1], -2)
    return np.stack([dy, dx], -1)


FILTER_CASES = [
    OpCase("image.gaussian_blur", (IMGS,), _blur, dtype="float32", known_dims=(1, 2, 3)),
    OpCase("image.gaussian_blur", (IMG,), _blur, kwargs={"kernel_size": (5, 4), "sigma": (2.0, 0.7)},
           id="gaussian_blur_asymmetric"),
    OpCase("image.sobel_edges", (IMGS,), _sobel, dtype="float32", known_dims=(1, 2, 3, 4)),
    OpCase("image.sobel_edges", (U8[..., :1].copy(),), _sobel, dtype="float32", id="sobel_edges_uint8"),
]


@pytest.mark.parametrize("case", FILTER_CASES, ids=case_ids(FILTER_CASES))
def test_filter_op(case):
    run_op_case(case)


def test_filters_channels_first():
    blur = ops.convert_to_numpy(image.gaussian_blur(CF, (5, 3), 1.5, data_format="channels_first"))
    np.testing.assert_allclose(np.moveaxis(blur, 1, -1), _blur(IMGS, (5, 3), (1.5, 1.5)), atol=1e-5)
    edges = ops.convert_to_numpy(image.sobel_edges(CF, data_format="channels_first"))
    np.testing.assert_allclose(np.moveaxis(edges, 1, 3), _sobel(IMGS), atol=1e-5)


START = np.array([[0, 0], [7, 0], [7, 5], [0, 5]], "float32")
END = np.array([[[0.3, 0.2], [6.1, 0.7], [7.2, 4.6], [0.4, 5.3]], [[1, 1], [6, 0], [7, 5], [0, 4]]], "float32")


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear"])
def test_perspective_transform_matches_keras(interpolation):
    want = _keras_numpy_image("perspective_transform")(IMGS, np.stack([START, START]), END,
                                                       interpolation=interpolation, fill_value=0.5)
    got = image.perspective_transform(IMGS, np.stack([START, START]), END, interpolation=interpolation,
                                      fill_value=0.5)
    assert ops.dtype(got) == "float32"
    np.testing.assert_allclose(ops.convert_to_numpy(got), want, atol=1e-4)
    unbatched = image.perspective_transform(CF[0], START, END[0], data_format="channels_first")
    np.testing.assert_allclose(np.moveaxis(ops.convert_to_numpy(unbatched), 0, -1),
                               _keras_numpy_image("perspective_transform")(IMGS[0], START, END[0]), atol=1e-4)
    spec = image.perspective_transform(KerasTensor((None, 6, 8, 3)), KerasTensor((None, 4, 2)),
                                       KerasTensor((None, 4, 2)))
    assert spec.shape == (None, 6, 8, 3)
    with pytest.raises(ValueError, match="start_points"):
        image.perspective_transform(IMGS, START[:3], END[0, :3])
