"""TensorFlow: a 1-D DeviceMesh is a `tf.distribute.MirroredStrategy` over its devices (a
`MultiWorkerMirroredStrategy` in a multi-process run), weights are mirrored variables, and a step runs
`strategy.run`: each replica computes gradients on its share of the batch, they are averaged with an
all-reduce, and the optimizer and metrics update once, on the whole batch. tf.distribute mirrors every
variable, so layouts that split a variable (ModelParallel) are refused."""
import functools
import json
import os

import tensorflow as tf

from keras_lite.backends.tensorflow import trainer

_AGGREGATIONS = {"sum": tf.VariableAggregation.SUM, "mean": tf.VariableAggregation.MEAN,
                 "only_first_replica": tf.VariableAggregation.ONLY_FIRST_REPLICA,
                 "none": tf.VariableAggregation.MEAN}  # writes in a replica (moving statistics) average


def list_devices(device_type=None):
    kind = (device_type or ("gpu" if tf.config.list_physical_devices("GPU") else "cpu")).upper()
    local = len(tf.config.list_logical_devices(kind))
    return [f"{kind.lower()}:{i}" for i in range(local * num_processes())]


def initialize(job_addresses, num_processes, process_id):
    """Write TF_CONFIG for MultiWorkerMirroredStrategy from the arguments (a TF_CONFIG already set is used
    when they are missing)."""
    if job_addresses is None:
        if "TF_CONFIG" not in os.environ and (num_processes or 1) > 1:
            raise ValueError("initialize: the tensorflow backend needs job_addresses (every worker's host:port) or "
                             "TF_CONFIG to join a multi-process run.")
        return
    workers = job_addresses.split(",")
    if num_processes is not None and num_processes != len(workers):
        raise ValueError(f"initialize: the tensorflow backend needs every worker's address; got {len(workers)} "
                         f"addresses for num_processes={num_processes}.")
    if process_id is None:
        raise ValueError("initialize: the tensorflow backend needs process_id (this worker's index).")
    os.environ["TF_CONFIG"] = json.dumps({"cluster": {"worker": workers},
                                          "task": {"type": "worker", "index": process_id}})


def _tf_config():
    return json.loads(os.environ.get("TF_CONFIG") or "{}")


def num_processes():
    return len(_tf_config().get("cluster", {}).get("worker", [])) or 1


def process_id():
    return int(_tf_config().get("task", {}).get("index", 0))


def backend_mesh(device_mesh):
    if len(device_mesh.shape) != 1:
        raise NotImplementedError(
            f"The tensorflow backend cannot use the {device_mesh.shape} mesh {device_mesh.axis_names}: "
            "tf.distribute mirrors every variable over a 1-D set of replicas, so it runs DataParallel only. "
            "ModelParallel (variables split over a mesh axis) runs on the jax and torch backends.")
    if num_processes() > 1:
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.MirroredStrategy([f"/{name}" for name in device_mesh.devices])


def backend_layout(layout):
    """The strategy: it mirrors whole tensors and hands each replica its slice of a batch split along the
    first dimension; other splits are refused."""
    if any(axis is not None for axis in layout.axes[1:]):
        raise NotImplementedError(f"The tensorflow backend cannot split a tensor as {layout.axes}: tf.distribute "
                                  "mirrors variables whole on every replica and splits batches only.")
    return layout.device_mesh.backend_mesh


def distribute_tensor(tensor, layout):
    """The tensor itself when replicated; split along the batch, a PerReplica value (what `strategy.run`
    takes) holding each replica's slice."""
    strategy = layout.backend_layout
    tensor = tf.convert_to_tensor(tensor)
    if layout.is_replicated:
        return tensor
    parts = strategy.num_replicas_in_sync
    return strategy.experimental_distribute_values_from_function(
        lambda context: tf.split(tensor, parts)[context.replica_id_in_sync_group])


