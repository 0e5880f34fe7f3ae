"""The Loss base: reductions, sample weights and masks against NumPy; the helpers the family tests share
(`check_loss`: NumPy reference, reductions, weights, masks, config round trip and Keras 3 as an oracle)."""
import json

import numpy as np
import pytest

from keras_lite import losses, ops
from keras_lite.losses.loss import reduce_weighted_values, squeeze_or_expand_to_same_rank

keras = pytest.importorskip("keras")

EPS = 1e-7
RTOL, ATOL = 2e-5, 2e-6


class Masked(np.ndarray):
    """A NumPy array carrying `_keras_mask`, as a masking layer's output does (on every backend)."""


def masked(x, mask):
    out = np.asarray(x).view(Masked)
    out._keras_mask = np.asarray(mask)
    return out


def np_value(x):
    return np.asarray(ops.convert_to_numpy(x))


def keras_value(x):
    return np.asarray(keras.ops.convert_to_numpy(x))


def jsonable(config):
    return json.loads(json.dumps(config))


def np_reduce(values, weights=None, mask=None, reduction="sum_over_batch_size"):
    """The reference reduction: weighted sum over the batch divided by entries (kept by the mask) or weight."""
    values = np.asarray(values, "float64")
    w = np.ones_like(values)
    if weights is not None:
        w = w * np.reshape(weights, np.shape(weights) + (1,) * (values.ndim - np.ndim(weights)))
    if mask is not None:
        w = w * np.reshape(mask, np.shape(mask) + (1,) * (values.ndim - np.ndim(mask)))
    total = (values * w).sum()
    if reduction in ("none", None):
        return values * w
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and (weights is not None or mask is not None):
        return total / w.sum()
    if mask is not None:
        return total / (np.ones_like(values) * np.reshape(mask, np.shape(mask) + (1,) * (
            values.ndim - np.ndim(mask)))).sum()
    return total / values.size


def check_loss(name, kwargs, y_true, y_pred, reference, fn=None, weights=None, mask=None, oracle=True,
               mask_oracle=True, lossy_config=False, kept=None):
    """Check loss class `name` (and its function `fn`) against `reference(y_true, y_pred)`, the NumPy
    per-sample values, for every reduction, with sample weights and a mask, and against Keras 3.
    `lossy_config`: Keras writes no key for some argument in `kwargs`, so a round trip loses it.
    `kept`: the per-sample entries the loss itself keeps (its own mask), if it drops any."""
    cls = getattr(losses, name)
    expected = reference(np.asarray(y_true), np.asarray(y_pred))
    per_sample = cls(reduction="none", **kwargs)(y_true, y_pred)
    np.testing.assert_allclose(np_value(per_sample), expected, rtol=RTOL, atol=ATOL)
    if fn is not None:
        fn_kwargs = {k: v for k, v in kwargs.items() if k != "name"}
        np.testing.assert_allclose(np_value(fn(y_true, y_pred, **fn_kwargs)), expected, rtol=RTOL, atol=ATOL)
    batch = np.shape(expected)[0] if np.ndim(expected) else None
    if weights is None and batch:
        weights = np.linspace(0.5, 2.0, batch).astype("float32")
    if mask is None and batch and batch > 1:
        mask = np.arange(batch) % 3 != 1
    both = mask if kept is None else kept if mask is None else kept & mask
    for reduction in ("sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none"):
        loss = cls(reduction=reduction, **kwargs)
        np.testing.assert_allclose(np_value(loss(y_true, y_pred)), np_reduce(expected, None, kept, reduction),
                                   rtol=RTOL, atol=ATOL)
        if weights is not None:
            np.testing.assert_allclose(np_value(loss(y_true, y_pred, sample_weight=weights)),
                                       np_reduce(expected, weights, kept, reduction), rtol=RTOL, atol=ATOL)
        if mask is not None:
            np.testing.assert_allclose(np_value(loss(y_true, masked(y_pred, mask), sample_weight=weights)),
                                       np_reduce(expected, weights, both, reduction), rtol=RTOL, atol=ATOL)
    # config: same keys and values as Keras writes, and a round trip that computes the same loss
    loss = cls(**kwargs)
    config = loss.get_config()
    restored = cls.from_config(jsonable(config))
    if not lossy_config:
        np.testing.assert_allclose(np_value(restored(y_true, y_pred)), np_value(loss(y_true, y_pred)), rtol=1e-6)
    again = losses.deserialize(jsonable(losses.serialize(loss)))
    assert type(again) is cls and again.get_config() == restored.get_config()
    if oracle:
        theirs = getattr(keras.losses, name)(**kwargs)
        assert jsonable(config) == jsonable(theirs.get_config())
        for reduction in ("sum_over_batch_size", "sum", "none"):
            ours_value = cls(reduction=reduction, **kwargs)(y_true, y_pred, sample_weight=weights)
            theirs_value = getattr(keras.losses, name)(reduction=reduction, **kwargs)(y_true, y_pred,
                                                                                       sample_weight=weights)
            np.testing.assert_allclose(np_value(ours_value), keras_value(theirs_value), rtol=1e-5, atol=1e-6)
        if mask is not None and mask_oracle:
            np.testing.assert_allclose(np_value(loss(y_true, masked(y_pred, mask), sample_weight=weights)),
                                       keras_value(theirs(y_true, masked(y_pred, mask), sample_weight=weights)),
                                       rtol=1e-5, atol=1e-6)
        if fn is not None:
            fn_kwargs = {k: v for k, v in kwargs.items() if k != "name"}
            np.testing.assert_allclose(np_value(fn(y_true, y_pred, **fn_kwargs)),
                                       keras_value(getattr(keras.losses, fn.__name__)(y_true, y_pred, **fn_kwargs)),
                                       rtol=1e-5, atol=1e-6)


