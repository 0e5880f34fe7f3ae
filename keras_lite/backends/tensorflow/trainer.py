"""TensorFlow: steps with a GradientTape, compiled with tf.function (XLA with jit_compile=True)."""
import tensorflow as tf

from keras_lite.backends.common.batch import unpack_x_y_sample_weight


def _batch_size(x):
    import optree

    return tf.shape(optree.tree_leaves(x)[0])[0]


def train_step(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    variables = model.trainable_variables
    with tf.GradientTape() as tape:
        y_pred = model(x, training=True)
        loss = model.compute_loss(x, y, y_pred, sample_weight, training=True)
        scaled = model.optimizer.scale_loss(loss)
    grads = tape.gradient(scaled, [v.value for v in variables])
    model.optimizer.apply(grads, variables)
    model._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
    return model.compute_metrics(x, y, y_pred, sample_weight)


def test_step(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    y_pred = model(x, training=False)
    loss = model.compute_loss(x, y, y_pred, sample_weight, training=False)
    model._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
    return model.compute_metrics(x, y, y_pred, sample_weight)


def predict_step(model, data):
    x, _, _ = unpack_x_y_sample_weight(data)
    return model(x, training=False)


def _compiled(model, step):
    if model.run_eagerly:
        return step
    # AutoGraph would transpile all of keras_lite on the first trace; our control flow is on static values.
    return tf.function(step, jit_compile=model.jit_compile is True, reduce_retracing=True, autograph=False)


def make_train_function(model):
    return _compiled(model, lambda data: model.train_step(data))


def make_test_function(model):
    return _compiled(model, lambda data: model.test_step(data))


def make_predict_function(model):
    return _compiled(model, lambda data: model.predict_step(data))