def distribute_variable(variable, layout):
    """Recreate the variable's tf.Variable inside the strategy's scope: a mirrored variable, one copy per
    replica (in a multi-worker run, worker 0's value)."""
    if not layout.is_replicated:
        raise NotImplementedError(f"The tensorflow backend cannot split variable {variable.path!r} as "
                                  f"{layout.axes}: tf.distribute mirrors every variable whole on each replica.")
    strategy = layout.backend_layout
    if isinstance(variable._value, tf.distribute.DistributedValues):
        return
    with strategy.scope():
        variable._value = tf.Variable(variable._value.read_value(), trainable=variable.trainable,
                                      name=variable.name, aggregation=_AGGREGATIONS[variable.aggregation])


def make_distributed_function(model, kind, distribution):
    if kind != "predict" and getattr(type(model), f"{kind}_step").__qualname__ != f"Trainer.{kind}_step":
        raise NotImplementedError(
            f"The tensorflow backend cannot distribute the custom {kind}_step of {type(model).__name__}: under a "
            "distribution it runs its own step (each replica computes gradients on its share of the batch, the "
            "update is made once). Use the jax or torch backend, or no distribution.")
    strategy = distribution.device_mesh.backend_mesh
    share = strategy.num_replicas_in_sync
    whole_batch_here = distribution.auto_shard_dataset or num_processes() == 1
    if not whole_batch_here:
        share //= num_processes()
    step = {"train": _train_step, "test": _test_step, "predict": _predict_step}[kind]
    compiled = {}

    def run_one(data):
        size = tf.nest.flatten(data)[0].shape[0]
        parts = share if size % share == 0 else 1  # a batch that does not split runs whole on every replica
        if parts not in compiled:
            compiled[parts] = tf.function(functools.partial(step, model, strategy, parts, whole_batch_here),
                                          jit_compile=model.jit_compile is True, autograph=False)
        return compiled[parts](data)

    if kind == "predict":
        return lambda group: trainer._joined([run_one(data) for data in group])
    return lambda group: [run_one(data) for data in group][-1]


def _train_step(model, strategy, parts, whole_batch_here, data):
    missing = []  # which variables get no gradient (known while tracing)

    def replica(data):
        share = _share(data, parts)
        grads, loss, y_pred = trainer._gradients(model, share)
        missing[:] = [g is None for g in grads]
        reduced = tf.distribute.get_replica_context().all_reduce(
            tf.distribute.ReduceOp.MEAN, [tf.convert_to_tensor(g) for g in grads if g is not None] + [loss])
        return reduced, y_pred, share

    reduced, y_pred, shares = strategy.run(replica, args=(data,))
    reduced = [strategy.experimental_local_results(value)[0] for value in reduced]
    present = iter(reduced[:-1])
    model.optimizer.apply([None if absent else next(present) for absent in missing], model.trainable_variables)
    return trainer._measure(model, data if whole_batch_here else _whole(strategy, shares, parts), reduced[-1],
                            _whole(strategy, y_pred, parts))


def _test_step(model, strategy, parts, whole_batch_here, data):
    def replica(data):
        share = _share(data, parts)
        loss, y_pred = trainer._loss(model, share)
        return tf.distribute.get_replica_context().all_reduce(tf.distribute.ReduceOp.MEAN, loss), y_pred, share

    loss, y_pred, shares = strategy.run(replica, args=(data,))
    return trainer._measure(model, data if whole_batch_here else _whole(strategy, shares, parts),
                            strategy.experimental_local_results(loss)[0], _whole(strategy, y_pred, parts))


def _predict_step(model, strategy, parts, whole_batch_here, data):
    return _whole(strategy, strategy.run(lambda d: model.predict_step(_share(d, parts)), args=(data,)), parts)


def _share(data, parts):
    """This replica's slice of the batch (of the process's batch with auto_shard_dataset=False)."""
    if parts == 1:
        return data
    index = tf.distribute.get_replica_context().replica_id_in_sync_group % parts

    def cut(t):
        if t is None:
            return None
        size = t.shape[0] // parts
        return t[index * size:(index + 1) * size]

    return tf.nest.map_structure(cut, data)


def _whole(strategy, per_replica, parts):
    """The replicas' results joined along the batch, or, when each ran the whole batch, the first's."""
    if parts == 1:
        return tf.nest.map_structure(lambda v: strategy.experimental_local_results(v)[0], per_replica)
    return strategy.gather(per_replica, axis=0)
