"""Cross-entropies, focal and generalized cross-entropy, KL divergence and Poisson against NumPy and Keras 3."""
import numpy as np
import pytest

from keras_lite import losses
from keras_lite.losses.loss_test import EPS, check_loss, masked, np_reduce, np_value

rng = np.random.default_rng(2)
LOGITS = rng.normal(size=(6, 4)).astype("float32")
PROBS = (np.exp(LOGITS) / np.exp(LOGITS).sum(-1, keepdims=True)).astype("float32")
LABELS = np.array([0, 3, 1, 2, 2, 1])
ONE_HOT = np.eye(4, dtype="float32")[LABELS]
BINARY = rng.integers(0, 2, size=(6, 4)).astype("float32")
SIGMOID = (1 / (1 + np.exp(-LOGITS))).astype("float32")


def np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def np_softmax(x, axis=-1):
    e = np.exp(x - x.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


def np_bce(t, p, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    p = np.clip(np_sigmoid(p) if from_logits else p, EPS, 1 - EPS)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


def np_focal_bce(t, p, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + 0.5 * label_smoothing
    p = np_sigmoid(p) if from_logits else p
    p_t = t * p + (1 - t) * (1 - p)
    out = (1 - p_t) ** gamma * np_bce(t, p)
    if apply_class_balancing:
        out = out * (t * alpha + (1 - t) * (1 - alpha))
    return out.mean(-1)


def np_cce(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[axis]
    p = np_softmax(p, axis) if from_logits else p / p.sum(axis, keepdims=True)
    return -(t * np.log(np.clip(p, EPS, 1 - EPS))).sum(axis)


def np_focal_cce(t, p, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0):
    t = t * (1 - label_smoothing) + label_smoothing / t.shape[-1]
    p = np_softmax(p) if from_logits else p / p.sum(-1, keepdims=True)
    p = np.clip(p, EPS, 1 - EPS)
    return (np.asarray(alpha) * (1 - p) ** gamma * -t * np.log(p)).sum(-1)


def np_scce(labels, p, from_logits=False, ignore_class=None):
    labels = labels.reshape(p.shape[:-1]).astype(int)
    keep = labels != ignore_class
    p = np_softmax(p) if from_logits else p / p.sum(-1, keepdims=True)
    picked = np.take_along_axis(p, np.where(keep, labels, 0)[..., None], -1)[..., 0]
    return np.where(keep, -np.log(np.clip(picked, EPS, 1 - EPS)), 0.0)


CASES = [
    ("BinaryCrossentropy", {}, losses.binary_crossentropy, lambda t, p: np_bce(t, p).mean(-1), BINARY, SIGMOID),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, losses.binary_crossentropy,
     lambda t, p: np_bce(t, p, True, 0.2).mean(-1), BINARY, LOGITS),
    ("BinaryCrossentropy", {"axis": 0}, losses.binary_crossentropy, lambda t, p: np_bce(t, p).mean(0),
     BINARY[:4], SIGMOID[:4]),
    ("BinaryFocalCrossentropy", {}, losses.binary_focal_crossentropy, np_focal_bce, BINARY, SIGMOID),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5, "from_logits": True,
                                 "label_smoothing": 0.1}, losses.binary_focal_crossentropy,
     lambda t, p: np_focal_bce(t, p, True, 0.4, 1.5, True, 0.1), BINARY, LOGITS),
    ("CategoricalCrossentropy", {}, losses.categorical_crossentropy, np_cce, ONE_HOT, PROBS),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, losses.categorical_crossentropy,
     lambda t, p: np_cce(t, p, True, 0.1), ONE_HOT, LOGITS),
    ("CategoricalCrossentropy", {"axis": 0}, losses.categorical_crossentropy, lambda t, p: np_cce(t, p, axis=0),
     ONE_HOT[:4].T.copy(), PROBS[:4].T.copy()),
    ("CategoricalFocalCrossentropy", {}, losses.categorical_focal_crossentropy, np_focal_cce, ONE_HOT, PROBS),
    ("CategoricalFocalCrossentropy", {"alpha": 0.5, "gamma": 1.0, "from_logits": True, "label_smoothing": 0.1},
     losses.categorical_focal_crossentropy, lambda t, p: np_focal_cce(t, p, 0.5, 1.0, True, 0.1), ONE_HOT, LOGITS),
    ("SparseCategoricalCrossentropy", {}, losses.sparse_categorical_crossentropy, np_scce, LABELS, PROBS),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, losses.sparse_categorical_crossentropy,
     lambda t, p: np_scce(t, p, True), LABELS[:, None], LOGITS),
    ("CategoricalGeneralizedCrossEntropy", {}, losses.categorical_generalized_cross_entropy,
     lambda t, p: (1 - np.take_along_axis(p, t.reshape(-1, 1).astype(int), -1)[:, 0] ** 0.5) / 0.5, LABELS, PROBS),
    ("CategoricalGeneralizedCrossEntropy", {"q": 0.8}, losses.categorical_generalized_cross_entropy,
     lambda t, p: (1 - np.take_along_axis(p, t.reshape(-1, 1).astype(int), -1)[:, 0] ** 0.8) / 0.8, LABELS, PROBS),
    ("KLDivergence", {}, losses.kl_divergence,
     lambda t, p: (np.clip(t, EPS, 1) * np.log(np.clip(t, EPS, 1) / np.clip(p, EPS, 1))).sum(-1),
     np_softmax(LOGITS[::-1]).astype("float32"), PROBS),
    ("Poisson", {}, losses.poisson, lambda t, p: (p - t * np.log(p + EPS)).mean(-1), BINARY * 3, PROBS * 2),
]


