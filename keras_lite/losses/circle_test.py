"""Circle loss against a NumPy reference (pair by pair) and Keras 3."""
import numpy as np
import pytest

from keras_lite import losses
from keras_lite.losses.loss_test import check_loss, np_value

rng = np.random.default_rng(4)
EMBEDDINGS = rng.normal(size=(6, 3))
EMBEDDINGS = (EMBEDDINGS / np.linalg.norm(EMBEDDINGS, axis=1, keepdims=True)).astype("float32")
LABELS = np.array([0, 1, 0, 2, 1, 0])


def np_circle(labels, emb, ref_labels=None, refs=None, remove_diagonal=True, gamma=80.0, margin=0.4):
    refs = emb if refs is None else refs
    ref_labels = labels if ref_labels is None else ref_labels
    out = []
    for i in range(len(emb)):
        pos, neg = [], []
        for j in range(len(refs)):
            d = max(1.0 - float(emb[i] @ refs[j]), 0.0)
            if labels[i] == ref_labels[j]:
                if not (remove_diagonal and i == j):
                    pos.append(-gamma * max(margin + d, 0.0) * (margin - d))
            else:
                neg.append(gamma * max(1 + margin - d, 0.0) * (1 - margin - d))
        lse = lambda v: np.logaddexp.reduce(v) if v else -np.inf  # noqa: E731
        out.append(np.logaddexp(0.0, lse(pos) + lse(neg)))
    return np.array(out)


@pytest.mark.parametrize("kwargs", [{}, {"gamma": 10.0, "margin": 0.25}, {"remove_diagonal": False, "gamma": 5.0}])
def test_against_numpy_and_keras(kwargs):
    reference = lambda t, p: np_circle(t, p, **kwargs)  # noqa: E731
    check_loss("Circle", kwargs, LABELS, EMBEDDINGS, reference, fn=losses.circle,
               kept=reference(LABELS, EMBEDDINGS) > 0, mask_oracle=False)  # Keras/torch cannot join two masks


def test_rows_without_pairs_are_left_out_of_the_mean():
    labels = np.array([0, 0, 1, 2])  # classes 1 and 2 have no positive pair: their rows give 0
    expected = np_circle(labels, EMBEDDINGS[:4], gamma=10.0)
    assert expected[2] == 0 and expected[3] == 0
    value = losses.Circle(gamma=10.0)(labels, EMBEDDINGS[:4])
    np.testing.assert_allclose(np_value(value), expected.sum() / 2, rtol=2e-5)
    import keras

    np.testing.assert_allclose(np_value(value), keras.ops.convert_to_numpy(
        keras.losses.Circle(gamma=10.0)(labels, EMBEDDINGS[:4])), rtol=1e-5)


def test_reference_embeddings():
    refs = EMBEDDINGS[::-1].copy()
    ref_labels = LABELS[::-1].copy()
    out = losses.circle(LABELS, EMBEDDINGS, ref_labels=ref_labels, ref_embeddings=refs, remove_diagonal=False,
                        gamma=10.0)
    np.testing.assert_allclose(np_value(out), np_circle(LABELS, EMBEDDINGS, ref_labels, refs, False, 10.0),
                               rtol=2e-5, atol=1e-6)
