"""CTC loss against the forward algorithm written in NumPy, and Keras 3."""
import numpy as np
import pytest

from keras_lite import losses
from keras_lite.losses.loss_test import check_loss, np_value

rng = np.random.default_rng(5)
LOGITS = rng.normal(size=(3, 6, 4)).astype("float32")
LABELS = np.array([[1, 2, 2], [3, 1, 0], [2, 0, 0]])  # 0 pads and is the blank


def np_ctc(labels, logits):
    out = []
    for seq, scores in zip(labels, logits):
        log_probs = scores - np.logaddexp.reduce(scores, axis=-1, keepdims=True)
        target = [c for c in seq if c != 0]
        ext = [0]
        for c in target:
            ext += [c, 0]
        alpha = np.full(len(ext), -np.inf)
        alpha[0] = log_probs[0, 0]
        if len(ext) > 1:
            alpha[1] = log_probs[0, ext[1]]
        for t in range(1, len(log_probs)):
            new = np.full(len(ext), -np.inf)
            for s in range(len(ext)):
                terms = [alpha[s]] + ([alpha[s - 1]] if s > 0 else [])
                if s > 1 and ext[s] != 0 and ext[s] != ext[s - 2]:
                    terms.append(alpha[s - 2])
                new[s] = np.logaddexp.reduce(terms) + log_probs[t, ext[s]]
            alpha = new
        out.append(-np.logaddexp(alpha[-1], alpha[-2]) if len(ext) > 1 else -alpha[-1])
    return np.array(out)


def test_against_numpy_and_keras():
    check_loss("CTC", {}, LABELS, LOGITS, np_ctc, fn=losses.ctc)


def test_bad_shapes_name_the_argument():
    with pytest.raises(ValueError, match="y_true"):
        losses.ctc(LABELS[0], LOGITS)
    with pytest.raises(ValueError, match="y_pred"):
        losses.ctc(LABELS, LOGITS[0])


def test_float_labels_are_accepted():
    np.testing.assert_allclose(np_value(losses.CTC(reduction="none")(LABELS.astype("float32"), LOGITS)),
                               np_ctc(LABELS, LOGITS), rtol=1e-4)