@pytest.mark.parametrize("name,kwargs,fn,reference,y_true,y_pred", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1])}" for c in CASES])
def test_against_numpy_and_keras(name, kwargs, fn, reference, y_true, y_pred):
    if fn is losses.categorical_generalized_cross_entropy:
        kwargs_fn = {"q": kwargs.get("q", 0.5)}  # the function has no default for q
        np.testing.assert_allclose(np_value(fn(y_true, y_pred, **kwargs_fn)), reference(y_true, y_pred), rtol=2e-5)
        fn = None
    check_loss(name, kwargs, y_true, y_pred, reference, fn=fn)


def test_focal_alpha_per_class():
    alpha = [0.1, 0.2, 0.3, 0.4]
    np.testing.assert_allclose(np_value(losses.categorical_focal_crossentropy(ONE_HOT, PROBS, alpha=alpha)),
                               np_focal_cce(ONE_HOT, PROBS, alpha=alpha), rtol=2e-5)


def test_sparse_ignore_class_is_masked_out_of_the_mean():
    labels = np.array([0, -1, 1, 2, -1, 1])
    values = np_scce(labels, PROBS, ignore_class=-1)
    keep = labels != -1
    loss = losses.SparseCategoricalCrossentropy(ignore_class=-1)
    np.testing.assert_allclose(np_value(loss(labels, PROBS)), values.sum() / keep.sum(), rtol=2e-5)
    weights = np.linspace(1.0, 2.0, 6).astype("float32")
    np.testing.assert_allclose(np_value(loss(labels, PROBS, sample_weight=weights)),
                               np_reduce(values, weights, keep), rtol=2e-5)
    # a mask from the predictions combines with the ignored class
    mask = np.array([True, True, True, False, True, True])
    np.testing.assert_allclose(np_value(loss(labels, masked(PROBS, mask))), np_reduce(values, None, mask & keep),
                               rtol=2e-5)
    np.testing.assert_allclose(np_value(losses.sparse_categorical_crossentropy(labels, PROBS, ignore_class=-1)),
                               values, rtol=2e-5)
    import keras

    theirs = keras.losses.SparseCategoricalCrossentropy(ignore_class=-1)
    np.testing.assert_allclose(np_value(loss(labels, PROBS, sample_weight=weights)),
                               keras.ops.convert_to_numpy(theirs(labels, PROBS, sample_weight=weights)), rtol=1e-5)


def test_sparse_ignore_class_on_sequences():
    labels = np.array([[0, 255, 1], [255, 2, 2]])
    probs = np_softmax(rng.normal(size=(2, 3, 4))).astype("float32")
    values = np_scce(labels, probs, ignore_class=255)
    out = losses.SparseCategoricalCrossentropy(ignore_class=255)(labels, probs)
    np.testing.assert_allclose(np_value(out), values.sum() / 4, rtol=2e-5)


def test_sparse_channels_first_axis():
    labels = np.array([[[0, 2]], [[1, 1]]])  # (batch, 1, width) against (batch, classes, width)
    probs = np_softmax(rng.normal(size=(2, 3, 2)), axis=1).astype("float32")
    expected = -np.log(np.take_along_axis(probs, labels, axis=1)[:, 0])
    out = losses.sparse_categorical_crossentropy(labels, probs, axis=1)
    np.testing.assert_allclose(np_value(out), expected, rtol=2e-5)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="q"):
        losses.CategoricalGeneralizedCrossEntropy(q=1.5)
    with pytest.raises(ValueError, match="axis"):
        losses.categorical_crossentropy(ONE_HOT, PROBS, axis=True)
    with pytest.raises(ValueError, match="binary_crossentropy"):
        losses.CategoricalCrossentropy()(np.ones((2, 1)), np.ones((2, 1)) * 0.5)