# -- the base class ------------------------------------------------------------------------------------------


VALUES = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "float32")


@pytest.mark.parametrize("reduction", ["sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", "none", None])
def test_reductions_with_weights_and_masks(reduction):
    np.testing.assert_allclose(np_value(reduce_weighted_values(VALUES, reduction=reduction)),
                               np_reduce(VALUES, reduction=reduction), rtol=1e-6)
    row_weights = np.array([0.5, 2.0], "float32")
    np.testing.assert_allclose(np_value(reduce_weighted_values(VALUES, row_weights, reduction=reduction)),
                               np_reduce(VALUES, row_weights, reduction=reduction), rtol=1e-6)
    mask = np.array([[True, False, True], [False, False, True]])
    full_weights = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.5]], "float32")
    np.testing.assert_allclose(np_value(reduce_weighted_values(VALUES, full_weights, mask, reduction=reduction)),
                               np_reduce(VALUES, full_weights, mask, reduction), rtol=1e-6)


def test_trailing_unit_weights_and_empty_mask():
    weights = np.array([[0.5], [2.0]], "float32")  # (batch, 1) against (batch,)
    values = np.array([1.0, 3.0], "float32")
    np.testing.assert_allclose(np_value(reduce_weighted_values(values, weights)), (0.5 + 6.0) / 2)
    nothing = reduce_weighted_values(values, mask=np.array([False, False]))
    assert float(np_value(nothing)) == 0.0
    assert float(np_value(reduce_weighted_values(np.zeros((0, 3), "float32")))) == 0.0  # no entries: 0


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
def test_the_mean_over_the_batch_is_the_sum_over_the_size(dtype):
    values = np.random.default_rng(0).random((7, 3)).astype("float32")
    expected = ops.divide_no_nan(ops.sum(ops.cast(values, dtype)), ops.cast(ops.size(values), dtype))
    np.testing.assert_array_equal(np_value(reduce_weighted_values(values, dtype=dtype)).astype("float64"),
                                  np_value(expected).astype("float64"))


def test_bad_reduction_names_the_argument():
    with pytest.raises(ValueError, match="reduction"):
        losses.MeanSquaredError(reduction="average")
    with pytest.raises(ValueError, match="reduction"):
        reduce_weighted_values(VALUES, reduction="avg")


def test_squeeze_or_expand_to_same_rank():
    a, b = squeeze_or_expand_to_same_rank(ops.ones((4,)), ops.ones((4, 1)))
    assert tuple(a.shape) == (4, 1) and tuple(b.shape) == (4, 1)
    a, b = squeeze_or_expand_to_same_rank(ops.ones((4, 3, 1)), ops.ones((4, 3)))
    assert tuple(a.shape) == (4, 3) and tuple(b.shape) == (4, 3)
    a, b = squeeze_or_expand_to_same_rank(ops.ones((4, 3)), ops.ones((4,)))
    assert tuple(a.shape) == (4, 3) and tuple(b.shape) == (4,)


def test_targets_of_shape_batch_against_predictions_of_shape_batch_1():
    # Without lining up ranks, (4,) - (4, 1) would broadcast to (4, 4).
    y_true = np.array([1.0, 2.0, 3.0, 4.0], "float32")
    y_pred = np.array([[1.5], [2.0], [2.0], [5.0]], "float32")
    np.testing.assert_allclose(np_value(losses.MeanSquaredError()(y_true, y_pred)), (0.25 + 0 + 1 + 1) / 4)
    np.testing.assert_allclose(np_value(losses.mean_squared_error(y_true, y_pred)), [0.25, 0, 1, 1])


