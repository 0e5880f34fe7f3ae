"""NumPy: evaluation and prediction only (no gradients, so no training)."""
import numpy as np
import optree

from keras_lite.backends.common.batch import unpack_x_y_sample_weight


def _batch_size(x):
    return optree.tree_leaves(x)[0].shape[0]


def train_step(model, data):
    raise NotImplementedError("The numpy backend cannot train (train_step/fit): it runs inference only. "
                              "Use KERAS_BACKEND=jax, torch or tensorflow to train.")


def test_step(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    y_pred = model(x, training=False)
    loss = model.compute_loss(x, y, y_pred, sample_weight, training=False)
    model._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
    return model.compute_metrics(x, y, y_pred, sample_weight)


def predict_step(model, data):
    x, _, _ = unpack_x_y_sample_weight(data)
    return model(x, training=False)


def _last(results):
    return results[-1]


def _joined(results):
    return results[0] if len(results) == 1 else optree.tree_map(lambda *parts: np.concatenate(parts), *results)


def make_train_function(model):
    return lambda group: _last([model.train_step(data) for data in group])


def make_test_function(model):
    return lambda group: _last([model.test_step(data) for data in group])


def make_predict_function(model):
    return lambda group: _joined([model.predict_step(data) for data in group])
