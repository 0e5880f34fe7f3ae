"""JAX: a DeviceMesh is a `jax.sharding.Mesh`, a layout a `NamedSharding`; multi-host runs join through
`jax.distributed`. Compiled steps take global sharded arrays, so XLA itself adds the collectives that
average gradients and sum metrics across the replicas."""
import jax
import numpy as np
from jax.sharding import Mesh, NamedSharding, PartitionSpec

from keras_lite.backends.jax import trainer


def list_devices(device_type=None):
    try:
        devices = jax.devices(device_type) if device_type else jax.devices()
    except RuntimeError:  # no such platform here
        return []
    return [f"{d.platform}:{d.id}" for d in devices]


def initialize(job_addresses, num_processes, process_id):
    coordinator = job_addresses.split(",")[0] if job_addresses else None
    jax.distributed.initialize(coordinator_address=coordinator, num_processes=num_processes, process_id=process_id)


def num_processes():
    return jax.process_count()


def process_id():
    return jax.process_index()


def backend_mesh(device_mesh):
    by_name = {f"{d.platform}:{d.id}": d for kind in {n.split(":")[0] for n in device_mesh.devices.flat}
               for d in jax.devices(kind)}
    devices = np.array([by_name[name] for name in device_mesh.devices.flat]).reshape(device_mesh.shape)
    return Mesh(devices, tuple(device_mesh.axis_names))


def backend_layout(layout):
    return NamedSharding(layout.device_mesh.backend_mesh, PartitionSpec(*layout.axes))


def distribute_tensor(tensor, layout):
    if isinstance(tensor, jax.core.Tracer):
        return jax.lax.with_sharding_constraint(tensor, layout.backend_layout)
    return _global_array(tensor, layout.backend_layout)


def distribute_variable(variable, layout):
    """Place the variable's value on the mesh (in a multi-host run, process 0's value)."""
    value = variable._value
    if jax.process_count() > 1:
        from jax.experimental import multihost_utils

        value = multihost_utils.broadcast_one_to_all(np.asarray(value))
    variable._direct_assign(_global_array(value, layout.backend_layout))


def make_distributed_function(model, kind, distribution):
    placement = _Placement(distribution)
    if kind == "predict":
        return trainer._predict_runner(model, placement)
    return trainer._stateful_runner(model, lambda state, data: getattr(model, f"{kind}_step")(state, data),
                                    lambda: trainer._groups(model, training=kind == "train"), placement)


def _global_array(value, sharding):
    if jax.process_count() == 1:
        return jax.device_put(value, sharding)
    host = np.asarray(value)
    return jax.make_array_from_callback(host.shape, sharding, lambda index: host[index])


class _Placement:
    """What a distributed step adds: batches laid out on the mesh, each variable's layout kept through the
    step, and (multi-host) predictions gathered to every process."""

    def __init__(self, distribution):
        self._distribution = distribution
        self._mesh = distribution.device_mesh.backend_mesh

    def place_batches(self, group):
        return [jax.tree_util.tree_map(self._place_leaf, batch) for batch in group]

    def _place_leaf(self, leaf):
        leaf = np.asarray(leaf)
        dist = self._distribution
        if leaf.ndim and leaf.shape[0] % dist.num_replicas == 0:
            sharding = dist.get_data_layout(leaf.shape).backend_layout
        elif dist.auto_shard_dataset or jax.process_count() == 1:
            # a batch that does not split: every replica runs it whole
            sharding = NamedSharding(self._mesh, PartitionSpec())
        else:
            raise ValueError(f"A batch of {leaf.shape[0]} samples cannot be split over {dist.num_replicas} replicas, "
                             "and with auto_shard_dataset=False each process holds only its own share.")
        if dist.auto_shard_dataset or jax.process_count() == 1:
            return _global_array(leaf, sharding)
        return jax.make_array_from_process_local_data(sharding, leaf)

    def keep_layouts(self, step, groups_of):
        """`step` whose new state keeps each variable's layout (XLA could otherwise pick another)."""
        def constrained(state, data):
            logs, new_state = step(state, data)
            new_state = tuple([jax.lax.with_sharding_constraint(value, self._sharding_of(variable))
                               for variable, value in zip(variables, values)]
                              for variables, values in zip(groups_of(), new_state))
            return logs, new_state

        return constrained

    def _sharding_of(self, variable):
        if variable.layout is None:
            return NamedSharding(self._mesh, PartitionSpec())
        return variable.layout.backend_layout

    def fetch(self, outputs):
        if jax.process_count() == 1:
            return outputs
        from jax.experimental import multihost_utils

        return multihost_utils.process_allgather(outputs, tiled=True)
