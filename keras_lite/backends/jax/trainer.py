"""JAX: the train/test/predict steps as pure functions of the state, compiled with jax.jit.

State is (trainable, non-trainable, optimizer, metrics) values. A user's
`train_step(self, state, data)` override returns (logs, new state), as in Keras.
"""
import jax
import jax.numpy as jnp

from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.backends.common.batch import unpack_x_y_sample_weight


def _groups(model, training):
    groups = [model.trainable_variables, model.non_trainable_variables_and_state]
    if training:
        groups.append(model.optimizer.variables)
    groups.append(model.metrics_variables)
    return groups


def _batch_size(x):
    return jax.tree_util.tree_leaves(x)[0].shape[0]


def train_step(model, state, data):
    trainable, non_trainable, optimizer_values, metric_values = state
    x, y, sample_weight = unpack_x_y_sample_weight(data)

    def loss_fn(trainable_values):
        mapping = list(zip(model.trainable_variables, trainable_values)) + list(
            zip(model.non_trainable_variables_and_state, non_trainable))
        mapping += list(zip(model.optimizer.variables, optimizer_values))  # the loss scale, if any
        with StatelessScope(state_mapping=mapping) as scope:
            y_pred = model(x, training=True)
            loss = model.compute_loss(x, y, y_pred, sample_weight, training=True)
            scaled = model.optimizer.scale_loss(loss)
        return scaled, (y_pred, loss, [scope.get_current_value(v) for v in model.non_trainable_variables_and_state])

    (_, (y_pred, loss, non_trainable)), grads = jax.value_and_grad(loss_fn, has_aux=True)(trainable)
    trainable, optimizer_values = model.optimizer.stateless_apply(optimizer_values, grads, trainable)
    logs, metric_values = _metrics(model, metric_values, loss, x, y, y_pred, sample_weight)
    return logs, (trainable, non_trainable, optimizer_values, metric_values)


def test_step(model, state, data):
    trainable, non_trainable, metric_values = state
    x, y, sample_weight = unpack_x_y_sample_weight(data)
    mapping = list(zip(model.trainable_variables, trainable)) + list(
        zip(model.non_trainable_variables_and_state, non_trainable))
    with StatelessScope(state_mapping=mapping) as scope:
        y_pred = model(x, training=False)
        loss = model.compute_loss(x, y, y_pred, sample_weight, training=False)
    non_trainable = [scope.get_current_value(v) for v in model.non_trainable_variables_and_state]
    logs, metric_values = _metrics(model, metric_values, loss, x, y, y_pred, sample_weight)
    return logs, (trainable, non_trainable, metric_values)


def predict_step(model, state, data):
    trainable, non_trainable = state
    x, _, _ = unpack_x_y_sample_weight(data)
    outputs, _ = model.stateless_call(trainable, non_trainable, x, training=False)
    return outputs


def _metrics(model, metric_values, loss, x, y, y_pred, sample_weight):
    with StatelessScope(state_mapping=list(zip(model.metrics_variables, metric_values))) as scope:
        model._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        logs = model.compute_metrics(x, y, y_pred, sample_weight)
    return logs, [scope.get_current_value(v) for v in model.metrics_variables]


def _stacked(group):
    return jax.tree_util.tree_map(lambda *parts: jnp.stack(parts), *group)


def _scan(step):
    """Several steps as one function: a `lax.scan` of `step` over batches stacked on a new leading axis,
    returning the last step's logs."""
    def run(state, stacked):
        state, logs = jax.lax.scan(lambda carry, data: step(carry, data)[::-1], state, stacked)
        return jax.tree_util.tree_map(lambda history: history[-1], logs), state

    return run


def _stateful_runner(model, step, groups_of, placement=None):
    """Run a group of batches (one execution) on the variables' values and write the new values back.

    `placement` comes from keras_lite.distribution (backends/jax/distribution.py): it lays the batches
    out on the mesh and keeps each variable's layout through the step. Without it the step is as is."""
    if placement is not None:
        step = placement.keep_layouts(step, groups_of)
    one = jax.jit(step, donate_argnums=0)
    many = jax.jit(_scan(step), donate_argnums=0)

    current_groups = _once_per_loop(model, groups_of)

    def run(group):
        groups = current_groups()
        state = tuple([v._value for v in g] for g in groups)  # not `.value`: no scope applies here
        if model.run_eagerly:
            for data in group:
                logs, state = step(state, data)
        elif len(group) == 1:
            logs, state = one(state, group[0])
        else:
            logs, state = many(state, _stacked(group))
        _write_back(groups, state)
        return logs

    return run if placement is None else lambda group: run(placement.place_batches(group))


def _once_per_loop(model, groups_of):
    """`groups_of()`, recomputed only when the trainer starts a new fit/evaluate/predict call (it renews
    `_state_token` for each): collecting the variables walks every layer, too slow to do per step."""
    cache = {"token": None}

    def current():
        token = getattr(model, "_state_token", None)
        if token is None or cache["token"] is not token:
            cache["groups"], cache["token"] = groups_of(), token
        return cache["groups"]

    return current


def _write_back(groups, values):
    for variables, new_values in zip(groups, values):
        for variable, value in zip(variables, new_values):
            variable._direct_assign(value)


def make_train_function(model):
    return _stateful_runner(model, lambda state, data: model.train_step(state, data),
                            lambda: _groups(model, training=True))


def make_test_function(model):
    return _stateful_runner(model, lambda state, data: model.test_step(state, data),
                            lambda: _groups(model, training=False))


def make_predict_function(model):
    return _predict_runner(model)


def _predict_runner(model, placement=None):
    """`placement`: as in `_stateful_runner` (batches laid out on the mesh, predictions fetched)."""
    step = lambda state, data: model.predict_step(state, data)  # noqa: E731
    one = jax.jit(step)
    many = jax.jit(lambda state, stacked: jax.lax.map(lambda data: step(state, data), stacked))
    current_groups = _once_per_loop(model, lambda: (model.trainable_variables,
                                                    model.non_trainable_variables_and_state))

    def run(group):
        state = tuple([v._value for v in g] for g in current_groups())
        if model.run_eagerly:
            outputs = [step(state, data) for data in group]
            return jax.tree_util.tree_map(lambda *parts: jnp.concatenate(parts), *outputs)
        if len(group) == 1:
            return one(state, group[0])
        stacked = many(state, _stacked(group))
        return jax.tree_util.tree_map(lambda t: t.reshape((-1,) + t.shape[2:]), stacked)

    return run if placement is None else lambda group: placement.fetch(run(placement.place_batches(group)))