def test_custom_subclass_and_default_names():
    class Cubed(losses.Loss):
        def call(self, y_true, y_pred):
            return ops.mean(ops.power(ops.absolute(ops.subtract(y_true, y_pred)), 3), axis=-1)

    loss = Cubed(reduction="sum")
    assert loss.name == "cubed" and losses.Loss().name == "loss"
    np.testing.assert_allclose(np_value(loss(np.zeros((2, 2)), np.array([[1.0, 2.0], [0.0, 1.0]]))),
                               (1 + 8) / 2 + 1 / 2)
    assert loss.get_config() == {"name": "cubed", "reduction": "sum"}
    with pytest.raises(NotImplementedError, match="Loss"):
        losses.Loss()(np.zeros(2), np.zeros(2))


def test_dtype_policy_sets_the_result_dtype():
    out = losses.MeanSquaredError(dtype="float16")(np.ones((2, 2)), np.zeros((2, 2)))
    assert ops.dtype(out) == "float16"
    out = losses.MeanAbsoluteError(dtype="mixed_float16")(np.ones((2, 2)), np.zeros((2, 2)))
    assert ops.dtype(out) == "float16"


def test_wrapper_config_round_trip_with_a_function():
    wrapper = losses.LossFunctionWrapper(losses.huber, delta=0.5, name="h")
    config = jsonable(wrapper.get_config())
    assert config["fn"]["config"] == "huber" and config["delta"] == 0.5
    restored = losses.LossFunctionWrapper.from_config(config)
    assert restored.fn is losses.huber and restored.delta == 0.5 and restored.name == "h"
    y_true, y_pred = np.zeros((3, 2), "float32"), np.array([[0.2, 2.0], [1.0, -3.0], [0.0, 0.4]], "float32")
    np.testing.assert_allclose(np_value(restored(y_true, y_pred)), np_value(wrapper(y_true, y_pred)))
    from keras.src.losses.losses import LossFunctionWrapper as KerasWrapper

    assert config == jsonable(KerasWrapper(keras.losses.huber, delta=0.5, name="h").get_config())


def test_get_serialize_deserialize():
    assert losses.get("mse") is losses.mean_squared_error
    assert losses.get("MAPE") is losses.mean_absolute_percentage_error
    assert losses.get("kld") is losses.kl_divergence and losses.get("bce") is losses.binary_crossentropy
    assert losses.get("categorical_generalized_cross_entropy") is losses.categorical_generalized_cross_entropy
    assert losses.get(None) is None
    huber = losses.get("Huber")
    assert isinstance(huber, losses.Huber)
    assert isinstance(losses.get(losses.Tversky), losses.Tversky)
    loss = losses.get({"class_name": "CategoricalCrossentropy", "config": {"from_logits": True}})
    assert isinstance(loss, losses.CategoricalCrossentropy) and loss.from_logits
    assert losses.serialize(losses.huber) == keras.losses.serialize(keras.losses.huber)
    assert jsonable(losses.serialize(losses.Dice(axis=(1, 2)))) == jsonable(
        keras.losses.serialize(keras.losses.Dice(axis=(1, 2))))
    assert losses.deserialize(losses.serialize(losses.hinge)) is losses.hinge
    assert isinstance(losses.deserialize(keras.losses.serialize(keras.losses.Poisson())), losses.Poisson)
    with pytest.raises(ValueError, match="loss identifier"):
        losses.get("no_such_loss")


def test_every_keras_name_is_exported():
    import os

    tsv = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "api", "keras3-api.tsv")
    if not os.path.exists(tsv):
        pytest.skip("no API table")
    names = [line.split("\t")[1] for line in open(tsv) if line.startswith("keras.losses\t")]
    assert [n for n in names if not hasattr(losses, n)] == []


@pytest.mark.requires_trainable_backend
@pytest.mark.parametrize("loss", ["huber", "log_cosh", "mape", losses.Huber(delta=0.5), losses.Poisson()],
                         ids=["huber", "log_cosh", "mape", "Huber", "Poisson"])
def test_losses_train_a_model_and_evaluate_to_the_same_value(loss):
    import keras_lite

    rng = np.random.default_rng(7)
    x, y = rng.random((16, 3)).astype("float32"), rng.random((16, 2)).astype("float32") + 0.5
    model = keras_lite.Sequential([keras_lite.Input((3,)), keras_lite.layers.Dense(2, activation="softplus")])
    model.compile(optimizer="sgd", loss=loss)
    history = model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    expected = losses.get(loss)(y, model.predict(x, verbose=0))
    expected = ops.mean(expected) if len(ops.shape(expected)) else expected
    np.testing.assert_allclose(model.evaluate(x, y, batch_size=16, verbose=0), np_value(expected), rtol=1e-5)


def test_names_get_accepts_match_keras():
    from keras.src.losses import ALL_OBJECTS_DICT

    assert {name: losses._BY_NAME[name].__name__ for name in ALL_OBJECTS_DICT} == \
        {name: obj.__name__ for name, obj in ALL_OBJECTS_DICT.items()}
