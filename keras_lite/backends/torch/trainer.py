"""PyTorch: eager steps with autograd (`jit_compile=True` compiles the step with torch.compile)."""
import optree
import torch

from keras_lite.backends.common.batch import unpack_x_y_sample_weight


def _batch_size(x):
    return optree.tree_leaves(x)[0].shape[0]


def train_step(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    y_pred = model(x, training=True)
    loss = model.compute_loss(x, y, y_pred, sample_weight, training=True)
    variables = model.trainable_variables
    params = [v.value for v in variables]
    for p in params:
        p.grad = None
    model.optimizer.scale_loss(loss).backward()
    grads = [p.grad for p in params]
    with torch.no_grad():
        model.optimizer.apply(grads, variables)
        model._loss_tracker.update_state(loss.detach(), sample_weight=_batch_size(x))
        return model.compute_metrics(x, y, y_pred.detach() if torch.is_tensor(y_pred) else y_pred, sample_weight)


def test_step(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    with torch.no_grad():
        y_pred = model(x, training=False)
        loss = model.compute_loss(x, y, y_pred, sample_weight, training=False)
        model._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return model.compute_metrics(x, y, y_pred, sample_weight)


def predict_step(model, data):
    x, _, _ = unpack_x_y_sample_weight(data)
    with torch.no_grad():
        return model(x, training=False)


def _runner(model, step, finish):
    """Run a group of batches (one execution) step by step: torch has no multi-step graph to gain from;
    `jit_compile=True` compiles the single step with torch.compile."""
    compiled = torch.compile(step) if model.jit_compile is True and not model.run_eagerly else step

    def run(group):
        return finish([compiled(data) for data in group])

    return run


def _last(results):
    return results[-1]


def _joined(results):
    return results[0] if len(results) == 1 else optree.tree_map(lambda *parts: torch.cat(parts), *results)


def make_train_function(model):
    return _runner(model, lambda data: model.train_step(data), _last)


def make_test_function(model):
    return _runner(model, lambda data: model.test_step(data), _last)


def make_predict_function(model):
    return _runner(model, lambda data: model.predict_step(data), _joined)
