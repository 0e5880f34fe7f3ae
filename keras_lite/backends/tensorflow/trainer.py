"""TensorFlow: steps with a GradientTape, compiled with tf.function (XLA with jit_compile=True)."""
import tensorflow as tf

from keras_lite.backends.common.batch import unpack_x_y_sample_weight


def _batch_size(x):
    import optree

    return tf.shape(optree.tree_leaves(x)[0])[0]


# train_step and test_step are each made of two halves so that, under keras_lite.distribution
# (backends/tensorflow/distribution.py), every replica runs the first on its share of the batch and the
# second runs once, on the whole batch, with the replicas' results.

def train_step(model, data):
    grads, loss, y_pred = _gradients(model, data)
    model.optimizer.apply(grads, model.trainable_variables)
    return _measure(model, data, loss, y_pred)


def test_step(model, data):
    loss, y_pred = _loss(model, data)
    return _measure(model, data, loss, y_pred)


def _gradients(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    with tf.GradientTape() as tape:
        y_pred = model(x, training=True)
        loss = model.compute_loss(x, y, y_pred, sample_weight, training=True)
        scaled = model.optimizer.scale_loss(loss)
    return tape.gradient(scaled, [v.value for v in model.trainable_variables]), loss, y_pred


def _loss(model, data):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    y_pred = model(x, training=False)
    return model.compute_loss(x, y, y_pred, sample_weight, training=False), y_pred


def _measure(model, data, loss, y_pred):
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    model._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
    return model.compute_metrics(x, y, y_pred, sample_weight)


def predict_step(model, data):
    x, _, _ = unpack_x_y_sample_weight(data)
    return model(x, training=False)


def _compiled(model, fn):
    # AutoGraph would transpile all of keras_lite on the first trace; our control flow is on static values.
    return tf.function(fn, jit_compile=model.jit_compile is True, reduce_retracing=True, autograph=False)


def _stacked(group):
    return tf.nest.map_structure(lambda *parts: tf.stack(parts), *group)


def _loop(step):
    """Several steps in one graph: the first step, then a `tf.while_loop` over the rest of the stacked
    batches (variables are updated in place, so only the logs are carried); the last step's logs."""
    def run(stacked):
        count = tf.shape(tf.nest.flatten(stacked)[0])[0]
        logs = step(tf.nest.map_structure(lambda t: t[0], stacked))

        def body(i, _):
            return i + 1, step(tf.nest.map_structure(lambda t: t[i], stacked))

        return tf.while_loop(lambda i, _: i < count, body, (tf.constant(1), logs))[1]

    return run


def _map(step):
    """Several prediction steps in one graph, their outputs joined along the batch axis."""
    def run(stacked):
        first = step(tf.nest.map_structure(lambda t: t[0], stacked))
        signature = tf.nest.map_structure(lambda t: tf.TensorSpec(t.shape, t.dtype), first)
        rest = tf.map_fn(step, tf.nest.map_structure(lambda t: t[1:], stacked), fn_output_signature=signature)
        return tf.nest.map_structure(
            lambda head, tail: tf.concat([head, tf.reshape(tail, tf.concat([[-1], tf.shape(head)[1:]], 0))], 0),
            first, rest)

    return run


def _last(results):
    return results[-1]


def _joined(results):
    return tf.nest.map_structure(lambda *parts: tf.concat(parts, 0), *results)


def _runner(model, step, many, finish):
    """Run a group of batches (one execution): one by one when running eagerly, else compiled, several
    batches in one call."""
    one, many = _compiled(model, step), _compiled(model, many(step))

    def run(group):
        if model.run_eagerly:
            return finish([step(data) for data in group])
        return one(group[0]) if len(group) == 1 else many(_stacked(group))

    return run


def make_train_function(model):
    return _runner(model, lambda data: model.train_step(data), _loop, _last)


def make_test_function(model):
    return _runner(model, lambda data: model.test_step(data), _loop, _last)


def make_predict_function(model):
    return _runner(model, lambda data: model.predict_step(data), _map, _joined)
